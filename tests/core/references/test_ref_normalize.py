"""Normalization: names, dates, DOIs, URLs, titles, citekeys, and the completeness predicates."""

from __future__ import annotations

import pytest

from editor.core.references.citekeys import base_key, is_valid_citekey, unique_key
from editor.core.references.completeness import missing_fields, same_work
from editor.core.references.normalize import (
    clean_csl,
    normalize_doi,
    normalize_title,
    normalize_url,
    parse_date,
    parse_name,
)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Wilding, John P. H.", {"family": "Wilding", "given": "John P. H."}),
        ("Wilding JPH", {"family": "Wilding", "given": "J. P. H."}),
        ("Van Gaal LF", {"family": "Van Gaal", "given": "L. F."}),
        ("Luc van Gaal", {"family": "van Gaal", "given": "Luc"}),
        ("{World Health Organization}", {"literal": "World Health Organization"}),
        ("Madonna", {"family": "Madonna"}),
    ],
)
def test_parse_name(text: str, name: dict) -> None:
    assert parse_name(text) == name


@pytest.mark.parametrize(
    ("text", "parts"),
    [("2020///", [2020]), ("2023/12/14", [2023, 12, 14]), ("2021 Apr 13", [2021, 4, 13]),
     ("2021-03-18", [2021, 3, 18]), ("Published 2018", [2018])],
)
def test_parse_date(text: str, parts: list[int]) -> None:
    assert parse_date(text) == {"date-parts": [parts]}


def test_parse_date_keeps_a_season() -> None:
    assert parse_date("2019 Spring") == {"date-parts": [[2019]], "season": 1}


def test_identifier_and_title_normalization() -> None:
    assert normalize_doi("https://doi.org/10.1056/NEJMoa2032183.") == "10.1056/nejmoa2032183"
    assert normalize_doi("doi: 10.1001/JAMA.2021.3224") == "10.1001/jama.2021.3224"
    assert normalize_doi("not a doi") is None
    assert normalize_url("https://WWW.CDC.gov/obesity/?utm_source=x#top") == "cdc.gov/obesity"
    assert normalize_url("http://cdc.gov/obesity") == normalize_url("https://www.cdc.gov/obesity/")
    assert normalize_title("Once-Weekly Semaglutide: Adults!") == normalize_title("once weekly semaglutide adults")


def test_clean_csl_drops_unknown_fields_and_shapes_values() -> None:
    item = clean_csl({"type": "nonsense", "title": "  A   title ", "author": ["Doe, Jane"], "issued": "2020",
                      "favourite": "x", "DOI": "https://doi.org/10.1000/abc", "PMCID": "pmc12", "PMID": "x"})
    assert item == {"type": "article", "title": "A title", "author": [{"family": "Doe", "given": "Jane"}],
                    "issued": {"date-parts": [[2020]]}, "DOI": "10.1000/abc", "PMCID": "PMC12"}


def test_citekeys() -> None:
    assert base_key({"author": [{"family": "Van Gaal"}], "issued": {"date-parts": [[2021]]}}) == "vangaal2021"
    assert base_key({"author": [{"family": "Müller"}]}) == "muller"
    assert base_key({"author": [{"literal": "The World Health Organization"}], "issued": "x"}) == "world"
    assert base_key({"title": "The effects of sleep", "issued": {"date-parts": [[2020]]}}) == "effects2020"
    used = {"wilding2021", "wilding2021a"}
    assert unique_key("wilding2021", used.__contains__) == "wilding2021b"
    assert unique_key("lincoff2023", used.__contains__) == "lincoff2023"
    many = {"k"} | {f"k{chr(c)}" for c in range(ord("a"), ord("z") + 1)}
    assert unique_key("k", many.__contains__) == "kaa"
    assert is_valid_citekey("cdc-obesity") and is_valid_citekey("doe:2020")
    assert not is_valid_citekey("bad key") and not is_valid_citekey("trailing-") and not is_valid_citekey("")


ARTICLE = {"type": "article-journal", "title": "T", "author": [{"family": "A"}],
           "container-title": "J", "issued": {"date-parts": [[2020]]}}


def test_missing_fields() -> None:
    assert missing_fields(ARTICLE) == []
    assert missing_fields({**ARTICLE, "container-title": ""}) == ["container-title"]
    no_year = {k: v for k, v in ARTICLE.items() if k != "issued"}
    assert missing_fields(no_year) == ["issued"]
    assert missing_fields({"type": "webpage", "title": "Facts", "URL": "https://x.org"}) == ["accessed"]
    assert missing_fields({"type": "article-journal", "DOI": "10.1/x"}) == [
        "title", "author", "container-title", "issued"]


def test_same_work() -> None:
    a = {"DOI": "10.1056/NEJMoa2032183", "title": "One"}
    assert same_work(a, {"DOI": "https://doi.org/10.1056/nejmoa2032183", "title": "Other"})
    assert same_work({"PMID": "1"}, {"PMID": "1", "DOI": "10.1/x"})
    assert not same_work({"DOI": "10.1000/x", "title": "T", "issued": {"date-parts": [[2020]]}},
                         {"DOI": "10.1000/y", "title": "T", "issued": {"date-parts": [[2020]]}})
    assert same_work({"URL": "https://www.cdc.gov/a/"}, {"URL": "http://cdc.gov/a"})
    t = {"title": "Once-Weekly Semaglutide", "issued": {"date-parts": [[2021]]}}
    assert same_work(t, {"title": "once weekly semaglutide.", "issued": {"date-parts": [[2021, 3]]}})
    assert not same_work(t, {"title": "once weekly semaglutide", "issued": {"date-parts": [[2022]]}})
    assert not same_work({"title": "x"}, {"title": "x"})  # a title alone, without a year, is not enough
