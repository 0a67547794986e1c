"""The Markdown block grammar: which lines are headings, fences, raw HTML or front matter.

This module is the one place that decides it; the section index, the renderer's
splitter, the checks' scanner, the editor's highlighter, the outline commands and the
importers all ask it. It follows what our Python-Markdown (``tables``,
``fenced_code``, ``sane_lists``) renders, not CommonMark, because that is what the
preview and the website show:

- ATX headings: ``#`` at the very start of a line, no space needed (``##Dosing`` is
  an ``<h2>``), closing ``#`` dropped, seven or more ``#`` read as level 6. They split
  any paragraph or list they appear in.
- Setext headings: the first line of a block underlined by a line of only ``=``
  (level 1) or ``-`` (level 2), no indent. ``text`` + ``---`` is a heading; a third
  line + ``---`` is a rule.
- Fenced code: ```` ``` ```` or ``~~~`` (three or more) at column 0 with an optional
  language, closed by exactly the same fence; an unclosed fence is not a fence.
- Raw HTML blocks: a block-level tag (or a ``<!-- -->`` comment) at a line start runs
  to its balancing end tag (to the end of the text if there is none).
- Front matter: a ``---`` … ``---``/``...`` block at the very start of the text. It is
  not Markdown: the renderer drops it, so nothing in it is a heading.
- An indented (4 spaces) block is code, or a list item's continuation after a list;
  a table's block is the table. Headings in either are not headings of the post.

Only headings at the top level of the document count: a heading quoted inside a
blockquote or nested in a list item is part of that quote or item, not a section.

Everything here is a pure function of the text; :func:`scan` walks it once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from itertools import accumulate

from markdown.util import BLOCK_LEVEL_ELEMENTS

TAB = 4  # Python-Markdown's tab_length: tabs expand to 4 columns before parsing


class Kind(IntEnum):
    """What a line is, as far as the block structure goes."""

    BLANK = 0
    TEXT = 1  # paragraph, list, quote, table, rule: prose-bearing Markdown
    HEADING = 2  # an ATX heading line, or a setext heading's text line
    UNDERLINE = 3  # a setext heading's underline
    FENCE = 4  # an opening or closing code fence
    CODE = 5  # inside a fenced code block, or an indented code block
    HTML = 6  # inside a raw HTML block
    FRONT_MATTER = 7  # the front matter block, its delimiters included
    NESTED = 8  # indented continuation of a list item


@dataclass(frozen=True, slots=True)
class Heading:
    line: int  # 0-based line of the heading (the text line of a setext heading)
    offset: int  # offset of that line in the text
    level: int
    title: str
    setext: bool = False  # True: the next line is its underline


@dataclass(frozen=True, slots=True)
class AtxLine:
    level: int
    title: str
    marks_end: int  # end of the leading '#' run
    closing_start: int | None  # where the closing '#' run starts, if any


@dataclass(frozen=True, slots=True)
class BlockMap:
    kinds: tuple[Kind, ...]  # one per line ("\n"-separated)
    headings: tuple[Heading, ...]


# -------------------------------------------------------------------- one line

_ATX = re.compile(r"(#{1,6})((?:\\.|[^\\])*?)#*$")
_UNDERLINE = re.compile(r"[=-]+[ \t]*$")
_FENCE_OPEN = re.compile(
    r"(?P<fence>~{3,}|`{3,})[ ]*"
    r"(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ ]*)?(?:hl_lines=(?P<quot>\"|').*?(?P=quot)[ ]*)?)$"
)
_HR = re.compile(r"[ ]{0,3}(?=(?P<g>(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,}))(?P=g)[ ]*$")
_RULE_MARKS = ("-", "*", "_")
_LIST_ITEM = re.compile(r"[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")
_QUOTE = re.compile(r"[ ]{0,3}>")
_HTML_OPEN = re.compile(r"[ ]{0,3}<([A-Za-z][^\t\n\r\f />\x00]*)")
_TAG = re.compile(r"<(/?)([A-Za-z][^\t\n\r\f />\x00]*)[^>]*?(/?)>")
_BLOCK_TAGS = frozenset(BLOCK_LEVEL_ELEMENTS)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_SPECIAL_START = re.compile(r"^(?:```|~~~| {0,3}<)", re.M)
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def _expand(line: str) -> str:
    return line.expandtabs(TAB) if "\t" in line else line


def atx_heading(line: str) -> AtxLine | None:
    """The ATX heading on ``line`` (without its line break), as Python-Markdown reads it."""
    if not line.startswith("#"):
        return None
    line = line.rstrip("\r")
    match = _ATX.match(line)
    if match is None:
        return None
    closing = match.end(2) if match.end(2) < len(line) else None
    return AtxLine(len(match.group(1)), match.group(2).strip(), match.end(1), closing)


def setext_level(line: str) -> int | None:
    """1 or 2 if ``line`` underlines the line above it into a heading, else None."""
    first = line[:1]
    if first not in ("=", "-") or not _UNDERLINE.match(line.rstrip("\r")):
        return None
    return 1 if first == "=" else 2


def fence_opening(line: str) -> str | None:
    """The fence (e.g. ``"````"``) if ``line`` can open a fenced code block."""
    if not line.startswith(("```", "~~~")):
        return None
    match = _FENCE_OPEN.match(_expand(line.rstrip("\r")))
    return match.group("fence") if match else None


def closes_fence(line: str, fence: str) -> bool:
    """Whether ``line`` closes a block opened by exactly ``fence``."""
    return line.startswith(fence) and line.rstrip(" \t\r") == fence


def is_blank(line: str) -> bool:
    return not line.strip(" \t\r")


def is_rule(line: str) -> bool:
    return bool(_HR.match(_expand(line.rstrip("\r"))))


def html_block_tag(line: str) -> str | None:
    """The tag name if ``line`` starts a raw HTML block (``"!--"`` for a comment)."""
    stripped = line.lstrip(" ")
    if not stripped.startswith("<") or len(line) - len(stripped) > 3:
        return None
    if stripped.startswith("<!--"):
        return "!--"
    match = _HTML_OPEN.match(line)
    if match and match.group(1).lower().rstrip("/") in _BLOCK_TAGS:
        return match.group(1).lower()
    return None


def html_depth(line: str, depth: int) -> int:
    """Open-element depth after ``line`` inside a raw HTML block (void and ``<x/>`` tags count 0)."""
    if "<" not in line:
        return depth
    for closing, name, self_closing in _TAG.findall(line):
        name = name.lower()
        if name in _VOID or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth == 0:
            break
    return depth


def front_matter(text: str) -> tuple[str, int] | None:
    """``(yaml, end)`` of the front matter block that starts ``text``, or None."""
    if not text.startswith("---"):
        return None
    match = _FRONT_MATTER.match(text)
    return (match.group("yaml"), match.end()) if match else None


def front_matter_end(text: str) -> int:
    """Length of the front matter block at the start of ``text`` (0 if there is none)."""
    found = front_matter(text)
    return found[1] if found else 0


def context_free(text: str, *, in_front_matter_document: bool = False) -> bool:
    """Whether the block structure of ``text`` cannot depend on text around it.

    False when it has a line that may open or close a fence or start raw HTML: how far
    those reach is decided by text elsewhere. In a document that starts with ``---``
    (``in_front_matter_document``), a ``---`` or ``...`` line may close front matter too.
    """
    if _SPECIAL_START.search(text) is not None:
        return False
    return not (in_front_matter_document and _FRONT_MATTER_CLOSE.search(text))


# -------------------------------------------------------------------- the document

def scan(text: str) -> BlockMap:
    """Classify every line of ``text`` and find its top-level headings."""
    return _Scanner(text, want_kinds=True).run()


def headings(text: str) -> list[Heading]:
    """The top-level headings of ``text`` in order (what Python-Markdown renders as h1–h6)."""
    return list(_Scanner(text, want_kinds=False).run().headings)


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each fenced code block in ``text``, its fence lines included."""
    kinds = scan(text).kinds
    lines = text.split("\n")
    offsets = line_offsets(lines)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(kinds):
        if kinds[index] is Kind.FENCE:
            stop = index + 1
            while stop < len(kinds) and kinds[stop] is Kind.CODE:
                stop += 1
            spans.append((offsets[index], offsets[stop] + len(lines[stop])))
            index = stop + 1
        else:
            index += 1
    return spans


def outside_code(text: str, transform: Callable[[str], str]) -> str:
    """``text`` with ``transform`` applied to everything but fenced code blocks and ```code``` spans."""
    out: list[str] = []
    position = 0
    for start, end in fenced_spans(text) if "```" in text or "~~~" in text else []:
        out.append(_outside_code_spans(text[position:start], transform))
        out.append(text[start:end])
        position = end
    out.append(_outside_code_spans(text[position:], transform))
    return "".join(out)


def _outside_code_spans(text: str, transform: Callable[[str], str]) -> str:
    out: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(transform(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(transform(text[position:]))
    return "".join(out)


def line_offsets(lines: list[str]) -> list[int]:
    """Offset of each line of ``"\\n".join(lines)``."""
    return [total + index for index, total in enumerate(accumulate(map(len, lines), initial=0))][: len(lines)]


class _Scanner:
    def __init__(self, text: str, *, want_kinds: bool) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.want_kinds = want_kinds
        self.kinds = [Kind.TEXT] * len(self.lines) if want_kinds else []
        self.found: list[Heading] = []
        self.offsets: list[int] = []
        self.after_list = False  # the last top-level element is a list

    def run(self) -> BlockMap:
        text_start = 0
        if self.lines[0].startswith("---"):
            block = self.text[: front_matter_end(self.text)]
            text_start = block.count("\n") + (0 if block.endswith("\n") else 1) if block else 0
            self._mark(0, text_start, Kind.FRONT_MATTER)
        opaque = self._opaque_spans(text_start)
        start = text_start
        for span_start, span_end in [*opaque, (len(self.lines), len(self.lines))]:
            self._blocks(start, span_start)
            if span_start < span_end:
                self.after_list = False  # a stashed fence or HTML block is a paragraph of its own
            start = span_end
        return BlockMap(tuple(self.kinds), tuple(self.found))

    def _mark(self, start: int, end: int, kind: Kind) -> None:
        if self.want_kinds:
            self.kinds[start:end] = [kind] * (end - start)

    def _offset(self, line: int) -> int:
        if not self.offsets:
            self.offsets = line_offsets(self.lines)
        return self.offsets[line]

    # Fences first (Python-Markdown stashes them before it looks for HTML), then HTML blocks.
    def _opaque_spans(self, first: int) -> list[tuple[int, int]]:
        lines = self.lines
        closers: dict[str, list[int]] = {}
        candidates = []
        for index in range(first, len(lines)):
            line = lines[index]
            if line[:3] in ("```", "~~~"):
                candidates.append(index)
                closers.setdefault(line.rstrip(" \t\r"), []).append(index)
        fenced: list[tuple[int, int]] = []
        position = first
        for index in candidates:
            if index < position:
                continue
            fence = fence_opening(lines[index])
            if fence is None:
                continue
            ends = closers.get(fence, [])
            at = bisect.bisect_right(ends, index)
            if at == len(ends):
                continue
            close = ends[at]
            fenced.append((index, close + 1))
            self._mark(index, index + 1, Kind.FENCE)
            self._mark(index + 1, close, Kind.CODE)
            self._mark(close, close + 1, Kind.FENCE)
            position = close + 1
        return self._html_spans(first, fenced)

    def _html_spans(self, first: int, fenced: list[tuple[int, int]]) -> list[tuple[int, int]]:
        lines = self.lines
        spans: list[tuple[int, int]] = []
        fence_at = {start: end for start, end in fenced}
        index = first
        while index < len(lines):
            if index in fence_at:
                spans.append((index, fence_at[index]))
                index = fence_at[index]
                continue
            tag = html_block_tag(lines[index]) if "<" in lines[index][:4] else None
            if tag is None:
                index += 1
                continue
            end = self._html_end(index, tag, fence_at)
            if end is None:
                index += 1  # an unclosed comment is text
                continue
            spans.append((index, end))
            self._mark(index, end, Kind.HTML)
            for start, stop in fenced:  # fences inside the HTML block stay fences
                if index <= start < end:
                    end = max(end, stop)
            index = end
        return spans

    def _html_end(self, start: int, tag: str, fence_at: dict[int, int]) -> int | None:
        lines = self.lines
        if tag == "!--":
            index = start
            while index < len(lines):
                if index in fence_at:
                    index = fence_at[index]
                    continue
                if "-->" in lines[index][4 if index == start else 0 :]:
                    return index + 1
                index += 1
            return None
        depth = 0
        index = start
        while index < len(lines):
            if index in fence_at:
                index = fence_at[index]
                continue
            depth = html_depth(lines[index], depth)
            if depth == 0:
                return index + 1
            index += 1
        return len(lines)

    # Runs of non-blank lines are Python-Markdown's blocks.
    def _blocks(self, start: int, end: int) -> None:
        lines = self.lines
        blank = [not line.strip(" \t\r") for line in lines[start:end]]
        index = start
        while index < end:
            if blank[index - start]:
                self._mark(index, index + 1, Kind.BLANK)
                index += 1
                continue
            try:
                stop = blank.index(True, index - start + 1) + start
            except ValueError:
                stop = end
            self._block(index, stop)
            index = stop

    def _block(self, start: int, end: int) -> None:
        """One block, tried in the order of Python-Markdown's block processors."""
        lines = self.lines
        while start < end:
            first = _expand(lines[start])
            if first.startswith(" " * TAB):
                if self.after_list:  # continues the list item: nested, never top level
                    self._mark(start, end, Kind.NESTED)
                    return
                stop = start + 1
                while stop < end and _expand(lines[stop]).startswith(" " * TAB):
                    stop += 1
                self._mark(start, stop, Kind.CODE)
                start = stop
                continue
            if start + 1 < end and _is_table(first, _expand(lines[start + 1])):
                self.after_list = False
                return
            atx, atx_at = None, start
            for atx_at in range(start, end):
                if lines[atx_at][:1] == "#":
                    atx = atx_heading(lines[atx_at])
                    if atx is not None:
                        break
            if atx is not None:
                if atx_at > start:
                    self._block(start, atx_at)
                self._heading(atx_at, atx.level, atx.title, setext=False)
                start = atx_at + 1
                continue
            if start + 1 < end:
                level = setext_level(lines[start + 1])
                if level is not None:
                    self._heading(start, level, lines[start].strip(" \t\r"), setext=True)
                    self._mark(start + 1, start + 2, Kind.UNDERLINE)
                    start += 2
                    continue
            rule_at = next((i for i in range(start, end) if lines[i].lstrip(" ")[:1] in _RULE_MARKS
                            and is_rule(lines[i])), None)
            if rule_at is not None:
                if rule_at > start:
                    self._block(start, rule_at)
                self.after_list = False
                start = rule_at + 1
                continue
            self.after_list = bool(_LIST_ITEM.match(first))
            return

    def _heading(self, line: int, level: int, title: str, *, setext: bool) -> None:
        self._mark(line, line + 1, Kind.HEADING)
        self.found.append(Heading(line, self._offset(line), level, title, setext))
        self.after_list = False


def _is_table(first: str, second: str) -> bool:
    """Python-Markdown's ``tables`` test: a header row of 2+ cells over a matching separator row."""
    if "|" not in first or "-" not in second:
        return False
    header = _cells(first)
    separator = _cells(second)
    return len(header) > 1 and len(separator) == len(header) and set("".join(separator)) <= set("|:- ")


def _cells(row: str) -> list[str]:
    row = row.strip(" ")
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)
