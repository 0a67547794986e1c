"""A post every exit must refuse (patient details and an unresolved citation), and a site that records.

Shared by the enumerations of the ways out: ``tests/core/export/test_exits_gated.py`` (code and
command line) and ``tests/gui/test_exits_gated_gui.py`` (the window's actions).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from editor.core.library import Library
from editor.core.post.model import Post

SLUG = "call-us"
# A name with a phone number (patient details) and a citation no reference answers.
BLOCKED_BODY = ("Starting a GLP-1 medicine takes patience.\n\n## A patient's story\n\n"
                "Our patient Maria Lopez (call her at 555-201-7788) lost weight slowly [@nosuchkey2020].\n")
BLOCKING_CODES = ("phi-suspected", "citation-unresolved")


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # http.server's name
        self.seen.append((self.command, self.path))
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET  # noqa: N815 - http.server's handler name

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def recording_site() -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """A real HTTP server on 127.0.0.1 answering 500 to everything; yields its URL and the requests it got."""
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def make_blocked_library(path: Path, site_url: str) -> Path:
    """A library holding the blocked post (published, so ``--all`` considers it) and a saved site."""
    from editor.core.publish.sites import SiteStore

    with Library.open(path, seed=False) as lib:
        author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C")
        lib.posts.create(Post(title="Call us about GLP-1", slug=SLUG, body=BLOCKED_BODY, author_id=author.id,
                              summary="What patients ask us most about GLP-1 medicines, in plain words.",
                              last_reviewed="2099-01-01", status="published"))
        SiteStore(lib).add("clinic", site_url, "erin", "abcd efgh ijkl mnop")
    return path
