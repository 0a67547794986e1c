"""Answers from servers (WordPress, Crossref, PubMed, DataCite) checked field by field.

A server can send anything: a number where text belongs, a list where an object does,
an id of 10**30, no id at all. Each kind of answer has a schema (``msgspec.Struct``
models in ``publish/wp_answers.py`` and ``references/lookup_answers.py``, holding only
the fields we read) and is checked here *before* any code reads it, strictly (no
"5" → 5), so a bad answer is one sentence naming the field — never a ``TypeError`` deep
inside, and a bad item of a list is skipped and reported while the rest go on.

msgspec was chosen over pydantic v2 and a hand-written validator: it checks a parsed
answer (``msgspec.convert``) with the same strict rules, its errors carry the path of
the bad field, it is small and well kept, and it imports in a few ms (pydantic: about
200 ms). Both would be off the app's start path (this module is imported only when a
server answers), but the lighter one costs the first lookup less.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import msgspec

from editor.core.foundation.errors import PostwrightError

T = TypeVar("T")
MAX_SAFE_ID = 2**53  # the largest id JSON numbers carry exactly (and far more posts than any site has)

_KINDS = {"int": "a whole number", "str": "text", "float": "a number", "bool": "true or false",
          "object": "an object", "array": "a list", "null": "nothing (null)", "dict": "an object",
          "list": "a list"}
_EXPECTED = re.compile(r"^Expected `(?P<want>[^`]+)`(?:, got `(?P<got>[^`]+)`)?(?P<rest>.*?)(?: - at `\$(?P<at>.*)`)?$")
_MISSING = re.compile(r"^Object missing required field `(?P<field>[^`]+)`(?: - at `\$(?P<at>.*)`)?$")


def _kind(name: str) -> str:
    parts = [_KINDS.get(part.strip(), part.strip()) for part in name.split("|")]
    return " or ".join(dict.fromkeys(parts))


def _field(at: str | None) -> str:
    """``$.items[3].id`` → ``items[3].id``; the whole answer → ``the answer``."""
    path = (at or "").lstrip(".")
    return f"“{path}”" if path else "the answer"


def describe(error: msgspec.ValidationError) -> str:
    """msgspec's message as words: which field, what it should be, what it was."""
    text = str(error)
    missing = _MISSING.match(text)
    if missing:
        where = (missing.group("at") or "").lstrip(".")
        field = f"{where}.{missing.group('field')}" if where else missing.group("field")
        return f"“{field}” is missing"
    expected = _EXPECTED.match(text)
    if expected:
        rest = expected.group("rest").strip()
        bound = re.match(r"^(<=|>=|<|>)\s*(-?\d+)", rest)
        want = _kind(expected.group("want"))
        if bound:
            words = {"<=": "at most", ">=": "at least", "<": "below", ">": "above"}[bound.group(1)]
            want = f"{want} {words} {int(bound.group(2)):,}"
        elif rest.startswith("of length"):
            want = f"{want} {rest}"
        got = f", not {_kind(expected.group('got'))}" if expected.group("got") else ""
        return f"{_field(expected.group('at'))} should be {want}{got}"
    return text.rstrip(".")


def check_answer(value: Any, model: type[T], source: str, error: type[PostwrightError]) -> T:
    """``value`` (parsed JSON) as ``model``; ``error`` naming ``source`` and the field otherwise."""
    try:
        return msgspec.convert(value, model, strict=True)
    except msgspec.ValidationError as problem:
        raise error(f"{source} is not what was expected: {describe(problem)}.") from None


def check_items(values: Any, model: type[T], source: str, error: type[PostwrightError],
                label: Callable[[Any, int], str] | None = None) -> tuple[list[Any], list[str]]:
    """The items of the list ``values`` that pass as ``model`` (as they came), and a sentence per bad one.

    ``values`` that is not a list at all is ``error``; ``label(item, index)`` names an item
    in its sentence (default: "item N").
    """
    if not isinstance(values, list):
        raise error(f"{source} is not what was expected: it should be a list, not {_kind(_json_kind(values))}.")
    good: list[Any] = []
    bad: list[str] = []
    for index, value in enumerate(values):
        try:
            msgspec.convert(value, model, strict=True)
            good.append(value)
        except msgspec.ValidationError as problem:
            name = label(value, index) if label else f"item {index + 1}"
            bad.append(f"{source}, {name}: skipped, {describe(problem)}.")
    return good, bad


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    for kind, types in (("int", int), ("float", float), ("str", str), ("object", dict), ("array", list)):
        if isinstance(value, types):
            return kind
    return "null" if value is None else type(value).__name__
