"""Markdown syntax highlighting, one block (line) at a time.

QSyntaxHighlighter calls :meth:`MarkdownHighlighter.highlightBlock` only for the
blocks an edit touched (and the following ones while the fenced-code state they
pass on changes), so a keystroke costs a handful of regular expressions over one
line, whatever the length of the post. The only state carried from line to line
is whether the line is inside a fenced code block.

Misspelled words found by the spell checker are stored on the block as
:class:`SpellData` and drawn here with a wavy underline, but only while the
block's text is still the text that was checked.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

NORMAL, IN_BACKTICK_FENCE, IN_TILDE_FENCE = 0, 1, 2

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})([ \t]+)(.*?)([ \t]+#+)?[ \t]*$")
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
_CITATION = re.compile(r"\[[^\[\]\n]*?-?@[\w][^\[\]\n]*\](?!\()|(?<![\w@\[])-?@[\w][\w:.#$%&+?<>~/-]*[\w]")
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
        self.set_palette(palette, rehighlight=False)

    def set_palette(self, palette: QPalette, rehighlight: bool = True) -> None:
        """Rebuild the formats from ``palette`` (light or dark) and redraw."""
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        link = palette.color(QPalette.ColorRole.Link)
        dim = _mix(text, base, 0.45)
        accent = _mix(link, text, 0.35)
        code_back = _mix(text, base, 0.92)

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
            "fence": fmt(dim, mono=True, back=code_back),
            "link_text": fmt(link),
            "url": fmt(dim),
            "citation": fmt(_mix(link, QColor(170, 60, 170), 0.5), bold=False),
            "list": fmt(accent, bold=True),
            "quote": fmt(dim, italic=True),
            "rule": fmt(dim, bold=True),
        }
        self._spell_color = QColor(220, 40, 40)
        if rehighlight:
            self.rehighlight()

    # ------------------------------------------------------------------ per block

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        previous = self.previousBlockState()
        fence_state = previous if previous in (IN_BACKTICK_FENCE, IN_TILDE_FENCE) else NORMAL
        fence = _FENCE.match(text)
        if fence_state != NORMAL:
            closes = fence and fence.group(1)[0] == ("`" if fence_state == IN_BACKTICK_FENCE else "~")
            self.setFormat(0, len(text), self._formats["fence" if closes else "code"])
            self.setCurrentBlockState(NORMAL if closes else fence_state)
            return
        if fence:
            self.setFormat(0, len(text), self._formats["fence"])
            self.setCurrentBlockState(IN_BACKTICK_FENCE if fence.group(1)[0] == "`" else IN_TILDE_FENCE)
            return
        self.setCurrentBlockState(NORMAL)
        if not text:
            return
        if not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
            text = _utf16_view(text)  # astral characters: index the line as Qt does
        self._block_formats(text)
        if self.spelling_enabled:
            self._spelling()

    def _block_formats(self, text: str) -> None:
        formats = self._formats
        set_format = self.setFormat
        heading = _HEADING.match(text)
        if heading:
            set_format(0, len(text), formats["heading"])
            set_format(0, heading.end(1), formats["heading_markup"])
            if heading.group(4):
                set_format(heading.start(4), len(heading.group(4)), formats["heading_markup"])
        elif _RULE.match(text):
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
        if "@" in text:
            for match in _CITATION.finditer(text):
                set_format(match.start(), match.end() - match.start(), formats["citation"])
        if "`" in text:
            for match in _CODE.finditer(text):
                set_format(match.start(), match.end() - match.start(), formats["code"])

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
