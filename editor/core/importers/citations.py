"""Numeric citations and numbered reference lists.

``(1)``, ``(2, 3)``, ``(4-6)``, ``[7]`` and superscript numbers (marked by the HTML
reader with ``SUP_OPEN``/``SUP_CLOSE``) become Pandoc citations ``[@key]``, written by
the citation grammar (:func:`editor.core.post.citation_syntax.format_cluster`). A number
that no reference list entry carries becomes ``[@missing-N]``, so it stays visible
and keeps its number.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from editor.core.importers.blocks import first_url, plain_text
from editor.core.importers.model import ReferenceEntry
from editor.core.post.blocks import fenced_spans
from editor.core.post.citation_syntax import find_citations, format_cluster

SUP_OPEN = "\ue000"  # private-use characters: never in real prose, stripped from input
SUP_CLOSE = "\ue001"
MAX_RANGE = 50  # "(4-600)" is not a citation range
MISSING_PREFIX = "missing-"

_NUM = r"\d{1,3}"
_ITEM = rf"{_NUM}(?:\s*[-\u2013\u2014]\s*{_NUM})?"
_LIST = rf"{_ITEM}(?:\s*[,;]\s*{_ITEM})*"
_TOKEN = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<target>\]\([^)\n]*\))"
    r"|(?P<auto><https?://[^>\s]*>)"
    r"|(?P<url>https?://[^\s)\]]+)"
    rf"|(?P<paren>\(\s*(?P<plist>{_LIST})\s*\))"
    rf"|(?P<brack>(?<![\]!\\])\[\s*(?P<blist>{_LIST})\s*\](?![(\[:]))"
    rf"|(?P<sup>{SUP_OPEN}\s*(?P<slist>{_LIST})\s*{SUP_CLOSE})",
    re.M | re.S,
)
_LINE_START = re.compile(r"[ \t]*(?:[-*+>][ \t]+)?")


def provisional_key(number: int) -> str:
    return f"ref-{number}"


def missing_key(number: int) -> str:
    return f"{MISSING_PREFIX}{number}"


def expand_numbers(text: str) -> list[int] | None:
    """``"2, 4-6"`` → ``[2, 4, 5, 6]``; ``None`` if it is not a sensible citation list."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", text.strip()):
        bounds = [int(n) for n in re.split(r"\s*[-\u2013\u2014]\s*", part)]
        low, high = bounds[0], bounds[-1]
        if low < 1 or high < low or high - low > MAX_RANGE:
            return None
        numbers.extend(n for n in range(low, high + 1) if n not in numbers)
    return numbers


@dataclass
class Conversion:
    text: str
    groups: int = 0  # citation groups written
    cited: list[int] = field(default_factory=list)  # distinct numbers, first-cited order
    unresolved: list[int] = field(default_factory=list)  # cited numbers with no entry


def convert_citations(markdown: str, keys: Mapping[int, str], *, limit: int) -> Conversion:
    """Replace numeric citations up to ``limit`` by ``[@key]`` groups."""
    result = Conversion(text=markdown)
    fenced = fenced_spans(markdown)
    fence_starts = [start for start, _ in fenced]

    def replace(match: re.Match[str]) -> str:
        at = bisect.bisect_right(fence_starts, match.start()) - 1
        if at >= 0 and match.start() < fenced[at][1]:
            return match.group(0)  # inside fenced code
        if match.group("paren"):
            kind, listed = "paren", match.group("plist")
        elif match.group("brack"):
            kind, listed = "brack", match.group("blist")
        elif match.group("sup"):
            kind, listed = "sup", match.group("slist")
        else:
            return match.group(0)
        numbers = expand_numbers(listed)
        if numbers is None or max(numbers) > limit:
            return _strip_marks(match.group(0)) if kind == "sup" else match.group(0)
        line_start = markdown.rfind("\n", 0, match.start()) + 1
        before = markdown[line_start : match.start()]
        if kind != "sup" and (_LINE_START.fullmatch(before) or (before and before[-1].isalnum())):
            return match.group(0)  # "(1) Eat breakfast" is an enumeration, "f(1)" is code or maths
        result.groups += 1
        cited = []
        for number in numbers:
            if number not in result.cited:
                result.cited.append(number)
            key = keys.get(number)
            if key is None:
                key = missing_key(number)
                if number not in result.unresolved:
                    result.unresolved.append(number)
            cited.append(key)
        previous = markdown[match.start() - 1] if match.start() else "\n"
        space = "" if previous.isspace() or previous in "([" else " "
        return space + format_cluster(cited)

    text = _TOKEN.sub(replace, markdown)
    result.text = _strip_marks(text)
    return result


def _strip_marks(text: str) -> str:
    return text.replace(SUP_OPEN, "").replace(SUP_CLOSE, "")


def clean_input(text: str) -> str:
    """Remove the private-use marker characters from untrusted input."""
    return _strip_marks(text)


_ENTRY = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\\?\[(?P<a>\d{1,3})\\?\]|\((?P<b>\d{1,3})\)|(?P<c>\d{1,3})\\?[.)])"
    r"(?:[ \t]+|$)(?P<rest>.*)$"
)
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?P<rest>.*)$")
_BACKLINK = re.compile(r"\[(?:\u21a9\ufe0e?|\^|back)\]\(#[^)]*\)|\u21a9\ufe0e?", re.I)


@dataclass
class ReferenceList:
    """A reference section read once: its entries, the exact repeats left out, and what
    makes it uncertain (a number given to two different entries, an item that is not a
    reference). An uncertain section stays in the body."""

    entries: list[ReferenceEntry] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def certain(self) -> bool:
        return bool(self.entries) and not self.problems


def read_reference_list(chunks: list[str]) -> ReferenceList:
    """Numbered (or bulleted) reference entries from the blocks of a References section.

    A number keeps its entry: nothing is renumbered, so a citation "(5)" can only ever
    point at the entry listed as 5.
    """
    from editor.core.importers.refentries import looks_like_reference

    raw: list[tuple[int, str]] = []
    for chunk in chunks:
        for line in chunk.split("\n"):
            if not line.strip() or _RULE.match(line):
                continue
            numbered = _ENTRY.match(line)
            bullet = _BULLET.match(line)
            if numbered:
                number = int(numbered.group("a") or numbered.group("b") or numbered.group("c"))
                raw.append((number, numbered.group("rest")))
            elif not raw and line.rstrip().endswith(":") and len(line) <= 120:
                continue  # "Sources used in this article:"
            elif bullet or not raw or not line[:1].isspace():
                following = raw[-1][0] + 1 if raw else 1
                raw.append((following, bullet.group("rest") if bullet else line))
            else:
                raw[-1] = (raw[-1][0], f"{raw[-1][1]} {line.strip()}")
    if len(raw) > 1 and len({number for number, _ in raw}) == 1:
        # "1. … 1. … 1. …" is Markdown's lazy numbering: the list shows 1, 2, 3.
        raw = [(raw[0][0] + index, text) for index, (_, text) in enumerate(raw)]
    result = ReferenceList()
    by_number: dict[int, ReferenceEntry] = {}
    for number, markdown in raw:
        markdown = _BACKLINK.sub("", markdown).strip()
        text = plain_text(markdown)
        if not text:
            continue
        entry = ReferenceEntry(number, text, first_url(markdown), provisional_key(number))
        if number in by_number:
            if by_number[number].text == text:
                result.repeats.append(text)
            else:
                result.problems.append(f"number {number} is given to two different entries")
            continue
        if not looks_like_reference(entry):
            result.problems.append(f"\u201c{_short(text)}\u201d is not a reference")
        by_number[number] = entry
        result.entries.append(entry)
    return result


def parse_reference_list(chunks: list[str], warnings: list[str]) -> list[ReferenceEntry]:
    """The entries of a reference list that is certainly one; otherwise none (with a warning)."""
    found = read_reference_list(chunks)
    if found.problems:
        warnings.append("Reference list not used: " + "; ".join(found.problems) + ".")
        return []
    return found.entries


def count_citation_groups(markdown: str) -> int:
    """Bracketed citation clusters (``[@key]``, ``[@a; @b]``) in a Markdown body, not in code."""
    return sum(not cluster.narrative for cluster in find_citations(markdown).clusters)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
