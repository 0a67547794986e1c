"""An imported reference list keeps every field of every entry, and says which need review."""

from __future__ import annotations

import re

from import_helpers import DATA

from editor.core.importers import import_text
from editor.core.importers.report import reference_lines
from editor.core.library import Library
from editor.core.render.csl import ReferenceFormatter

POST = (DATA / "otitis-references.txt").read_text(encoding="utf-8")


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_every_field_of_every_entry_is_stored(library: Library) -> None:
    result = import_text(library, POST, "otitis.txt")
    refs = {ref.citekey: ref for ref in library.references.list()}
    by_doi = {ref.doi: ref.csl for ref in refs.values() if ref.doi}
    otitis = by_doi["10.1542/peds.2012-3488"]
    assert otitis["author"][:2] == [{"family": "Lieberthal", "given": "A. S."}, {"family": "Carroll", "given": "A. E."}]
    assert (otitis["volume"], otitis["issue"], otitis["page"]) == ("131", "3", "e964-e999")
    assert otitis["note"].startswith("Lieberthal AS, Carroll AE")  # the text as the site printed it
    dpp = by_doi["10.1056/nejmoa012512"]
    assert dpp["author"] == [{"literal": "Diabetes Prevention Program Research Group"}]
    assert dpp["title"].startswith("Reduction in the incidence")
    ada = by_doi["10.2337/dc24-s008"]
    assert ada["author"] == [{"literal": "American Diabetes Association Professional Practice Committee"}]
    assert (ada["issue"], ada["page"]) == ("Suppl 1", "S145-S157")
    assert by_doi["10.1016/s2213-2600(21)00000-0"]["DOI"] == "10.1016/S2213-2600(21)00000-0"
    statuses = {line["number"]: line["status"] for line in result.reference_status}
    assert statuses == {1: "parsed fully", 2: "parsed fully", 3: "parsed fully", 4: "parsed fully",
                        5: "parsed fully", 6: "needs review"}
    kept = next(ref.csl for ref in refs.values() if "front desk" in ref.csl.get("note", ""))
    assert kept["note"] == ("American Academy of Pediatrics. Ear infection guidance for parents. 2020 "
                            "(ask for the handout at the front desk)")  # never discarded


def test_the_exported_list_reads_as_the_journal_printed_it(library: Library) -> None:
    result = import_text(library, POST, "otitis.txt")
    keys = {line["number"]: line["key"] for line in result.reference_status}
    items = {keys[n]: library.references.get(keys[n]).csl for n in (1, 4)}
    entries = {key: _plain(html) for key, html in ReferenceFormatter().format(items).items()}
    assert "Published online" not in entries[keys[1]]
    assert entries[keys[1]].startswith("Lieberthal AS, Carroll AE, Chonmaitree T, et al.")
    assert "Pediatrics. 2013;131(3):e964-e999." in entries[keys[1]]
    assert entries[keys[4]].startswith("Diabetes Prevention Program Research Group. Reduction")


def test_the_report_names_each_reference_and_its_status(library: Library) -> None:
    result = import_text(library, POST, "otitis.txt")
    lines = reference_lines(result.reference_status)
    assert lines[0].startswith("Reference 1 (lieberthal2013): parsed fully")
    assert lines[5].startswith("Reference 6 (") and "needs review (" in lines[5]
    assert "American Academy of Pediatrics" in lines[5]
