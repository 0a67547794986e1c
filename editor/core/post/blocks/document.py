"""The block grammar over a whole text: which lines are what, and the top-level headings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from itertools import accumulate

from editor.core.post.blocks.lines import (
    CODE_SPAN,
    INDENT,
    LIST_ITEM,
    MARKUP_START,
    MAYBE_MARKUP,
    RULE_MARKS,
    atx_heading,
    expand_tabs,
    fence_opening,
    front_matter_end,
    html_block_tag,
    html_depth,
    is_blank,
    is_rule,
    setext_level,
)


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
class BlockMap:
    kinds: tuple[Kind, ...]  # one per line ("\n"-separated)
    headings: tuple[Heading, ...]


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
    for match in CODE_SPAN.finditer(text):
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
        self.starts: dict[int, int] = {}  # line number -> offset, for the lines below
        self.hash_lines: list[int] = []
        self.rule_lines: list[int] = []
        self.fence_lines: list[int] = []
        self.html_lines: list[int] = []
        self.underline_lines: list[int] = []
        self.indent_lines: list[int] = []
        self.separator_lines: list[int] = []
        self._sort_markup_lines()

    def _sort_markup_lines(self) -> None:
        """Find the lines that may be markup (in C) and file each under what it may be."""
        text, lines, number, previous = self.text, self.lines, 0, 0  # "\n" + text: line 0 is found too
        for match in MAYBE_MARKUP.finditer("\n" + text):
            offset = match.start()  # in text: where the line starts
            number += text.count("\n", previous, offset)
            previous = offset
            self.starts[number] = offset
            self._file(number, lines[number])

    def _file(self, number: int, line: str) -> None:
        first = line[:1]
        if first == "#":
            self.hash_lines.append(number)
            return
        if line.startswith(("```", "~~~")):
            self.fence_lines.append(number)
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) <= 3:
            if stripped[:1] == "<":
                self.html_lines.append(number)
            if stripped[:1] in RULE_MARKS and is_rule(line):
                self.rule_lines.append(number)
        if first in ("=", "-") and setext_level(line):
            self.underline_lines.append(number)
        if expand_tabs(line).startswith(INDENT):
            self.indent_lines.append(number)
        if "|" in line and not line.strip(" \t\r|:-"):
            self.separator_lines.append(number)

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
        found = self.starts.get(line)
        if found is None and line + 1 in self.starts:  # a setext title: the line above its underline
            found = self.text.rfind("\n", 0, self.starts[line + 1] - 1) + 1
        return found if found is not None else self._offsets()[line]

    def _offsets(self) -> list[int]:
        if not self.offsets:
            self.offsets = line_offsets(self.lines)
        return self.offsets

    # Fences first (Python-Markdown stashes them before it looks for HTML), then HTML blocks.

    def _opaque_spans(self, first: int) -> list[tuple[int, int]]:
        lines = self.lines
        closers: dict[str, list[int]] = {}
        candidates = self._candidates(self.fence_lines, first, len(lines))
        for index in candidates:
            closers.setdefault(lines[index].rstrip(" \t\r"), []).append(index)
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
        """The fenced spans, and raw HTML blocks (which start only outside fences)."""
        spans: list[tuple[int, int]] = []
        fence_at = {start: end for start, end in fenced}
        starts = sorted({*fence_at, *self._candidates(self.html_lines, first, len(self.lines))})
        done = first  # lines before this are in a span already
        for index in starts:
            if index < done:
                continue
            if index in fence_at:
                spans.append((index, fence_at[index]))
                done = fence_at[index]
                continue
            tag = html_block_tag(self.lines[index])
            end = self._html_end(index, tag, fence_at) if tag is not None else None
            if end is None:
                continue  # not a block-level tag, or an unclosed comment: text
            self._mark(index, end, Kind.HTML)
            for start, stop in fenced:  # fences inside the HTML block stay fences
                if index <= start < end:
                    end = max(end, stop)
            spans.append((index, end))
            done = end
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
        if self.want_kinds:
            self._every_block(start, end)
        else:
            self._marked_blocks(start, end)

    def _marked_blocks(self, start: int, end: int) -> None:
        """Only the blocks that hold a line that may make or unmake a heading, in order.

        Such lines (``#``, rules, setext underlines, indented lines, table separators) are
        found by the regular expression engine; a block without one is a paragraph, list or
        quote, and all it changes is whether a list came last, read from its first line.
        """
        lines = self.lines
        marks = sorted({
            *self._candidates(self.hash_lines, start, end), *self._candidates(self.rule_lines, start, end),
            *self._candidates(self.underline_lines, start, end), *self._candidates(self.indent_lines, start, end),
            *self._candidates(self.separator_lines, start, end),
        })
        done = start  # every line before this has been read
        for line in marks:
            if line < done or is_blank(lines[line]):
                continue
            first = line
            while first > done and not is_blank(lines[first - 1]):
                first -= 1
            stop = line + 1
            while stop < end and not is_blank(lines[stop]):
                stop += 1
            before = first - 1  # the block just before, if it was not read: it sets after_list
            while before >= done and is_blank(lines[before]):
                before -= 1
            if before >= done:
                while before > done and not is_blank(lines[before - 1]):
                    before -= 1
                self.after_list = bool(LIST_ITEM.match(expand_tabs(lines[before])))
            self._block(first, stop)
            done = stop

    def _every_block(self, start: int, end: int) -> None:
        lines = self.lines
        blank = [not line.strip(" \t\r") for line in lines[start:end]]
        index = start
        while index < end:
            if blank[index - start]:
                if self.want_kinds:
                    self.kinds[index] = Kind.BLANK
                index += 1
                continue
            try:
                stop = blank.index(True, index - start + 1) + start
            except ValueError:
                stop = end
            if stop == index + 1 and lines[index][:1] not in MARKUP_START:
                self.after_list = False  # one line of plain prose: a paragraph, the common case
            else:
                self._block(index, stop)
            index = stop

    def _block(self, start: int, end: int) -> None:
        """One block, tried in the order of Python-Markdown's block processors."""
        lines = self.lines
        while start < end:
            first = expand_tabs(lines[start])
            if first.startswith(INDENT):
                if self.after_list:  # continues the list item: nested, never top level
                    self._mark(start, end, Kind.NESTED)
                    return
                stop = start + 1
                while stop < end and expand_tabs(lines[stop]).startswith(INDENT):
                    stop += 1
                self._mark(start, stop, Kind.CODE)
                start = stop
                continue
            if start + 1 < end and _is_table(first, expand_tabs(lines[start + 1])):
                self.after_list = False
                return
            atx, atx_at = None, start
            for atx_at in self._candidates(self.hash_lines, start, end):
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
            rule_at = next(iter(self._candidates(self.rule_lines, start, end)), None)
            if rule_at is not None:
                if rule_at > start:
                    self._block(start, rule_at)
                self.after_list = False
                start = rule_at + 1
                continue
            self.after_list = bool(LIST_ITEM.match(first))
            return

    @staticmethod
    def _candidates(numbers: list[int], start: int, end: int) -> list[int]:
        """The line numbers in ``numbers`` (sorted) from ``start`` to before ``end``."""
        return numbers[bisect.bisect_left(numbers, start) : bisect.bisect_left(numbers, end)]

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
