"""Turn a reference list entry (a URL or free text) into a CSL-JSON item, offline.

Free text is parsed as far as a Vancouver/AMA-style citation allows (authors, title,
journal, year, DOI, PMID); the entry is always kept verbatim in ``note``.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.importers.model import ReferenceEntry
from editor.core.references.identifiers import Identifier, doi_in_text, parse_identifier

_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.I)
_PMCID = re.compile(r"\b(PMC\d{1,9})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_VANCOUVER = re.compile(
    r"^(?P<authors>[^.]{2,300}?)\.\s+(?P<title>[^.?!]{3,400}[.?!])\s+(?P<container>[^.;]{2,200})\.?\s*"
    r"(?P<year>1[89]\d{2}|20\d{2})"
)
_AUTHOR = re.compile(r"^(?P<family>[A-Z][\w'\u2019-]+(?:\s+[a-z]{1,3}\s+[A-Z][\w'\u2019-]+)?)\s+(?P<given>[A-Z]{1,4})$")


def entry_identifier(entry: ReferenceEntry) -> Identifier | None:
    """The DOI, PMID or PMCID an entry names (a URL of doi.org, PubMed, PMC or a journal)."""
    if entry.url:
        found = parse_identifier(entry.url)
        if found is not None and found.kind != "url":
            return found
    doi = doi_in_text(entry.text)
    if doi:
        return Identifier("doi", doi)
    pmid = _PMID.search(entry.text)
    if pmid:
        return Identifier("pmid", pmid.group(1))
    pmcid = _PMCID.search(entry.text)
    if pmcid:
        return Identifier("pmcid", pmcid.group(1).upper())
    return None


def is_bare_url(entry: ReferenceEntry) -> bool:
    return bool(entry.url) and entry.text.strip().strip("<>") == entry.url


def _authors(text: str) -> list[dict[str, str]] | None:
    names: list[dict[str, str]] = []
    for part in re.split(r",\s*", text.strip()):
        part = part.strip()
        if part.lower() in ("et al", "et al."):
            continue
        match = _AUTHOR.match(part)
        if not match:
            return None
        names.append({"family": match.group("family"), "given": match.group("given")})
    return names or None


def free_text_csl(entry: ReferenceEntry) -> dict[str, Any]:
    """A CSL item from a free-text entry: parsed fields where recognisable, verbatim note always."""
    text = entry.text.strip()
    csl: dict[str, Any] = {"type": "article", "note": text}
    match = _VANCOUVER.match(text)
    authors = _authors(match.group("authors")) if match else None
    if match and authors:
        csl.update(
            type="article-journal",
            author=authors,
            title=match.group("title").rstrip("."),
            **{"container-title": match.group("container").strip()},
            issued={"date-parts": [[int(match.group("year"))]]},
        )
    else:
        csl["title"] = text
        year = _YEAR.search(text)
        if year:
            csl["issued"] = {"date-parts": [[int(year.group(1))]]}
    identifier = entry_identifier(entry)
    if identifier is not None:
        csl[{"doi": "DOI", "pmid": "PMID", "pmcid": "PMCID"}[identifier.kind]] = identifier.value
    if entry.url and (identifier is None or identifier.kind == "url"):
        csl["URL"] = entry.url
    return csl


def webpage_csl(entry: ReferenceEntry) -> dict[str, Any]:
    """A web page reference for an entry that is (or carries) a non-journal URL."""
    csl: dict[str, Any] = {"type": "webpage", "URL": entry.url}
    if not is_bare_url(entry):
        title = entry.text.replace(entry.url or "", "").strip(" .,:;-\u2013\u2014<>")
        if title:
            csl["title"] = title
        csl["note"] = entry.text
    return csl


# An AMA/Vancouver entry opens with its authors (or a body such as "Centers for Disease
# Control and Prevention"): capitalised words and initials, a few connectives, "et al".
_AUTHOR_WORD = re.compile(r"^(?:[A-Z][\w'\u2019.-]*|[A-Z]{1,4}|et|al|and|of|for|the|on|in|&|de|van|von|der|la)$")
_SEGMENT = re.compile(r"(?<=[.?!])\s+")


def _opens_with_authors(text: str) -> bool:
    first = _SEGMENT.split(text, maxsplit=1)[0].rstrip(".")
    words = re.split(r"[\s,;]+", first.strip())
    words = [word for word in words if word]
    return 0 < len(words) <= 40 and all(_AUTHOR_WORD.match(word) for word in words)


def looks_like_reference(entry: ReferenceEntry) -> bool:
    """Whether an entry reads as a reference: a URL, a DOI/PMID/PMCID, or an AMA/Vancouver-like
    entry (authors first, then at least a title and a year). Prose never passes."""
    text = entry.text.strip()
    if not text or len(text) > 1500:
        return False
    if entry.url or entry_identifier(entry) is not None:
        return True
    if _VANCOUVER.match(text):
        return True
    segments = [s for s in _SEGMENT.split(text) if s.strip()]
    return len(segments) >= 2 and bool(_YEAR.search(text)) and _opens_with_authors(text)
