"""reference-needs-review: a cited reference whose imported text was not fully read."""

from __future__ import annotations

from checks_helpers import findings, journal

from editor.core.references.freetext import parse_reference

UNREAD = "American Academy of Pediatrics. Ear infection guidance for parents. 2020 (ask for the handout)"


def test_a_reference_kept_as_written_is_flagged_at_its_first_citation() -> None:
    kept = {"id": "aap", "type": "article", "title": UNREAD, "note": UNREAD}
    found = findings("## Care\n\nWait three days [@aap]. Then call us [@aap].", "reference-needs-review",
                     refs={"aap": kept})
    assert len(found) == 1
    assert found[0].line == 3 and "@aap needs a look" in found[0].message


def test_prose_read_as_an_author_is_flagged() -> None:
    item = journal("x", author=[{"literal": "as we discussed in clinic last week"}])
    found = findings("Text [@x].", "reference-needs-review", refs={"x": item})
    assert len(found) == 1 and "does not read as a name" in found[0].message


def test_a_fully_read_reference_and_group_authors_pass() -> None:
    parsed = parse_reference(
        "Diabetes Prevention Program Research Group. Reduction in the incidence of type 2 diabetes with lifestyle "
        "intervention or metformin. N Engl J Med. 2002;346(6):393-403.")
    item = {**parsed.csl, "id": "dpp", "note": "the original text"}
    assert findings("Text [@dpp].", "reference-needs-review", refs={"dpp": item}) == []


def test_fixing_the_reference_clears_the_finding() -> None:
    fixed = {"id": "aap", "type": "webpage", "title": "Ear infection guidance for parents", "note": UNREAD,
             "author": [{"literal": "American Academy of Pediatrics"}], "issued": {"date-parts": [[2020]]}}
    assert findings("Text [@aap].", "reference-needs-review", refs={"aap": fixed}) == []
