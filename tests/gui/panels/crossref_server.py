"""A loopback server answering Crossref ``/works/{doi}`` from the recorded file in ``data/``;
under ``/stall/`` it sends headers and then nothing until the server stops."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

DATA = Path(__file__).parent / "data"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        return

    def do_GET(self) -> None:  # http.server's name
        path = unquote(urlsplit(self.path).path)
        if path.startswith("/stall/"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.flush()
            self.server.stop.wait(30)  # type: ignore[attr-defined]
            return
        name = "crossref_" + path.removeprefix("/works/").lower().replace("/", "_") + ".json"
        target = DATA / name
        status, body = (200, target.read_bytes()) if target.exists() else (404, b"Resource not found.")
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def crossref_server() -> Iterator[str]:
    """Yields the base URL to store as the library's ``crossref_base_url`` setting."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.stop = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.stop.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()
        thread.join()
