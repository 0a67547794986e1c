"""A real HTTP server on 127.0.0.1 that misbehaves on purpose, one way per path.

    /drip-headers        a status line, then one header byte every ``DRIP_SECONDS``
    /slow-body           headers at once, then one body byte every ``DRIP_SECONDS``
    /huge                Content-Length of 1 GB (nothing sent)
    /huge-undeclared     megabytes of body without a Content-Length
    /gzip-bomb           a small gzip body that unpacks to 64 MB
    /loop                redirects to itself
    /redirect?to=URL     a 302 to URL
    /busy?times=N&after=V  429 (or /busy503: 503) with Retry-After: V the first N times, then 200
    /echo                200 with the request's Authorization header (or "none") as the body
    /ok                  200 "fine"

Every request is recorded (path, headers, monotonic time) in ``server.requests``.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from loopback_server import serving

DRIP_SECONDS = 2.0
_BOMB = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Misbehaving:
    base_url: str
    requests: list[Seen] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    state: Misbehaving
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        self.state.requests.append(Seen(parts.path, dict(self.headers.items()), time.monotonic()))
        route = {
            "/ok": self.route_ok, "/drip-headers": self.route_drip_headers, "/slow-body": self.route_slow_body,
            "/huge": self.route_huge, "/huge-undeclared": self.route_huge_undeclared,
            "/gzip-bomb": self.route_gzip_bomb, "/loop": self.route_loop, "/redirect": self.route_redirect,
            "/busy": self.route_busy, "/busy503": self.route_busy503, "/echo": self.route_echo,
        }.get(parts.path)
        if route is None:
            self._send(404, b"no such page")
            return
        try:
            route(query)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    do_POST = do_GET  # noqa: N815 - http.server's handler name

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes) -> None:
        for byte in data:
            if self.state.stop.wait(DRIP_SECONDS):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def route_ok(self, query: dict[str, str]) -> None:
        self._send(200, b"fine", {"Content-Type": "text/plain; charset=utf-8"})

    def route_drip_headers(self, query: dict[str, str]) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        self._drip(b"X-Slow: " + b"a" * 1000 + b"\r\n\r\n")

    def route_slow_body(self, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.flush()
        self._drip(b"b" * 1000)

    def route_huge(self, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(1024 ** 3))
        self.end_headers()

    def route_huge_undeclared(self, query: dict[str, str]) -> None:
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"x" * 65536
        for _ in range(2000):  # 128 MB at most; the client stops reading long before
            if self.state.stop.is_set():
                return
            self.wfile.write(chunk)

    def route_gzip_bomb(self, query: dict[str, str]) -> None:
        self._send(200, _BOMB, {"Content-Encoding": "gzip", "Content-Type": "text/plain"})

    def route_loop(self, query: dict[str, str]) -> None:
        self._send(302, b"", {"Location": "/loop"})

    def route_redirect(self, query: dict[str, str]) -> None:
        self._send(302, b"", {"Location": query["to"]})

    def _busy(self, status: int, query: dict[str, str]) -> None:
        key = self.path
        self.state.counts[key] = self.state.counts.get(key, 0) + 1
        if self.state.counts[key] <= int(query.get("times", "1")):
            self._send(status, b"busy", {"Retry-After": query.get("after", "1")})
        else:
            self._send(200, b"fine")

    def route_busy(self, query: dict[str, str]) -> None:
        self._busy(429, query)

    def route_busy503(self, query: dict[str, str]) -> None:
        self._busy(503, query)

    def route_echo(self, query: dict[str, str]) -> None:
        self._send(200, self.headers.get("Authorization", "none").encode())


@contextmanager
def misbehaving_server() -> Iterator[Misbehaving]:
    state = Misbehaving("")
    with serving(type("Handler", (_Handler,), {"state": state}), state.stop, "misbehaving-server") as base_url:
        state.base_url = base_url
        yield state
