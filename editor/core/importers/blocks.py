"""Blocks: the common form every source is brought to before its structure is read.

A block is a paragraph, list, table, image or code fence in Markdown, or a heading
(``level`` 1-6). Plain text, web pages, Word documents and Markdown files all become a
list of blocks; ``structure.build_post`` then finds the title, sections and end matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.post.blocks import Kind, atx_heading, scan, setext_level
from editor.core.references.identifiers import trim_tail


@dataclass
class Block:
    text: str  # Markdown source; for a heading, its text without the ``#`` marks
    level: int = 0  # 1-6 for a heading, 0 otherwise

    @property
    def is_heading(self) -> bool:
        return self.level > 0


def markdown_to_blocks(markdown: str) -> list[Block]:
    """Split Markdown into blocks at blank lines; code fences and raw HTML stay whole.

    What is a heading or a fence is the block grammar's decision (:mod:`editor.core.post.blocks`).
    """
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    kinds = scan(text).kinds
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            joined = "\n".join(current).strip("\n")
            if joined.strip():
                blocks.append(Block(joined))
            current.clear()

    index = 0
    while index < len(lines):
        kind, line = kinds[index], lines[index]
        if kind is Kind.HEADING:
            flush()
            atx = atx_heading(line)
            if atx is not None:
                blocks.append(Block(atx.title, atx.level))
                index += 1
            else:
                blocks.append(Block(line.strip(), setext_level(lines[index + 1]) or 2))
                index += 2
            continue
        if kind is Kind.FENCE or (kind is Kind.HTML and (index == 0 or kinds[index - 1] is not Kind.HTML)):
            flush()
            stop = _opaque_end(kinds, index)
            blocks.append(Block("\n".join(lines[index:stop])))
            index = stop
            continue
        if kind is Kind.BLANK:
            flush()
        else:
            current.append(line)
        index += 1
    flush()
    return blocks


def _opaque_end(kinds: tuple[Kind, ...], start: int) -> int:
    """End (exclusive) of the fenced code or raw HTML block starting at line ``start``."""
    stop = start + 1
    if kinds[start] is Kind.FENCE:
        while stop < len(kinds) and kinds[stop] is Kind.CODE:
            stop += 1
        return min(stop + 1, len(kinds))  # the closing fence
    while stop < len(kinds) and kinds[stop] is Kind.HTML:
        stop += 1
    return stop


def blocks_to_markdown(blocks: list[Block]) -> str:
    """Join blocks back into Markdown, one blank line between blocks."""
    parts = [f"{'#' * block.level} {block.text}" if block.is_heading else block.text for block in blocks]
    return "\n\n".join(part for part in parts if part.strip()) + ("\n" if parts else "")


# A link target may hold balanced parentheses, as CommonMark allows: doi.org/10.1016/S2213-2600(21)00000-0
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)")
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
    bare = re.search(r"https?://[^\s<>\[\]\"']+", markdown)
    candidates = []
    if link and link.group(2).startswith(("http://", "https://")):
        candidates.append((link.start(), link.group(2)))
    if bare:
        candidates.append((bare.start(), trim_tail(bare.group(0))))  # "(21)" in a DOI stays
    return min(candidates)[1] if candidates else None
