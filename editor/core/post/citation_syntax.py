"""Pandoc's citation syntax: the one grammar every part of Postwright reads citations with.

The renderer, the writing checks, the editor's highlighter and completion, the importers
and the Markdown export all call :func:`find_citations` (or the small helpers below), so
what the checks count as a citation is exactly what the page numbers.

**Clusters.** ``[see @doe99, pp. 33-35 and *passim*; -@smith04, chap. 1]`` is one cluster of
two items, separated by ``;``. An item is an optional *prefix* ("see"), the key marker
``@key`` (``-@key`` suppresses the author; in a numbered style that changes nothing), then an
optional locator and suffix (see :mod:`editor.core.post.citation_locators`). A cluster may
run over line breaks but not over a blank line.

**Keys** are Pandoc's: they start with a letter, digit or ``_`` and continue with letters,
digits, ``_`` and single *internal* punctuation characters ``:.#$%&-+?<>~/``, so in
``@smith2020.`` the final period is not part of the key and ``@a--b`` is the key ``a``.
Any other key is written in braces, ``@{https://example.org/x?y=1}``.

**Not citations:** an escaped bracket or at-sign (``\\[@key]``, ``\\@key``) — an ``@key``
directly after an escaped bracket stays text too; anything in code (fenced, indented, code
spans), HTML comments and tags, and the text and target of links and images
(``[@handle](https://…)`` is a link); an ``@`` after a letter or digit (``me@example.org``).

**Bare ``@key``** in running text is Pandoc's author-in-text citation ("@doe99 says").
The grammar reports it as a *narrative* cluster (``Cluster.narrative``), with an optional
``[p. 33]`` locator/suffix right after it; a narrative citation counts only when its key is
a reference in the library (then the page shows "Doe et al¹"). An unknown bare ``@name`` is
ordinary text, such as a social-media handle, and is printed as written.

**Malformed citations** are reported, never guessed at: a cluster with no closing ``]``
(``[@key and more text``), an empty key (``[@]``, ``[@ key]``), a part with no key
(``[@a; see]``), two keys without ``;`` (``[@a @b]``) or a key followed by a ``]`` that no
``[`` opened (``see @key]``). The checks report each as ``citation-malformed`` and the
renderer shows a neutral marker in its place, never the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from editor.core.post.blocks import Kind
from editor.core.post.blocks import scan as scan_blocks
from editor.core.post.citation_locators import Locator, parse_locator

__all__ = [
    "KEY", "Cluster", "CitationScan", "CiteItem", "Locator", "Malformed", "cite_marker",
    "find_citations", "format_cluster", "is_simple_key",
]

# Pandoc's simpleCiteIdentifier: a word character, then word characters, single internal
# punctuation followed by a word character, or ":"/"/" before "/" (URLs: "http://").
KEY = r"\w(?:\w|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*"
_KEY = re.compile(KEY)
_BRACED_KEY = re.compile(r"\{(?P<key>[^\s{}]+)\}")
MAX_CLUSTER = 2000  # characters: a longer "cluster" is not read as one

_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>\n]*)?>|<(?:https?|ftp|mailto):[^<>\s]*>", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:", re.M)
# A bare "@key" may follow only these (or the start of the text): not a letter, digit, "@", "/", ".".
_NARRATIVE_BEFORE = frozenset(" \t\n(\"'\u201c\u2018*_~>")
_NOT_CITED = frozenset({Kind.FENCE, Kind.CODE, Kind.FRONT_MATTER})


@dataclass(frozen=True, slots=True)
class CiteItem:
    key: str
    key_start: int  # offsets in the scanned text: the key itself, without "@" or braces
    key_end: int
    prefix: str = ""
    locator: Locator | None = None
    suffix: str = ""  # what follows the key (and locator), as written
    suppress_author: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    start: int  # "[" of a bracketed cluster, "@" of a narrative one
    end: int  # after "]"
    items: tuple[CiteItem, ...]
    narrative: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.items)


_PROBLEMS = {
    "unclosed": "has no closing ]",
    "empty-key": "has an @ with no key after it",
    "no-key": "has a part with no @key",
    "no-semicolon": "has two keys not separated by ;",
    "no-opening": "has a closing ] but no opening [",
}


@dataclass(frozen=True, slots=True)
class Malformed:
    start: int
    end: int
    problem: str  # a key of _PROBLEMS
    keys: tuple[str, ...] = ()  # the keys that could be read

    @property
    def explanation(self) -> str:
        return _PROBLEMS[self.problem]


@dataclass(frozen=True, slots=True)
class CitationScan:
    clusters: tuple[Cluster, ...]
    malformed: tuple[Malformed, ...]

    def spans(self) -> list[Cluster | Malformed]:
        """Clusters and malformed citations in text order."""
        return sorted((*self.clusters, *self.malformed), key=lambda found: found.start)


def is_simple_key(key: str) -> bool:
    """Whether ``key`` can be written ``@key`` (else it needs braces, ``@{key}``)."""
    return bool(_KEY.fullmatch(key))


def cite_marker(key: str) -> str:
    """``@key``, or ``@{key}`` for a key Pandoc would cut short."""
    return f"@{key}" if is_simple_key(key) else f"@{{{key}}}"


def format_cluster(keys: Iterable[str]) -> str:
    """``["a", "b"]`` → ``[@a; @b]``."""
    return "[" + "; ".join(cite_marker(key) for key in keys) + "]"


def _read_key(text: str, at: int) -> tuple[str, int, int] | None:
    """The key right after an "@" at ``at - 1``: (key, key start, marker end)."""
    simple = _KEY.match(text, at)
    if simple:
        return simple.group(), at, simple.end()
    braced = _BRACED_KEY.match(text, at)
    if braced:
        return braced.group("key"), at + 1, braced.end()
    return None


def _escaped(text: str, at: int) -> bool:
    slashes = 0
    while at - slashes - 1 >= 0 and text[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _opaque(text: str) -> list[tuple[int, int]]:
    """Spans that hold no citation: code, front matter, HTML comments and tags."""
    spans: list[tuple[int, int]] = []
    if "```" in text or "~~~" in text or "    " in text or "\t" in text or text.startswith("---"):
        offset = 0
        for line, kind in zip(text.split("\n"), scan_blocks(text).kinds, strict=True):
            if kind in _NOT_CITED:
                spans.append((offset, offset + len(line)))
            offset += len(line) + 1
    if "`" in text:
        spans.extend(m.span() for m in _CODE_SPAN.finditer(text))
    if "<" in text:
        spans.extend(m.span() for m in _COMMENT.finditer(text))
        spans.extend(m.span() for m in _TAG.finditer(text))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class _Mask:
    """Which characters are opaque, as a per-character lookup."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.hidden = bytearray(len(text))
        for start, end in spans:
            self.hidden[start:end] = b"\x01" * (end - start)


_BRACKET_EVENT = re.compile(r"\\.|[\[\]]|\n[ \t]*\n", re.S)


def _brackets(text: str, mask: _Mask) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched ``[``…``]`` pairs (open, close) and the ``[`` left open, in one pass.

    Escaped brackets and opaque spans do not count; a blank line closes nothing and
    leaves every bracket still open unclosed.
    """
    pairs: list[tuple[int, int]] = []
    unclosed: list[int] = []
    stack: list[int] = []
    for event in _BRACKET_EVENT.finditer(text):
        position = event.start()
        if mask.hidden[position]:
            continue
        char = event.group()
        if char == "[":
            stack.append(position)
        elif char == "]":
            if stack:
                pairs.append((stack.pop(), position))
        elif char[0] == "\n" and stack:
            unclosed.extend(stack)
            stack = []
    unclosed.extend(stack)
    return pairs, sorted(unclosed)


def _marker(text: str, at: int, end: int, mask: _Mask) -> tuple[int, bool] | None:
    """The first citation marker ``@``/``-@`` in ``text[at:end]`` outside nested brackets:
    (position of "@", suppress author), or None."""
    depth = 0
    position = at
    while position < end:
        if mask.hidden[position]:
            position += 1
            continue
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "@" and depth == 0:
            before = text[position - 1] if position > at else " "
            if before == "-":
                before_dash = text[position - 2] if position - 1 > at else " "
                if not (before_dash.isalnum() or before_dash == "_"):
                    return position, True
            elif not (before.isalnum() or before == "_"):
                return position, False
        position += 1
    return None


def _split_items(text: str, start: int, end: int, mask: _Mask) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at each ``;`` outside nested brackets and code."""
    parts: list[tuple[int, int]] = []
    depth = 0
    begin = position = start
    while position < end:
        char = text[position]
        if mask.hidden[position]:
            pass
        elif char == "\\":
            position += 1
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append((begin, position))
            begin = position + 1
        position += 1
    parts.append((begin, end))
    return parts


def _item(text: str, start: int, end: int, mask: _Mask) -> CiteItem | str:
    """One part of a cluster read as an item, or the name of its problem."""
    found = _marker(text, start, end, mask)
    if found is None:
        return "no-key"
    at, suppress = found
    key = _read_key(text, at + 1)
    if key is None or key[2] > end:
        return "empty-key"
    name, key_start, marker_end = key
    second = _marker(text, marker_end, end, mask)
    if second is not None and _read_key(text, second[0] + 1) is not None:
        return "no-semicolon"
    prefix = text[start : at - (1 if suppress else 0)].strip()
    locator, suffix = parse_locator(text[marker_end:end])
    return CiteItem(name, key_start, key_start + len(name), prefix, locator, suffix.rstrip(), suppress)


def _lone_at(text: str, start: int, end: int, mask: _Mask) -> bool:
    """Whether the part's "@" is clearly meant as a key: it opens the part or ends it
    (``[@]``, ``[-@ x]``, ``[see @]``), unlike the at-sign in ``[meet @ noon]``."""
    found = _marker(text, start, end, mask)
    if found is None:
        return False
    at, suppress = found
    opens = not text[start : at - (1 if suppress else 0)].strip()
    return opens or not text[at + 1 : end].strip()


def _bracketed(text: str, open_at: int, close_at: int, mask: _Mask) -> Cluster | Malformed | None:
    """The pair ``[``…``]`` read as a cluster, a malformed citation, or None (not a citation)."""
    if close_at - open_at > MAX_CLUSTER or _marker(text, open_at + 1, close_at, mask) is None:
        return None
    items: list[CiteItem] = []
    problems: list[str] = []
    parts = _split_items(text, open_at + 1, close_at, mask)
    for start, end in parts:
        read = _item(text, start, end, mask)
        if isinstance(read, CiteItem):
            items.append(read)
        else:
            problems.append(read)
    if not problems:
        return Cluster(open_at, close_at + 1, tuple(items))
    if not items and "no-semicolon" not in problems and not any(
            _lone_at(text, start, end, mask) for start, end in parts):
        return None  # "[meet @ noon]": an at-sign in prose, not a citation
    first = "empty-key" if "empty-key" in problems else problems[0]
    return Malformed(open_at, close_at + 1, first, tuple(item.key for item in items))


def _link_after(text: str, close_at: int) -> int | None:
    """Where a link that this ``]`` ends stops: after ``(target)`` or ``[label]``; None if no link."""
    following = close_at + 1
    if following >= len(text) or text[following] not in "([":
        return None
    closer = ")" if text[following] == "(" else "]"
    depth = 0
    for position in range(following, min(len(text), following + MAX_CLUSTER)):
        char = text[position]
        if char == "\n" and _BLANK_LINE.match(text, position):
            return None
        if char == text[following]:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return position + 1
    return None


_MAX_PREFIX = 60  # characters between "[" and "@" for an unclosed bracket to read as a citation


def _unclosed(text: str, open_at: int, mask: _Mask) -> Malformed | None:
    """``[@key …`` or ``[see @key …`` with no ``]``: the bracket through its keys, or None."""
    paragraph_end = _BLANK_LINE.search(text, open_at)
    limit = min(paragraph_end.start() if paragraph_end else len(text), open_at + MAX_CLUSTER)
    found = _marker(text, open_at + 1, limit, mask)
    if found is None:
        return None
    at, suppress = found
    prefix = text[open_at + 1 : at - (1 if suppress else 0)]
    if len(prefix) > _MAX_PREFIX or "\n" in prefix or "[" in prefix or "]" in prefix:
        return None
    key = _read_key(text, at + 1)
    if key is None:
        return Malformed(open_at, at + 1, "unclosed")
    keys = [key[0]]
    stop = key[2]
    following = _NEXT_KEY.match(text, stop)
    while following and not mask.hidden[following.start("at")]:
        key = _read_key(text, following.end())
        if key is None:
            break
        keys.append(key[0])
        stop = key[2]
        following = _NEXT_KEY.match(text, stop)
    return Malformed(open_at, stop, "unclosed", tuple(keys))


_NEXT_KEY = re.compile(r"[ \t]*;[ \t]*-?(?P<at>@)")


def _narratives(text: str, mask: _Mask, taken: bytearray) -> tuple[list[Cluster], list[Malformed]]:
    clusters: list[Cluster] = []
    malformed: list[Malformed] = []
    position = text.find("@")
    while position != -1:
        if not (mask.hidden[position] or taken[position] or _escaped(text, position)):
            before = text[position - 1] if position else " "
            key = _read_key(text, position + 1) if before in _NARRATIVE_BEFORE else None
            if key is not None:
                name, key_start, end = key
                if text.startswith("]", end) and not text.startswith(("](", "]["), end):
                    malformed.append(Malformed(position, end + 1, "no-opening", (name,)))
                else:
                    clusters.append(_narrative(text, position, name, key_start, end, mask))
        position = text.find("@", position + 1)
    return clusters, malformed


def _narrative(text: str, at: int, key: str, key_start: int, end: int, mask: _Mask) -> Cluster:
    """``@key``, with the ``[p. 33]`` that may follow it (after at most one space)."""
    plain = Cluster(at, end, (CiteItem(key, key_start, key_start + len(key)),), narrative=True)
    following = end + 1 if text.startswith(" ", end) else end
    if not text.startswith("[", following) or mask.hidden[following]:
        return plain
    close = text.find("]", following, following + MAX_CLUSTER)
    if close == -1 or text.startswith(("(", "["), close + 1):
        return plain
    inside = text[following + 1 : close]
    if not inside.strip() or "[" in inside or _BLANK_LINE.search(inside) or \
            _marker(text, following + 1, close, mask) is not None:
        return plain
    locator, suffix = parse_locator(inside)
    item = CiteItem(key, key_start, key_start + len(key), "", locator, suffix.strip())
    return Cluster(at, close + 1, (item,), narrative=True)


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def find_citations(text: str) -> CitationScan:
    """Every citation cluster and malformed citation in a Markdown text, in text order."""
    if "@" not in text:
        return CitationScan((), ())
    mask = _Mask(text, _opaque(text))
    pairs, unclosed = _brackets(text, mask)
    taken = bytearray(len(text))  # inside a cluster, a malformed citation or a link
    for definition in _LINK_DEFINITION.finditer(text):
        _take(taken, definition.start(), definition.end())
    clusters: list[Cluster] = []
    malformed: list[Malformed] = []
    for open_at, close_at in sorted(pairs):
        if taken[open_at]:
            continue
        link_end = _link_after(text, close_at)
        if link_end is not None:  # a link or an image: its text holds no citation
            _take(taken, open_at, link_end)
            continue
        found = None if open_at and text[open_at - 1] == "!" else _bracketed(text, open_at, close_at, mask)
        if isinstance(found, Cluster):
            clusters.append(found)
        elif isinstance(found, Malformed):
            malformed.append(found)
        if found is not None:
            _take(taken, found.start, found.end)
    for open_at in unclosed:
        if taken[open_at] or (open_at and text[open_at - 1] == "!"):
            continue
        broken = _unclosed(text, open_at, mask)
        if broken is not None:
            malformed.append(broken)
            _take(taken, broken.start, broken.end)
    narrative, stray = _narratives(text, mask, taken)
    clusters.extend(narrative)
    malformed.extend(stray)
    clusters.sort(key=lambda cluster: cluster.start)
    malformed.sort(key=lambda found: found.start)
    return CitationScan(tuple(clusters), tuple(malformed))
