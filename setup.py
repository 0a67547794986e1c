"""Packaging glue that pyproject.toml cannot express: ship the top-level resources/
folder inside the package as ``editor/resources`` so an installed copy finds it."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources"],
    package_dir={"editor.resources": "resources"},
    package_data={"editor.resources": ["**/*"]},
)
