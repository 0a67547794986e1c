from __future__ import annotations

from checks_helpers import findings, journal

LEGACY = """Weight fell 15 percent (1). It came back (2, 3). Obesity affects 42 percent of adults (5).

References

  1. https://doi.org/10.1056/NEJMoa2032183
  2. https://pubmed.ncbi.nlm.nih.gov/35441470/
  3. https://doi.org/10.1001/jama.2021.3224
  4. https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10797145/
"""


def test_numeric_citation_without_list_entry() -> None:
    found = findings(LEGACY, "citation-number-missing")
    assert len(found) == 1
    assert found[0].severity == "error"
    assert (found[0].line, found[0].column) == (1, LEGACY.index("(5)") + 1)
    assert "reference 5" in found[0].message and "1-4" in found[0].message


def test_listed_but_uncited_numbered_reference() -> None:
    found = findings(LEGACY, "reference-uncited")
    assert [(f.line, f.severity) for f in found] == [(8, "warning")]
    assert "Reference 4" in found[0].message


def test_numeric_citations_all_listed_give_nothing() -> None:
    body = LEGACY.replace("(5)", "(4)")
    assert findings(body, "citation-number-missing") == []
    assert findings(body, "reference-uncited") == []


def test_numeric_citation_with_no_list_at_all() -> None:
    found = findings("Weight fell 15 percent [3].", "citation-number-missing")
    assert len(found) == 1 and "no numbered reference list" in found[0].message


def test_enumeration_is_not_a_citation() -> None:
    body = "Two steps: (1) eat slowly and (2) sleep well.\n\n(1) Walk daily. (2) Drink water."
    assert findings(body, "citation-number-missing") == []


def test_missing_key_from_importer_reports_its_number() -> None:
    body = "Obesity affects 42 percent of adults [@missing-5]. Habits help [@a; @missing-6]."
    found = findings(body, "citation-number-missing", refs={"a": journal("a")})
    assert [f.message.split("]")[0] for f in found] == ["Citation [@missing-5", "Citation [@missing-6"]
    assert "reference 5" in found[0].message and "reference 6" in found[1].message
    assert findings(body, "citation-unresolved", refs={"a": journal("a")}) == []


def test_unresolved_key() -> None:
    body = "Intro.\n\n## Trials\n\nWeight fell [@wilding2021; @nosuch2020]."
    found = findings(body, "citation-unresolved", refs={"wilding2021": journal("wilding2021")})
    assert [(f.line, f.column, f.section) for f in found] == [(5, 13, "Trials")]
    assert "@nosuch2020" in found[0].message and found[0].severity == "error"


def test_narrative_citation_and_email_are_told_apart() -> None:
    body = "As @smith2020 showed, write to help@clinic.org for advice."
    found = findings(body, "citation-unresolved", refs={"smith2020": journal("smith2020")})
    assert found == []
    assert findings(body, "reference-incomplete", refs={"smith2020": journal("smith2020")}) == []


def test_a_bare_at_name_that_is_no_reference_is_text_and_a_key_like_one_is_pointed_out() -> None:
    body = "As @smith2020 showed, follow @clinicname and write to help@clinic.org for advice."
    assert findings(body, "citation-unresolved") == []
    found = findings(body, "citation-bare-unknown")
    assert [(f.severity, f.message.split()[0]) for f in found] == [("warning", "@smith2020")]


def test_malformed_citations_are_errors_that_say_what_is_wrong() -> None:
    body = "Weight fell [@a and stayed down.\n\nIt rose [@].\n\nTwo [@a @b]. Part [@a; see]. Stray @a] here."
    found = findings(body, "citation-malformed", refs={"a": journal("a"), "b": journal("b")})
    assert [f.severity for f in found] == ["error"] * 5
    assert ["no closing ]" in found[0].message, "no key" in found[1].message, "not separated by ;" in found[2].message,
            "no @key" in found[3].message, "no opening [" in found[4].message] == [True] * 5
    assert (found[0].line, found[0].column) == (1, body.index("[@a") + 1)


def test_checks_accept_exactly_what_the_page_numbers() -> None:
    body = "Risk doubles [see @a, p. 3]."
    assert findings(body, "citation-unresolved", refs={"a": journal("a")}) == []
    assert findings(body, "citation-malformed", refs={"a": journal("a")}) == []


def test_citation_in_code_is_ignored() -> None:
    assert findings("Write `[@key]` to cite.\n\n```\n[@other]\n```\n", "citation-unresolved") == []


def test_key_list_entries_uncited() -> None:
    body = "Weight fell [@a].\n\n## References\n\n- [@a] First study\n- [@b] Second study\n- Third, no key\n"
    found = findings(body, "reference-uncited", refs={"a": journal("a"), "b": journal("b")})
    assert [f.line for f in found] == [6, 7]
    assert "[@key]" in found[0].message


def test_alias_of_cited_reference_counts_as_cited() -> None:
    body = "Weight fell [@old].\n\n## Sources\n\n1. [@new] The study\n"
    refs = {"old": journal("new"), "new": journal("new")}  # "old" was merged into "new"
    assert findings(body, "reference-uncited", refs=refs) == []


def test_incomplete_reference() -> None:
    refs = {"a": journal("a", **{"container-title": ""}), "b": journal("b")}
    found = findings("One [@a]. Two [@b]. Three [@a].", "reference-incomplete", refs=refs)
    assert len(found) == 1 and found[0].column == 5
    assert "journal or book title" in found[0].message
    web = {"w": {"id": "w", "type": "webpage", "title": "CDC page", "URL": "https://cdc.gov/x"}}
    found = findings("See [@w].", "reference-incomplete", refs=web)
    assert len(found) == 1 and "accessed date" in found[0].message


def test_duplicate_references() -> None:
    refs = {"a": journal("a", DOI="10.1056/NEJMoa2032183"), "b": journal("b", DOI="https://doi.org/10.1056/nejmoa2032183"),
            "c": journal("c", DOI="10.1001/jama.2021.3224")}
    found = findings("One [@a]. Two [@c]. Three [@b].", "reference-duplicate", refs=refs)
    assert len(found) == 1
    assert "@b and @a" in found[0].message and found[0].column == len("One [@a]. Two [@c]. Three ") + 1
    assert findings("One [@a]. Two [@c].", "reference-duplicate", refs=refs) == []


def test_stale_reference_is_info_and_configurable() -> None:
    from editor.core.checks import CheckSettings

    refs = {"old": journal("old", year=2010), "new": journal("new", year=2020)}
    found = findings("Old [@old]. New [@new].", "reference-stale", refs=refs)
    assert [(f.severity, "2010" in f.message) for f in found] == [("info", True)]
    assert len(findings("Old [@old]. New [@new].", "reference-stale", refs=refs,
                        settings=CheckSettings(stale_years=3))) == 2


def test_a_key_and_its_alias_are_one_work_for_the_reference_checks() -> None:
    old = journal("new", year=2001)  # "old" was merged into "new": one work, one number on the page
    refs = {"old": old, "new": journal("new", year=2001)}
    body = "Weight fell [@old]. It stayed down [@new]."
    assert findings(body, "reference-duplicate", refs=refs) == []
    assert len(findings(body, "reference-stale", refs=refs)) == 1
