"""``refs import`` accepts what ``refs add`` accepts (issue #25): identifier-only items, a
person known by a given name only, seasons."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.library import Library
from editor.core.references.normalize import clean_csl, parse_date
from editor.core.references.parsers import parse_text

ITEMS = [
    {"id": "doi-only", "type": "article-journal", "DOI": "10.1056/NEJMoa2032183"},
    {"id": "pmid-only", "type": "article-journal", "PMID": "35658024"},
    {"id": "madonna2024", "type": "webpage", "title": "My journey", "author": [{"given": "Madonna"}],
     "URL": "https://example.org/voices/madonna"},
    {"id": "winter2000", "type": "article-magazine", "title": "Winter weight gain", "container-title": "Nutr Today",
     "issued": {"date-parts": [[2000]], "season": 4}},
    {"id": "nothing", "type": "article-journal", "note": "no title, no identifier"},
]


def test_csl_json_items_with_an_identifier_but_no_title_are_read() -> None:
    result = parse_text(json.dumps(ITEMS), "items.json")
    assert [r.csl.get("DOI") or r.csl.get("PMID") or r.csl["title"] for r in result.records] == [
        "10.1056/NEJMoa2032183", "35658024", "My journey", "Winter weight gain"]
    assert [e.message for e in result.errors] == ["item has neither a title nor a DOI, PMID, PMCID or URL"]


def test_a_given_name_alone_and_a_season_survive_cleaning() -> None:
    assert clean_csl(ITEMS[2])["author"] == [{"given": "Madonna"}]
    assert clean_csl(ITEMS[3])["issued"] == {"date-parts": [[2000]], "season": 4}


def test_season_words_in_dates_become_csl_seasons() -> None:
    assert parse_date("2000 Winter") == {"date-parts": [[2000]], "season": 4}
    assert parse_date("Fall 2020") == {"date-parts": [[2020]], "season": 3}
    assert parse_date("2021 Apr 13") == {"date-parts": [[2021, 4, 13]]}


def test_import_and_add_give_the_same_identifier_only_reference(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS[:1]), encoding="utf-8")
    report = library.references.import_files([path])
    assert report.added == ["doi-only"] and not report.errors
    imported = library.references.get("doi-only")
    assert imported is not None and imported.incomplete and imported.doi == "10.1056/nejmoa2032183"
    added = library.references.add_identifier("https://doi.org/10.1056/NEJMoa2032183", offline=True)
    assert added.citekey == "doi-only"  # the same work: merged, not a second reference
