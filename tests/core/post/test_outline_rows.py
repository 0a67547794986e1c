"""The outline's rows: the "##"/"###" sections and a non-empty introduction, with their subtree words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.outline_rows import MAX_LEVEL, OutlineRow, outline_rows
from editor.core.post.sections import Section, split_sections, word_count


def post_with(levels: list[int], words: list[int]) -> str:
    """A body whose sections have ``levels`` (0 first: an introduction) and that many words each."""
    parts = []
    for n, (level, count) in enumerate(zip(levels, words, strict=True)):
        heading = f"{'#' * level} Heading {n}\n\n" if level else ""
        parts.append(heading + " ".join(f"w{n}x{k}" for k in range(count)) + "\n\n")
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(2, 6), st.integers(0, 5)), max_size=12), st.integers(0, 4))
def test_rows_are_the_shown_sections_with_the_words_under_them(headed: list[tuple[int, int]], intro: int) -> None:
    body = post_with([0] + [level for level, _ in headed], [intro] + [count for _, count in headed])
    sections = split_sections(body)
    own = tuple(word_count(section.text(body)) for section in sections)
    outline = outline_rows(sections, own)

    def subtree(i: int) -> int:  # the slow way: the section and everything deeper until a sibling
        end = i + 1
        while end < len(sections) and sections[end].level > sections[i].level:
            end += 1
        return sum(own[i:end])

    expected = [OutlineRow(s.level, s.title, s.anchor, i, own[i] if s.level == 0 else subtree(i))
                for i, s in enumerate(sections) if 0 < s.level <= MAX_LEVEL or (s.level == 0 and own[i])]
    assert list(outline.rows) == expected
    assert outline.structure == tuple((row.level, row.title) for row in expected)


def test_no_sections_no_rows() -> None:
    empty: list[Section] = []
    assert outline_rows(empty, ()).rows == ()
