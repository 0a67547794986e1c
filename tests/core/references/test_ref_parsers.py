"""Reading reference files: each format, messy real-world input, bad records, non-reference files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.foundation.errors import ReferenceImportError
from editor.core.references.normalize import normalize_doi, normalize_title
from editor.core.references.parsers import detect_format, parse_bytes, parse_text

HERE = Path(__file__).parent
DATA, EXPECTED = HERE / "data", HERE / "expected"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("glp1.bib", "bibtex"), ("glp1.csl.json", "csl-json"), ("glp1.nbib", "medline"), ("glp1.ris", "ris"),
     ("messy.ris", "ris")],
)
def test_corpus_files_parse_to_expected_csl(name: str, fmt: str) -> None:
    result = parse_bytes((DATA / name).read_bytes(), name)
    assert result.format == fmt
    assert result.errors == []
    expected = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    assert [{"line": r.line, "csl": r.csl} for r in result.records] == expected


def test_format_is_detected_from_content_not_the_name() -> None:
    ris = (DATA / "glp1.ris").read_text(encoding="utf-8")
    medline = (DATA / "glp1.nbib").read_text(encoding="utf-8")
    bib = (DATA / "glp1.bib").read_text(encoding="utf-8")
    assert detect_format(ris, "export.txt") == "ris"
    assert detect_format(medline, "references.bib") == "medline"
    assert detect_format(bib, "pubmed.nbib") == "bibtex"
    assert detect_format('  [{"type": "book", "title": "x"}]', "data.txt") == "csl-json"
    assert detect_format("Dear colleague, here are my notes.", "notes.ris") is None


def test_same_papers_read_the_same_in_every_format() -> None:
    works: dict[str, list[dict]] = {}
    for name in ("glp1.bib", "glp1.csl.json", "glp1.nbib", "glp1.ris"):
        for record in parse_bytes((DATA / name).read_bytes(), name).records:
            key = normalize_doi(record.csl.get("DOI")) or normalize_title(record.csl["title"])
            works.setdefault(key, []).append(record.csl)
    shared = {doi: items for doi, items in works.items() if len(items) > 1}
    assert set(shared) == {"10.1056/nejmoa2032183", "10.1056/nejmoa2206038"}
    for items in shared.values():
        assert len({normalize_title(item["title"]) for item in items}) == 1
        families = [[a["family"] for a in item["author"]] for item in items]
        shortest = min(len(f) for f in families)
        assert len({tuple(f[:shortest]) for f in families}) == 1  # same authors, some lists truncated


def test_messy_ris_bom_crlf_no_final_er_initials_and_doi_urls() -> None:
    result = parse_bytes((DATA / "messy.ris").read_bytes(), "messy.ris")
    first, second = (r.csl for r in result.records)
    assert first["author"][0] == {"family": "Wilding", "given": "J. P. H."}
    assert first["issued"] == {"date-parts": [[2022]]}
    assert normalize_doi(first["DOI"]) == "10.1111/dom.14725"
    assert second["DOI"] == "10.1001/jama.2021.3224" and "URL" not in second
    assert second["container-title"] == "JAMA"


@pytest.mark.parametrize(
    ("name", "good_titles", "bad_lines"),
    [
        ("bad-records.ris", ["The first good record", "The second good record"], [7]),
        ("bad-records.nbib", ["A good MEDLINE record", "Another good record"], [7]),
        ("bad-records.bib", ["A good entry", "Another good entry"], [8, 13]),
        ("bad-records.json", ["A good item", "Another good item"], [3, 4]),
    ],
)
def test_bad_records_are_reported_by_line_and_good_ones_kept(name: str, good_titles: list[str],
                                                            bad_lines: list[int]) -> None:
    result = parse_bytes((DATA / name).read_bytes(), name)
    assert [r.csl["title"] for r in result.records] == good_titles
    assert [e.line for e in result.errors] == bad_lines
    assert all(e.message for e in result.errors)


@pytest.mark.parametrize(
    ("name", "words"),
    [("page.html", "web page"), ("image.png", "binary"), ("empty.ris", "empty")],
)
def test_non_reference_files_are_refused_whole(name: str, words: str) -> None:
    with pytest.raises(ReferenceImportError, match=words) as caught:
        parse_bytes((DATA / name).read_bytes(), name)
    assert name in str(caught.value)


def test_plain_text_is_refused() -> None:
    with pytest.raises(ReferenceImportError, match="not a reference file"):
        parse_text("Just some notes\nabout a trial\n", "notes.txt")


def test_broken_json_keeps_items_before_the_error() -> None:
    text = '[\n {"type": "book", "title": "Kept"},\n {"type": "book", "title": \n'
    result = parse_text(text, "broken.json")
    assert [r.csl["title"] for r in result.records] == ["Kept"]
    assert result.errors[0].line == 3


def test_medline_continuation_lines_and_corporate_authors() -> None:
    text = (
        "PMID- 123\nTI  - A title that wraps\n      onto two lines.\nFAU - Doe, Jane\nCN  - Example Study Group\n"
        "DP  - 2019 Nov-Dec\nAID - PMC777 [pmc]\n"
    )
    csl = parse_text(text, "x.nbib").records[0].csl
    assert csl["title"] == "A title that wraps onto two lines"
    assert csl["author"] == [{"family": "Doe", "given": "Jane"}, {"literal": "Example Study Group"}]
    assert csl["issued"] == {"date-parts": [[2019, 11]]}
    assert csl["PMCID"] == "PMC777" and csl["PMID"] == "123"


def test_bibtex_latex_and_types() -> None:
    text = r"""@incollection{k1, author = {M{\"u}ller, J{\"o}rg and {World Health Organization}},
      title = {{GLP-1} agonists \& you}, booktitle = {Handbook}, publisher = {P}, year = 2020, month = mar,
      pages = {1--9}, url = {https://doi.org/10.1000/ABC}}"""
    csl = parse_text(text, "x.bib").records[0].csl
    assert csl["type"] == "chapter"
    assert csl["author"] == [{"family": "Müller", "given": "Jörg"}, {"literal": "World Health Organization"}]
    assert csl["title"] == "GLP-1 agonists & you"
    assert csl["issued"] == {"date-parts": [[2020, 3]]}
    assert csl["page"] == "1-9" and csl["DOI"] == "10.1000/abc" and csl["id"] == "k1"


def test_bibtex_latex_is_decoded_without_losing_text() -> None:
    from editor.core.references.parsers.latex import decode, encode

    assert decode(r"{\'E}mile H\"{o}hn \& {\aa}ngstr{\"o}m, \emph{Lancet}") == "Émile Höhn & ångström, Lancet"
    assert decode("50% of adults") == "50% of adults"  # a bare % is not a LaTeX comment here
    assert decode(r"see \url{https://example.org/a_b}") == "see https://example.org/a_b"
    assert decode("x" + "{" * 5000 + "y") == "xy"  # nested deeper than any real value: no recursion
    for text in ["a~b ^x", "``quoted''", "?`Que", "a--b---c", "<<x>>", "back\\slash", "$5 & #1 _x_ {y}"]:
        assert decode(encode(text)) == text


def test_field_tables_read_first_else_by_type_and_skip_what_does_not_convert() -> None:
    from editor.core.references.normalize import normalize_pmcid
    from editor.core.references.parsers.csl_fields import apply_fields, rule

    rules = (
        rule("container-title", "T2", "JO", never={"book"}),
        rule("collection-title", "T2", only={"book"}),
        rule("PMCID", "C2", "C1", convert=normalize_pmcid),
        rule("title", "TI"),
    )
    record = {"T2": "", "JO": "Lancet", "C2": "not an id", "C1": "PMC123", "TI": "Kept"}.get
    assert apply_fields(rules, lambda name: record(name, ""), {"type": "article-journal", "title": "First"}) == {
        "type": "article-journal", "container-title": "Lancet", "PMCID": "PMC123", "title": "First",
    }
    book = {"T2": "Series"}.get
    assert apply_fields(rules, lambda name: book(name, ""), {"type": "book"}) == {
        "type": "book", "collection-title": "Series",
    }
