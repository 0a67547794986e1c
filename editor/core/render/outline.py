"""The section index of successive versions of a body, built from the renderer's split.

The outline and the navigator need every section of the body (``##`` and ``###`` alike)
with its offsets, lines and word count after each keystroke. Reading the whole body again
for that (:func:`editor.core.post.sections.split_sections` and a word count per section)
took 40 ms of the render thread per key at 200,000 words, thirty times the render itself.

:class:`OutlineIndex` takes the top-level sections the renderer's incremental splitter has
just made (:class:`editor.core.render.split.TopSection`, whose texts tile the body and
whose anchors are already numbered across the post) and indexes each top section's text
on its own, once per distinct text: a keystroke re-reads one section and moves the others
by the length the edit added. The result is exactly ``split_sections(body)`` and the word
count of each section's own text (a property test checks it against random edits).
"""

from __future__ import annotations

from collections.abc import Sequence

from editor.core.post.sections import Section, split_sections, word_count
from editor.core.render.split import TopSection

_Local = tuple[tuple[Section, ...], tuple[int, ...], int]  # sections, their word counts, newlines


class OutlineIndex:
    def __init__(self) -> None:
        self._local: dict[str, _Local] = {}

    def sections(self, tops: Sequence[TopSection], body: str) -> tuple[list[Section], tuple[int, ...]]:
        """Every section of ``body`` (split into ``tops`` by the renderer) and its words."""
        local_by_text: dict[str, _Local] = {}
        sections: list[Section] = []
        counts: list[int] = []
        offset = line = 0
        for index, top in enumerate(tops):
            local = self._local.get(top.text) or local_by_text.get(top.text) or _index(top.text)
            local_by_text[top.text] = local
            own, words, newlines = local
            skip = 0 if index == 0 else 1  # a heading's section text opens with an empty preamble
            anchors = ["intro" if index == 0 else top.key, *(anchor for _level, anchor in top.anchors)]
            if len(own) - skip != len(anchors):
                return self._whole(body)  # not the split the renderer made: read the body itself
            for section, anchor in zip(own[skip:], anchors, strict=True):
                sections.append(Section(section.level, section.title, anchor, section.start + offset,
                                        section.end + offset, section.start_line + line, section.end_line + line,
                                        section.setext))
            counts += words[skip:]
            offset += len(top.text)
            line += newlines
        if offset != len(body):
            return self._whole(body)
        self._local = local_by_text  # only the texts of this version: memory stays one post's worth
        return sections, tuple(counts)

    def _whole(self, body: str) -> tuple[list[Section], tuple[int, ...]]:
        self._local = {}
        found = split_sections(body)
        return found, tuple(word_count(section.text(body)) for section in found)


def _index(text: str) -> _Local:
    found = split_sections(text)
    return tuple(found), tuple(word_count(section.text(text)) for section in found), text.count("\n")
