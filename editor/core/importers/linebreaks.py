"""Blocks that a page wrote with ``<br>`` instead of paragraphs and lists, made into real ones.

Blogger, Weebly and Joomla editors often separate paragraphs with ``<br><br>`` and number
a reference list with ``<br>`` inside one paragraph under a bold "References" line. After
conversion these are one Markdown block full of hard breaks (``\\`` at a line's end), and a
backslash left at the end of a paragraph shows on the page as a stray ``\\``. Here two
hard breaks in a row end a paragraph, a line that is only backslashes is dropped (and
reported), a bold line that names end matter becomes a heading, and lines that are all
numbered become a list.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from editor.core.importers.blocks import Block, plain_text
from editor.core.importers.report import Report

_HARD_BREAK = re.compile(r"\\$")
_ONLY_BACKSLASHES = re.compile(r"^\s*(?:\\\s*){1,4}$")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|\[\d{1,3}\])\s+\S")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)(?P<label>[^*_]{2,60}?)(?:\*\*|__):?$")

#: Text a site builder puts in a new blog until the owner replaces it: never article text.
PLACEHOLDERS = (
    "write something about yourself. no need to be fancy, just an overview.",
    "this is your blog post. to make it your own,",
    "start writing here",
    "lorem ipsum dolor sit amet",
)


def is_placeholder(text: str) -> bool:
    cleaned = " ".join(plain_text(text).split()).casefold()
    return any(cleaned.startswith(placeholder) for placeholder in PLACEHOLDERS)


def normalize(blocks: list[Block], report: Report, label_kind: Callable[[str], str | None]) -> list[Block]:
    """``blocks`` with hard-break paragraphs, bold labels and ``<br>``-numbered lists made plain."""
    out: list[Block] = []
    for block in blocks:
        lines = block.text.split("\n")
        broken = any(line.rstrip().endswith("\\") or _ONLY_BACKSLASHES.match(line) for line in lines)
        if block.is_heading or not (broken or _BOLD_LABEL.match(block.text.strip())):
            out.append(block)
            continue
        for piece in _paragraphs(block.text, report):
            out.extend(_shaped(piece, label_kind))
    return out


def _paragraphs(text: str, report: Report) -> list[list[str]]:
    """The block's paragraphs, each a list of lines without their hard-break marks."""
    paragraphs: list[list[str]] = [[]]
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _ONLY_BACKSLASHES.match(line):
            if line.strip() != "\\":  # a lone "\" is an empty line break; more is a backslash shown
                report.add("dropped", line.strip(), "chrome: stray line break")
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        stripped = _HARD_BREAK.sub("", line).rstrip()
        if not stripped.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(stripped)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _HARD_BREAK.search(line) and not following.strip():
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _shaped(lines: list[str], label_kind: Callable[[str], str | None]) -> list[Block]:
    first = _BOLD_LABEL.match(lines[0].strip())
    label = first.group("label") if first else lines[0].strip()
    if label_kind(label) and (first or len(lines) > 1) and all(_NUMBERED.match(line) for line in lines[1:]):
        heading = [Block(label.strip().rstrip(":"), 3)]
        return heading + ([Block("\n".join(line.strip() for line in lines[1:]))] if lines[1:] else [])
    if len(lines) > 1 and all(_NUMBERED.match(line) for line in lines):
        return [Block("\n".join(line.strip() for line in lines))]
    return [Block("\\\n".join(lines))]  # the line breaks the author wanted stay
