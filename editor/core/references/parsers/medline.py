"""PubMed MEDLINE text (``.nbib``, PubMed's "Save → PubMed format" and efetch rettype=medline).

Tags are padded to four characters (``"TI  - "``), long values continue on lines indented
by six spaces, and each record starts with ``PMID- ``.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.references.normalize import (
    clean_text,
    initials_to_given,
    normalize_doi,
    normalize_pmcid,
    parse_date,
    parse_name,
)
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError

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


def _strip_title(title: str) -> str:
    title = clean_text(title)
    if title.startswith("[") and title.endswith("]."):
        title = title[1:-2]
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    return title


def fields_to_csl(fields: list[tuple[int, str, str]]) -> dict[str, Any]:
    """Map one MEDLINE record's fields to a CSL-JSON item."""
    values: dict[str, list[str]] = {}
    for _line, tag, value in fields:
        values.setdefault(tag, []).append(value)

    def first(tag: str) -> str:
        return clean_text(values.get(tag, [""])[0])

    types = values.get("PT", [])
    csl: dict[str, Any] = {"type": "article-journal"}
    if first("BTI") or any(t in BOOK_TYPES for t in types):
        csl["type"] = "chapter" if first("TI") and first("BTI") else "book"
    title = first("TI") or first("BTI")
    if title:
        csl["title"] = _strip_title(title)
    if csl["type"] == "chapter":
        csl["container-title"] = _strip_title(first("BTI"))
    authors: list[dict[str, str]] = []
    if "FAU" in values:
        authors = [n for n in (parse_name(v) for v in values["FAU"]) if n]
    elif "AU" in values:
        for value in values["AU"]:
            name = clean_text(value)
            match = re.fullmatch(r"(.+?) ([A-Z]{1,4})", name)
            if match:
                authors.append({"family": match.group(1), "given": initials_to_given(match.group(2))})
            elif name:
                authors.append({"family": name})
    authors += [{"literal": clean_text(v)} for v in values.get("CN", []) if clean_text(v)]
    if authors:
        csl["author"] = authors
    editors = [n for n in (parse_name(v) for v in values.get("FED", [])) if n]
    if editors:
        csl["editor"] = editors
    date = parse_date(first("DP")) or parse_date(first("DEP"))
    if date:
        csl["issued"] = date
    if csl["type"] == "article-journal":
        if first("JT"):
            csl["container-title"] = first("JT")
        if first("TA"):
            csl["container-title-short"] = first("TA")
    simple = {"VI": "volume", "IP": "issue", "PG": "page", "LA": "language", "PB": "publisher",
              "PL": "publisher-place" if csl["type"] != "article-journal" else "",
              "AB": "abstract"}
    for tag, field_name in simple.items():
        if field_name and first(tag):
            csl[field_name] = first(tag)
    if first("IS"):
        csl["ISSN" if csl["type"] == "article-journal" else "ISBN"] = first("IS").split(" ")[0]
    for tag in ("LID", "AID"):
        for value in values.get(tag, []):
            if value.endswith("[doi]") and "DOI" not in csl:
                doi = normalize_doi(value[:-5])
                if doi:
                    csl["DOI"] = value[:-5].strip()
            if value.endswith("[pmc]") and "PMCID" not in csl:
                pmcid = normalize_pmcid(value[:-5])
                if pmcid:
                    csl["PMCID"] = pmcid
    pmcid = normalize_pmcid(first("PMC"))
    if pmcid:
        csl["PMCID"] = pmcid
    pmid = first("PMID")
    if re.fullmatch(r"\d{1,9}", pmid) and int(pmid) > 0:
        csl["PMID"] = str(int(pmid))
    return csl


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
