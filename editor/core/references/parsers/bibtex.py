"""BibTeX and BibLaTeX (Zotero, Google Scholar, journal sites), read with bibtexparser v2."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bibtexparser import model
from bibtexparser.entrypoint import parse_string

from editor.core.references.normalize import (
    MONTHS,
    clean_text,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
    parse_date,
    parse_name,
)
from editor.core.references.parsers import latex
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError
from editor.core.references.parsers.csl_fields import BIBTEX_FIELDS, BIBTEX_TYPES, apply_fields, doi_as_written


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """bibtexparser logs each failed block; we report them ourselves with line numbers."""
    names = ["bibtexparser"] + [n for n in logging.root.manager.loggerDict if n.startswith("bibtexparser.")]
    loggers = [logging.getLogger(name) for name in names]
    previous = [log.disabled for log in loggers]
    for log in loggers:
        log.disabled = True
    try:
        yield
    finally:
        for log, was_disabled in zip(loggers, previous, strict=True):
            log.disabled = was_disabled


def split_names(value: str) -> list[str]:
    """Split a BibTeX name list on ``and`` outside braces."""
    names, depth, start = [], 0, 0
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and value[i:i + 5].lower() == " and ":
            names.append(value[start:i])
            start = i + 5
            i += 4
        i += 1
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _is_single_group(text: str) -> bool:
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth, index = 0, 0
    while index < len(text):
        ch = text[index]
        if ch == "\\":
            index += 2
            continue
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and index < len(text) - 1:
            return False
        index += 1
    return depth == 0


def bib_names(value: str) -> list[dict[str, str]]:
    names = []
    for raw in split_names(" ".join(value.split())):
        if _is_single_group(raw):
            literal = latex.decode(raw[1:-1])
            if literal:
                names.append({"literal": literal})
            continue
        name = parse_name(latex.decode(raw))
        if name:
            names.append(name)
    return names


def entry_to_csl(entry_type: str, fields: dict[str, str], key: str) -> dict[str, Any]:
    """Map one BibTeX entry (type, raw field values, key) to a CSL-JSON item.

    The field table is ``csl_fields.BIBTEX_FIELDS``; names, the date, pages and the
    identifiers in ``doi``, ``url`` and ``eprint`` are read here.
    """
    raw = {k.lower(): v for k, v in fields.items()}
    text = {k: latex.decode(v) for k, v in raw.items() if k not in {"author", "editor", "url", "doi"}}
    csl: dict[str, Any] = {"type": _csl_type(entry_type.lower(), raw, text.get("entrysubtype", "").lower())}
    if re.fullmatch(r"[^\s{},=#%\"']+", key or ""):
        csl["id"] = key
    for field_name in ("author", "editor"):
        names = bib_names(raw[field_name]) if raw.get(field_name) else []
        if names:
            csl[field_name] = names
    issued = _issued(text)
    if issued:
        csl["issued"] = issued
    apply_fields(BIBTEX_FIELDS, lambda name: text.get(name, ""), csl)
    if raw.get("pages"):
        csl["page"] = latex.decode(re.sub(r"\s*-+\s*", "-", raw["pages"]))
    doi = doi_as_written(raw.get("doi", ""))
    if doi:
        csl["DOI"] = doi
    url = clean_text(raw.get("url", "").replace("{", "").replace("}", "").replace("\\%", "%").replace("\\_", "_"))
    if url and not doi and "doi.org" in url.lower() and normalize_doi(url):
        csl["DOI"] = normalize_doi(url)
    elif url:
        csl["URL"] = url
    eprint_type = text.get("eprinttype", "").lower()
    if eprint_type == "pubmed" and "PMID" not in csl and normalize_pmid(text.get("eprint", "")):
        csl["PMID"] = normalize_pmid(text["eprint"])
    if eprint_type == "pmc" and "PMCID" not in csl and normalize_pmcid(text.get("eprint", "")):
        csl["PMCID"] = normalize_pmcid(text["eprint"])
    return csl


def _csl_type(entry_type: str, raw: dict[str, str], subtype: str) -> str:
    csl_type = BIBTEX_TYPES.get(entry_type, "document")
    if csl_type == "document" and raw.get("url") and not raw.get("journal"):
        return "webpage"
    if csl_type == "article-journal" and subtype in {"newspaper", "magazine"}:
        return f"article-{subtype}"
    return csl_type


def _issued(text: dict[str, str]) -> dict[str, Any] | None:
    """``date`` (BibLaTeX), else ``year`` with ``month`` (a number or a name like ``mar``)."""
    date = parse_date(text.get("date", ""))
    if date or not text.get("year"):
        return date
    date = parse_date(text["year"])
    month = text.get("month", "").strip().lower()
    month_number = int(month) if month.isdigit() else MONTHS.get(month[:3])
    if date and "date-parts" in date and month_number and 1 <= month_number <= 12:
        date["date-parts"][0].append(month_number)
    return date


def parse(text: str) -> ParseResult:
    """Read BibTeX text; each entry becomes a CSL item or a :class:`RecordError`."""
    result = ParseResult("bibtex")
    with _quiet_bibtexparser():
        library = parse_string(text)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            message = f"duplicate entry key {block.key!r}"
        else:
            message = "entry is not valid BibTeX (unbalanced braces or quotes, or a missing comma)"
        result.errors.append(RecordError(line, message))
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        fields = {f.key: f.value if isinstance(f.value, str) else str(f.value) for f in entry.fields}
        csl = entry_to_csl(entry.entry_type, fields, entry.key)
        if not csl.get("title"):
            result.errors.append(RecordError(line, f"entry {entry.key!r} has no title"))
            continue
        result.records.append(ParsedRecord(csl, line))
    return result
