"""Online import against a loopback server standing in for Crossref and NCBI."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from editor.core.importers import import_path
from editor.core.library import Library

WORKS = {
    "10.1056/nejmoa2032183": {
        "type": "journal-article",
        "title": ["Once-Weekly Semaglutide in Adults with Overweight or Obesity"],
        "container-title": ["New England Journal of Medicine"],
        "author": [{"family": "Wilding", "given": "John P.H."}],
        "issued": {"date-parts": [[2021, 3, 18]]},
        "DOI": "10.1056/NEJMoa2032183",
    },
    "10.1001/jama.2021.3224": {
        "type": "journal-article",
        "title": ["Effect of Continued Weekly Subcutaneous Semaglutide vs Placebo"],
        "container-title": ["JAMA"],
        "author": [{"family": "Rubino", "given": "Domenica"}],
        "issued": {"date-parts": [[2021, 4, 20]]},
        "DOI": "10.1001/jama.2021.3224",
    },
}


class _Handler(BaseHTTPRequestHandler):
    seen: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        return

    def do_GET(self) -> None:  # http.server's name
        path = unquote(urlsplit(self.path).path)
        type(self).seen.append(path)
        work = WORKS.get(path.removeprefix("/works/").lower()) if path.startswith("/works/") else None
        body = json.dumps({"status": "ok", "message": work}) if work else "not found"
        self.send_response(200 if work else 404)
        self.send_header("Content-Type", "application/json" if work else "text/plain")
        self.send_header("Content-Length", str(len(body.encode())))
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_online_import_fills_metadata_and_keeps_failed_lookups(
    library: Library, legacy_text_path: Path, server: str
) -> None:
    library.settings.set("crossref_base_url", server)
    library.settings.set("ncbi_base_url", server)
    result = import_path(library, legacy_text_path, offline=False)
    by_doi = {ref.doi: ref for ref in library.references.list() if ref.doi}
    assert by_doi["10.1056/nejmoa2032183"].title == "Once-Weekly Semaglutide in Adults with Overweight or Obesity"
    assert by_doi["10.1056/nejmoa2032183"].incomplete is False
    assert by_doi["10.1001/jama.2021.3224"].csl["container-title"] == "JAMA"
    pubmed = [ref for ref in library.references.list() if ref.pmid == "35441470"]
    assert len(pubmed) == 1 and pubmed[0].incomplete  # NCBI had no record: kept from the identifier
    failures = [w for w in result.warnings if "online lookup failed" in w]
    assert [w.split(":")[0] for w in failures] == ["Reference 2", "Reference 4"]
    assert result.unresolved == [5, 6] and result.references == 4
    crossref_requests = [p for p in _Handler.seen if p.startswith("/works/")]
    assert sorted(crossref_requests) == ["/works/10.1001/jama.2021.3224", "/works/10.1056/NEJMoa2032183"]


class _Stalling(BaseHTTPRequestHandler):
    release = threading.Event()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        return

    def do_GET(self) -> None:  # http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.flush()
        type(self).release.wait(30)


def test_an_imports_lookups_share_one_batch_deadline(
    library: Library, legacy_text_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _Stalling.release = threading.Event()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stalling)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        library.settings.set("crossref_base_url", base)
        library.settings.set("ncbi_base_url", base)
        library.settings.set("lookup_deadline", 0.6)
        monkeypatch.setattr("editor.core.importers.library.BATCH_SECONDS", 1.0)
        result = import_path(library, legacy_text_path, offline=False)
    finally:
        _Stalling.release.set()
        httpd.shutdown()
        httpd.server_close()
    lookups = [w for w in result.warnings if w.startswith("Reference ")]
    assert len(lookups) == 4 and result.references == 4
    assert "online lookup failed (127.0.0.1" in lookups[0]
    assert lookups[-1].endswith("not looked up, the lookups for this post took longer than 1 seconds; kept offline.")
    assert all(ref.incomplete for ref in library.references.list())
