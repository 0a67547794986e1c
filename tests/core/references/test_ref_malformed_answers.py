"""Crossref and PubMed Central answers that are not what they should be: one sentence naming the field,
never a reference keyed "5" or a traceback. Answers come from a loopback server; hypothesis makes them."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.foundation.errors import LookupFailed
from editor.core.library import Library
from editor.core.references.identifiers import Identifier
from editor.core.references.lookup import MetadataClient
from editor.core.references.store import ReferenceStore


class _Answers:
    body: object = {}
    by_path: dict[str, tuple[int, object]] = {}  # path prefix → (status, body), before ``body``


@pytest.fixture
def server():
    answers = _Answers()
    answers.by_path = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name
            status, body = next((answer for prefix, answer in answers.by_path.items()
                                 if self.path.startswith(prefix)), (200, answers.body))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    answers.url = f"http://127.0.0.1:{httpd.server_address[1]}"  # type: ignore[attr-defined]
    yield answers
    httpd.shutdown()
    httpd.server_close()


def _client(server) -> MetadataClient:
    return MetadataClient(crossref_base_url=server.url, ncbi_base_url=server.url, datacite_base_url=server.url,
                          per_second=1000, retries=0)


DATACITE_RECORD = {"data": {"id": "10.5281/zenodo.123", "attributes": {
    "doi": "10.5281/zenodo.123", "url": "https://zenodo.org/records/123",
    "titles": [{"title": "Sleep diaries of 400 adults"}],
    "creators": [{"name": "Rivera, Ana", "givenName": "Ana", "familyName": "Rivera", "nameType": "Personal"},
                 {"name": "Riverside Sleep Lab", "nameType": "Organizational"}],
    "publisher": "Zenodo", "publicationYear": 2023, "types": {"resourceTypeGeneral": "Dataset"}}}}


def test_a_doi_crossref_does_not_hold_is_looked_up_at_datacite(server):
    server.by_path = {"/works/": (404, {"status": "error"}), "/dois/": (200, DATACITE_RECORD)}
    csl = _client(server).lookup(Identifier("doi", "10.5281/zenodo.123"))
    assert csl["type"] == "dataset" and csl["title"] == "Sleep diaries of 400 adults"
    assert csl["author"] == [{"family": "Rivera", "given": "Ana"}, {"literal": "Riverside Sleep Lab"}]
    assert csl["issued"] == {"date-parts": [[2023]]} and csl["publisher"] == "Zenodo"


@pytest.mark.parametrize(("attributes", "field"), [
    ({"titles": "Sleep"}, "data.attributes.titles"),
    ({"creators": [{"name": 5}]}, "data.attributes.creators[0].name"),
    ({"publicationYear": [2023]}, "data.attributes.publicationYear"),
])
def test_a_malformed_datacite_record_is_named(server, attributes, field):
    server.by_path = {"/works/": (404, {}), "/dois/": (200, {"data": {"attributes": attributes}})}
    with pytest.raises(LookupFailed) as failed:
        _client(server).lookup(Identifier("doi", "10.5281/zenodo.123"))
    assert f"“{field}”" in str(failed.value) and "DataCite" in str(failed.value)


def test_a_crossref_title_that_is_a_number_is_named_not_used_as_a_key(server):
    server.body = {"status": "ok", "message": {"title": 5, "DOI": "10.1000/xyz"}}
    with pytest.raises(LookupFailed, match="“message.title” should be text or a list, not a whole number"):
        _client(server).lookup(Identifier("doi", "10.1000/xyz"))
    with Library.memory() as lib:
        store = ReferenceStore(lib, client=_client(server))
        outcome = store.add_identifier_with_status("10.1000/xyz")
        assert outcome.reference.citekey != "5" and outcome.reference.incomplete
        assert "message.title" in (outcome.lookup_error or "")


@pytest.mark.parametrize(("message", "field"), [
    ({"author": "Smith J"}, "message.author"),
    ({"author": [{"family": 7}]}, "message.author[0].family"),
    ({"issued": {"date-parts": "2021"}}, "message.issued.date-parts"),
    ({"volume": 12}, "message.volume"),
    ([], "message"),
])
def test_crossref_fields_of_the_wrong_kind_are_named(server, message, field):
    server.body = {"message": message}
    with pytest.raises(LookupFailed) as failed:
        _client(server).lookup(Identifier("doi", "10.1000/xyz"))
    assert f"“{field}”" in str(failed.value) and "\n" not in str(failed.value)


def test_a_huge_crossref_year_is_kept_as_text_never_as_a_number(server):
    server.body = {"message": {"title": ["A title"], "issued": {"date-parts": [[10**30]]}}}
    csl = _client(server).lookup(Identifier("doi", "10.1000/xyz"))
    assert "date-parts" not in csl.get("issued", {})
    with Library.memory() as lib:
        lib.references.add({**csl, "DOI": "10.1000/xyz"})  # the year column stays an SQLite integer


@pytest.mark.parametrize("summary", [{"authors": "Smith J"}, {"articleids": {"pmid": "1"}}, {"title": ["x"]}, []])
def test_a_pmc_summary_of_the_wrong_shape_is_a_sentence(server, summary):
    server.body = {"result": {"uids": ["7"], "7": summary}}
    with pytest.raises(LookupFailed) as failed:
        _client(server).lookup(Identifier("pmcid", "PMC7"))
    assert "PMC" in str(failed.value) and "\n" not in str(failed.value)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.text(max_size=12),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                  max_size=3), max_leaves=6)
FIELDS = ["title", "subtitle", "container-title", "author", "editor", "issued", "published-print", "volume",
          "issue", "page", "DOI", "ISSN", "type", "abstract", "publisher"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.dictionaries(st.sampled_from(FIELDS), JSONISH | st.lists(st.text(max_size=10), max_size=2)
                               | st.just([{"family": "Smith", "given": "J"}])
                               | st.just({"date-parts": [[2021, 3, 18]]}), max_size=6))
def test_any_crossref_message_is_a_clean_item_or_one_sentence(server, message):
    server.body = {"message": message}
    try:
        csl = _client(server).lookup(Identifier("doi", "10.1000/xyz"))
    except LookupFailed as failed:
        assert "\n" not in str(failed) and str(failed).endswith("."), failed
        return
    assert all(isinstance(csl[key], str) for key in ("title", "volume", "page") if key in csl)
    for name in csl.get("author", []):
        assert all(isinstance(part, str) for part in name.values())
