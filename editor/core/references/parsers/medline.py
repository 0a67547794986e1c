"""PubMed MEDLINE text (``.nbib``, PubMed's "Save → PubMed format" and efetch rettype=medline).

Tags are padded to four characters (``"TI  - "``), long values continue on lines indented
by six spaces, and each record starts with ``PMID- ``.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.references.normalize import clean_text, initials_to_given, normalize_doi, normalize_pmcid, parse_name
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError
from editor.core.references.parsers.csl_fields import MEDLINE_FIELDS, apply_fields

FIELD_LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*-\s?(.*)$")

BOOK_TYPES = {"Book", "Book Chapter"}


def split_records(text: str) -> tuple[list[tuple[int, list[tuple[int, str, str]]]], list[RecordError]]:
    """Records as (first line, [(line, tag, value)]); continuation lines joined to their field."""
    records: list[tuple[int, list[tuple[int, str, str]]]] = []
    errors: list[RecordError] = []
    current: list[tuple[int, str, str]] | None = None
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        match = FIELD_LINE.match(line) if not line.startswith(" ") else None
        if match and match.group(1) == "PMID":
            if current is not None:
                records.append((start, current))
            current, start = [], number
        if current is None:
            errors.append(RecordError(number, "text outside a record (records start with 'PMID- ')"))
            current, start = [], number
            if not match:
                continue
        if match:
            current.append((number, match.group(1), match.group(2).strip()))
        elif line.startswith(" ") and current:
            line_no, tag, value = current[-1]
            current[-1] = (line_no, tag, f"{value} {line.strip()}")
        else:
            errors.append(RecordError(number, f"line is not a MEDLINE field: {line.strip()[:40]!r}"))
    if current is not None:
        records.append((start, current))
    return records, errors


def fields_to_csl(fields: list[tuple[int, str, str]]) -> dict[str, Any]:
    """Map one MEDLINE record's fields to a CSL-JSON item (the field table is ``csl_fields.MEDLINE_FIELDS``)."""
    values: dict[str, list[str]] = {}
    for _line, tag, value in fields:
        values.setdefault(tag, []).append(value)

    def first(tag: str) -> str:
        return clean_text(values.get(tag, [""])[0])

    csl: dict[str, Any] = {"type": "article-journal"}
    if first("BTI") or any(t in BOOK_TYPES for t in values.get("PT", [])):
        csl["type"] = "chapter" if first("TI") and first("BTI") else "book"
    authors = _authors(values)
    if authors:
        csl["author"] = authors
    editors = [n for n in (parse_name(v) for v in values.get("FED", [])) if n]
    if editors:
        csl["editor"] = editors
    apply_fields(MEDLINE_FIELDS, first, csl)
    for tag in ("LID", "AID"):  # "10.1000/x [doi]", "PMC123 [pmc]"
        for value in values.get(tag, []):
            if value.endswith("[doi]") and "DOI" not in csl and normalize_doi(value[:-5]):
                csl["DOI"] = value[:-5].strip()
            if value.endswith("[pmc]") and "PMCID" not in csl:
                pmcid = normalize_pmcid(value[:-5])
                if pmcid:
                    csl["PMCID"] = pmcid
    return csl


def _authors(values: dict[str, list[str]]) -> list[dict[str, str]]:
    """Full names (FAU) if given, else "Family AB" (AU); then collective names (CN)."""
    authors: list[dict[str, str]] = []
    if "FAU" in values:
        authors = [n for n in (parse_name(v) for v in values["FAU"]) if n]
    else:
        for value in values.get("AU", []):
            name = clean_text(value)
            match = re.fullmatch(r"(.+?) ([A-Z]{1,4})", name)
            if match:
                authors.append({"family": match.group(1), "given": initials_to_given(match.group(2))})
            elif name:
                authors.append({"family": name})
    return authors + [{"literal": clean_text(v)} for v in values.get("CN", []) if clean_text(v)]


def parse(text: str) -> ParseResult:
    """Read MEDLINE text; each record becomes a CSL item or a :class:`RecordError`."""
    result = ParseResult("medline")
    chunks, result.errors = split_records(text)
    for line, fields in chunks:
        csl = fields_to_csl(fields)
        if "PMID" not in csl and not any(tag == "PMID" for _, tag, _ in fields):
            if not csl.get("title"):
                result.errors.append(RecordError(line, "record has no PMID and no title (TI)"))
                continue
        elif "PMID" not in csl:
            result.errors.append(RecordError(line, "PMID is not a number"))
            continue
        if not csl.get("title"):
            result.errors.append(RecordError(line, "record has no title (TI)"))
            continue
        result.records.append(ParsedRecord(csl, line))
    return result
