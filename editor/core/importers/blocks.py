"""Blocks: the common form every source is brought to before its structure is read.

A block is a paragraph, list, table, image or code fence in Markdown, or a heading
(``level`` 1-6). Plain text, web pages, Word documents and Markdown files all become a
list of blocks; ``structure.build_post`` then finds the title, sections and end matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class Block:
    text: str  # Markdown source; for a heading, its text without the ``#`` marks
    level: int = 0  # 1-6 for a heading, 0 otherwise

    @property
    def is_heading(self) -> bool:
        return self.level > 0


def markdown_to_blocks(markdown: str) -> list[Block]:
    """Split Markdown into blocks at blank lines, keeping code fences whole."""
    blocks: list[Block] = []
    current: list[str] = []
    fence: str | None = None

    def flush() -> None:
        if current:
            blocks.extend(_classify(current))
            current.clear()

    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _FENCE.match(line)
        if fence is not None:
            current.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
                flush()
            continue
        if match:
            flush()
            fence = match.group(1)
            current.append(line)
            continue
        if not line.strip():
            flush()
            continue
        current.append(line)
    flush()
    return blocks


def _classify(lines: list[str]) -> list[Block]:
    """One run of non-blank lines → one or more blocks (a heading splits its run)."""
    out: list[Block] = []
    body: list[str] = []
    for line in lines:
        heading = _ATX.match(line)
        if heading and not _FENCE.match(lines[0]):
            if body:
                out.append(Block("\n".join(body)))
                body = []
            out.append(Block(heading.group(2).strip(), len(heading.group(1))))
            continue
        if _SETEXT.match(line) and len(body) == 1 and not _FENCE.match(lines[0]):
            level = 1 if line.strip().startswith("=") else 2
            out.append(Block(body[0].strip(), level))
            body = []
            continue
        body.append(line)
    if body:
        out.append(Block("\n".join(body).strip("\n")))
    return [block for block in out if block.text.strip() or block.is_heading]


def blocks_to_markdown(blocks: list[Block]) -> str:
    """Join blocks back into Markdown, one blank line between blocks."""
    parts = [f"{'#' * block.level} {block.text}" if block.is_heading else block.text for block in blocks]
    return "\n\n".join(part for part in parts if part.strip()) + ("\n" if parts else "")


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")


def plain_text(markdown: str) -> str:
    """Markdown inline source → readable text (links keep their text, emphasis dropped)."""
    text = re.sub(r"<((?:https?://|mailto:)[^>\s]+)>", r"\1", markdown)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2), text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def first_url(markdown: str) -> str | None:
    """The first link target or bare http(s) URL in a piece of Markdown."""
    link = _MD_LINK.search(markdown)
    bare = re.search(r"https?://[^\s<>()\[\]\"']+", markdown)
    candidates = []
    if link and link.group(2).startswith(("http://", "https://")):
        candidates.append((link.start(), link.group(2)))
    if bare:
        candidates.append((bare.start(), bare.group(0).rstrip(".,;:")))
    return min(candidates)[1] if candidates else None
