from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.sections import (
    Section,
    move_section,
    move_section_to,
    section_index_at,
    split_sections,
    subtree_end,
    subtree_words,
)

BODY = """Intro paragraph.

## First

One.

```
## not a heading (code)
```

### Sub

Sub text.

## Second

Two.

## First

Again.
"""


def test_sections_tile_text_and_skip_code():
    sections = split_sections(BODY)
    assert [(s.level, s.title) for s in sections] == [(0, ""), (2, "First"), (3, "Sub"), (2, "Second"), (2, "First")]
    assert "".join(s.text(BODY) for s in sections) == BODY
    assert [s.anchor for s in sections] == ["intro", "first", "sub", "second", "first-2"]
    assert section_index_at(sections, BODY.index("Sub text")) == 2
    assert sections[2].start_line == BODY[: sections[2].start].count("\n")


def test_move_takes_subsections_and_is_undone_by_the_opposite_move():
    moved, offset = move_section(BODY, 1, +1)
    titles = [s.title for s in split_sections(moved)]
    assert titles == ["", "Second", "First", "Sub", "First"]
    assert moved[offset:].startswith("## First")
    back, _ = move_section(moved, 2, -1)
    assert back == BODY
    assert move_section(BODY, 2, -1) is None  # a ### has no ### sibling above it


def test_move_to_end_by_drag():
    moved, offset = move_section_to(BODY, 1, len(split_sections(BODY)))
    assert [s.title for s in split_sections(moved)] == ["", "Second", "First", "First", "Sub"]
    assert moved[offset:].startswith("## First\n\nOne.")


_block = st.one_of(
    st.sampled_from(["Para text.", "", "More words here", "```", "## Heading", "### Sub", "#### Deep"]),
    st.text(alphabet="ab #\n", max_size=8),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_block, max_size=25), st.data())
def test_moves_preserve_content(blocks, data):
    text = "\n".join(blocks) + "\n"
    sections = split_sections(text)
    assert "".join(s.text(text) for s in sections) == text
    if len(sections) < 2:
        return
    index = data.draw(st.integers(1, len(sections) - 1))
    result = move_section(text, index, data.draw(st.sampled_from([-1, 1])))
    if result is not None:
        moved, _ = result
        assert sorted(moved.splitlines()) == sorted(text.splitlines()) or sorted(
            line for line in moved.splitlines() if line) == sorted(line for line in text.splitlines() if line)


@given(st.lists(st.tuples(st.integers(1, 6), st.integers(0, 500)), max_size=40), st.integers(0, 500))
def test_subtree_words_in_one_pass_equal_each_subtree_summed(headings: list[tuple[int, int]], intro: int):
    sections = [Section(level, f"s{n}", f"s{n}", 0, 0, 0, 0) for n, (level, _) in enumerate([(0, intro), *headings])]
    words = (intro, *(count for _, count in headings))
    totals = subtree_words(sections, words)
    assert totals[1:] == [sum(words[i:subtree_end(sections, i)]) for i in range(1, len(sections))]
