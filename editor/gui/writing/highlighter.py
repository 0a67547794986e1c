"""Markdown syntax highlighting, one block (line) at a time.

QSyntaxHighlighter calls :meth:`MarkdownHighlighter.highlightBlock` only for the
blocks an edit touched (and the following ones while the state they pass on
changes), so a keystroke costs a handful of regular expressions over one line,
whatever the length of the post. What a line is (heading, fence, raw HTML, front
matter) is decided by the block grammar, :mod:`editor.core.post.blocks`, line by
line; the state carried from line to line is one int: inside which fence (its
character and length), how deep inside raw HTML, inside front matter, and whether
the line ends a block (so the next one may be a setext title). Unlike the whole-text
scan, a line cannot look ahead, so a fence that is never closed is shown as code
until the end, as the author sees while typing it.

Misspelled words found by the spell checker are stored on the block as
:class:`SpellData` and drawn here with a wavy underline, but only while the
block's text is still the text that was checked.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from PySide6.QtCore import Q_ARG, QMetaObject, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from editor.core.post import blocks
from editor.core.post.citation_syntax import Malformed, find_citations

PARAGRAPH_LINES = 12  # lines either side read when a citation may run over a line break
EAGER_BLOCKS = 300  # highlighted while a post loads: a few screens, whatever the post's length
SWEEP_SLICE_S = 0.006  # the background sweep yields to the event loop after this long
# QSyntaxHighlighter's own slot for an edited range (see MarkdownHighlighter.refresh_block).
_REFORMAT_SLOT = "_q_reformatBlocks"

# Block state: the low 3 bits say where a line leaves the text, the bits above them
# carry the fence (length * 2 + 1 for '~') or the raw HTML depth; two flags on top.
NORMAL, IN_FENCE, IN_HTML, IN_COMMENT, IN_FRONT_MATTER = 0, 1, 2, 3, 4
_KIND_MASK, _PAYLOAD_SHIFT = 0b111, 3
ENDS_BLOCK = 1 << 20  # the next line starts a block (a setext title may start there)
UNDERLINE = 1 << 21  # the line underlines the one above into a heading
_PAYLOAD_MASK = (1 << 17) - 1


def state_kind(state: int) -> int:
    return NORMAL if state < 0 else state & _KIND_MASK


def is_code_state(state: int) -> bool:
    """Whether a line with this state leaves the text inside a fenced code block."""
    return state_kind(state) == IN_FENCE


def _fence_state(fence: str) -> int:
    return IN_FENCE | ((len(fence) * 2 + (fence[0] == "~")) << _PAYLOAD_SHIFT)


def _state_fence(state: int) -> str:
    payload = (state >> _PAYLOAD_SHIFT) & _PAYLOAD_MASK
    return ("~" if payload & 1 else "`") * (payload // 2)

_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*\w\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)|(?<![_\w\\])_(?=\S)(.+?)(?<=\S)_(?![_\w])")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"  # [text] or ![alt], one level of nested brackets
    r"\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*(?:[ \t]+\"[^\"]*\")?)\)"  # (url "title")
)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>|(?<![(\w])https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


class SpellData(QTextBlockUserData):
    """Misspelled ranges of a block, in UTF-16 positions, valid while the block text is ``text``."""

    def __init__(self, text: str, ranges: list[tuple[int, int]]) -> None:
        super().__init__()
        self.text = text
        self.ranges = ranges


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights Markdown in a QTextDocument with colours taken from a palette."""

    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.spelling_enabled = True
        self._formats: dict[str, QTextCharFormat] = {}
        self._loading = False  # inside load(): only the first EAGER_BLOCKS are highlighted at once
        # The next block the background sweep highlights (None: nothing pending); a cursor, so
        # that it stays on that block when lines above it are added or deleted meanwhile.
        self._frontier: QTextCursor | None = None
        self._sweeping: int | None = None  # the block the sweep is highlighting now
        self._sweep_held = False
        self._sweep = QTimer(self, singleShot=True, interval=0, timeout=self._sweep_some)
        self._reformat_slot = self.metaObject().indexOfMethod(f"{_REFORMAT_SLOT}(int,int,int)") >= 0
        self.set_palette(palette, rehighlight=False)

    def refresh_block(self, block: QTextBlock) -> None:
        """Highlight ``block`` again, as ``rehighlightBlock`` does, without laying it out.

        ``rehighlightBlock`` moves a text cursor to the block's end, and moving a cursor makes
        the editor lay the block out: shape every glyph and keep them (76 MB once the sweep
        has been through a 200,000-word post, off-screen lines included). The slot the
        highlighter runs for each edit formats the block and only marks its layout stale, so
        a line is laid out when it is first shown. Where that slot is missing (another Qt
        release), ``rehighlightBlock`` does the same work.
        """
        if self._reformat_slot and block.isValid():
            self._reformat_slot = QMetaObject.invokeMethod(
                self, _REFORMAT_SLOT, Qt.ConnectionType.DirectConnection,
                Q_ARG(int, block.position()), Q_ARG(int, 0), Q_ARG(int, max(0, block.length() - 1)))
            if self._reformat_slot:
                return
        self.rehighlightBlock(block)

    # ------------------------------------------------------------------ loading a long text

    def load(self, fill: Callable[[], None]) -> None:
        """Run ``fill`` (which replaces the whole text) highlighting only the first screens now.

        Highlighting a 200k-word post takes about a second; the rest is done after the
        editor is shown, a few milliseconds at a time between events, in document order
        (so the fenced-code state each line passes on is right when it gets there).
        """
        self._loading = True
        self._frontier = None
        try:
            fill()
        finally:
            self._loading = False
        document = self.document()
        if document is not None and document.blockCount() > EAGER_BLOCKS:
            self._set_frontier(document.findBlockByNumber(EAGER_BLOCKS))
        if self._frontier is not None and not self._sweep_held:
            self._sweep.start()

    def hold_sweep(self, held: bool) -> None:
        """Pause (or resume) the background sweep, e.g. while the preview of a just-opened
        post is being built: both need the interpreter, and the preview comes first."""
        self._sweep_held = held
        if held:
            self._sweep.stop()
        elif self._frontier is not None:
            self._sweep.start()

    def is_sweeping(self) -> bool:
        return self._frontier is not None

    def _set_frontier(self, block: QTextBlock | None) -> None:
        if block is None or not block.isValid():
            self._frontier = None
        else:
            # A new cursor, not setPosition: moving a cursor lays its block out (see refresh_block).
            self._frontier = QTextCursor(block)
            self._frontier.setKeepPositionOnInsert(True)  # a line typed at its start is swept too

    def _frontier_number(self) -> int:
        if self._sweeping is not None:
            return self._sweeping
        return -1 if self._frontier is None else self._frontier.blockNumber()

    def _sweep_some(self) -> None:
        document = self.document()
        if document is None or self._frontier is None:
            return
        deadline = time.perf_counter() + SWEEP_SLICE_S
        block = self._frontier.block()
        # The frontier cursor is set once a slice, not per block.
        number = block.blockNumber()
        try:
            while block.isValid() and time.perf_counter() < deadline:
                self._sweeping = number
                self.refresh_block(block)
                block, number = block.next(), number + 1
        finally:
            self._sweeping = None
        self._set_frontier(block)
        if self._frontier is not None and not self._sweep_held:
            self._sweep.start()

    def set_palette(self, palette: QPalette, rehighlight: bool = True) -> None:
        """Rebuild the formats from ``palette`` (light or dark) and redraw."""
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        link = palette.color(QPalette.ColorRole.Link)
        dim = _mix(text, base, 0.45)
        accent = _mix(link, text, 0.35)
        code_back = _mix(text, base, 0.92)
        fence_marks = _mix(text, base, 0.3)  # on the code background: less dim keeps WCAG AA (4.5:1)

        def fmt(color: QColor | None = None, *, bold=False, italic=False, mono=False, back=None):
            result = QTextCharFormat()
            if color is not None:
                result.setForeground(color)
            if bold:
                result.setFontWeight(QFont.Weight.Bold)
            if italic:
                result.setFontItalic(True)
            if mono:
                result.setFontFixedPitch(True)
                result.setFontFamilies(["monospace"])
            if back is not None:
                result.setBackground(back)
            return result

        self._formats = {
            "markup": fmt(dim),
            "heading": fmt(accent, bold=True),
            "heading_markup": fmt(dim, bold=True),
            "strong": fmt(bold=True),
            "emphasis": fmt(italic=True),
            "code": fmt(text, mono=True, back=code_back),
            "fence": fmt(fence_marks, mono=True, back=code_back),
            "link_text": fmt(link),
            "url": fmt(dim),
            "citation": fmt(_mix(link, QColor(170, 60, 170), 0.5), bold=False),
            "citation_malformed": fmt(_mix(link, QColor(170, 60, 170), 0.5), bold=False),
            "list": fmt(accent, bold=True),
            "quote": fmt(dim, italic=True),
            "rule": fmt(dim, bold=True),
        }
        self._formats["citation_malformed"].setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._formats["citation_malformed"].setUnderlineColor(QColor(220, 40, 40))
        self._spell_color = QColor(220, 40, 40)
        if rehighlight:
            self.rehighlight()

    def formats(self) -> dict[str, QTextCharFormat]:
        """The current format of each kind of Markdown ("heading", "citation", …)."""
        return dict(self._formats)

    # ------------------------------------------------------------------ per block

    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        if (self._loading and number >= EAGER_BLOCKS) or 0 <= self._frontier_number() < number:
            # The sweep gets here in order. Without this, Qt would carry on from a block whose
            # state changed into the next one, through the whole unswept rest of a long post.
            return
        previous = self.previousBlockState()
        kind = state_kind(previous)
        old_underline = self.currentBlockState() >= 0 and bool(self.currentBlockState() & UNDERLINE)
        state = self._structure(text, previous, kind)
        self.setCurrentBlockState(state)
        if bool(state & UNDERLINE) != old_underline:
            self._rehighlight_later(self.currentBlock().previous())

    def _structure(self, text: str, previous: int, kind: int) -> int:
        """Format the line's block-level role and return its state."""
        formats = self._formats
        if kind == IN_FENCE:
            closes = blocks.closes_fence(text, _state_fence(previous))
            self.setFormat(0, len(text), formats["fence" if closes else "code"])
            return NORMAL | ENDS_BLOCK if closes else previous & ~(ENDS_BLOCK | UNDERLINE)
        if kind == IN_HTML:
            self.setFormat(0, len(text), formats["markup"])
            depth = blocks.html_depth(text, (previous >> _PAYLOAD_SHIFT) & _PAYLOAD_MASK)
            return IN_HTML | (depth << _PAYLOAD_SHIFT) if depth else NORMAL | ENDS_BLOCK
        if kind == IN_COMMENT:
            self.setFormat(0, len(text), formats["markup"])
            return NORMAL | ENDS_BLOCK if "-->" in text else IN_COMMENT
        if kind == IN_FRONT_MATTER:
            self.setFormat(0, len(text), formats["markup"])
            return NORMAL | ENDS_BLOCK if text.rstrip(" \t\r") in ("---", "...") else IN_FRONT_MATTER
        if previous < 0 and text.startswith("---") and not text.strip("- \t\r"):
            self.setFormat(0, len(text), formats["markup"])
            return IN_FRONT_MATTER
        fence = blocks.fence_opening(text)
        if fence is not None:
            self.setFormat(0, len(text), formats["fence"])
            return _fence_state(fence)
        tag = blocks.html_block_tag(text) if text[:4].lstrip(" ").startswith("<") else None
        if tag == "!--":
            self.setFormat(0, len(text), formats["markup"])
            return NORMAL | ENDS_BLOCK if "-->" in text[text.index("<!--") + 4 :] else IN_COMMENT
        if tag is not None:
            depth = blocks.html_depth(text, 0)
            if depth:
                self.setFormat(0, len(text), formats["markup"])
                return IN_HTML | (depth << _PAYLOAD_SHIFT)
        if blocks.is_blank(text):
            return NORMAL | ENDS_BLOCK
        block_start = previous < 0 or bool(previous & ENDS_BLOCK)
        if not block_start and not previous & UNDERLINE and blocks.setext_level(text):
            previous_text = self.currentBlock().previous().text()
            if self._setext_title(self.currentBlock().previous(), previous_text):
                self.setFormat(0, len(text), formats["heading_markup"])
                return NORMAL | ENDS_BLOCK | UNDERLINE
        if not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
            text = _utf16_view(text)  # astral characters: index the line as Qt does
        atx = blocks.atx_heading(text)
        if atx is not None:
            self._heading(text, atx.marks_end, atx.closing_start)
            return NORMAL | ENDS_BLOCK
        if block_start and not text.startswith(("    ", "\t")) and self._next_underlines():
            self._heading(text, 0, None)
            return NORMAL
        self._block_formats(text)
        if self.spelling_enabled:
            self._spelling()
        return NORMAL | (ENDS_BLOCK if blocks.is_rule(text) else 0)

    def _setext_title(self, block: QTextBlock, text: str) -> bool:
        """Whether ``block`` (the line above an underline) starts a block and is not itself markup."""
        before = block.previous()
        starts = not before.isValid() or bool(before.userState() >= 0 and before.userState() & ENDS_BLOCK)
        return starts and not blocks.is_blank(text) and not text.startswith(("    ", "\t"))

    def _next_underlines(self) -> bool:
        following = self.currentBlock().next()
        if not following.isValid() or self.document().characterAt(following.position()) not in ("=", "-"):
            return False  # looked at one character, not the whole (often long) next line
        return blocks.setext_level(following.text()) is not None

    def _heading(self, text: str, marks_end: int, closing_start: int | None) -> None:
        self.setFormat(0, len(text), self._formats["heading"])
        if marks_end:
            self.setFormat(0, marks_end, self._formats["heading_markup"])
        if closing_start is not None:
            self.setFormat(closing_start, len(text) - closing_start, self._formats["heading_markup"])
        self._inline_formats(text)
        if self.spelling_enabled:
            self._spelling()

    def _rehighlight_later(self, block: QTextBlock) -> None:
        """Redraw the line above once this pass is over: an underline came or went below it."""
        if not block.isValid():
            return
        number, document = block.blockNumber(), self.document()

        def redraw() -> None:
            if self.document() is document and document is not None:
                target = document.findBlockByNumber(number)
                if target.isValid():
                    self.refresh_block(target)

        QTimer.singleShot(0, self, redraw)

    def _block_formats(self, text: str) -> None:
        formats = self._formats
        set_format = self.setFormat
        if _RULE.match(text):
            set_format(0, len(text), formats["rule"])
            return
        else:
            quote = _QUOTE.match(text)
            if quote:
                set_format(0, len(text), formats["quote"])
                set_format(0, quote.end(), formats["markup"])
            item = _LIST.match(text, quote.end() if quote else 0)
            if item:
                set_format(item.start(), item.end() - item.start(), formats["list"])
        self._inline_formats(text)

    def _inline_formats(self, text: str) -> None:
        formats = self._formats
        set_format = self.setFormat
        if "*" in text or "_" in text:
            for match in _STRONG.finditer(text):
                self._merge(match.start(), match.end(), bold=True)
                set_format(match.start(), 2, formats["markup"])
                set_format(match.end() - 2, 2, formats["markup"])
            for match in _EMPHASIS.finditer(text):
                self._merge(match.start(), match.end(), italic=True)
                set_format(match.start(), 1, formats["markup"])
                set_format(match.end() - 1, 1, formats["markup"])
        if "](" in text:
            for match in _LINK.finditer(text):
                set_format(match.start(), match.end() - match.start(), formats["markup"])
                set_format(match.start(2), len(match.group(2)), formats["link_text"])
                set_format(match.start(3), len(match.group(3)), formats["url"])
        if "://" in text or "<mailto:" in text:
            for match in _AUTOLINK.finditer(text):
                set_format(match.start(), match.end() - match.start(), formats["link_text"])
        if "@" in text or text.count("[") > text.count("]"):
            for start, end, malformed in self._citations(text):
                set_format(start, end - start, formats["citation_malformed" if malformed else "citation"])
        if "`" in text:
            for match in _CODE.finditer(text):
                set_format(match.start(), match.end() - match.start(), formats["code"])

    def _citations(self, text: str) -> list[tuple[int, int, bool]]:
        """(start, end, malformed) of the line's citations as the citation grammar reads them.

        ``text`` is already indexed as Qt indexes it. A citation may run over a line break
        inside a paragraph, so a line whose reading is broken (a bracket opened or closed on
        another line) is read again within its paragraph, keeping what lies on this line.
        """
        found = find_citations(text).spans()
        if text.count("[") <= text.count("]") and not any(
                isinstance(f, Malformed) and f.problem in ("unclosed", "no-opening") for f in found):
            return [(f.start, f.end, isinstance(f, Malformed)) for f in found]
        before: list[str] = []
        block = self.currentBlock().previous()
        while block.isValid() and block.text().strip() and len(before) < PARAGRAPH_LINES:
            before.insert(0, _utf16_view(block.text()))
            block = block.previous()
        after: list[str] = []
        block = self.currentBlock().next()
        while block.isValid() and block.text().strip() and len(after) < PARAGRAPH_LINES:
            after.append(_utf16_view(block.text()))
            block = block.next()
        offset = sum(len(line) + 1 for line in before)
        spans = []
        for span in find_citations("\n".join([*before, text, *after])).spans():
            start, end = max(span.start, offset), min(span.end, offset + len(text))
            if start < end:
                spans.append((start - offset, end - offset, isinstance(span, Malformed)))
        return spans

    def _merge(self, start: int, end: int, *, bold: bool = False, italic: bool = False,
               misspelled: bool = False) -> None:
        """Add bold, italic or the spelling underline to whatever format each character already has."""
        position = start
        while position < end:
            current = self.format(position)
            run_end = position + 1
            while run_end < end and self.format(run_end) == current:
                run_end += 1
            merged = QTextCharFormat(current)
            if bold:
                merged.setFontWeight(QFont.Weight.Bold)
            if italic:
                merged.setFontItalic(True)
            if misspelled:
                merged.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                merged.setUnderlineColor(self._spell_color)
            self.setFormat(position, run_end - position, merged)
            position = run_end

    def _spelling(self) -> None:
        data = self.currentBlockUserData()
        if not isinstance(data, SpellData) or not data.ranges:
            return
        if data.text != self.currentBlock().text():
            return  # edited since it was checked: wait for the next check
        for start, end in data.ranges:
            self._merge(start, end, misspelled=True)


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    """``first`` moved ``amount`` (0–1) of the way towards ``second``."""
    return QColor(
        round(first.red() + (second.red() - first.red()) * amount),
        round(first.green() + (second.green() - first.green()) * amount),
        round(first.blue() + (second.blue() - first.blue()) * amount),
    )


def _utf16_view(text: str) -> str:
    """``text`` with each astral character replaced by two placeholders, so offsets match Qt's."""
    return "".join(char if ord(char) <= 0xFFFF else "\ufffd\ufffd" for char in text)
