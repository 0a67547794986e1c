"""Records and errors every parser returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ParsedRecord:
    """One reference read from a file: a CSL-JSON item (``id`` = key the file gave, if any)."""

    csl: dict[str, Any]
    line: int


@dataclass
class RecordError:
    """A record that could not be read: the line it starts on and what is wrong."""

    line: int
    message: str


@dataclass
class ParseResult:
    format: str
    records: list[ParsedRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)


def join_pages(first: str | None, last: str | None) -> str | None:
    first, last = (first or "").strip(), (last or "").strip()
    if first and last and last != first:
        return f"{first}-{last}"
    return first or last or None
