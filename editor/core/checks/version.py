"""What the checks' findings depend on, as one hash: the stored findings are reused only under it.

A finding depends on more than ``core/checks/*.py``: the checks import the citation
grammar, the section splitter, image references, reference completeness and more from
``editor/core``, and read word lists from ``resources/``. :func:`checks_version` hashes
every module the check package reaches through its imports inside ``editor.core``
(read from the source, so the answer is the same in every process whatever else it
imported; imports only for type checking are left out, as they never run), and every
data file under each ``resources/`` folder those modules name (``resource("checks", …)``).
A built bundle keeps no source files: its version and build stand for the code.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import editor
from editor.core.foundation.build_info import build_info
from editor.core.foundation.paths import resources_dir

ROOT_PACKAGE = "editor.core.checks"
_RESOURCE_CALL = re.compile(r"""\bresource\(\s*["']([^"'\\]+)["']""")
WITHIN = "editor.core"


@cache
def checks_version() -> str:
    """A hash of the check code, the code it imports inside ``editor.core``, and the data they read."""
    return version_of(Path(editor.__file__).resolve().parent, resources_dir())


def version_of(package: Path, resources: Path) -> str:
    """:func:`checks_version` for the ``editor`` package at ``package`` and its ``resources`` folder."""
    digest = hashlib.sha256()
    sources = _module_sources(package)
    if not sources:  # a built bundle keeps no source files: its build stands for the code
        info = build_info()
        digest.update(f"{info.version} {info.build}".encode())
    for name, (_path, data) in sorted(sources.items()):
        _add(digest, name, data)
    for path in _files_under(_folders_named(data for _path, data in sources.values()), resources):
        _add(digest, path.relative_to(resources).as_posix(), path.read_bytes())
    return digest.hexdigest()[:20]


def check_modules(package: Path) -> dict[str, Path]:
    """Module name → source file, for the check package and everything inside ``editor.core`` it imports
    (``package`` is the ``editor`` package's folder)."""
    return {name: path for name, (path, _data) in _module_sources(package).items()}


def data_files(sources: Iterable[Path], resources: Path) -> list[Path]:
    """Every file under ``resources/checks`` and the other ``resources`` folders the given modules open by
    name (``resource("folder", …)`` anywhere in their source: a mention in a comment counts too, which
    only ever adds a folder)."""
    return _files_under(_folders_named(path.read_bytes() for path in sources), resources)


def _module_sources(package: Path) -> dict[str, tuple[Path, bytes]]:
    """:func:`check_modules` with each module's source, read once for its imports, its resource folders
    and the hash."""
    found: dict[str, tuple[Path, bytes]] = {}
    waiting = [name for name, _ in _package_modules(package, ROOT_PACKAGE)]
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        path = _source(package, name)
        if path is None:
            continue
        data = path.read_bytes()
        found[name] = (path, data)
        waiting.extend(imported for imported in _imports(name, path, data) if imported not in found)
    return found


def _folders_named(sources: Iterable[bytes]) -> set[str]:
    folders = {"checks"}
    for data in sources:
        folders.update(_RESOURCE_CALL.findall(data.decode("utf-8")))
    return folders


def _files_under(folders: set[str], resources: Path) -> list[Path]:
    files: list[Path] = []
    for folder in sorted(folders):
        place = resources / folder
        files.extend(sorted(p for p in place.rglob("*") if p.is_file()) if place.is_dir() else
                     [place] if place.is_file() else [])
    return files


def _add(digest: Any, name: str, data: bytes) -> None:
    digest.update(f"{name}\0{len(data)}\0".encode())
    digest.update(data)


def _source(package: Path, name: str) -> Path | None:
    """The ``.py`` file of module ``name`` (a package's ``__init__.py``), or None when there is none."""
    base = package.joinpath(*name.split(".")[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _package_modules(package: Path, name: str) -> Iterator[tuple[str, Path]]:
    path = _source(package, name)
    if path is None:
        return
    yield name, path
    if path.name == "__init__.py":
        for child in sorted(path.parent.glob("*.py")):
            if child.name != "__init__.py":
                yield f"{name}.{child.stem}", child


def _imports(name: str, path: Path, source: bytes) -> Iterator[str]:
    """The modules inside ``editor.core`` that module ``name`` (``source``, read from ``path``) imports when
    it runs (and their packages)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in _running_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(package, node.module, node.level)
            # ``from editor.core.x import y`` may name a module y or a name in x: both are tried
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for target in targets:
            if target == WITHIN or target.startswith(WITHIN + "."):
                yield from _with_parents(target)


def _with_parents(name: str) -> Iterator[str]:
    """``editor.core.a.b`` and the packages it runs on import: ``editor.core.a`` (``editor.core`` itself too)."""
    parts = name.split(".")
    for end in range(2, len(parts) + 1):
        yield ".".join(parts[:end])


def _resolve(package: str, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    base = package.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _running_nodes(tree: ast.Module) -> Iterator[ast.stmt]:
    """Every statement at any depth (an import is a statement) except those under ``if TYPE_CHECKING:``
    (imports for the type checker only). Expressions are not visited: they hold no statements, and
    they are most of a module's nodes."""
    stack: list[ast.stmt] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        for field in ("body", "orelse", "finalbody"):
            stack.extend(getattr(node, field, ()))
        for handler in getattr(node, "handlers", ()):
            stack.extend(handler.body)
        for case in getattr(node, "cases", ()):
            stack.extend(case.body)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")
