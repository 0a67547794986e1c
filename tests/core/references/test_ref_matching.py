"""Online matching of imported references, against the recorded-response server on 127.0.0.1.

With an identifier the reference is completed from Crossref/PubMed ("matched online");
without one, Crossref's bibliographic query may find the work: listed as a suggestion with
its score, never applied until the person accepts it.
"""

from __future__ import annotations

from pathlib import Path

from refs_helpers import make_client
from refs_http_server import RecordedServer

from editor.cli import main
from editor.core.importers import import_text
from editor.core.importers.report import reference_lines
from editor.core.library import Library
from editor.core.references.freetext import parse_reference
from editor.core.references.matching import agrees, best_match, bibliographic_matches

SPIEGEL = ("Spiegel K, Tasali E, Penev P, Van Cauter E. Brief communication: Sleep curtailment in healthy young "
           "men is associated with decreased leptin levels, elevated ghrelin levels, and increased hunger and "
           "appetite. Ann Intern Med. 2004;141(11):846-850.")
HANDOUT = "Lakeside Family Clinic. Sleep hygiene handout. Patient handout; 2019."
WILDING = ("Wilding JPH, Batterham RL, Calanna S, et al. Once-weekly semaglutide in adults with overweight or "
           "obesity. N Engl J Med. 2021;384(11):989-1002. doi:10.1056/NEJMoa2032183")
POST = (f"# Sleep and appetite\n\n## Why it matters\n\nShort sleep raises hunger (1). A handout helps (2). "
        f"Medicines help some people (3).\n\n## References\n\n1. {SPIEGEL}\n2. {HANDOUT}\n3. {WILDING}\n")


def _online(library: Library, recorded: RecordedServer) -> None:
    library.settings.set("crossref_base_url", f"{recorded.base_url}/crossref")
    library.settings.set("ncbi_base_url", f"{recorded.base_url}/eutils")


def test_a_bibliographic_query_offers_scored_candidates(recorded: RecordedServer) -> None:
    client = make_client(recorded)
    found = bibliographic_matches(client, SPIEGEL)
    assert [s.doi for s in found][0] == "10.7326/0003-4819-141-11-200412070-00008"
    assert found[0].score > found[1].score
    query = recorded.requests[-1].query
    assert query["query.bibliographic"].startswith("Spiegel K, Tasali E") and query["rows"] == "3"
    assert query["mailto"] == "clinic@example.org"


def test_a_candidate_that_says_something_else_is_not_offered(recorded: RecordedServer) -> None:
    client = make_client(recorded)
    parsed = parse_reference(HANDOUT).csl
    candidates = bibliographic_matches(client, HANDOUT)
    assert candidates and not any(agrees(candidate, parsed) for candidate in candidates)
    assert best_match(client, parsed, HANDOUT) is None


def test_import_online_completes_identified_references_and_only_suggests_the_others(
    lib: Library, recorded: RecordedServer
) -> None:
    _online(lib, recorded)
    result = import_text(lib, POST, "sleep.txt", offline=False)
    status = {line["number"]: line for line in result.reference_status}
    assert status[3]["status"] == "matched online"
    assert lib.references.get(status[3]["key"]).csl["title"].startswith("Once-Weekly Semaglutide")  # type: ignore[union-attr]
    suggestion = status[1]["suggestion"]
    assert suggestion["doi"] == "10.7326/0003-4819-141-11-200412070-00008" and suggestion["score"] == 148.6
    assert suggestion["accept"] == f"postwright refs accept {status[1]['key']} 10.7326/0003-4819-141-11-200412070-00008"
    stored = lib.references.get(status[1]["key"])
    assert stored is not None and stored.doi is None  # never applied silently
    assert stored.csl["title"].startswith("Brief communication: Sleep curtailment")
    assert "suggestion" not in status[2]
    lines = reference_lines(result.reference_status)
    assert any("suggested match (score 148.6)" in line and "accept with: postwright refs accept" in line
               for line in lines)


def test_accepting_a_suggestion_applies_the_work(tmp_path: Path, recorded: RecordedServer,
                                                 capsys: object) -> None:
    path = tmp_path / "library.postwright"
    library = Library.open(path)
    try:
        _online(library, recorded)
        result = import_text(library, POST, "sleep.txt", offline=False)
        key = next(line["key"] for line in result.reference_status if line["number"] == 1)
    finally:
        library.close()
    code = main(["--library", str(path), "refs", "accept", key, "10.7326/0003-4819-141-11-200412070-00008"])
    assert code == 0
    library = Library.open(path)
    try:
        accepted = library.references.get(key)
        assert accepted is not None and accepted.doi == "10.7326/0003-4819-141-11-200412070-00008"
        assert accepted.csl["container-title"] == "Annals of Internal Medicine"
        assert accepted.csl["note"] == SPIEGEL  # the text as the site printed it stays
    finally:
        library.close()
