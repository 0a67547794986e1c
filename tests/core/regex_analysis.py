"""Two helpers of the linear-pattern test: regexploit for Python 3.11 patterns, and attack seeds.

``worst_case`` is regexploit's worst case for a pattern (3 = cubic). regexploit 1.0 predates
atomic groups and possessive repeats; ``Regexploit311`` reads them as the plain group and the
greedy repeat, which backtrack more, so nothing is hidden from the analysis.

``relaxed`` is a pattern with what makes Hypothesis reject its draws taken out: the seed of an
attack string. ``st.from_regex`` builds a string from a pattern's parts and then keeps it only if
the pattern matches it whole. A lookahead, lookbehind or word boundary is not built for, so a
pattern with one had most draws thrown away (some, like ``,\\s+(?=")``, never match a whole
string at all): drawing was slow and a few patterns were never probed. ``relaxed`` drops those
assertions, which only widens what the pattern matches: seeds drawn from it are the pattern's
own vocabulary, in every shape the pattern allows and more. A pattern with possessive runs or
atomic groups is left as written: it relies on them, and on the assertions around them, to stay
linear, and relaxing it would make the check Hypothesis runs on each draw (the relaxed
pattern's ``fullmatch``) backtrack polynomially.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from regexploit.ast.sre import SreOpParser
from regexploit.redos import find

_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
_COUNTED_REPEAT = re.compile(r"\{\d*,?\d*$")  # what comes before the "}" of "{2,5}"


def _tokens(text: str) -> Iterator[tuple[int, str]]:
    """(index, token): an escape (``\\b``), a whole character class (``[^)]``) or one character."""
    index = 0
    while index < len(text):
        if text[index] == "\\":
            yield index, text[index: index + 2]
            index += 2
        elif text[index] == "[":
            end = index + 1
            end += text[end: end + 1] == "^"
            end += text[end: end + 1] == "]"  # a "]" first in a class is a literal
            while end < len(text) and text[end] != "]":
                end += 2 if text[end] == "\\" else 1
            yield index, text[index: end + 1]
            index = end + 1
        else:
            yield index, text[index]
            index += 1


def _group_end(text: str, start: int) -> int:
    """The index just after the group that opens at ``start``."""
    depth = 0
    for index, token in _tokens(text[start:]):
        depth += (token == "(") - (token == ")")
        if depth == 0:
            return start + index + 1
    return len(text)


def _captures(text: str) -> bool:
    return any(token == "(" and (text[index + 1: index + 2] != "?" or text.startswith("(?P<", index))
               for index, token in _tokens(text))


def _holds_no_backtracking(text: str, tokens: list[tuple[int, str]]) -> bool:
    """Whether the pattern has an atomic group or a possessive repeat ("a*+", "(?:…)?+", "{2,}+")."""
    for position, (index, token) in enumerate(tokens):
        if token == "(" and text.startswith("(?>", index):
            return True
        if token == "+" and position:
            before_index, before = tokens[position - 1]
            if before in ("*", "+", "?") or (before == "}" and _COUNTED_REPEAT.search(text[:before_index])):
                return True
    return False


def relaxed(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without its lookarounds and word boundaries.

    A lookaround holding a capturing group is kept (a back-reference may need it); a verbose
    pattern (its comments are not parsed here) and one with possessive runs or atomic groups
    are returned as they are, and so is ``pattern`` if the result does not compile."""
    text = pattern.pattern
    tokens = list(_tokens(text))
    if pattern.flags & re.VERBOSE or _holds_no_backtracking(text, tokens):
        return pattern
    out: list[str] = []
    skip_to = 0
    for index, token in tokens:
        if index < skip_to or token in ("\\b", "\\B"):
            continue
        if token == "(" and text.startswith(_LOOKAROUNDS, index):
            end = _group_end(text, index)
            if not _captures(text[index + 1: end - 1]):
                skip_to = end
                continue
        out.append(token)
    try:
        return re.compile("".join(out), pattern.flags)
    except re.error:
        return pattern


class Regexploit311(SreOpParser):  # type: ignore[misc]
    """regexploit's reader of ``re``'s parse tree, with the two node kinds Python 3.11 added."""

    def from_ATOMIC_GROUP(self, data: object) -> object:  # noqa: N802 (regexploit calls from_<node kind>)
        return self.sequence_or_singleton(data)

    def from_POSSESSIVE_REPEAT(self, data: object) -> object:  # noqa: N802
        return self.from_MAX_REPEAT(data)


def worst_case(pattern: str, flags: int = 0) -> int:
    """How many nested stars regexploit finds in the worst backtracking of ``pattern`` (3: cubic)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # regexploit imports the deprecated sre_parse
        parsed = Regexploit311().parse_sre(pattern, flags)
        return max((redos.starriness for redos in find(parsed)), default=0)
