"""Reference-list entries: what identifies them, whether one reads as a reference, and its CSL.

An entry's text is read by the reference-string parser (``editor.core.references.freetext``:
AMA, Vancouver/NLM, APA and loose formats); the text itself is always kept in ``note``.
"""

from __future__ import annotations

import dataclasses
import re

from editor.core.importers.model import ReferenceEntry
from editor.core.references.freetext import parse_reference
from editor.core.references.identifiers import Identifier, doi_in_text, parse_identifier

_PMID = re.compile(r"\bPMID:?\s*(\d{1,9})\b", re.I)
_PMCID = re.compile(r"\b(PMC\d{1,9})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_VANCOUVER = re.compile(
    r"^(?P<authors>[^.]{2,300}?)\.\s++(?P<title>[^.?!]{3,400}[.?!])\s++(?P<container>[^.;]{2,200})\.?\s*+"
    r"(?P<year>1[89]\d{2}|20\d{2})"
)


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


def read_entry(entry: ReferenceEntry) -> ReferenceEntry:
    """``entry`` with its text read into CSL (``freetext``): every field the string holds,
    the text itself always kept in ``note``, and the problems that need a person's review."""
    parsed = parse_reference(entry.text)
    csl = dict(parsed.csl)
    if entry.url and not any(csl.get(key) for key in ("URL", "DOI", "PMID", "PMCID")):
        csl["URL"] = entry.url
        if not is_bare_url(entry) and csl.get("type") == "article":
            csl["type"] = "webpage"
    identifier = entry_identifier(entry)
    if identifier is not None and identifier.kind != "url":
        csl.setdefault(identifier.kind.upper(), identifier.value)
    if not is_bare_url(entry):
        csl["note"] = entry.text.strip()
    problems = () if is_bare_url(entry) and identifier is not None else tuple(parsed.problems)
    return dataclasses.replace(entry, csl=csl, problems=problems)


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
