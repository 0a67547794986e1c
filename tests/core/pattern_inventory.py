"""Every regular expression the ``editor`` package uses, collected without a hand-kept list.

Three sources, merged (a pattern is its text and flags):

- the source: every string literal (or implicit concatenation of literals) passed first to a
  ``re`` function (``re.compile``, ``re.search``…) anywhere under ``editor/``;
- the modules: every ``re.Pattern`` reachable from an imported module's globals or class
  attributes (inside tuples, lists, dicts and sets too), which catches patterns assembled
  from pieces (f-strings, word lists) at import time, and the patterns returned by the
  cached zero-argument builders of ``editor.core`` (``_word_pattern()``, ``_clinical()``);
- a run: ``re._compile`` recorded while the checks run on sample posts, which catches the
  patterns built inside functions.

Each pattern keeps one place it came from, for the test's failure messages.
"""

from __future__ import annotations

import ast
import functools
import importlib
import pkgutil
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ROOT / "editor"
_RE_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn"})
_FLAG_POSITION = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3,
                  "sub": 4, "subn": 4}
_FLAG_NAMES = {"I": re.I, "IGNORECASE": re.I, "M": re.M, "MULTILINE": re.M, "S": re.S, "DOTALL": re.S,
               "X": re.X, "VERBOSE": re.X, "A": re.A, "ASCII": re.A}


@dataclass(frozen=True)
class FoundPattern:
    pattern: str
    flags: int
    where: str  # "editor/core/checks/claims.py:42" or "editor.core.checks.regulatory._BODY"

    @property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern, self.flags)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if left is not None and right is not None else None
    return None


def _flags(node: ast.expr | None) -> int | None:
    if node is None:
        return 0
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return _FLAG_NAMES.get(node.attr)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _flags(node.left), _flags(node.right)
        return left | right if left is not None and right is not None else None
    return None


def patterns_in_source() -> Iterator[FoundPattern]:
    for path in sorted(EDITOR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in _RE_FUNCTIONS and node.args):
                continue
            pattern = _literal(node.args[0])
            if pattern is None:
                continue
            position = _FLAG_POSITION[node.func.attr]
            flag_node = node.args[position] if len(node.args) > position else next(
                (k.value for k in node.keywords if k.arg == "flags"), None)
            flags = _flags(flag_node)
            yield FoundPattern(pattern, flags if flags is not None else 0,
                               f"{path.relative_to(ROOT)}:{node.lineno}")


def editor_modules() -> list[Any]:
    import editor

    modules = []
    for info in pkgutil.walk_packages(editor.__path__, "editor."):
        if info.name.endswith("__main__"):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def _walk(value: Any, where: str, depth: int = 0) -> Iterator[FoundPattern]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield FoundPattern(value.pattern, value.flags & ~re.U, where)
    elif depth < 4 and isinstance(value, (tuple, list, set, frozenset)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{where}[{index}]", depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{where}[{key!r}]", depth + 1)


def _cached_builders(module: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    for name, value in vars(module).items():
        if (isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", "") == module.__name__
                and not _parameters(value)):
            yield name, value


def _parameters(function: Any) -> list[str]:
    code = getattr(getattr(function, "__wrapped__", None), "__code__", None)
    return list(code.co_varnames[: code.co_argcount]) if code is not None else ["?"]


def patterns_in_modules() -> Iterator[FoundPattern]:
    for module in editor_modules():
        for name, value in list(vars(module).items()):
            if isinstance(value, type) and value.__module__ == module.__name__:
                for attribute, item in list(vars(value).items()):
                    yield from _walk(item, f"{module.__name__}.{name}.{attribute}")
            else:
                yield from _walk(value, f"{module.__name__}.{name}")
        if module.__name__.startswith("editor.core."):
            for name, builder in _cached_builders(module):
                yield from _walk(builder(), f"{module.__name__}.{name}()")


@functools.cache
def _real(filename: str) -> Path:
    return Path(filename).resolve()


class _Recorder:
    """Records the patterns ``re`` compiles for code under ``editor/`` while it is installed."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int], FoundPattern] = {}
        self._original = re._compile  # type: ignore[attr-defined]

    def __enter__(self) -> _Recorder:
        original = self._original

        def compile_and_record(pattern: Any, flags: Any) -> Any:
            compiled = original(pattern, flags)
            if isinstance(pattern, str) and (pattern, int(flags)) not in self.found:
                caller = sys._getframe(1)
                while caller is not None and caller.f_code.co_filename == re.__file__:
                    caller = caller.f_back
                path = _real(caller.f_code.co_filename) if caller is not None else None
                if caller is not None and path is not None and path.is_relative_to(EDITOR):
                    where = f"{path.relative_to(ROOT)}:{caller.f_lineno} (at run time)"
                    self.found[(pattern, int(flags))] = FoundPattern(pattern, compiled.flags & ~re.U, where)
            return compiled

        re._compile = compile_and_record  # type: ignore[attr-defined]
        return self

    def __exit__(self, *_exc_info: object) -> None:
        re._compile = self._original  # type: ignore[attr-defined]


def patterns_seen_running(exercise: Callable[[], None]) -> list[FoundPattern]:
    with _Recorder() as recorder:
        exercise()
    return list(recorder.found.values())


def all_patterns(seen_running: list[FoundPattern]) -> list[FoundPattern]:
    """Every pattern of the modules and the source, with ``seen_running`` (``patterns_seen_running``'s)."""
    found: dict[tuple[str, int], FoundPattern] = {}
    for item in (*patterns_in_modules(), *patterns_in_source(), *seen_running):
        flags = item.flags & ~re.U
        found.setdefault((item.pattern, flags), FoundPattern(item.pattern, flags, item.where))
    return list(found.values())
