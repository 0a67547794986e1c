"""What the outline shows of a post: a row per "##"/"###" section (and one for a non-empty
introduction), with each row's word count, worked out after every render off the GUI thread.

The outline's rows nest by level; a "####" heading or deeper is a section without a row (its words
count in the row above it). Rows are plain tuples so that the GUI thread finds the one or two rows a
keystroke changed with C-level comparisons instead of walking every section in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from editor.core.post.sections import Section, subtree_words

MAX_LEVEL = 3  # "###": deeper headings have no row


class OutlineRow(NamedTuple):
    level: int  # 0 for the introduction
    title: str
    anchor: str
    section: int  # the section's position among all the post's sections
    words: int | None  # with its subsections (the introduction: its own text); None: not counted


@dataclass(frozen=True)
class OutlineRows:
    rows: tuple[OutlineRow, ...] = ()
    structure: tuple[tuple[int, str], ...] = ()  # (level, title) per row: the tree is rebuilt when it changes


def outline_rows(sections: list[Section], own_words: tuple[int, ...]) -> OutlineRows:
    """The rows for ``sections`` (``own_words``: the words of each one's own text)."""
    totals: list[int] | list[None] = subtree_words(sections, own_words) if own_words else [None] * len(sections)
    rows = tuple(
        OutlineRow(section.level, section.title, section.anchor, i,
                   own_words[i] if section.level == 0 and own_words else totals[i])
        for i, section in enumerate(sections)
        if 0 < section.level <= MAX_LEVEL or (section.level == 0 and own_words and own_words[i])
    )
    return OutlineRows(rows, tuple((row.level, row.title) for row in rows))
