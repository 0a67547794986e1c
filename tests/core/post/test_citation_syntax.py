"""The citation grammar: Pandoc's syntax, what is not a citation, and what is malformed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.post.citation_locators import LOCATOR_TERMS, Locator, parse_locator
from editor.core.post.citation_syntax import (
    Cluster,
    Malformed,
    cite_marker,
    find_citations,
    format_cluster,
    is_simple_key,
)


def clusters(text: str) -> list[Cluster]:
    return list(find_citations(text).clusters)


def only(text: str) -> Cluster:
    found = find_citations(text)
    assert not found.malformed and len(found.clusters) == 1, found
    return found.clusters[0]


def test_pandoc_manual_example() -> None:
    cluster = only("Blah blah [see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1].")
    first, second = cluster.items
    assert (first.prefix, first.key, first.locator, first.suffix) == (
        "see", "doe99", Locator("page", "33-35"), " and *passim*")
    assert (second.key, second.locator, second.suffix) == ("smith04", Locator("chapter", "1"), "")
    assert not cluster.narrative


def test_offsets_point_at_the_key_and_a_dash_suppresses_the_author() -> None:
    text = "x [-@smith04; @{a.b.}] y [@doe99]"
    found = clusters(text)
    assert [text[i.key_start : i.key_end] for c in found for i in c.items] == ["smith04", "a.b.", "doe99"]
    assert [i.suppress_author for c in found for i in c.items] == [True, False, False]


@pytest.mark.parametrize(("text", "keys"), [
    ("[@Foo_bar.baz.]", ["Foo_bar.baz"]),  # a final period is not internal punctuation
    ("[@{Foo_bar.baz.}]", ["Foo_bar.baz."]),  # unless the key is braced
    ("@Foo_bar--baz", ["Foo_bar"]),  # repeated punctuation ends the key
    ("[@{https://example.com/bib?name=foobar&date=2000}, p. 33]", ["https://example.com/bib?name=foobar&date=2000"]),
    ("[@http://zotero.org/users/1/items/A1]", ["http://zotero.org/users/1/items/A1"]),
    ("[@doe:2020.b; @smith_2021; @1657:huygens; @_x]", ["doe:2020.b", "smith_2021", "1657:huygens", "_x"]),
    ("[@a:b#c$d%e&f-g+h?i<j>k~l/m]", ["a:b#c$d%e&f-g+h?i<j>k~l/m"]),
    ("[@Müller2020; @García-López2019]", ["Müller2020", "García-López2019"]),
])
def test_keys_are_pandocs(text: str, keys: list[str]) -> None:
    assert [k for c in clusters(text) for k in c.keys] == keys


@pytest.mark.parametrize(("suffix", "locator", "rest"), [
    (", p. 3", Locator("page", "3"), ""),
    (", pp. 4-6", Locator("page", "4-6"), ""),
    (", pp. 33, 35-38 and passim", Locator("page", "33, 35-38"), " and passim"),
    (", chap. 2", Locator("chapter", "2"), ""),
    (", Chapter 2", Locator("chapter", "2"), ""),
    (", sec. 3.2, table 2", Locator("section", "3.2"), ", table 2"),
    (", § 4", Locator("section", "4"), ""),
    (", fig. 1", Locator("figure", "1"), ""),
    (", vol. 2", Locator("volume", "2"), ""),
    (", s.v. obesity1", Locator("sub verbo", "obesity1"), ""),
    (", p. iv", Locator("page", "iv"), ""),
    (", 33-35", Locator("page", "33-35"), ""),  # no term: pages
    (", p.3", Locator("page", "3"), ""),
    (", {pp. iv, vi-xi, (xv)-(xvii)} with suffix", Locator("page", "iv, vi-xi, (xv)-(xvii)"), " with suffix"),
    (", {chapter 3, the appendix}", Locator("chapter", "3, the appendix"), ""),
    (", 34(1)(a)", Locator("page", "34(1)(a)"), ""),
    (", emphasis added", None, ", emphasis added"),
    (", table 2", None, ", table 2"),
    (" and elsewhere", None, " and elsewhere"),
    ("", None, ""),
])
def test_locators_are_read_as_pandoc_reads_them(suffix: str, locator: Locator | None, rest: str) -> None:
    assert parse_locator(suffix) == (locator, rest)


def test_locator_terms_are_those_of_the_csl_locale() -> None:
    import importlib.resources

    from lxml import etree

    locale = importlib.resources.files("citeproc") / "data" / "locales" / "locales-en-US.xml"
    root = etree.fromstring(locale.read_bytes())
    ns = {"c": "http://purl.org/net/xbiblio/csl"}
    for name, forms in LOCATOR_TERMS.items():
        texts: set[str] = set()
        for term in root.iterfind(f".//c:terms/c:term[@name='{name.replace(' ', '-')}']", ns):
            if term.get("form") in (None, "long", "short", "symbol"):
                texts |= {t.strip() for t in term.itertext() if t.strip()}
        assert texts == set(forms), name


@pytest.mark.parametrize("text", [
    "Write to me@example.org today.", "Literal \\[@a] here.", "Escaped \\@a here.", "Code `[@a]` here.",
    "```\n[@a]\n```", "    [@a] indented code", "<!-- [@a] -->", '<a href="mailto:x@y.org">x</a>',
    "[@a](https://example.org) is a link", "![alt @a](asset:1)", "[@a]: https://example.org",
    "[meet @ noon]", "[a] [b]", "price @ $5", "follow twitter.com/@clinic",
])
def test_not_citations(text: str) -> None:
    found = find_citations(text)
    assert found.clusters == () and found.malformed == ()


@pytest.mark.parametrize(("text", "problem", "shown"), [
    ("Weight fell [@wilding2022 and more text", "unclosed", "[@wilding2022"),
    ("Weight fell [see @a; @b and more", "unclosed", "[see @a; @b"),
    ("Weight fell [@", "unclosed", "[@"),
    ("Empty [@] here", "empty-key", "[@]"),
    ("Empty [-@] here", "empty-key", "[-@]"),
    ("Space [@ smith] here", "empty-key", "[@ smith]"),
    ("Trailing [see @]", "empty-key", "[see @]"),
    ("Two [@a @b] keys", "no-semicolon", "[@a @b]"),
    ("Part [@a; see] here", "no-key", "[@a; see]"),
    ("Empty part [@a;] here", "no-key", "[@a;]"),
    ("Stray @smith2020] here", "no-opening", "@smith2020]"),
    ("[@a\n\nnext paragraph]", "unclosed", "[@a"),
])
def test_malformed(text: str, problem: str, shown: str) -> None:
    found = find_citations(text)
    assert found.clusters == ()
    assert [(m.problem, text[m.start : m.end]) for m in found.malformed] == [(problem, shown)]


def test_narrative_citations() -> None:
    text = "@doe99 says; (@roe2001) agrees, @smith04 [p. 33] shows and @jones [see also] adds"
    found = clusters(text)
    assert [(c.keys, c.narrative) for c in found] == [
        (("doe99",), True), (("roe2001",), True), (("smith04",), True), (("jones",), True)]
    assert found[2].items[0].locator == Locator("page", "33")
    assert text[found[2].start : found[2].end] == "@smith04 [p. 33]"
    assert found[3].items[0].suffix == "see also"


def test_a_cluster_may_span_lines_of_a_paragraph() -> None:
    assert only("Text [see\n@a;\n@b].").keys == ("a", "b")


def test_citations_in_html_blocks_and_headings_count() -> None:
    assert [c.keys for c in clusters("## Heading [@a]\n\n<div>\n[@b]\n</div>")] == [("a",), ("b",)]


def test_spans_are_in_text_order() -> None:
    spans = find_citations("[@a] then [@ then @b and [@c]").spans()
    assert [type(s).__name__ for s in spans] == ["Cluster", "Malformed", "Cluster", "Cluster"]
    assert isinstance(spans[1], Malformed)


def test_format_cluster_braces_what_pandoc_would_cut() -> None:
    assert format_cluster(["a", "b.c", "x."]) == "[@a; @b.c; @{x.}]"
    assert cite_marker("a--b") == "@{a--b}"
    assert is_simple_key("wilding2021a") and not is_simple_key("a b")


_KEYS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]{0,14}", fullmatch=True).filter(lambda k: "{" not in k)


@settings(max_examples=150, deadline=None)
@given(st.lists(_KEYS, min_size=1, max_size=5), st.sampled_from(["", "See ", "x\n", "(", "Text, "]),
       st.sampled_from(["", ".", " more", ";", "\n"]))
def test_format_then_find_is_the_identity(keys: list[str], before: str, after: str) -> None:
    text = before + format_cluster(keys) + after
    found = find_citations(text)
    assert found.malformed == ()
    assert [k for c in found.clusters if not c.narrative for k in c.keys] == keys


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]@;-, .pa\\`\n{}()!:b1")), max_size=60))
def test_any_text_is_read_without_error_and_spans_do_not_overlap(text: str) -> None:
    spans = find_citations(text).spans()
    for earlier, later in zip(spans, spans[1:], strict=False):
        assert earlier.end <= later.start
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
