"""An installed copy must find all its code and resources (setup.py lists packages by __init__.py)."""

from __future__ import annotations

from pathlib import Path

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
