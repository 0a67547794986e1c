"""Fixtures for the reference tests: a library on disk and the recorded-response server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from refs_http_server import RecordedServer, start

from editor.core.library import Library
from editor.core.references.lookup import MetadataClient
from editor.core.references.store import ReferenceStore

DATA = Path(__file__).parent / "data"
CORPUS = [DATA / name for name in ("glp1.bib", "glp1.csl.json", "glp1.nbib", "glp1.ris")]


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


def make_client(state: RecordedServer, lib: Library | None = None, **options: object) -> MetadataClient:
    from editor.core.references.http_cache import LibraryHttpCache

    settings = {"per_second": 50.0, "backoff": 0.01, "timeout": 5.0, **options}
    return MetadataClient(
        ncbi_base_url=f"{state.base_url}/eutils", crossref_base_url=f"{state.base_url}/crossref",
        email="clinic@example.org", cache=LibraryHttpCache(lib) if lib is not None else None,
        **settings,  # type: ignore[arg-type]
    )


@pytest.fixture
def online_store(lib: Library, recorded: RecordedServer) -> Iterator[ReferenceStore]:
    client = make_client(recorded, lib)
    try:
        yield ReferenceStore(lib, client=client)
    finally:
        client.close()
