"""An installed copy must find all its code and resources (setup.py lists packages by __init__.py)."""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import editor
from editor.core.foundation.paths import resources_dir

PACKAGE = Path(editor.__file__).parent


def test_every_code_folder_is_a_package():
    folders = {path.parent for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}
    assert [str(f.relative_to(PACKAGE)) for f in sorted(folders) if not (f / "__init__.py").exists()] == []


def test_code_reaches_resources_only_through_editor_core_paths():
    offenders = [
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if path.name != "paths.py" and "parents[" in path.read_text(encoding="utf-8")
        and '"resources"' in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_bundled_resources_are_present():
    root = resources_dir()
    for needed in ("templates", "css", "preview", "sample", "dictionaries", "checks"):
        assert any((root / needed).iterdir()), needed


# --- every distribution editor/ imports is declared ------------------------------------------------

PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"
LOWER_BOUND_OPERATORS = {">=", ">", "==", "~=", "==="}


def _imported_top_level_modules() -> dict[str, str]:
    """Top-level names of every absolute import in editor/, each with one file that imports it."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], str(path.relative_to(PACKAGE.parent)))
    return found


def _declared_requirements() -> dict[str, list[Requirement]]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    declared: dict[str, list[Requirement]] = {}
    for line in project["dependencies"]:
        requirement = Requirement(line)
        declared.setdefault(canonicalize_name(requirement.name), []).append(requirement)
    return declared


def test_every_distribution_editor_imports_is_declared_with_a_lower_bound():
    declared = _declared_requirements()
    providers = importlib.metadata.packages_distributions()
    own = canonicalize_name(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["name"])
    undeclared = []
    for module, where in _imported_top_level_modules().items():
        if module in sys.stdlib_module_names or module == "editor" or module == "__future__":
            continue
        distributions = {canonicalize_name(name) for name in providers.get(module, [])} - {own}
        if not distributions:
            undeclared.append(f"{module} (imported in {where}) comes from no installed distribution")
        elif not distributions & declared.keys():
            undeclared.append(f"{module} (imported in {where}) comes from {sorted(distributions)}, not declared")
    assert undeclared == []
    assert [name for name, reqs in declared.items() if len(reqs) > 1 and not all(r.marker for r in reqs)] == []
    unbounded = [
        str(req) for reqs in declared.values() for req in reqs
        if not any(spec.operator in LOWER_BOUND_OPERATORS for spec in req.specifier)
    ]
    assert unbounded == []


def test_the_split_out_lxml_html_cleaner_is_declared():
    """lxml 5.2+ ships lxml.html.clean separately; trafilatura (through jusText) cannot import without it."""
    declared = _declared_requirements()
    assert "lxml-html-clean" in declared or any("html-clean" in {canonicalize_name(e) for e in req.extras}
                                                for req in declared.get("lxml", []))
    import lxml.html.clean  # noqa: F401


def test_no_test_imports_a_conftest_module():
    """Several folders have a conftest.py; ``from conftest import`` gets whichever was imported last."""
    tests = Path(__file__).parent
    offenders = [
        str(path.relative_to(tests)) for path in tests.rglob("*.py")
        if any(
            (isinstance(node, ast.ImportFrom) and node.module == "conftest")
            or (isinstance(node, ast.Import) and any(alias.name == "conftest" for alias in node.names))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert offenders == []


# --- the built wheel works in a fresh venv ---------------------------------------------------------

INSTALL_DATA = Path(__file__).parent / "_data" / "install"
IMPORT_EVERY_MODULE = """
import importlib, pkgutil, sys
import editor
failed = []
imported = ["editor"]
for module in pkgutil.walk_packages(editor.__path__, "editor."):
    if module.name == "editor.__main__":  # importing it runs the program; tested through python -m editor
        continue
    try:
        importlib.import_module(module.name)
        imported.append(module.name)
    except Exception as error:  # report every module, not only the first
        failed.append(f"{module.name}: {type(error).__name__}: {error}")
print(editor.__file__)
print(" ".join(imported))
print("\\n".join(failed), file=sys.stderr)
sys.exit(1 if failed else 0)
"""


def _run(command: list[str], *, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The wheel built from a copy of the source tree, installed (with its dependencies only) in a new venv."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(
        PYPROJECT.parent, source,
        ignore=shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", "tests",
                                      "benchmarks", ".ruff_cache", ".mypy_cache", ".pytest_cache"),
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", PIP_DISABLE_PIP_VERSION_CHECK="1", HOME=str(work / "home"),
               XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"))
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], env=env, cwd=work)
    python = str(venv / "bin" / "python")
    _run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)],
         env=env, cwd=work)
    (wheel,) = (work / "dist").glob("postwright-*.whl")
    _run([python, "-m", "pip", "install", "--quiet", str(wheel)], env=env, cwd=work)
    return venv, env


@pytest.mark.slow
@pytest.mark.timeout(600)  # the first one builds and installs the wheel (about a minute)
def test_installed_wheel_has_consistent_dependencies(installed_venv: tuple[Path, dict[str, str]]):
    venv, env = installed_venv
    _run([str(venv / "bin" / "python"), "-m", "pip", "check"], env=env, cwd=venv)


@pytest.mark.slow
@pytest.mark.timeout(600)  # the first one builds and installs the wheel (about a minute)
def test_installed_wheel_imports_every_module(installed_venv: tuple[Path, dict[str, str]]):
    venv, env = installed_venv
    result = _run([str(venv / "bin" / "python"), "-c", IMPORT_EVERY_MODULE], env=env, cwd=venv)
    location, imported = result.stdout.splitlines()
    assert Path(location).is_relative_to(venv)  # the installed copy, not the source tree
    in_source = {
        ".".join(("editor", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
    }
    assert set(imported.split()) == in_source - {"editor.__main__"}
    version = _run([str(venv / "bin" / "python"), "-m", "editor", "--version"], env=env, cwd=venv).stdout
    assert version.strip() == f"Postwright {editor.__version__}"


@pytest.mark.slow
@pytest.mark.timeout(600)  # the first one builds and installs the wheel (about a minute)
def test_installed_cli_imports_a_saved_page_a_word_document_and_markdown(
    installed_venv: tuple[Path, dict[str, str]], tmp_path: Path
):
    venv, env = installed_venv
    cli = str(venv / "bin" / "postwright-cli")
    library = str(tmp_path / "library.postwright")
    files = [INSTALL_DATA / name for name in ("does-weight-come-back.html", "does-weight-come-back.docx",
                                              "sleep-and-weight.md")]
    def listed() -> dict[str, str]:
        result = _run([cli, "--library", library, "--json", "list"], env=env, cwd=tmp_path)
        return {post["slug"]: post["title"] for post in json.loads(result.stdout)}

    _run([cli, "new-library", library, "--with-sample"], env=env, cwd=tmp_path)
    before = listed()  # the new library starts with the sample post
    for path in files:
        # The page and the Word file hold the same article: --as-new keeps both as posts.
        _run([cli, "--library", library, "import", "--as-new", str(path)], env=env, cwd=tmp_path)
    imported = sorted(title for slug, title in listed().items() if slug not in before)
    assert imported == [
        "Does Weight Come Back After Semaglutide? What the Research Says",
        "Does Weight Come Back After Semaglutide? What the Research Says",
        "Sleep Less, Weigh More? How Sleep Shapes Appetite",
    ]
