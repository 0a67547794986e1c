"""What the reference store hands out: references and the results of adding and importing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from editor.core.references.normalize import date_year, name_to_text


@dataclass
class Reference:
    """One work in the library: its CSL-JSON item (``csl["id"]`` = citekey) and identifiers.

    ``doi``, ``pmid``, ``pmcid`` and ``url`` are the normalized forms kept in indexed
    columns (DOI lower-case, PMCID with ``PMC``, URL without scheme and ``www.``).
    """

    citekey: str
    csl: dict[str, Any]
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    url: str | None = None
    incomplete: bool = False
    id: int | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def title(self) -> str:
        return str(self.csl.get("title", ""))

    @property
    def year(self) -> int | None:
        return date_year(self.csl.get("issued"))

    @property
    def authors_text(self) -> str:
        return "; ".join(name_to_text(n) for n in self.csl.get("author", []))

    @property
    def container(self) -> str:
        return str(self.csl.get("container-title", ""))


@dataclass
class AddResult:
    """``merged`` is True when the item was the same work as an existing reference."""

    reference: Reference
    merged: bool


@dataclass
class IdentifierResult:
    """Adding by identifier: ``lookup_error`` says why online metadata was not used."""

    reference: Reference
    merged: bool
    lookup_error: str | None = None


@dataclass
class ImportReport:
    """Citekeys added and merged, and each bad record as ``{file, line, message}``."""

    added: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
