"""Read one section's Markdown: where its citations, links, images and reference list are,
and which characters are prose.

``mask_section`` returns the section text with everything that is not prose (the
heading line(s), code, front matter, HTML, URLs, link targets, images, citation markers, list and
quote markers, tables, the reference list) replaced by spaces. The masked text has
the same length and the same line breaks as the original, so an offset found in it
is an offset in the original: every check can report an exact position.

Offsets here are relative to the start of the section's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from editor.core.checks.scanning_regex import compile_scanning
from editor.core.importers.citations import expand_numbers
from editor.core.post.blocks import Kind
from editor.core.post.blocks import scan as scan_blocks
from editor.core.post.citation_syntax import Cluster, Malformed, find_citations

REFERENCE_TITLES = re.compile(
    r"(?:references?|sources?|bibliography|works cited|citations|literature cited|reference list)",
    re.I,
)
_INLINE_REF_TITLE = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:" + REFERENCE_TITLES.pattern + r"):?(?:\*\*|__)?:?[ \t]*$", re.I | re.M
)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
_LINK = compile_scanning(r"(?<![!\\])\[(?P<text>[^\[\]\n]*)\]\((?P<target>[^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_AUTOLINK = re.compile(r"<(?P<target>(?:https?|ftp|mailto):[^>\s]*)>", re.I)
_BARE_URL = compile_scanning(r"(?<![\w(/])(?P<target>(?:https?://|www\.)[^\s<>\]\)\"']*[^\s<>\]\)\"'.,;:!?])", re.I)
_NUM_LIST = r"\d{1,3}(?:\s*[-\u2013\u2014]\s*\d{1,3})?(?:\s*[,;]\s*\d{1,3}(?:\s*[-\u2013\u2014]\s*\d{1,3})?)*"
_NUMERIC = compile_scanning(
    rf"\(\s*(?P<plist>{_NUM_LIST})\s*\)(?!\s?\d{{3}}[-.]\d{{4}})"  # not "(555) 123-4567"
    rf"|(?<![\]!\\\w])\[\s*(?P<blist>{_NUM_LIST})\s*\](?![(\[:])"
    rf"|<sup>\s*(?P<slist>{_NUM_LIST})\s*</sup>"
    rf"|\^(?P<clist>{_NUM_LIST})\^",
    re.I,
)
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_LINK_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_TABLE_LINE = re.compile(r"^[ \t]*\|.*$", re.M)
_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M)
_LINE_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?", re.M)
_EMPHASIS = compile_scanning(r"(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|])")
_ENTRY = re.compile(r"^[ \t]*(?:(?P<num>\d{1,4})[.)]|\[(?P<bnum>\d{1,4})\]|(?P<bullet>[-*+]))[ \t]+(?P<text>\S.*)$")
_ENUM_START = re.compile(r"(?:^[ \t]*|[:;][ \t]*)$")


@dataclass(frozen=True)
class Citation:
    key: str
    start: int  # the whole marker: "[@a; @b]" or "@a"
    end: int
    narrative: bool = False  # a bare "@key": a citation only when the key is a reference


@dataclass(frozen=True)
class MalformedCitation:
    text: str  # as written: "[@smith2020", "[@]"
    explanation: str  # "has no closing ]"
    start: int
    end: int


@dataclass(frozen=True)
class NumericCitation:
    numbers: tuple[int, ...]
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Link:
    target: str
    start: int
    end: int
    image: bool = False
    alt: str = ""
    html: bool = False
    bare: bool = False  # a URL written as plain text, not a link target


@dataclass(frozen=True)
class RefEntry:
    number: int
    keys: tuple[str, ...]
    text: str
    start: int
    numbered: bool  # "3." or "[3]" in the text, not a bullet


@dataclass
class ScanResult:
    masked: str
    citations: list[Citation]
    numeric: list[NumericCitation]
    links: list[Link]
    entries: list[RefEntry]
    reference_start: int | None  # where the reference list begins, if the section has one
    malformed: list[MalformedCitation] = field(default_factory=list)


def _blank(text: str) -> str:
    """``text`` with every character but line breaks turned into a space."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _mask_spans(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


_NOT_PROSE = frozenset({Kind.FENCE, Kind.CODE, Kind.FRONT_MATTER, Kind.UNDERLINE})


def _mask_code(text: str) -> str:
    """Code (fenced and indented), front matter, setext underlines, code spans and HTML comments blanked."""
    lines = text.split("\n")
    kinds = scan_blocks(text).kinds
    out = "\n".join(_blank(line) if kind in _NOT_PROSE else line for line, kind in zip(lines, kinds, strict=True))
    result = _COMMENT.sub(lambda m: _blank(m.group()), out)
    return _CODE_SPAN.sub(lambda m: _blank(m.group()), result)


def _reference_start(codeless: str, title: str, level: int) -> int | None:
    if level > 0 and REFERENCE_TITLES.fullmatch(title.strip(" :*_")):
        return 0
    match = _INLINE_REF_TITLE.search(codeless)
    if match and codeless[match.end():].strip():
        return match.start()
    return None


def _parse_entries(codeless: str, start: int, skip_first_line: bool) -> list[RefEntry]:
    raw: list[list[Any]] = []  # [number or None, text, offset, numbered]
    offset = start
    lines = codeless[start:].splitlines(keepends=True)
    for index, line in enumerate(lines):
        if index == 0 and skip_first_line:
            offset += len(line)
            continue
        match = _ENTRY.match(line.rstrip("\r\n"))
        if match:
            number = match.group("num") or match.group("bnum")
            raw.append([int(number) if number else None, match.group("text"), offset, number is not None])
        elif raw and line.strip() and line[:1] in " \t":
            raw[-1][1] += " " + line.strip()
        offset += len(line)
    numbers = [r[0] for r in raw if r[0] is not None]
    lazy = len(numbers) > 1 and len(set(numbers)) == 1  # "1. 1. 1.": Markdown numbers them in order
    entries = []
    for position, (number, text, at, numbered) in enumerate(raw, start=1):
        value = position if (number is None or lazy) else number
        keys = tuple(key for cluster in find_citations(text).clusters for key in cluster.keys)
        entries.append(RefEntry(value, keys, text.strip(), at, numbered))
    return entries


def _enumerations(codeless: str, found: list[NumericCitation]) -> set[int]:
    """Indexes of "(1) … (2) …" list markers: a "(1)" at a line start or after ':'."""
    skip: set[int] = set()
    expected = None
    for index, cite in enumerate(found):
        if not codeless[cite.start] == "(" or len(cite.numbers) != 1:
            expected = None
            continue
        number = cite.numbers[0]
        line_start = codeless.rfind("\n", 0, cite.start) + 1
        if number == 1 and _ENUM_START.search(codeless[line_start:cite.start]):
            skip.add(index)
            expected = 2
        elif expected is not None and number == expected:
            skip.add(index)
            expected += 1
        else:
            expected = None
    return skip


def scan_section(text: str, title: str, level: int) -> ScanResult:
    codeless = _mask_code(text)
    ref_start = _reference_start(codeless, title, level)
    prose_end = len(text) if ref_start is None else ref_start
    entries = [] if ref_start is None else _parse_entries(
        codeless, ref_start, skip_first_line=ref_start > 0 or level > 0)
    chars = list(codeless)
    if level > 0:
        _mask_spans(chars, 0, codeless.find("\n") if "\n" in codeless else len(codeless))
    _mask_spans(chars, prose_end, len(text))

    links: list[Link] = []
    region = codeless[:prose_end]
    for match in _IMAGE.finditer(region):
        links.append(Link(match.group("target"), match.start(), match.end(), image=True, alt=match.group("alt")))
        _mask_spans(chars, match.start(), match.end())
    for match in _HTML_IMG.finditer(region):
        alt = re.search(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", match.group("attrs"), re.I)
        src = re.search(r"\bsrc\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", match.group("attrs"), re.I)
        links.append(Link(src.group(1).strip("\"'") if src else "", match.start(), match.end(), image=True,
                          alt=alt.group(1).strip("\"'") if alt else "", html=True))
        _mask_spans(chars, match.start(), match.end())
    masked_now = "".join(chars)
    for match in _LINK.finditer(masked_now):
        links.append(Link(match.group("target").strip(), match.start(), match.end()))
        _mask_spans(chars, match.start("target") - 2, match.end())
        chars[match.start()] = " "
    for pattern in (_AUTOLINK, _BARE_URL):
        masked_now = "".join(chars)
        for match in pattern.finditer(masked_now):
            links.append(Link(match.group("target"), match.start(), match.end(), bare=pattern is _BARE_URL))
            _mask_spans(chars, match.start(), match.end())
    links.sort(key=lambda link: link.start)

    citations, malformed = _citations(text, prose_end, chars)

    masked_now = "".join(chars)
    numeric: list[NumericCitation] = []
    for match in _NUMERIC.finditer(masked_now):
        body = next(g for g in match.group("plist", "blist", "slist", "clist") if g is not None)
        numbers = expand_numbers(body)
        if numbers:
            numeric.append(NumericCitation(tuple(numbers), match.start(), match.end(), match.group()))
    enumerations = _enumerations(masked_now, numeric)
    numeric = [cite for index, cite in enumerate(numeric) if index not in enumerations]
    for cite in numeric:
        _mask_spans(chars, cite.start, cite.end)

    masked = "".join(chars)
    for pattern in (_TAG, _LINK_DEF, _TABLE_LINE, _RULE):
        masked = pattern.sub(lambda m: _blank(m.group()), masked)
    masked = _LINE_MARKER.sub(lambda m: _blank(m.group()), masked)
    masked = _EMPHASIS.sub(lambda m: _blank(m.group()), masked)
    masked = _ESCAPE.sub(" ", masked)
    return ScanResult(masked, citations, numeric, links, entries, ref_start, malformed)


def _citations(text: str, prose_end: int, chars: list[str]) -> tuple[list[Citation], list[MalformedCitation]]:
    """Citations as the one grammar reads them (editor.core.post.citation_syntax), so the
    checks see exactly what the page numbers; their markers are masked out of the prose."""
    citations: list[Citation] = []
    malformed: list[MalformedCitation] = []
    for found in find_citations(text).spans():
        if found.start >= prose_end:
            break
        if isinstance(found, Cluster):
            citations.extend(Citation(key, found.start, found.end, found.narrative) for key in found.keys)
        elif isinstance(found, Malformed):
            malformed.append(MalformedCitation(text[found.start:found.end], found.explanation, found.start,
                                               found.end))
        _mask_spans(chars, found.start, found.end)
    return citations, malformed
