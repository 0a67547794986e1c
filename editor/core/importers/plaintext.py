"""Text copied from a web page: paragraphs, short heading lines, lists, end matter."""

from __future__ import annotations

import re

from editor.core.importers.blocks import Block
from editor.core.importers.citations import clean_input
from editor.core.importers.model import ImportedPost
from editor.core.importers.safety import neutralize
from editor.core.importers.structure import build_post, is_chrome, label_kind

_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25cf\u2023\u2043*+-]\s+(?P<rest>\S.*)$")
_NUMBERED = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+(?P<rest>\S.*)$")
_FINAL_PUNCTUATION = (".", ",", ";", ":", "!", "\u2026")
MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14


def is_heading_line(line: str) -> bool:
    """A short line without final punctuation, standing alone: a heading in pasted text."""
    text = line.strip()
    if label_kind(text) or is_chrome(text):
        return True
    if not text or len(text) > MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text.endswith(_FINAL_PUNCTUATION) or re.match(r"^(?:https?://|www\.)", text, re.I):
        return False
    return text[0].isupper() or text[0].isdigit() and not _NUMBERED.match(text)


def _hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph broken at a fixed width (an e-mail or a .txt editor)."""
    if len(lines) < 2 or any(_BULLET.match(line) or _NUMBERED.match(line) for line in lines):
        return False
    widths = [len(line) for line in lines]
    return min(widths[:-1]) >= 40 and max(widths) <= 100


def _escape_line(line: str) -> str:
    line = line.strip()
    if line.startswith(("#", ">")):
        line = "\\" + line
    return line


def text_to_blocks(text: str) -> list[Block]:
    text = clean_input(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u00a0", " ").replace("\t", "    ")
    blocks: list[Block] = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = [line.rstrip() for line in paragraph.split("\n") if line.strip()]
        if _hard_wrapped(lines):
            lines = [" ".join(line.strip() for line in lines)]
        items: list[str] = []
        for line in lines:
            bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
            if bullet or numbered:
                marker = f"{numbered.group('n')}." if numbered else "-"
                rest = (numbered or bullet).group("rest")  # type: ignore[union-attr]
                items.append(f"{marker} {_escape_line(rest)}")
                continue
            if items:
                blocks.append(Block("\n".join(items)))
                items = []
            if is_heading_line(line):
                blocks.append(Block(line.strip(), 2))
            else:
                blocks.append(Block(_escape_line(line)))
        if items:
            blocks.append(Block("\n".join(items)))
    return [Block(neutralize(block.text), block.level) for block in blocks]


def parse_plain_text(text: str, source_name: str) -> ImportedPost:
    """Parse text copied from a web page into an :class:`ImportedPost`."""
    return build_post(text_to_blocks(text), source_name=source_name, source_kind="text", guessed_headings=True)
