"""Rooms depend on each other in one direction: every import, lazy or for typing, counts."""

from __future__ import annotations

import ast
from pathlib import Path

import editor

CORE = Path(editor.__file__).parent / "core"


def _imports(room: str) -> dict[str, set[str]]:
    """``{module file: {imported editor.core room}}`` for every import statement in ``room``."""
    found: dict[str, set[str]] = {}
    for path in (CORE / room).rglob("*.py"):
        rooms = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                parts = name.split(".")
                if parts[:2] == ["editor", "core"] and len(parts) > 2 and parts[2] != room:
                    rooms.add(parts[2])
        found[str(path.relative_to(CORE))] = rooms
    return found


def test_render_takes_what_it_renders_and_never_reaches_into_the_library() -> None:
    allowed = {"foundation", "post", "media"}
    offenders = {name: rooms - allowed for name, rooms in _imports("render").items() if rooms - allowed}
    assert offenders == {}


def test_references_never_import_the_library() -> None:
    assert {name for name, rooms in _imports("references").items() if "library" in rooms} == set()


def test_only_the_libraries_composition_root_imports_the_reference_store() -> None:
    importers = {name for name, rooms in _imports("library").items() if "references" in rooms}
    assert importers == {"library/__init__.py"}
