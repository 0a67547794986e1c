"""Read reference files: decode bytes, detect the format from the content, parse records.

``parse_bytes(data, name)`` is the entry point; it returns a :class:`ParseResult` with the
records read and the bad records (line + message), or raises
:class:`~editor.core.foundation.errors.ReferenceImportError` when the file is not a reference file.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from editor.core.foundation.errors import ReferenceImportError
from editor.core.references.parsers import bibtex, csljson, medline, ris
from editor.core.references.parsers.base import ParsedRecord, ParseResult, RecordError

__all__ = ["FORMATS", "ParseResult", "ParsedRecord", "RecordError", "decode_bytes",
           "detect_format", "parse_bytes", "parse_file", "parse_text"]

FORMATS = {"ris": ris.parse, "medline": medline.parse, "bibtex": bibtex.parse,
           "csl-json": csljson.parse}

_RIS_START = re.compile(r"^TY[ \t]{0,4}-", re.M)
_MEDLINE_START = re.compile(r"^PMID- ?\d", re.M)
_BIBTEX_ENTRY = re.compile(r"^[ \t]*@[A-Za-z]+[ \t]*[{(]", re.M)
_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml|<!--)", re.I)
_EXTENSIONS = {".ris": "ris", ".nbib": "medline", ".medline": "medline", ".bib": "bibtex",
               ".json": "csl-json"}


def decode_bytes(data: bytes, name: str) -> str:
    """Text of a reference file: UTF-8 with or without BOM (or UTF-16 with BOM, or
    Windows-1252), line endings made ``\\n``. Binary files are refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ReferenceImportError(f"{name}: the file is not readable text (UTF-16 error)") from error
    else:
        if b"\x00" in data:
            raise ReferenceImportError(f"{name}: this is a binary file, not a reference file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\t\f")
    if control > 8:
        raise ReferenceImportError(f"{name}: this is a binary file, not a reference file")
    return text


def detect_format(text: str, name: str = "") -> str | None:
    """``ris``, ``medline``, ``bibtex`` or ``csl-json`` from the content (the file
    extension only breaks ties); None when the text is none of them."""
    stripped = text.lstrip()
    if not stripped or _HTML.match(stripped):
        return None
    found = []
    if stripped[0] in "[{":
        found.append("csl-json")
    if _RIS_START.search(text):
        found.append("ris")
    if _MEDLINE_START.search(text):
        found.append("medline")
    if _BIBTEX_ENTRY.search(text):
        found.append("bibtex")
    if not found:
        return None
    hinted = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if hinted in found:
        return hinted
    starts = {"csl-json": 0, "ris": _first(_RIS_START, text), "medline": _first(_MEDLINE_START, text),
              "bibtex": _first(_BIBTEX_ENTRY, text)}
    return min(found, key=lambda fmt: starts[fmt])


def _first(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.search(text)
    return match.start() if match else len(text)


def parse_text(text: str, name: str = "<text>") -> ParseResult:
    """Parse already-decoded text; refuse it whole if it is not a reference file."""
    if not text.strip():
        raise ReferenceImportError(f"{name}: the file is empty")
    if _HTML.match(text):
        raise ReferenceImportError(f"{name}: this is a web page (HTML), not a reference file")
    fmt = detect_format(text, name)
    if fmt is None:
        raise ReferenceImportError(
            f"{name}: not a reference file (expected RIS, PubMed MEDLINE, BibTeX or CSL-JSON)"
        )
    result = FORMATS[fmt](text)
    if not result.records and not result.errors:
        raise ReferenceImportError(f"{name}: no references found in this {fmt} file")
    return result


def parse_bytes(data: bytes, name: str) -> ParseResult:
    return parse_text(decode_bytes(data, name), name)


def parse_file(path: str) -> ParseResult:
    """Read (never a library: ``input_paths``) and parse one reference file; run in the bounded import child."""
    from editor.core.foundation.input_paths import read_source_bytes
    from editor.core.foundation.limits import MAX_REFERENCE_FILE_BYTES

    return parse_bytes(read_source_bytes(path, ReferenceImportError, limit=MAX_REFERENCE_FILE_BYTES), path)
