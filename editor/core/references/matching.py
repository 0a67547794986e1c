"""Find the published work a reference without an identifier most likely is: Crossref's
bibliographic query (``/works?query.bibliographic=…&rows=…``), bounded like every lookup.

A match is only ever a suggestion with Crossref's score: the importer lists it, and the
person accepts it (``accept_match``, the CLI's ``refs accept KEY DOI``); nothing is applied
silently. A suggestion whose title and year do not agree with what the string itself says
is not offered at all, whatever its score.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any, Protocol

from editor.core.foundation.errors import LookupFailed
from editor.core.foundation.limits import loads_json
from editor.core.references.crossref import crossref_to_csl
from editor.core.references.identifiers import Identifier
from editor.core.references.normalize import date_year, name_to_text, normalize_title

if TYPE_CHECKING:
    from editor.core.references.http_client import LookupBudget
    from editor.core.references.lookup import MetadataClient
    from editor.core.references.model import Reference
    from editor.core.references.store import ReferenceStore


class HasReferences(Protocol):
    """A library (the references room does not import the library package)."""

    @property
    def references(self) -> ReferenceStore: ...

ROWS = 3
MAX_QUERY = 400  # characters of the reference string sent
TITLE_AGREEMENT = 0.8  # how alike the two titles must be (difflib ratio on normalized titles)
_SELECT = "DOI,title,subtitle,author,editor,container-title,short-container-title,issued,published-print," \
          "published-online,volume,issue,page,type,publisher,score"


@dataclass(frozen=True)
class Suggestion:
    """A Crossref work offered as the match of a reference, with Crossref's relevance score."""

    doi: str
    score: float
    csl: dict[str, Any]

    def citation(self) -> str:
        """A short line for the report: "Lieberthal A, 2013. The diagnosis … Pediatrics"."""
        first = name_to_text(self.csl["author"][0]).split(",")[0] if self.csl.get("author") else ""
        year = date_year(self.csl.get("issued"))
        lead = ", ".join(str(part) for part in (first, year) if part)
        parts = [lead, str(self.csl.get("title", "")), str(self.csl.get("container-title", ""))]
        return ". ".join(part for part in parts if part)


def bibliographic_matches(
    client: MetadataClient, text: str, *, rows: int = ROWS, budget: LookupBudget | None = None
) -> list[Suggestion]:
    """Crossref's best candidates for a reference string, best first (LookupFailed on failure)."""
    params = {"query.bibliographic": " ".join(text.split())[:MAX_QUERY], "rows": str(rows), "select": _SELECT}
    if client.email:
        params["mailto"] = client.email
    found: list[dict[str, Any]] = []

    def items_of(body: str) -> None:
        data = loads_json(body, "Crossref's search answer", LookupFailed)
        message = data.get("message") if isinstance(data, dict) else None
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            raise LookupFailed("Crossref's search answer is not readable.")
        from editor.core.foundation.answer_check import check_items
        from editor.core.references.lookup_answers import CrossrefWork

        # A candidate whose fields are not what Crossref's schema says is no suggestion (never a "5" title).
        found[:], _bad = check_items(items, CrossrefWork, "Crossref's search answer", LookupFailed)

    client.get_text(f"{client.crossref_base_url}/works", params, budget=budget, validate=items_of)
    suggestions = []
    for item in found[:rows]:
        doi, score = item.get("DOI"), item.get("score")
        if not isinstance(doi, str) or not isinstance(score, (int, float)):
            continue
        try:
            csl = crossref_to_csl(item)
        except (TypeError, ValueError, AttributeError):
            continue
        suggestions.append(Suggestion(doi, float(score), csl))
    return suggestions


def agrees(suggestion: Suggestion, parsed: dict[str, Any]) -> bool:
    """Whether a candidate says what the string says: a title alike, and the same year if both have one."""
    mine, theirs = normalize_title(parsed.get("title")), normalize_title(suggestion.csl.get("title"))
    if not mine or not theirs:
        return False
    if SequenceMatcher(None, mine, theirs).ratio() < TITLE_AGREEMENT and not theirs.startswith(mine):
        return False
    year, their_year = date_year(parsed.get("issued")), date_year(suggestion.csl.get("issued"))
    return year is None or their_year is None or abs(year - their_year) <= 1


def best_match(
    client: MetadataClient, parsed: dict[str, Any], text: str, *, budget: LookupBudget | None = None
) -> Suggestion | None:
    """The best candidate that agrees with the parsed reference, or None."""
    for suggestion in bibliographic_matches(client, text, budget=budget):
        if agrees(suggestion, parsed):
            return suggestion
    return None


def accept_match(lib: HasReferences, key: str, doi: str) -> Reference:
    """Apply an accepted suggestion: the work's metadata, looked up by its DOI, replaces the
    bibliographic fields of reference ``key`` (its key, note and accessed date stay)."""
    store = lib.references
    store.require(key)
    work = store.client.lookup(Identifier("doi", doi))
    fields = {name: value for name, value in work.items() if name not in ("id", "note", "accessed", "abstract")}
    return store.update(key, fields)
