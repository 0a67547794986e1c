"""Online lookup against a loopback server serving recorded NCBI, Crossref and journal responses."""

from __future__ import annotations

import socket

import pytest
from refs_helpers import CORPUS, make_client
from refs_http_server import RecordedServer

from editor.core.foundation.errors import IdentifierError, LookupFailed
from editor.core.library import Library
from editor.core.references.identifiers import Identifier
from editor.core.references.lookup import MetadataClient
from editor.core.references.store import ReferenceStore


def test_pubmed_efetch_with_tool_and_email(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("pmid", "35441470"))
    assert csl["title"].startswith("Weight regain and cardiometabolic effects")
    assert csl["DOI"] == "10.1111/dom.14725" and csl["PMCID"] == "PMC9542252"
    seen = recorded.requests[0]
    assert seen.path == "/eutils/efetch.fcgi"
    assert seen.query == {"db": "pubmed", "id": "35441470", "rettype": "medline", "retmode": "text",
                          "tool": "postwright", "email": "clinic@example.org"}


def test_crossref_arrays_and_mailto(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("doi", "10.1001/jama.2021.3224"))
    assert csl["title"] == ("Effect of Continued Weekly Subcutaneous Semaglutide vs Placebo on Weight Loss "
                            "Maintenance in Adults With Overweight or Obesity: The STEP 4 Randomized Clinical Trial")
    assert csl["container-title"] == "JAMA" and csl["ISSN"] == "0098-7484"
    assert csl["author"][-1] == {"literal": "STEP 4 Investigators"}
    assert csl["issued"] == {"date-parts": [[2021, 4, 13]]}
    assert recorded.requests[0].query == {"mailto": "clinic@example.org"}


def test_pmc_goes_through_esummary_to_pubmed(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("pmcid", "PMC10797145"))
    assert csl["PMID"] == "37952131" and csl["PMCID"] == "PMC10797145"
    assert csl["author"][-1] == {"literal": "SELECT Trial Investigators"}
    assert recorded.paths() == ["/eutils/esummary.fcgi", "/eutils/efetch.fcgi"]


def test_pmc_without_pmid_or_doi_uses_the_summary(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("pmcid", "PMC5000001"))
    assert csl["title"] == "Sleep duration and appetite hormones in adults: a cohort study"
    assert csl["author"][0] == {"family": "Okafor", "given": "C. N."}
    assert csl["container-title"] == "Journal of Test Medicine" and csl["PMCID"] == "PMC5000001"


def test_journal_page_embedding_a_doi(recorded: RecordedServer) -> None:
    url = f"{recorded.base_url}/journals/jama/fullarticle/2777886"
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("url", url))
    assert csl["DOI"] == "10.1001/jama.2021.3224" and csl["type"] == "article-journal"
    assert recorded.paths() == ["/journals/jama/fullarticle/2777886", "/crossref/works/10.1001/jama.2021.3224"]


def test_plain_web_page_gives_its_title(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        csl = client.lookup(Identifier("url", f"{recorded.base_url}/healthy-weight"))
    assert csl == {"type": "webpage", "URL": f"{recorded.base_url}/healthy-weight",
                   "title": "Healthy Weight Tips & Facts", "container-title": "Example Health Service"}


def test_retries_on_429_then_succeeds(recorded: RecordedServer) -> None:
    recorded.throttle_remaining = 2
    with MetadataClient(crossref_base_url=f"{recorded.base_url}/throttled/crossref", per_second=50,
                        backoff=0.01) as client:
        csl = client.fetch_crossref("10.1056/NEJMoa2032183")
    assert csl["title"] == "Once-Weekly Semaglutide in Adults with Overweight or Obesity"
    assert len(recorded.requests) == 3


def test_gives_up_after_retries(recorded: RecordedServer) -> None:
    with MetadataClient(crossref_base_url=f"{recorded.base_url}/broken", per_second=50, backoff=0.01,
                        retries=2) as client, pytest.raises(LookupFailed, match="HTTP 500"):
        client.get_text(f"{recorded.base_url}/broken")
    assert len(recorded.requests) == 3


def test_not_found_is_a_lookup_failure(recorded: RecordedServer) -> None:
    with make_client(recorded) as client:
        with pytest.raises(LookupFailed, match="404"):
            client.lookup(Identifier("doi", "10.9999/unknown"))
        with pytest.raises(LookupFailed, match="no record"):
            client.lookup(Identifier("pmid", "99999999"))


def test_at_most_three_requests_per_second_to_ncbi(recorded: RecordedServer) -> None:
    # NCBI allows 3 requests/s without an API key, 10 with one; the spacing itself is
    # tested on the limiter (tests/core/net), where no network delay blurs it.
    with MetadataClient(ncbi_base_url=f"{recorded.base_url}/eutils", backoff=0.01) as client:
        assert client.http.limiter.interval == pytest.approx(1 / 3)
        for pmid in ("35441470", "37952131", "35441470", "37952131"):
            client.fetch_pubmed(pmid)
    assert len(recorded.requests) == 4
    with MetadataClient(api_key="key") as keyed:
        assert keyed.http.limiter.interval == pytest.approx(1 / 10)


def test_responses_are_cached_in_the_library(recorded: RecordedServer, lib: Library) -> None:
    with make_client(recorded, lib) as client:
        first = client.lookup(Identifier("pmid", "35441470"))
        second = client.lookup(Identifier("pmid", "35441470"))
    assert first == second and len(recorded.requests) == 1
    rows = list(lib.db.execute("SELECT url, status FROM http_cache"))
    assert len(rows) == 1 and rows[0][1] == 200 and "id=35441470" in rows[0][0]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_offline_failure_still_creates_an_incomplete_reference(lib: Library) -> None:
    port = _closed_port()
    client = MetadataClient(ncbi_base_url=f"http://127.0.0.1:{port}", crossref_base_url=f"http://127.0.0.1:{port}",
                            retries=1, backoff=0.01, timeout=1.0)
    with client:
        outcome = ReferenceStore(lib, client=client).add_identifier_with_status("10.1056/NEJMoa2032183")
    assert outcome.reference.incomplete and outcome.reference.doi == "10.1056/nejmoa2032183"
    assert f"Cannot connect to 127.0.0.1: nothing answers on port {port}" in (outcome.lookup_error or "")


def test_add_identifier_online_completes_an_offline_stub(online_store: ReferenceStore) -> None:
    stub = online_store.add_identifier("https://pubmed.ncbi.nlm.nih.gov/35441470/", offline=True)
    assert stub.incomplete and stub.citekey == "pmid35441470" and stub.csl == {
        "id": "pmid35441470", "type": "article-journal", "PMID": "35441470"}
    complete = online_store.add_identifier("PMID: 35441470")
    assert complete.citekey == "pmid35441470" and not complete.incomplete
    assert complete.csl["container-title"] == "Diabetes, obesity & metabolism"
    assert len(online_store.list()) == 1


def test_legacy_post_reference_urls_merge_with_the_corpus(online_store: ReferenceStore) -> None:
    online_store.import_files(CORPUS)
    urls = ["https://www.nejm.org/doi/full/10.1056/NEJMoa2032183", "https://pubmed.ncbi.nlm.nih.gov/35441470/",
            "https://doi.org/10.1001/jama.2021.3224", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10797145/"]
    keys = [online_store.add_identifier(url).citekey for url in urls]
    assert keys == ["wilding2021", "wilding2022", "rubino2021", "lincoff2023"]
    assert len(online_store.list()) == 7
    assert online_store.get("lincoff2023").csl["PMCID"] == "PMC10797145"


def test_unrecognised_identifier(lib: Library) -> None:
    with pytest.raises(IdentifierError, match="not a DOI"):
        lib.references.add_identifier("the STEP 1 trial", offline=True)
