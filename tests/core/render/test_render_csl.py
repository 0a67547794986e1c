"""Reference entries from citeproc-py, checked against citeproc-js output.

``expected/entries-<style>.json`` were produced by citeproc-js (the CSL processor Zotero
uses) from ``fixtures/references.csl.json`` with ``tools/make_expected_entries.py`` (see its
docstring to regenerate; tests never need node). The 51 items are the corpus references
plus journal articles with 1, 2, 3, 6, 7, 8 and 10 authors, page ranges (100-109,
1201-1209, e0123, S1-S321, and "100-9"/"1201-9" as PubMed abbreviates them), articles
known only by DOI, PMID, PMCID or URL, web pages with and without authors, organization
authors, reports, books (authors, editors, organization), chapters, preprints, newspaper
and magazine articles. DOIs and URLs are links (citeproc-js ``wrap_url_and_doi``).

Known difference, normalized here: citeproc-js escapes ``&`` as ``&#38;``, citeproc-py
(after sanitizing) as ``&amp;``; both are the same character, so ``&#38;`` is compared as
``&amp;``. Nothing else is normalized: for these items the entries are otherwise
identical.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.foundation.errors import ValidationError
from editor.core.render.csl import DEFAULT_STYLE, ReferenceFormatter, available_styles, check_style

HERE = Path(__file__).parent
ITEMS = {item["id"]: item for item in json.loads((HERE / "fixtures" / "references.csl.json").read_text())}
STYLES = ("american-medical-association", "elsevier-vancouver", "apa")


def expected(style: str) -> dict[str, str]:
    data = json.loads((HERE / "expected" / f"entries-{style}.json").read_text(encoding="utf-8"))
    assert data["engine"].startswith("citeproc-js")
    return {key: html.replace("&#38;", "&amp;") for key, html in data["entries"].items()}


@pytest.mark.parametrize("style", STYLES)
def test_entries_match_citeproc_js(style: str) -> None:
    formatted = ReferenceFormatter(style).format(ITEMS)
    assert formatted == expected(style)


def test_default_style_is_ama_and_has_no_number_label() -> None:
    assert DEFAULT_STYLE == "american-medical-association"
    entry = ReferenceFormatter().format({"wilding2021": ITEMS["wilding2021"]})["wilding2021"]
    assert entry.startswith("Wilding JPH, Batterham RL, Calanna S, et al.")
    assert "<i>N Engl J Med</i>. 2021;384(11):989-1002" in entry


def test_entries_are_independent_of_other_items() -> None:
    formatter = ReferenceFormatter()
    alone = formatter.format({"rubino2021": ITEMS["rubino2021"]})
    together = ReferenceFormatter().format(ITEMS)
    assert alone["rubino2021"] == together["rubino2021"]


def test_available_styles_lists_bundled_names() -> None:
    styles = available_styles()
    assert "american-medical-association" in styles
    assert "apa" in styles and "elsevier-vancouver" in styles
    assert list(styles) == sorted(styles)
    assert check_style("apa") == "apa"


def test_unknown_style_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="not one of the bundled CSL styles"):
        ReferenceFormatter("no-such-style")


def test_hostile_fields_are_sanitized() -> None:
    item = dict(ITEMS["cdc-obesity"], title='<script>alert(1)</script><img src=x onerror=alert(2)>Facts')
    entry = ReferenceFormatter().format({"x": item})["x"]
    assert "<script" not in entry and "onerror" not in entry and "<img" not in entry
    assert "Facts" in entry


def test_broken_item_falls_back_to_its_title() -> None:
    item = {"id": "odd", "type": "article-journal", "title": "Odd & <b>bold</b>", "issued": "not a date"}
    entry = ReferenceFormatter().format({"odd": item})["odd"]
    assert "Odd" in entry


@pytest.mark.parametrize("style", STYLES)
def test_the_fixture_set_is_large_and_every_entry_checked(style: str) -> None:
    assert len(ITEMS) >= 40 and set(expected(style)) == set(ITEMS)


@pytest.mark.parametrize(("key", "entry"), [
    ("pmcid-only", 'PubMed Central article PMC6457782. <a href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6457782/">'
                   "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6457782/</a>"),
    ("pmid-only", 'PubMed article 35658024. <a href="https://pubmed.ncbi.nlm.nih.gov/35658024/">'
                  "https://pubmed.ncbi.nlm.nih.gov/35658024/</a>"),
    ("doi-only", 'Article with DOI 10.1001/jama.2023.12345. <a href="https://doi.org/10.1001/jama.2023.12345">'
                 "https://doi.org/10.1001/jama.2023.12345</a>"),
])
def test_identifier_only_references_are_readable_links(key: str, entry: str) -> None:
    assert ReferenceFormatter().format({key: ITEMS[key]})[key] == entry


def test_authorless_works_print_their_title_once() -> None:
    entry = ReferenceFormatter().format({"k": ITEMS["web-no-author"]})["k"]
    assert entry.count("Semaglutide injection") == 1
    entry = ReferenceFormatter().format({"k": ITEMS["book-editors"]})["k"]
    assert entry.count("Loscalzo") == 1


@pytest.mark.parametrize(("first", "last", "fmt", "printed"), [
    ("100", "9", "expanded", "109"), ("100", "109", "expanded", "109"), ("1201", "9", "expanded", "1209"),
    ("1", "10", "minimal", "10"), ("100", "109", "minimal", "9"), ("1003", "1012", "minimal", "12"),
    ("321", "328", "minimal-two", "28"), ("2221", "2232", "minimal-two", "32"), ("S1", "S321", "minimal", "321"),
    ("S1", "S321", "expanded", "S321"), ("71", "72", "chicago-16", "72"), ("321", "328", "chicago-16", "28"),
    ("1496", "1504", "chicago-15", "1504"), ("e0123", "e0130", "expanded", "e0130"),
])
def test_page_ranges_follow_the_csl_appendix(first: str, last: str, fmt: str, printed: str) -> None:
    from editor.core.render.csl_style import format_last_page

    assert format_last_page(first, last, fmt) == printed
