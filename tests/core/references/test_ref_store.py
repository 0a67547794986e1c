"""The reference store on a real SQLite library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from refs_helpers import CORPUS, DATA

from editor.core.foundation.errors import NotFoundError, ReferenceImportError, ValidationError
from editor.core.library import Library

POST_KEYS = ["wilding2021", "jastreboff2022", "lincoff2023", "wilding2022", "rubino2021", "cdc-obesity"]


def test_importing_all_four_corpus_files_creates_no_duplicates(lib: Library) -> None:
    report = lib.references.import_files(CORPUS)
    assert report.errors == []
    assert sorted(report.added) == sorted([*POST_KEYS, "ama11"])
    assert sorted(report.merged) == ["jastreboff2022", "wilding2021"]
    refs = lib.references.list()
    assert len(refs) == 7
    dois = [r.doi for r in refs if r.doi]
    assert len(dois) == len(set(dois)) == 5
    again = lib.references.import_files(CORPUS)
    assert again.added == [] and len(lib.references.list()) == 7


def test_merging_fills_empty_fields_and_keeps_the_first_key(lib: Library) -> None:
    lib.references.import_files([DATA / "glp1.bib"])
    before = lib.references.get("wilding2021")
    assert before is not None and "PMID" not in before.csl and len(before.csl["author"]) == 6
    lib.references.import_files([DATA / "glp1.csl.json"])
    after = lib.references.require("wilding2021")
    assert after.csl["PMID"] == "33567185" and after.pmid == "33567185"
    assert after.csl["title"] == before.csl["title"]  # existing values win
    assert len(after.csl["author"]) == 8  # a truncated author list is completed
    assert after.csl["issued"] == {"date-parts": [[2021, 3, 18]]}  # a year gains its month and day


def test_every_key_the_sample_post_cites_resolves(lib: Library) -> None:
    lib.references.import_files(CORPUS)
    resolved = lib.references.resolve_many([*POST_KEYS, "missing2020"])
    assert set(resolved) == set(POST_KEYS)
    assert all(resolved[key]["id"] == key for key in POST_KEYS)


def test_generated_citekeys_collide_with_letters(lib: Library) -> None:
    keys = [lib.references.add({"type": "article-journal", "title": f"Study {n}",
                                "author": [{"family": "Wilding", "given": "J"}],
                                "issued": {"date-parts": [[2021]]}}).reference.citekey for n in range(3)]
    assert keys == ["wilding2021", "wilding2021a", "wilding2021b"]


def test_rename_keeps_the_old_key_working(lib: Library) -> None:
    lib.references.import_files([DATA / "glp1.ris"])
    lib.references.rename("lincoff2023", "select-trial")
    assert lib.references.get("lincoff2023").citekey == "select-trial"
    lib.references.rename("select-trial", "select2023")
    assert lib.references.get("lincoff2023").citekey == "select2023"
    assert lib.references.resolve_many(["lincoff2023"])["lincoff2023"]["id"] == "select2023"
    with pytest.raises(ValidationError, match="already used"):
        lib.references.rename("select2023", "jastreboff2022")
    with pytest.raises(ValidationError):
        lib.references.rename("select2023", "has space")


def test_merge_two_existing_references(lib: Library) -> None:
    a = lib.references.add({"type": "book", "title": "Guide A", "issued": {"date-parts": [[2020]]}}).reference
    b = lib.references.add({"type": "book", "title": "Guide A (copy)", "publisher": "Press"}).reference
    kept = lib.references.merge(a.citekey, b.citekey)
    assert kept.csl["publisher"] == "Press"
    assert lib.references.get(b.citekey).citekey == a.citekey
    assert len(lib.references.list()) == 1


def test_update_validates_and_reindexes(lib: Library) -> None:
    ref = lib.references.add({"type": "article-journal", "title": "Draft", "author": ["Doe, Jane"]}).reference
    assert ref.incomplete
    updated = lib.references.update(ref.citekey, {"container-title": "JAMA", "issued": "2021-04-13",
                                                  "DOI": "https://doi.org/10.1001/jama.2021.3224",
                                                  "author": "Rubino, Domenica; Davies, Melanie"})
    assert not updated.incomplete and updated.doi == "10.1001/jama.2021.3224"
    assert [a["family"] for a in updated.csl["author"]] == ["Rubino", "Davies"]
    assert lib.references.find_same({"DOI": "10.1001/JAMA.2021.3224"}).citekey == ref.citekey
    assert lib.references.update(ref.citekey, {"container-title": ""}).incomplete
    with pytest.raises(ValidationError, match="not a CSL field"):
        lib.references.update(ref.citekey, {"favourite": "yes"})
    with pytest.raises(ValidationError, match="not a CSL type"):
        lib.references.update(ref.citekey, {"type": "tweet"})
    with pytest.raises(NotFoundError):
        lib.references.update("nobody1999", {"title": "x"})


def test_search_uses_full_text_index(lib: Library) -> None:
    lib.references.import_files(CORPUS)
    assert {r.citekey for r in lib.references.search("tirzepat")} == {"jastreboff2022"}
    assert {r.citekey for r in lib.references.search("Davies")} == {"wilding2021", "wilding2022", "rubino2021"}
    lib.references.rename("rubino2021", "step4")
    assert [r.citekey for r in lib.references.search("step4")] == ["step4"]
    assert lib.references.search('"') == []


def test_web_page_and_note_references_for_importers(lib: Library) -> None:
    page = lib.references.add({"type": "webpage", "title": "Adult obesity facts",
                               "URL": "https://www.cdc.gov/obesity/adult-obesity-facts/index.html"})
    assert page.reference.citekey == "adult" and page.reference.incomplete  # no accessed date yet
    same = lib.references.add({"type": "webpage", "URL": "http://cdc.gov/obesity/adult-obesity-facts/index.html",
                               "accessed": "2026-11-02"})
    assert same.merged and not same.reference.incomplete
    note = lib.references.add({"type": "document", "title": "Clinic handout on GLP-1 medicines",
                               "note": "Printed handout, 2024"})
    assert note.reference.csl["note"] == "Printed handout, 2024"
    with pytest.raises(ValidationError):
        lib.references.add({"type": "document", "note": "nothing to identify it"})


def test_import_reports_bad_records_with_file_and_line(lib: Library) -> None:
    report = lib.references.import_files([DATA / "bad-records.ris", DATA / "bad-records.bib"])
    assert len(report.added) == 4
    assert [(Path(e["file"]).name, e["line"]) for e in report.errors] == [
        ("bad-records.ris", 7), ("bad-records.bib", 8), ("bad-records.bib", 13)]


def test_a_non_reference_file_stops_the_import_before_anything_is_written(lib: Library) -> None:
    with pytest.raises(ReferenceImportError, match="page.html"):
        lib.references.import_files([DATA / "glp1.ris", DATA / "page.html"])
    assert lib.references.list() == []
    with pytest.raises(ReferenceImportError, match="cannot be read"):
        lib.references.import_files([DATA / "does-not-exist.ris"])


def test_one_file_is_one_transaction(lib: Library, tmp_path: Path) -> None:
    # The second record is fine for the parser but is rejected by the database (a trigger
    # stands in for a disk error), so the whole file must roll back.
    lib.db.execute("CREATE TEMP TRIGGER refuse BEFORE INSERT ON refs WHEN NEW.citekey = 'fail2020' "
                   "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    path = tmp_path / "two.json"
    path.write_text(json.dumps([{"id": "ok2020", "type": "book", "title": "Fine"},
                                {"id": "fail2020", "type": "book", "title": "Refused"}]), encoding="utf-8")
    with pytest.raises(Exception, match="disk full"):
        lib.references.import_files([path])
    assert lib.references.list() == []


def test_export_formats_and_unknown_format(lib: Library) -> None:
    lib.references.import_files(CORPUS)
    items = json.loads(lib.references.export("csl-json"))
    assert [i["id"] for i in items] == sorted(i["id"] for i in items)
    assert "TY  - JOUR" in lib.references.export("ris")
    assert "@article{wilding2021," in lib.references.export("bibtex")
    with pytest.raises(ValidationError):
        lib.references.export("endnote")


def test_store_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path, seed=False) as lib:
        lib.references.import_files(CORPUS)
        lib.references.rename("wilding2022", "step1ext")
    with Library.open(path, seed=False) as lib:
        assert lib.references.get("wilding2022").citekey == "step1ext"
        assert len(lib.references.list()) == 7
