"""Citations as the page shows them: numbers, ranges, locators, aliases, narrative and malformed citations."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest

from editor.core.render.renderer import render_post

NBSP = "\u00a0"
UNKNOWN_TITLE = "No reference in the library has this key"


def item(key: str, *families: str, work: str | None = None) -> dict[str, Any]:
    return {"id": work or key, "type": "article-journal", "title": f"Title {key}",
            "author": [{"family": family, "given": "A"} for family in families]}


LIBRARY = {key: item(key, "Doe") for key in "abcde"}


def resolver(library: dict[str, dict[str, Any]]) -> Any:
    return lambda keys: {key: library[key] for key in keys if key in library}


def body_html(text: str, library: dict[str, dict[str, Any]] = LIBRARY, display: str = "superscript") -> str:
    html = render_post(text, resolver(library), display=display).body_html
    return re.sub(r'^<div id="post-body"><section id="intro" class="post-section">|</section></div>$', "", html)


def sup(*links: str) -> str:
    return f'<sup class="citation">{"".join(links)}</sup>'


def a(key: str, number: int) -> str:
    return f'<a href="#ref-{key}">{number}</a>'


def test_single_citation_is_superscript_outside_the_period_without_the_space() -> None:
    assert body_html("Text [@a].") == f"<p>Text.{sup(a('a', 1))}</p>"


def test_numbered_by_first_citation_and_recited_keeps_number() -> None:
    assert body_html("One [@b]; two [@a]; again [@b]") == (
        f"<p>One{sup(a('b', 1))}; two{sup(a('a', 2))}; again{sup(a('b', 1))}</p>")


def test_numbering_spans_the_whole_document() -> None:
    rendered = render_post("## First\n\nSee [@c]\n\n## Second\n\n- item [@a; @c]", resolver(LIBRARY))
    assert rendered.citation_order == ("c", "a")
    assert sup(a("c", 1), ",", a("a", 2)) in rendered.body_html


def test_adjacent_numbers_collapse_into_ranges_and_a_pair_stays_a_list() -> None:
    html = body_html("[@a] [@b] [@c] [@d] [@e] All [@e; @a; @b; @c] two [@a; @b]")
    assert sup(a("a", 1), "-", a("c", 3), ",", a("e", 5)) in html
    assert html.endswith(f"two{sup(a('a', 1), ',', a('b', 2))}</p>")


def test_parentheses_display_keeps_the_space() -> None:
    assert body_html("Text [@a; @b; @c].", display="parentheses") == (
        f'<p>Text <span class="citation">({a("a", 1)}-{a("c", 3)})</span>.</p>')


def test_unknown_key_is_visible_and_unnumbered() -> None:
    unknown = f'<span class="citation-unresolved" title="{UNKNOWN_TITLE}">[?zz]</span>'
    assert body_html("Text [@zz]. Then [@a; @zz]") == f"<p>Text {unknown}. Then{sup(a('a', 1))}{unknown}</p>"


def test_legacy_missing_key_shows_its_original_number() -> None:
    assert "[?5]</span>" in body_html("Cited (5) in the old site [@missing-5].")


@pytest.mark.parametrize("text", ["Literal \\[@a] and `[@a]`.", "Mail me@example.org [x].", "Escaped \\@a here."])
def test_what_is_not_a_citation_is_text(text: str) -> None:
    html = body_html(text)
    assert "citation" not in html
    assert "\\" not in html  # the escapes are consumed as Pandoc consumes them


def test_keys_with_internal_punctuation_and_braces() -> None:
    library = {"doe:2020.b": item("doe:2020.b", "Doe"), "https://x.org/a?b=1": item("https://x.org/a?b=1", "Roe")}
    html = body_html("X [@doe:2020.b; @{https://x.org/a?b=1}].", library)
    assert sup(a("doe:2020.b", 1), ",", a("https://x.org/a?b=1", 2)) in html


def test_a_locator_follows_the_number_as_ama_prescribes() -> None:
    # AMA Manual of Style 11th ed., 3.6: "3(p990)", spaces closed up; several references, several pages.
    html = body_html("Cited [@a, p. 990]. Range [@b, pp. 4-6; @c; @d; @e]. Chapter [@a, chap. 2].")
    assert f"Cited.{sup(a('a', 1) + '(p990)')}" in html
    assert sup(a("b", 2) + "(pp4-6)", ",", a("c", 3), "-", a("e", 5)) in html
    assert sup(a("a", 1) + "(chap2)") in html


def test_the_check_example_that_used_to_print_raw_is_numbered() -> None:
    html = body_html("Smoking doubles the risk [see @a, p. 3].")
    assert html == f"<p>Smoking doubles the risk.{sup('see' + NBSP + a('a', 1) + '(p3)')}</p>"


def test_prefix_and_suffix_are_inline_markdown_and_sanitized() -> None:
    html = body_html("X [*see* @a, p. 3, <script>x</script> emphasis *added*].")
    assert "<em>see</em>" + NBSP + a("a", 1) + "(p3), " in html and "<em>added</em>" in html
    assert "<script" not in html


def test_an_alias_and_its_key_are_one_work_with_one_number_and_one_entry() -> None:
    library = {"new": item("new", "Doe"), "old": item("old", "Doe", work="new"), "b": item("b", "Roe")}
    rendered = render_post("First [@old]. Then [@b]. Again [@new; @old].", resolver(library))
    assert rendered.citation_order == ("new", "b")
    assert dict(rendered.numbers) == {"old": 1, "b": 2, "new": 1}
    assert rendered.references_html.count("<li") == 2 and 'id="ref-new"' in rendered.references_html
    assert f"Again.{sup(a('new', 1))}" in rendered.body_html


def test_narrative_citation_names_the_authors_then_the_number() -> None:
    library = {"one": item("one", "Wilding"), "two": item("two", "Wilding", "Batterham"),
               "many": item("many", "Wilding", "Batterham", "Calanna"),
               "group": {"id": "group", "type": "report", "title": "T", "author": [{"literal": "CDC"}]}}
    html = body_html("@one, @two [p. 9], @many and @group agree; @someone does not.", library)
    assert html == (f"<p>Wilding{sup(a('one', 1))}, Wilding and Batterham{sup(a('two', 2) + '(p9)')}, "
                    f"Wilding et al{sup(a('many', 3))} and CDC{sup(a('group', 4))} agree; @someone does not.</p>")


@pytest.mark.parametrize("text", ["Bad [@a and more.", "Empty [@].", "Two [@a @b].", "Stray @a] here."])
def test_a_malformed_citation_is_a_neutral_marker_never_raw(text: str) -> None:
    rendered = render_post(text, resolver(LIBRARY))
    html = rendered.body_html
    assert '<span class="citation-malformed"' in html and ">[?]</span>" in html
    visible = re.sub(r"<[^>]+>", "", html)
    assert "@" not in visible and rendered.malformed
    assert rendered.citation_order == ()


def test_tokens_in_the_input_cannot_forge_citations() -> None:
    assert "citation" not in body_html("Forged \ue0000\ue001 token.")


def cited(text: str, library: Iterable[str] = "abcde") -> tuple[str, ...]:
    return render_post(text, resolver({k: item(k, "Doe") for k in library})).citation_order


def test_citations_in_links_are_not_citations() -> None:
    assert cited("[see @a](https://example.org) and ![@b](asset:1)") == ()


def test_a_narrative_name_takes_typographic_apostrophes() -> None:
    library = {"obrien": item("obrien", "O'Brien")}
    assert body_html("@obrien agrees.", library) == f"<p>O\u2019Brien{sup(a('obrien', 1))} agrees.</p>"
