"""A WordPress that answers whatever a test tells it to, on a real loopback HTTP server.

``FakeWordPress.answers`` maps ``"GET /wp/v2/users/me"`` (method and REST route, no query)
to ``(status, body, headers)``; ``body`` is any JSON value (or bytes, sent as they are).
Listings are paged from ``listing`` when a route maps to a ``Paged`` value. The REST index
and a plain user who may publish are there unless a test replaces them.
"""

from __future__ import annotations

import http.server
import json
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

ME = {"id": 7, "name": "Erin Editor", "roles": ["editor"],
      "capabilities": {"edit_posts": True, "publish_posts": True, "upload_files": True,
                       "edit_others_posts": True, "manage_categories": True}}


@dataclass
class Paged:
    """A listing served ``per_page`` at a time with WordPress's X-WP-Total headers (``repeat``: every
    page is the first one, as a broken cache or plugin does)."""

    items: list[Any]
    repeat: bool = False
    total_header: str | None = None


@dataclass
class FakeWordPress:
    answers: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    url: str = ""

    def __post_init__(self) -> None:
        self.answers.setdefault("GET /", (200, {"name": "Fake Clinic", "namespaces": ["wp/v2"],
                                                "authentication": {"application-passwords": {}}}, {}))
        self.answers.setdefault("GET /wp/v2/users/me", (200, ME, {}))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    def _answer(self, method: str, raw_path: str) -> tuple[int, bytes, dict[str, str]]:
        parts = urlsplit(raw_path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        route = parts.path
        if route.startswith("/wp-json"):
            route = route.removeprefix("/wp-json") or "/"
        elif "rest_route" in query:
            route = query.pop("rest_route")
        else:
            return 404, b"<p>not here</p>", {"Content-Type": "text/html"}
        route = route.rstrip("/") or "/"
        self.requests.append(f"{method} {route}")
        found = self.answers.get(f"{method} {route}")
        if found is None:
            found = (200, [] if method == "GET" else {"code": "rest_no_route"}, {})
        status, body, headers = found if isinstance(found, tuple) else (200, found, {})
        if isinstance(body, Paged):
            body, headers = self._page(body, query)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        return status, data, {"Content-Type": "application/json", **headers}

    @staticmethod
    def _page(paged: Paged, query: dict[str, str]) -> tuple[list[Any], dict[str, str]]:
        per_page = int(query.get("per_page", 10))
        page = 1 if paged.repeat else int(query.get("page", 1))
        total = len(paged.items)
        pages = max(1, -(-total // per_page))
        headers = {"X-WP-Total": paged.total_header or str(total), "X-WP-TotalPages": str(pages if not paged.repeat
                                                                                           else 400)}
        return paged.items[(page - 1) * per_page: page * per_page], headers

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _reply(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                status, body, headers = fake._answer(method, self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # http.server's name
                self._reply("GET")

            def do_POST(self) -> None:
                self._reply("POST")

            def log_message(self, *args: object) -> None:
                pass

        return Handler
