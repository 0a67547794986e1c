"""Property: whatever edits came before, the incremental result equals a fresh render.

Also: the incremental section split equals the shared section index's split.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import DictResolver

from editor.core.post.sections import split_sections
from editor.core.render.patch import PreviewPatch
from editor.core.render.renderer import IncrementalRenderer, render_post
from editor.core.render.split import SectionSplitter

FRAGMENTS = [
    "## Alpha\n", "## Alpha\n", "## Beta\n", "### Sub\n", "# Top\n", "text ", "more words. ", "\n", "\n\n",
    "[@wilding2021]", "[@rubino2021; @ama11]", "[@nokey]", "[@missing-3]", "[@lincoff2023; @wilding2021]",
    "```\n", "- item\n", "**bold** ", "`code [@ama11]` ", "| a | b |\n|---|---|\n| 1 | 2 |\n", "#", " ",
    "##Dosing\n", "Setext\n", "===\n", "---\n", "<div>\n", "</div>\n", "    indented\n", "~~~~\n", "---\nt: 1\n---\n",
]
edit = st.tuples(
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=6),
    st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=3),
)


def apply(body: str, change: tuple[float, int, list[str]]) -> str:
    where, delete, inserted = change
    position = int(where * len(body))
    return body[:position] + "".join(inserted) + body[position + delete :]


def reference_split(body: str) -> list[tuple[str, str, tuple[tuple[int, str], ...]]]:
    tops, key, start, subs = [], "intro", 0, []
    for section in split_sections(body)[1:]:
        if section.level <= 2:
            tops.append((key, body[start : section.start], tuple(subs)))
            key, start, subs = section.anchor, section.start, []
        else:
            subs.append((section.level, section.anchor))
    tops.append((key, body[start:], tuple(subs)))
    return tops


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12), st.lists(edit, min_size=1, max_size=6))
def test_incremental_equals_full_render(start: list[str], edits: list[tuple[float, int, list[str]]]) -> None:
    body = "".join(start)
    renderer = IncrementalRenderer(DictResolver())
    renderer.render(body)
    for change in edits:
        body = apply(body, change)
        assert renderer.render(body) == render_post(body, DictResolver())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.lists(edit, min_size=1, max_size=8))
def test_incremental_split_equals_section_index(start: list[str], edits: list[tuple[float, int, list[str]]]) -> None:
    body = "".join(start)
    splitter = SectionSplitter()
    splitter.split(body)
    for change in edits:
        body = apply(body, change)
        got = [(top.key, top.text, top.anchors) for top in splitter.split(body)]
        assert got == reference_split(body)


def patched(page: dict[str, str], patch: PreviewPatch) -> dict[str, str]:
    """What the preview does with a patch: replace or add the changed sections, in the order given."""
    sections = {**page, **patch.changed}
    return {key: sections[key] for key in patch.order}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=24), st.lists(st.integers(0, 200), min_size=1, max_size=4),
       st.lists(edit, max_size=3))
def test_drafts_then_whole_render_equal_a_fresh_render(
        start: list[str], cuts: list[int], edits: list[tuple[float, int, list[str]]]) -> None:
    """A preview fed the drafts of a body and then the patch to its whole render shows what a fresh
    render shows, and typing on from there stays equal (the renderer's quick path after drafts)."""
    body = "".join(start)
    renderer = IncrementalRenderer(DictResolver())
    previous = None
    page: dict[str, str] = {}
    for chars in sorted(cuts):
        draft = renderer.render_draft(body, chars)
        assert draft.references_html == ""
        expected_keys = [key for key, _text, _subs in reference_split(body)]
        assert list(draft.keys) == expected_keys[: len(draft.keys)]
        page = patched(page, renderer.patch_since(previous, draft))
        previous = draft
    whole = renderer.render(body)
    fresh = render_post(body, DictResolver())
    assert whole == fresh
    page = patched(page, renderer.patch_since(previous, whole))
    assert list(page.items()) == [(section.key, section.html) for section in fresh.sections]
    for change in edits:
        body = apply(body, change)
        assert renderer.render(body) == render_post(body, DictResolver())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=14), st.lists(edit, min_size=1, max_size=8))
def test_outline_index_from_the_renderers_split_equals_the_section_index(
    start: list[str], edits: list[tuple[float, int, list[str]]]
) -> None:
    from editor.core.post.sections import word_count
    from editor.core.render.outline import OutlineIndex

    body = "".join(start)
    renderer, outline = IncrementalRenderer(DictResolver()), OutlineIndex()
    for change in [(0.0, 0, []), *edits]:
        body = apply(body, change)
        renderer.render(body)
        sections, counts = outline.sections(renderer.tops, body)
        expected = split_sections(body)
        assert sections == expected
        assert counts == tuple(word_count(section.text(body)) for section in expected)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="[]![]()a \n\\", max_size=80))
def test_link_bracket_matching_is_python_markdowns(data: str) -> None:
    from markdown.inlinepatterns import LinkInlineProcessor

    from editor.core.render.markdown_section import bracket_ends

    assert bracket_ends(data) == LinkInlineProcessor._findBracketEnds(data)
