"""Compile a search pattern so that ``re`` skips, cheaply, the positions where it cannot start.

``re`` scans fast for a pattern that begins with a literal or a character class: it jumps to
the next character that can start a match. A pattern that begins with ``\\b``, a lookbehind or
an alternation of words (``\\b(?:recommends|advises|…)``, most of the checks' patterns) gets no
such help, and at every position of a sentence ``re`` tries every alternative. Prefixing the
pattern with a lookahead over the characters that can start a match, ``(?=[abr…])``, rejects
most positions with one class test; on the checks' patterns it halves the search time.

The first characters are read from the parsed pattern (``re._parser``, the parser ``re`` itself
uses). Whatever this module does not understand (a backreference, ``.``, ``\\w``, a negated
class, a future change of the parser) leaves the pattern as it was: the lookahead only ever
narrows where a match is tried, never what matches (``tests/core/checks/test_scanning_regex.py``).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_parser: Any
_c: Any
try:  # the parser re itself uses; typeshed does not describe it
    _parser = importlib.import_module("re._parser")
    _c = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - a Python whose re is organised differently: no speed-up
    _parser = _c = None

def compile_scanning(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with a first-character lookahead where it helps."""
    compiled = re.compile(pattern, flags)
    lookahead = first_char_lookahead(compiled)
    if lookahead is None:
        return compiled
    try:
        return re.compile(f"{lookahead}(?:{pattern})", flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return compiled


def first_char_lookahead(compiled: re.Pattern[str]) -> str | None:
    """``(?=[…])`` over the characters a match of ``compiled`` can start with, or None when that is
    unknown, when a match can be empty, or when ``re`` already scans for the first character."""
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(compiled.pattern, compiled.flags)
        if not _starts_blind(parsed.data):
            return None  # re finds its first character itself, faster than a lookahead would
        first = _FirstChars(compiled.flags)
        nullable = first.of_sequence(parsed.data)
    except (_Unknown, re.error, RecursionError, TypeError, ValueError, AttributeError):
        return None
    if nullable or not (first.chars or first.classes):
        return None
    chars = "".join(sorted(first.chars))
    escaped = "".join("\\" + ch if ch in "\\]^-[" else ch for ch in chars).replace("\n", "\\n")
    return f"(?=[{escaped}{''.join(sorted(first.classes))}])"


def _starts_blind(items: list[tuple[Any, Any]]) -> bool:
    """Whether a match may begin with ``\\b``, a lookaround or an optional part, which keeps ``re``
    from scanning for the first character (a pattern opening with a literal, a class or ``^`` does not)."""
    if not items:
        return False
    op, value = items[0]
    if op is _c.AT:
        return value in (_c.AT_BOUNDARY, _c.AT_NON_BOUNDARY)
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return True
    if op is _c.SUBPATTERN:
        return _starts_blind(value[-1].data)
    if op is _c.BRANCH:
        return any(_starts_blind(alternative.data) for alternative in value[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = value
        return low == 0 or _starts_blind(sub.data)
    return False


class _Unknown(Exception):
    """The pattern can start with something this module does not enumerate."""


class _FirstChars:
    """Collects the characters (and ``\\d``/``\\s`` classes) that can begin a match."""

    def __init__(self, flags: int) -> None:
        self.flags = flags
        self.chars: set[str] = set()
        self.classes: set[str] = set()

    def of_sequence(self, items: list[tuple[Any, Any]]) -> bool:
        """Add the first characters of a sequence of parsed items; whether the sequence can be empty."""
        for op, value in items:
            if not self._item_can_be_empty(op, value):
                return False
        return True

    def _item_can_be_empty(self, op: Any, value: Any) -> bool:
        if op is _c.LITERAL:
            self.chars.add(chr(value))
            return False
        if op is _c.IN:
            self._add_class(value)
            return False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            return True  # zero width; a lookahead's own characters only narrow, so ignoring it is safe
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = value
            if add_flags & re.IGNORECASE and not self.flags & re.IGNORECASE:
                raise _Unknown  # the lookahead would be case-sensitive where the group is not
            return self.of_sequence(sub.data)
        if op is _c.ATOMIC_GROUP:
            return self.of_sequence(value.data)
        if op is _c.BRANCH:
            _none, alternatives = value
            empty = False
            for alternative in alternatives:
                empty = self.of_sequence(alternative.data) or empty
            return empty
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = value
            return self.of_sequence(sub.data) or low == 0
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, conditional groups…

    def _add_class(self, items: list[tuple[Any, Any]]) -> None:
        for op, value in items:
            if op is _c.LITERAL:
                self.chars.add(chr(value))
            elif op is _c.RANGE:
                low, high = value
                if high - low > 256:
                    raise _Unknown
                self.chars.update(chr(code) for code in range(low, high + 1))
            elif op is _c.CATEGORY and value is _c.CATEGORY_DIGIT:
                self.classes.add("\\d")
            elif op is _c.CATEGORY and value is _c.CATEGORY_SPACE:
                self.classes.add("\\s")
            else:  # NEGATE, \w and other categories
                raise _Unknown
