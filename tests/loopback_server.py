"""A real HTTP server on 127.0.0.1 for one test or module, stopped whole when it ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], stop: threading.Event, name: str) -> Iterator[str]:
    """Serve ``handler`` on a free loopback port; yields the base URL. At the end ``stop`` is set (so a
    handler that drips wakes and returns), the server shuts down and its thread is joined."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
