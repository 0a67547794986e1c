"""RIS (Zotero, EndNote, journal sites, PubMed's citation manager export), read with rispy.

The file is first cut into records here, so each record keeps its line number and a bad
record does not stop the others; each record is then parsed by rispy.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from editor.core.references.normalize import clean_text, normalize_doi, normalize_pmid, parse_date, parse_name
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError, join_pages
from editor.core.references.parsers.csl_fields import RIS_FIELDS, RIS_TYPES, apply_fields

TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])[ \t]{0,4}-(?:[ \t](.*))?$")

def split_records(text: str) -> tuple[list[tuple[int, list[str]]], list[RecordError]]:
    """Cut RIS text into (first line number, normalized lines) per record."""
    records: list[tuple[int, list[str]]] = []
    errors: list[RecordError] = []
    current: list[str] | None = None
    start = 0
    stray_line = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        match = TAG_LINE.match(line)
        if match and match.group(1) == "TY":
            if current is not None:
                records.append((start, current))
            current, start = [f"TY  - {clean_text(match.group(2))}"], number
            continue
        if current is None:
            if line.strip() and not stray_line and not re.fullmatch(r"\d+\.", line.strip()):
                stray_line = number
            continue
        if match and match.group(1) == "ER":
            records.append((start, current))
            current = None
        elif match:
            current.append(f"{match.group(1)}  - {(match.group(2) or '').strip()}")
        elif line.strip():
            # A continuation of the previous field (long abstracts are wrapped).
            current.append(line.strip())
    if current is not None:
        records.append((start, current))
    if stray_line:
        errors.append(RecordError(stray_line, "text outside a record (records start with 'TY  - ')"))
    return records, errors


def _first(entry: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((v for v in value if clean_text(v)), "")
        if clean_text(value):
            return clean_text(value)
    return ""


def _name(value: str) -> dict[str, str] | None:
    text = clean_text(value)
    if text.endswith(",") and " " in text.rstrip(","):
        # "Name," with no given name: an organization (as Zotero writes them).
        return {"literal": text.rstrip(", ")}
    return parse_name(text)


def _names(values: Any) -> list[dict[str, str]]:
    if not isinstance(values, list):
        values = [values] if values else []
    return [n for n in (_name(str(v)) for v in values) if n]


def entry_to_csl(entry: dict[str, Any]) -> dict[str, Any]:
    """Map one rispy dictionary to a CSL-JSON item (the field table is ``csl_fields.RIS_FIELDS``)."""
    csl: dict[str, Any] = {"type": RIS_TYPES.get(_first(entry, "type_of_reference").upper(), "article")}
    authors = _names(entry.get("authors", [])) + _names(entry.get("first_authors", []))
    if authors:
        csl["author"] = authors
    secondary = _names(entry.get("secondary_authors", []))
    if secondary and csl["type"] in {"chapter", "book", "paper-conference"}:
        csl["editor"] = secondary
    issued = _issued(parse_date(_first(entry, "date")), parse_date(_first(entry, "year", "publication_year")))
    if issued:
        csl["issued"] = issued
    apply_fields(RIS_FIELDS, lambda name: _first(entry, name), csl)
    pages = join_pages(_first(entry, "start_page"), _first(entry, "end_page"))
    if pages:
        csl["page"] = pages
    urls = [clean_text(u) for u in entry.get("urls", []) or [] if clean_text(u)]
    doi_url = next((doi for u in urls if "doi.org/" in u.lower() and (doi := normalize_doi(u))), None)
    if doi_url and "DOI" not in csl:
        csl["DOI"] = doi_url
    web_urls = [u for u in urls if "doi.org/" not in u.lower()]
    if web_urls:
        csl["URL"] = web_urls[0]
    pmid = _pmid(entry)
    if pmid:
        csl["PMID"] = pmid
    key = _first(entry, "id", "label")
    if key and re.fullmatch(r"[\w][\w:.#$%&+?<>~/-]*", key):
        csl["id"] = key
    return csl


def _issued(date: dict[str, Any] | None, year: dict[str, Any] | None) -> dict[str, Any] | None:
    """DA (full date) unless PY gives a different year: PY is the year of publication."""
    if date and "date-parts" in date and (
        not year or "date-parts" not in year or date["date-parts"][0][0] == year["date-parts"][0][0]
    ):
        return date
    return year


def _pmid(entry: dict[str, Any]) -> str | None:
    """The PMID from an accession number of PubMed/MEDLINE, or from a PM/PMID tag rispy does not know."""
    database = _first(entry, "name_of_database").lower()
    accession = _first(entry, "accession_number")
    if accession and ("pubmed" in database or "medline" in database):
        pmid = normalize_pmid(accession)
        if pmid:
            return pmid
    unknown = entry.get("unknown_tag") or {}
    for tag in ("PM", "PMID"):
        if unknown.get(tag):
            pmid = normalize_pmid(unknown[tag][0])
            if pmid:
                return pmid
    return None


def parse(text: str) -> ParseResult:
    """Read RIS text; each record becomes a CSL item or a :class:`RecordError`."""
    result = ParseResult("ris")
    chunks, result.errors = split_records(text)
    for line, lines in chunks:
        entries = rispy.loads("\n".join(lines) + "\nER  - \n")
        if not entries:
            result.errors.append(RecordError(line, "record could not be read"))
            continue
        csl = entry_to_csl(entries[0])
        if not csl.get("title"):
            result.errors.append(RecordError(line, "record has no title (TI or T1)"))
            continue
        result.records.append(ParsedRecord(csl, line))
    return result
