"""The incremental renderer: structure, caching, renumbering, patches."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_helpers import DictResolver, corpus_body

from editor.core.post.sections import move_section, split_sections
from editor.core.render.renderer import IncrementalRenderer, render_post

EXPECTED = Path(__file__).parent / "expected"


def test_corpus_post_matches_expected_files() -> None:
    rendered = render_post(corpus_body("glp1-what-to-know.md"), DictResolver())
    assert rendered.body_html + "\n" == (EXPECTED / "glp1-body.html").read_text(encoding="utf-8")
    assert rendered.reference_list_html + "\n" == (EXPECTED / "glp1-references.html").read_text(encoding="utf-8")


def test_sections_numbers_and_reference_order() -> None:
    rendered = render_post(corpus_body("glp1-what-to-know.md"), DictResolver())
    assert rendered.keys == (
        "intro", "how-glp-1-medications-work", "what-the-trials-found", "side-effects",
        "what-happens-when-you-stop", "is-it-right-for-you",
    )
    assert rendered.citation_order == (
        "wilding2021", "jastreboff2022", "lincoff2023", "wilding2022", "rubino2021", "cdc-obesity",
    )
    assert rendered.unresolved == ()
    intro = rendered.section_html("intro")
    assert intro is not None and intro.startswith('<section id="intro" class="post-section"><p>')
    trials = rendered.section_html("what-the-trials-found")
    assert trials is not None
    assert '<h3 id="who-was-studied">Who was studied</h3>' in trials
    assert '<sup class="citation"><a href="#ref-wilding2021">1</a>,<a href="#ref-jastreboff2022">2</a></sup>' in trials
    assert rendered.references_html.startswith('<li id="ref-wilding2021">Wilding JPH')
    assert rendered.references_html.count("<li ") == 6


def test_unresolved_and_missing_keys_are_reported_and_visible() -> None:
    rendered = render_post("A [@nokey]. B [@missing-5]. C [@rubino2021].\n", DictResolver())
    assert rendered.unresolved == ("nokey", "missing-5")
    assert rendered.citation_order == ("rubino2021",)
    html = rendered.body_html
    assert "[?nokey]" in html and "[?5]" in html
    assert '<a href="#ref-rubino2021">1</a>' in html


@pytest.mark.parametrize(
    ("before", "after"),
    [("See [@nokey].\n", "See @nokey.\n"), ("See @nokey.\n", "See [@nokey].\n")],
)
def test_an_edit_between_bracketed_and_narrative_citation_updates_unresolved(before: str, after: str) -> None:
    # Same cited keys before and after; only whether the unknown key is bracketed changes, which
    # decides whether it is reported (a narrative @name without a reference is plain text).
    renderer = IncrementalRenderer(DictResolver())
    renderer.render(before)
    assert renderer.render(after) == render_post(after, DictResolver())


def test_front_matter_is_dropped_from_the_preamble_only_even_where_a_later_section_has_the_same_text() -> None:
    # The preamble "---\n---\n" is empty front matter; the last section "---\n---\n" is a setext heading.
    before = "---\nt: 1\n---\n---\n---\n"
    body = "---\n" + before
    fresh = render_post(body, DictResolver())
    assert fresh.section_html("intro") == '<section id="intro" class="post-section"></section>'
    assert fresh.section_html("section") == '<section id="section" class="post-section"><h2>---</h2></section>'
    renderer = IncrementalRenderer(DictResolver())
    renderer.render(before)
    assert renderer.render(body) == fresh


def test_one_character_edit_renders_one_section() -> None:
    body = corpus_body("glp1-what-to-know.md")
    renderer = IncrementalRenderer(DictResolver())
    before = renderer.render(body)
    count = renderer.sections_rendered
    edited = body.replace("Nausea, diarrhea", "Nausea, diarrhoea")
    after = renderer.render(edited)
    assert renderer.sections_rendered == count + 1
    patch = renderer.patch_since(before, after)
    assert list(patch.changed) == ["side-effects"]
    assert patch.references_html is None
    assert patch.order == after.keys
    assert after == render_post(edited, DictResolver())


def test_moving_a_section_renumbers_without_rendering_text() -> None:
    body = corpus_body("glp1-what-to-know.md")
    renderer = IncrementalRenderer(DictResolver())
    before = renderer.render(body)
    index = [s.anchor for s in split_sections(body)].index("what-happens-when-you-stop")
    moved = move_section(body, index, -1)
    assert moved is not None
    moved = move_section(moved[0], index - 1, -1)  # above "What the trials found" too
    assert moved is not None
    count = renderer.sections_rendered
    after = renderer.render(moved[0])
    assert renderer.sections_rendered == count  # only numbers changed
    assert after.citation_order[:2] == ("wilding2022", "rubino2021")
    assert after == render_post(moved[0], DictResolver())
    patch = renderer.patch_since(before, after)
    assert patch.references_html == after.references_html
    assert "what-the-trials-found" in patch.changed


def test_moving_a_section_without_citations_is_still_a_patch() -> None:
    """No section's HTML changes and no number moves, yet the page must follow the new order."""
    renderer = IncrementalRenderer(DictResolver())
    before = renderer.render("Intro.\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n")
    after = renderer.render("Intro.\n\n## Two\n\nSecond.\n\n## One\n\nFirst.\n")
    patch = renderer.patch_since(before, after)
    assert patch.order == ("intro", "two", "one") and not patch.changed and patch.references_html is None
    assert patch.reordered and not patch.is_empty
    assert renderer.patch_since(after, after).is_empty


def test_resolver_is_asked_once_per_key_until_invalidated() -> None:
    resolver = DictResolver({})
    renderer = IncrementalRenderer(resolver)
    renderer.render("X [@rubino2021].\n")
    renderer.render("X [@rubino2021]. Y\n")
    assert resolver.asked == ["rubino2021"]
    resolver.items = DictResolver().items  # the reference gets imported
    assert renderer.render("X [@rubino2021]. Y\n").unresolved == ("rubino2021",)
    renderer.invalidate_references()
    result = renderer.render("X [@rubino2021]. Y\n")
    assert result.unresolved == () and result.citation_order == ("rubino2021",)


def test_display_and_style_switch() -> None:
    renderer = IncrementalRenderer(DictResolver(), display="parentheses", style="apa")
    first = renderer.render("See [@wilding2021; @rubino2021; @ama11].\n")
    expected = '<a href="#ref-wilding2021">1</a>-<a href="#ref-ama11">3</a>'
    assert f'See <span class="citation">({expected})</span>' in first.body_html
    assert "Wilding, J. P. H." in first.references_html
    renderer.set_display("superscript")
    renderer.set_style("american-medical-association")
    second = renderer.render("See [@wilding2021; @rubino2021; @ama11].\n")
    assert "See.<sup" in second.body_html and "Wilding JPH" in second.references_html
    with pytest.raises(ValueError):
        renderer.set_display("bubbles")


def test_patch_from_nothing_and_heading_rename() -> None:
    renderer = IncrementalRenderer(DictResolver())
    first = renderer.patch_since(None, "Intro.\n\n## One\n\nText.\n")
    assert first.order == ("intro", "one") and set(first.changed) == {"intro", "one"}
    assert first.references_html == ""
    before = renderer.render("Intro.\n\n## One\n\nText.\n")
    patch = renderer.patch_since(before, "Intro.\n\n## Uno\n\nText.\n")
    assert patch.order == ("intro", "uno") and list(patch.changed) == ["uno"]


def test_images_keep_asset_urls_and_tokens_in_input_are_ignored() -> None:
    rendered = render_post("![Chart](asset:4)\n\nA\ue000sx\ue001B\n", DictResolver())
    assert '<img alt="Chart" src="postwright-asset:4">' in rendered.body_html
    exported = render_post("![Chart](asset:4)\n", DictResolver(), asset_prefix=None)
    assert '<img alt="Chart" src="asset:4">' in exported.body_html
    assert "\ue000" not in rendered.body_html and "AsxB" in rendered.body_html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Lost weight [@a].", 'Lost weight.<sup class="citation"><a href="#ref-a">1</a></sup>'),
        ("Lost [@a], then [@b]; then [@c]:", 'Lost,<sup class="citation"><a href="#ref-a">1</a></sup> then'
         '<sup class="citation"><a href="#ref-b">2</a></sup>; then<sup class="citation"><a href="#ref-c">3</a></sup>:'),
    ],
)
def test_ama_superscripts_go_outside_periods_and_commas(markdown: str, expected: str) -> None:
    resolver = DictResolver({key: {"id": key, "type": "book", "title": key.upper()} for key in "abc"})
    assert expected in render_post(markdown, resolver).body_html


def test_parenthesized_numbers_stay_before_the_period() -> None:
    resolver = DictResolver({"a": {"id": "a", "type": "book", "title": "A"}})
    html = render_post("Lost weight [@a].", resolver, "parentheses").body_html
    assert 'Lost weight <span class="citation">(<a href="#ref-a">1</a>)</span>.' in html
