"""The section index: where each heading's section starts and ends in a post body.

Every part that thinks in sections uses this one parser: the incremental renderer
(re-render only the edited section), the outline (tree, word counts, moving a
section), the checks (which section a finding is in) and the export (one
``<section>`` per ``##`` heading). What a heading is comes from the block grammar,
:mod:`editor.core.post.blocks` (ATX and setext headings, not inside fences, raw HTML
or front matter). The first section (level 0) is the text before the first heading;
it is always present, possibly empty, so the sections tile the whole text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from editor.core.post.blocks import headings
from editor.core.post.slugs import slugify


@dataclass(frozen=True)
class Section:
    level: int  # 0 for the preamble, else the heading level (1-6)
    title: str
    anchor: str  # stable id for the HTML: the slugified title, de-duplicated
    start: int  # offset of the heading line (a setext heading's text line; 0 for the preamble)
    end: int  # offset where the next heading starts (or len(text))
    start_line: int  # 0-based line of the heading
    end_line: int  # 0-based line where the next section starts
    setext: bool = False  # the heading is its title line underlined by '=' or '-'

    def text(self, body: str) -> str:
        return body[self.start : self.end]


def split_sections(text: str) -> list[Section]:
    """All sections of ``text`` in order; their spans tile the text exactly."""
    found = headings(text)
    total_lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    sections: list[Section] = []
    used: dict[str, int] = {}

    def anchor_for(title: str) -> str:
        base = slugify(title, fallback="section")
        count = used.get(base, 0) + 1
        used[base] = count
        return base if count == 1 else f"{base}-{count}"

    first_start, first_line = (found[0].offset, found[0].line) if found else (len(text), total_lines)
    sections.append(Section(0, "", "intro", 0, first_start, 0, first_line))
    for i, heading in enumerate(found):
        if i + 1 < len(found):
            end, end_line = found[i + 1].offset, found[i + 1].line
        else:
            end, end_line = len(text), total_lines
        sections.append(Section(heading.level, heading.title, anchor_for(heading.title), heading.offset, end,
                                heading.line, end_line, heading.setext))
    return sections


def section_index_at(sections: list[Section], offset: int) -> int:
    """Index of the section containing character ``offset``."""
    starts = [s.start for s in sections]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def subtree_end(sections: list[Section], index: int) -> int:
    """Index one past the last subsection of ``sections[index]``."""
    level = sections[index].level
    j = index + 1
    while j < len(sections) and sections[j].level > level:
        j += 1
    return j


def subtree_words(sections: list[Section], own_words: tuple[int, ...]) -> list[int]:
    """Words in each section with its subsections (``own_words``: each section's own), in one pass: the
    sum of each subtree on its own costs the GUI thread milliseconds per keystroke at 1,000 sections."""
    totals = list(own_words)
    open_sections: list[int] = []  # the ancestors of the section being read
    for i, section in enumerate(sections):
        while open_sections and sections[open_sections[-1]].level >= section.level:
            open_sections.pop()
        for ancestor in open_sections:
            totals[ancestor] += own_words[i]
        open_sections.append(i)
    return totals


def move_section(text: str, index: int, direction: int) -> tuple[str, int] | None:
    """Move section ``index`` (with its subsections) past its previous/next sibling.

    ``direction`` is -1 (up) or +1 (down). Returns the new text and the new offset
    of the moved heading, or ``None`` when there is no sibling to swap with.
    """
    sections = split_sections(text)
    if index <= 0 or index >= len(sections):
        return None
    level = sections[index].level
    own_end = subtree_end(sections, index)
    if direction < 0:
        sibling = index - 1
        while sibling > 0 and sections[sibling].level > level:
            sibling -= 1
        if sibling <= 0 or sections[sibling].level != level:
            return None
        first, second = (sibling, index), (index, own_end)
    else:
        if own_end >= len(sections) or sections[own_end].level != level:
            return None
        first, second = (index, own_end), (own_end, subtree_end(sections, own_end))
    return _swap(text, sections, first, second, moved_is_first=direction > 0)


def move_section_to(text: str, index: int, before_index: int) -> tuple[str, int] | None:
    """Move section ``index`` with its subsections so it starts where ``before_index`` starts.

    ``before_index == len(sections)`` moves it to the end. Used by drag and drop.
    """
    sections = split_sections(text)
    if index <= 0 or index >= len(sections):
        return None
    own_end = subtree_end(sections, index)
    if index <= before_index <= own_end or before_index <= 0:
        return None
    block = _with_newline(text[sections[index].start : _span_end(text, sections, own_end)])
    rest = text[: sections[index].start] + text[_span_end(text, sections, own_end) :]
    target = sections[before_index].start if before_index < len(sections) else len(text)
    if target > sections[index].start:
        target -= len(block) if own_end < len(sections) else len(text) - sections[index].start
    rest_before = _with_newline(rest[:target]) if target else rest[:target]
    new_text = rest_before + block + rest[target:]
    return _normalise_end(new_text, text), len(rest_before)


def _span_end(text: str, sections: list[Section], index: int) -> int:
    return sections[index].start if index < len(sections) else len(text)


def _with_newline(chunk: str) -> str:
    return chunk if chunk.endswith("\n") or not chunk else chunk + "\n"


def _normalise_end(new_text: str, old_text: str) -> str:
    if not old_text.endswith("\n") and new_text.endswith("\n"):
        return new_text[:-1]
    return new_text


def _swap(
    text: str,
    sections: list[Section],
    first: tuple[int, int],
    second: tuple[int, int],
    *,
    moved_is_first: bool,
) -> tuple[str, int]:
    a_start, a_end = sections[first[0]].start, _span_end(text, sections, first[1])
    b_start, b_end = a_end, _span_end(text, sections, second[1])
    block_a = _with_newline(text[a_start:a_end])
    block_b = _with_newline(text[b_start:b_end])
    new_text = _normalise_end(text[:a_start] + block_b + block_a + text[b_end:], text)
    moved_offset = a_start + len(block_b) if moved_is_first else a_start
    return new_text, moved_offset


def rename_section(text: str, index: int, title: str) -> tuple[str, int]:
    """``text`` with section ``index`` retitled ``title`` (same level and form); and the heading's offset."""
    section = split_sections(text)[index]
    title = " ".join(title.split())
    line_end = text.find("\n", section.start)
    line_end = len(text) if line_end == -1 else line_end
    if text[section.start:line_end].endswith("\r"):
        line_end -= 1
    heading = title if section.setext else "#" * section.level + " " + title
    return text[: section.start] + heading + text[line_end:], section.start


def add_section_after(text: str, index: int, title: str) -> tuple[str, int]:
    """``text`` with a new ``##`` section after section ``index`` and its subsections; and the title's offset."""
    sections = split_sections(text)
    index = max(0, min(index, len(sections) - 1))
    end = subtree_end(sections, index)
    at = sections[end].start if end < len(sections) else len(text)
    before = text[:at]
    glue = "" if not before or before.endswith("\n\n") else ("\n" if before.endswith("\n") else "\n\n")
    return before + f"{glue}## {title}\n\n" + text[at:], len(before) + len(glue) + 3


def delete_section(text: str, index: int) -> tuple[str, int]:
    """``text`` without section ``index`` and its subsections; and where it was."""
    sections = split_sections(text)
    end = subtree_end(sections, index)
    stop = sections[end].start if end < len(sections) else len(text)
    return text[: sections[index].start] + text[stop:], sections[index].start


def word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
