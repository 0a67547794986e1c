"""A loopback HTTP server that answers like NCBI E-utilities, Crossref and journal pages,
from the recorded responses in ``responses/``. It records every request it receives.

A first path segment makes it misbehave the way real servers do, for whatever follows:
``/drip/…`` sends a byte every 0.5 s, ``/stall/…`` sends headers and then nothing,
``/status500/…`` and ``/status429/…`` always fail, ``/huge/…`` streams 3 MB without a
length, ``/hugeheader/…`` declares 400 MB, ``/malformed/…`` and ``/deepjson/…`` answer
broken and 100 000-deep JSON, ``/away/…`` redirects to ``localhost`` (another host) and
``/hop/…`` redirects to the same path on this host."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

RESPONSES = Path(__file__).parent / "responses"


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    at: float


@dataclass
class RecordedServer:
    base_url: str = ""
    requests: list[Seen] = field(default_factory=list)
    throttle_remaining: int = 0  # answer this many requests under /throttled/ with 429 first
    stop: threading.Event = field(default_factory=threading.Event)  # ends dripping and stalled answers

    def paths(self, prefix: str = "") -> list[str]:
        return [r.path for r in self.requests if r.path.startswith(prefix)]


def _handler(state: RecordedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
            return

        def _send(self, status: int, body: str, content_type: str, headers: dict[str, str] | None = None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _file(self, name: str, content_type: str) -> None:
            path = RESPONSES / name
            if path.exists():
                self._send(200, path.read_text(encoding="utf-8"), content_type)
            else:
                self._send(404, "Resource not found.", "text/plain")

        def do_GET(self) -> None:  # http.server's name
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            path = unquote(parts.path)
            state.requests.append(Seen(path, query, time.monotonic()))
            if self._misbehave(path):
                return
            if path.startswith("/throttled/"):
                if state.throttle_remaining > 0:
                    state.throttle_remaining -= 1
                    self._send(429, "Too Many Requests", "text/plain", {"Retry-After": "0"})
                    return
                path = path.removeprefix("/throttled")
            if path == "/eutils/efetch.fcgi" and query.get("db") == "pubmed":
                name = f"efetch_pubmed_{query.get('id', '')}.txt"
                if (RESPONSES / name).exists():
                    self._file(name, "text/plain; charset=UTF-8")
                else:  # E-utilities answer 200 with an empty body for an unknown PMID
                    self._send(200, "\n", "text/plain; charset=UTF-8")
            elif path == "/eutils/esummary.fcgi" and query.get("db") == "pmc":
                self._file(f"esummary_pmc_{query.get('id', '')}.json", "application/json")
            elif path == "/crossref/works" and "query.bibliographic" in query:
                self._search(query["query.bibliographic"])
            elif path.startswith("/crossref/works/"):
                doi = path.removeprefix("/crossref/works/").lower().replace("/", "_")
                self._file(f"crossref_{doi}.json", "application/json")
            elif path.startswith("/journals/jama/fullarticle/2777886"):
                self._file("page_jama_2777886.html", "text/html; charset=utf-8")
            elif path == "/healthy-weight":
                self._file("page_healthy_weight.html", "text/html; charset=utf-8")
            elif path == "/broken":
                self._send(500, "Internal Server Error", "text/plain")
            else:
                self._send(404, "Not found", "text/plain")

        def _search(self, text: str) -> None:
            """Crossref's bibliographic search: a recorded answer chosen by the query's first three words."""
            slug = "_".join(re.findall(r"[a-z0-9]+", text.lower())[:3])
            if (RESPONSES / f"crossref_query_{slug}.json").exists():
                self._file(f"crossref_query_{slug}.json", "application/json")
            else:
                self._send(200, '{"status":"ok","message-type":"work-list","message":{"total-results":0,"items":[]}}',
                           "application/json")

        def _misbehave(self, path: str) -> bool:
            kind, _, rest = path.lstrip("/").partition("/")
            if kind == "drip":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "1000")
                self.end_headers()
                for _ in range(1000):
                    if state.stop.wait(0.5) or not self._write(b" "):
                        break
            elif kind == "stall":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.flush()
                state.stop.wait(60)
            elif kind in ("status500", "status429"):
                self._send(int(kind[-3:]), "Try later", "text/plain", {"Retry-After": "0"})
            elif kind == "huge":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                for _ in range(48):
                    if not self._write(b"[" + b"1," * 32767 + b"1]"):
                        break
            elif kind == "hugeheader":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(400 * 1024 * 1024))
                self.end_headers()
                self._write(b"{}")
            elif kind == "malformed":
                self._send(200, '{"status": "ok", "message": {"title": ["x"', "application/json")
            elif kind == "deepjson":
                self._send(200, '{"message": ' + "[" * 100_000 + "]" * 100_000 + "}", "application/json")
            elif kind in ("away", "hop"):
                host = "localhost" if kind == "away" else "127.0.0.1"
                port = self.server.server_address[1]
                query = urlsplit(self.path).query
                target = f"http://{host}:{port}/{rest}" + (f"?{query}" if query else "")
                self._send(302, "", "text/plain", {"Location": target})
            else:
                return False
            return True

        def _write(self, data: bytes) -> bool:
            try:
                self.wfile.write(data)
                self.wfile.flush()
                return True
            except OSError:  # the client gave up: that is what the test wants
                return False

    return Handler


def start(state: RecordedServer) -> tuple[ThreadingHTTPServer, threading.Thread]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server, thread
