"""Fixtures for the reference tests: a library on disk and the recorded-response server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from refs_helpers import make_client
from refs_http_server import RecordedServer, start

from editor.core.library import Library
from editor.core.references.store import ReferenceStore


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library.db", seed=False)
    try:
        yield library
    finally:
        library.close()


@pytest.fixture
def recorded() -> Iterator[RecordedServer]:
    state = RecordedServer()
    server, thread = start(state)
    try:
        yield state
    finally:
        state.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def online_store(lib: Library, recorded: RecordedServer) -> Iterator[ReferenceStore]:
    client = make_client(recorded, lib)
    try:
        yield ReferenceStore(lib, client=client)
    finally:
        client.close()
