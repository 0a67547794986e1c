"""Lookups are bounded: against a loopback server that drips, stalls, fails, answers huge,
broken or deeply nested bodies and redirects elsewhere, every lookup ends within its
deadline with one LookupFailed message, can be cancelled, and only good answers are cached."""

from __future__ import annotations

import threading
import time

import pytest
from refs_helpers import make_client
from refs_http_server import RecordedServer

from editor.core.foundation.errors import LookupCancelled, LookupFailed
from editor.core.library import Library
from editor.core.references.http_cache import LibraryHttpCache
from editor.core.references.identifiers import Identifier
from editor.core.references.lookup import LookupBudget, MetadataClient, same_service
from editor.core.references.store import ReferenceStore

DOI = "10.1056/NEJMoa2032183"  # recorded under responses/


def client_for(recorded: RecordedServer, prefix: str, lib: Library | None = None, **options: object) -> MetadataClient:
    client = make_client(recorded, lib, **{"deadline": 1.5, "timeout": 1.0, "retries": 1, **options})
    client.crossref_base_url = f"{recorded.base_url}/{prefix}/crossref"
    client.ncbi_base_url = f"{recorded.base_url}/{prefix}/eutils"
    return client


def lookup_doi(client: MetadataClient, **kwargs: object) -> dict[str, object]:
    return client.lookup(Identifier("doi", DOI), **kwargs)  # type: ignore[arg-type]


def test_a_dripping_server_is_cut_off_at_the_deadline(recorded: RecordedServer) -> None:
    started = time.monotonic()
    with client_for(recorded, "drip") as client, pytest.raises(LookupFailed, match="did not answer within 1.5 seconds"):
        lookup_doi(client)
    assert time.monotonic() - started < 5  # a byte every 0.5 s would take 500 s


def test_a_stalled_server_times_out(recorded: RecordedServer) -> None:
    with client_for(recorded, "stall") as client, pytest.raises(LookupFailed, match="127.0.0.1"):
        lookup_doi(client)


@pytest.mark.parametrize("status", [500, 429])
def test_failing_statuses_are_retried_then_reported_and_not_cached(
    recorded: RecordedServer, lib: Library, status: int
) -> None:
    with client_for(recorded, f"status{status}", lib) as client, pytest.raises(
        LookupFailed, match=f"answered HTTP {status}"
    ):
        lookup_doi(client)
    assert len(recorded.requests) == 2  # one retry
    assert lib.db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 0


def test_a_huge_streamed_answer_is_refused_at_the_cap(recorded: RecordedServer, lib: Library) -> None:
    with client_for(recorded, "huge", lib, max_bytes=256 * 1024) as client, pytest.raises(
        LookupFailed, match=r"the answer is too large \(.*the limit is 256 KB\)"
    ):
        lookup_doi(client)
    assert lib.db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 0


def test_a_declared_huge_answer_is_refused_before_reading(recorded: RecordedServer) -> None:
    with client_for(recorded, "hugeheader") as client, pytest.raises(LookupFailed, match="400.0 MB"):
        lookup_doi(client)


def test_malformed_json_is_reported_and_not_cached(recorded: RecordedServer, lib: Library) -> None:
    with client_for(recorded, "malformed", lib) as client, pytest.raises(LookupFailed, match="JSON is not valid"):
        lookup_doi(client)
    assert lib.db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 0


def test_deeply_nested_json_is_refused_without_recursion(recorded: RecordedServer, lib: Library) -> None:
    with client_for(recorded, "deepjson", lib) as client, pytest.raises(
        LookupFailed, match="the JSON nests more than 64 levels deep"
    ):
        lookup_doi(client)
    assert lib.db.execute("SELECT count(*) FROM http_cache").fetchone()[0] == 0


def test_a_bad_answer_already_in_the_cache_is_not_replayed(recorded: RecordedServer, lib: Library) -> None:
    with client_for(recorded, "hop", lib) as client:
        url = f"{client.crossref_base_url}/works/{DOI}?mailto=clinic%40example.org"
        LibraryHttpCache(lib).put(url, 200, "[" * 10_000)
        assert lookup_doi(client)["title"] == "Once-Weekly Semaglutide in Adults with Overweight or Obesity"
    assert "[[[" not in lib.db.execute("SELECT body FROM http_cache WHERE url = ?", [url]).fetchone()[0]


def test_redirects_to_another_host_are_not_followed(recorded: RecordedServer) -> None:
    with client_for(recorded, "away") as client, pytest.raises(
        LookupFailed, match=r"redirected to localhost:\d+, another site; the redirect was not followed"
    ):
        lookup_doi(client)
    assert all(not path.startswith("/crossref") for path in recorded.paths())


def test_redirects_within_the_same_host_are_followed(recorded: RecordedServer) -> None:
    with client_for(recorded, "hop") as client:
        csl = lookup_doi(client)
    assert csl["title"] == "Once-Weekly Semaglutide in Adults with Overweight or Obesity"
    assert recorded.paths() == [f"/hop/crossref/works/{DOI}", f"/crossref/works/{DOI}"]


def test_same_service_rules() -> None:
    assert same_service("https://doi.org/10.1/x", "https://www.doi.org/10.1/x")
    assert same_service("https://api.crossref.org/works/x", "https://crossref.org/works/x")
    assert same_service("http://example.org/a", "https://example.org/b")
    assert not same_service("https://example.org/a", "http://example.org/b")
    assert not same_service("https://www.nhs.co.uk/a", "https://evil.co.uk/b")
    assert not same_service("https://example.org/a", "file:///etc/passwd")
    assert not same_service("http://127.0.0.1:8000/a", "http://localhost:8000/a")


def test_a_lookup_is_cancelled_at_once(recorded: RecordedServer) -> None:
    cancel = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        with client_for(recorded, "stall", deadline=30.0, timeout=30.0) as client:
            try:
                lookup_doi(client, cancel=cancel)
            except BaseException as error:  # noqa: BLE001 - inspected below
                outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    deadline = time.monotonic() + 5
    while not recorded.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    cancel.set()
    worker.join(5)
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], LookupCancelled)
    assert str(outcome[0]) == "The lookup at 127.0.0.1:{} was cancelled.".format(recorded.base_url.rsplit(":", 1)[1])


def test_a_cancelled_add_adds_nothing(recorded: RecordedServer, lib: Library) -> None:
    cancel = threading.Event()
    cancel.set()
    store = ReferenceStore(lib, client=client_for(recorded, "stall"))
    with pytest.raises(LookupCancelled):
        store.add_identifier_with_status(DOI, cancel=cancel)
    assert store.list() == []


def test_a_batch_budget_bounds_several_lookups(recorded: RecordedServer) -> None:
    batch = LookupBudget(1.0)
    started = time.monotonic()
    with client_for(recorded, "drip", deadline=10.0) as client:
        for _ in range(3):
            with pytest.raises(LookupFailed):
                lookup_doi(client, budget=batch)
    assert time.monotonic() - started < 4


def test_the_cache_expires_and_keeps_to_its_caps(lib: Library) -> None:
    cache = LibraryHttpCache(lib, max_entries=3, max_bytes=10_000)
    for number in range(5):
        cache.put(f"https://x/{number}", 200, "b" * 100)
    urls = [row[0] for row in lib.db.execute("SELECT url FROM http_cache ORDER BY url")]
    assert urls == ["https://x/2", "https://x/3", "https://x/4"]
    cache.put("https://x/big", 200, "b" * 1_001)  # over a tenth of the byte cap: not kept
    assert cache.get("https://x/big") is None
    for number in range(5, 8):
        cache.put(f"https://x/{number}", 200, "b" * 3_000)
    total = lib.db.execute("SELECT sum(length(body)) FROM http_cache").fetchone()[0]
    assert total <= 10_000
    lib.db.execute("UPDATE http_cache SET fetched_at = '2000-01-01T00:00:00+00:00'")
    assert cache.get("https://x/7") is None
    cache.put("https://x/new", 200, "fresh")
    assert [row[0] for row in lib.db.execute("SELECT url FROM http_cache")] == ["https://x/new"]
