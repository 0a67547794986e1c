"""Recognising identifiers offline, with the patterns documented in identifiers.py."""

from __future__ import annotations

import pytest

from editor.core.references.identifiers import DOI_PATTERN, Identifier, doi_in_text, parse_identifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1056/NEJMoa2032183", Identifier("doi", "10.1056/NEJMoa2032183")),
        ("doi:10.1111/dom.14725", Identifier("doi", "10.1111/dom.14725")),
        ("https://doi.org/10.1001/jama.2021.3224", Identifier("doi", "10.1001/jama.2021.3224")),
        ("http://dx.doi.org/10.1001/jama.2021.3224", Identifier("doi", "10.1001/jama.2021.3224")),
        ("doi.org/10.1001/jama.2021.3224", Identifier("doi", "10.1001/jama.2021.3224")),
        ("https://www.nejm.org/doi/full/10.1056/NEJMoa2032183", Identifier("doi", "10.1056/NEJMoa2032183")),
        ("https://onlinelibrary.wiley.com/doi/10.1111/dom.14725", Identifier("doi", "10.1111/dom.14725")),
        ("https://onlinelibrary.wiley.com/doi/abs/10.1111/dom.14725", Identifier("doi", "10.1111/dom.14725")),
        ("https://pubmed.ncbi.nlm.nih.gov/35441470/", Identifier("pmid", "35441470")),
        ("https://www.ncbi.nlm.nih.gov/pubmed/35441470", Identifier("pmid", "35441470")),
        ("PMID: 33567185", Identifier("pmid", "33567185")),
        ("33567185", Identifier("pmid", "33567185")),
        ("PMC10797145", Identifier("pmcid", "PMC10797145")),
        ("pmc10797145", Identifier("pmcid", "PMC10797145")),
        ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10797145/", Identifier("pmcid", "PMC10797145")),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC10797145/", Identifier("pmcid", "PMC10797145")),
        ("https://jamanetwork.com/journals/jama/fullarticle/2777886",
         Identifier("url", "https://jamanetwork.com/journals/jama/fullarticle/2777886")),
    ],
)
def test_recognised(text: str, expected: Identifier) -> None:
    assert parse_identifier(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "10.12/too-short-prefix", "PMID: abc", "ftp://x.org/a",
                                  "https://pubmed.ncbi.nlm.nih.gov/not-a-number/", "0"])
def test_not_recognised(text: str) -> None:
    assert parse_identifier(text) is None


def test_crossref_doi_pattern_is_case_insensitive() -> None:
    assert DOI_PATTERN.match("10.1056/nejmoa2032183")
    assert DOI_PATTERN.match("10.1002/(SICI)1097-4636(199707)36:1<1::AID-JBM1>3.0.CO;2-E") is None
    assert not DOI_PATTERN.match("11.1056/x")


def test_doi_found_in_page_text() -> None:
    assert doi_in_text('content="https://doi.org/10.1001/jama.2021.3224"') == "10.1001/jama.2021.3224"
    assert doi_in_text("no identifier here") is None
