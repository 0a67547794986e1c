"""Recognise a DOI, PMID, PMCID or article URL typed or pasted by a person.

Everything here works offline: patterns only, no lookups. URLs of doi.org, PubMed, PMC
and journal pages that carry a DOI in their path are reduced to that identifier; other
web addresses stay URLs (their page may still embed a DOI, found by the lookup client).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

#: Crossref's recommended pattern for modern DOIs (matched case-insensitively).
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Z0-9]+$", re.I)

_DOI_PREFIX = re.compile(r"^(?:doi:\s*|info:doi/)", re.I)
_DOI_HOSTS = {"doi.org", "dx.doi.org"}
_PUBMED_PATH = re.compile(r"^/(?:pubmed/)?(\d{1,9})/?$")
_PMC_PATH = re.compile(r"^/(?:pmc/)?articles/(PMC\d{1,9})/?", re.I)
_DOI_IN_PATH = re.compile(r"(10\.\d{4,9}/[-._;()/:A-Z0-9]+)", re.I)
_JOURNAL_DOI_SEGMENT = re.compile(
    r"/doi/(?:(?:abs|full|pdf|epdf|pdfdirect|reader|book)/)?(10\.\d{4,9}/.+)$", re.I
)


@dataclass(frozen=True)
class Identifier:
    """``kind`` is one of ``doi``, ``pmid``, ``pmcid``, ``url``; ``value`` is normalized."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def trim_tail(text: str) -> str:
    """An identifier or URL cut out of running text, without the punctuation that followed it.

    Trailing ``.,;:`` and quotes go, and so does a closing parenthesis or bracket that
    has no opening one inside the value: ``(doi:10.1000/x)`` ends at ``x``, while
    ``10.1016/S2213-2600(21)00000-0`` keeps its own parentheses.
    """
    value = text.strip()
    while value:
        last = value[-1]
        if last in ".,;:'\"<>\u201d\u2019":
            value = value[:-1]
        elif last in ")]" and value.count(last) > value.count("(" if last == ")" else "["):
            value = value[:-1]
        else:
            break
    return value


def _clean_doi(text: str) -> str | None:
    candidate = trim_tail(text)
    return candidate if DOI_PATTERN.match(candidate) else None


def _from_url(text: str) -> Identifier | None:
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not host:
        return None
    path = unquote(parts.path)
    if host in _DOI_HOSTS:
        doi = _clean_doi(path.lstrip("/"))
        return Identifier("doi", doi) if doi else None
    if host == "pubmed.ncbi.nlm.nih.gov" or (
        host in {"www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov"} and path.startswith("/pubmed/")
    ):
        match = _PUBMED_PATH.match(path)
        return Identifier("pmid", match.group(1)) if match else None
    if host == "pmc.ncbi.nlm.nih.gov" or (
        host in {"www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov"} and path.startswith("/pmc/")
    ):
        match = _PMC_PATH.match(path)
        return Identifier("pmcid", match.group(1).upper()) if match else None
    segment = _JOURNAL_DOI_SEGMENT.search(path)
    if segment:
        doi = _clean_doi(segment.group(1))
        if doi:
            return Identifier("doi", doi)
    return Identifier("url", text)


def parse_identifier(text: str) -> Identifier | None:
    """Recognise ``text`` as a DOI, PMID, PMCID or URL; None when it is none of them.

    >>> parse_identifier("https://doi.org/10.1056/NEJMoa2032183")
    Identifier(kind='doi', value='10.1056/NEJMoa2032183')
    >>> parse_identifier("PMID: 33567185")
    Identifier(kind='pmid', value='33567185')
    """
    value = " ".join(str(text).split())
    if not value:
        return None
    if re.match(r"^https?://", value, re.I):
        return _from_url(value.split(" ")[0])
    if re.match(r"^(?:www\.)?(?:doi\.org|dx\.doi\.org|pubmed\.ncbi|pmc\.ncbi|ncbi\.nlm)", value, re.I):
        return _from_url("https://" + value.split(" ")[0])
    doi = _clean_doi(_DOI_PREFIX.sub("", value))
    if doi:
        return Identifier("doi", doi)
    match = re.fullmatch(r"(?:pmid:?\s*)?(\d{1,9})", value, re.I)
    if match and int(match.group(1)) > 0:
        return Identifier("pmid", str(int(match.group(1))))
    match = re.fullmatch(r"(?:pmcid:?\s*)?(PMC\d{1,9})", value, re.I)
    if match:
        return Identifier("pmcid", match.group(1).upper())
    return None


def doi_in_text(text: str) -> str | None:
    """The first DOI-looking string in ``text`` (used on journal page HTML)."""
    match = _DOI_IN_PATH.search(unquote(text))
    if not match:
        return None
    return _clean_doi(match.group(1))
