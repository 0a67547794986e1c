"""Reference test helpers: the sample reference files and a client aimed at the recorded-response server."""

from __future__ import annotations

from pathlib import Path

from refs_http_server import RecordedServer

from editor.core.library import Library
from editor.core.references.lookup import MetadataClient

DATA = Path(__file__).parent / "data"
CORPUS = [DATA / name for name in ("glp1.bib", "glp1.csl.json", "glp1.nbib", "glp1.ris")]


def make_client(state: RecordedServer, lib: Library | None = None, **options: object) -> MetadataClient:
    from editor.core.references.http_cache import LibraryHttpCache

    settings = {"per_second": 50.0, "backoff": 0.01, "timeout": 5.0, **options}
    return MetadataClient(
        ncbi_base_url=f"{state.base_url}/eutils", crossref_base_url=f"{state.base_url}/crossref",
        datacite_base_url=f"{state.base_url}/datacite",
        email="clinic@example.org", cache=LibraryHttpCache(lib) if lib is not None else None,
        **settings,  # type: ignore[arg-type]
    )
