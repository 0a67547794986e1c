"""Read an import file safely and tell which kind of source it is."""

from __future__ import annotations

import codecs
import re
import zipfile
from io import BytesIO
from pathlib import Path

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.input_paths import read_source_bytes
from editor.core.foundation.limits import MAX_IMPORT_BYTES

MAX_BYTES = MAX_IMPORT_BYTES
_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".docx": "docx",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
}  # fmt: skip
_REFUSED = {
    ".doc": "an old Word .doc file; open it in Word and save it as .docx",
    ".pdf": "a PDF; copy its text and use Import from text",
    ".rtf": "an RTF file; save it as .docx",
    ".odt": "an OpenDocument file; save it as .docx",
    ".pages": "a Pages file; export it as .docx",
    ".mht": "a web archive; save the page as 'Web Page, HTML only'",
    ".mhtml": "a web archive; save the page as 'Web Page, HTML only'",
}
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<!--)", re.I)
_MARKDOWN_SIGNS = re.compile(r"^(?:---\s*$|#{1,6}\s+\S|\s*[-*]\s+\[.+\]\(.+\))", re.M)


def read_source(path: Path) -> tuple[str, bytes]:
    """``(kind, bytes)`` of an import file; raises PostImportError if it cannot be imported."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix in _REFUSED:
        raise PostImportError(f"{name}: cannot import {_REFUSED[suffix]}.")
    data = read_source_bytes(path, PostImportError, limit=MAX_BYTES, what="the file (a post)")
    if not data.strip():
        raise PostImportError(f"{name}: the file is empty.")
    return detect_kind(name, data), data


def detect_kind(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if data[:4] == b"PK\x03\x04":
        if suffix not in ("", ".docx") and _EXTENSIONS.get(suffix) != "docx":
            raise PostImportError(f"{name}: is a zip archive, not a {suffix} file.")
        if not _is_docx(data):
            raise PostImportError(f"{name}: is not a Word document (.docx), or it is damaged.")
        return "docx"
    if suffix == ".docx":
        raise PostImportError(f"{name}: is not a Word document (.docx), or it is damaged.")
    kind = _EXTENSIONS.get(suffix)
    if kind:
        return kind
    head = decode_text(name, data[:4096], partial=True)
    return sniff_text(head)


def sniff_text(text: str) -> str:
    """The kind of text pasted or saved without a telling extension."""
    if _HTML_START.match(text) or re.search(r"<(?:p|div|h[1-6]|article)\b[^>]*>", text[:4000], re.I):
        return "html"
    if _MARKDOWN_SIGNS.search(text):
        return "markdown"
    return "text"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(name: str, data: bytes, *, encoding: str | None = None, partial: bool = False) -> str:
    """Bytes of a text file → str; binary data or a wrong encoding is a clear error."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = codec
            break
    if encoding is None and b"\x00" in data:
        raise PostImportError(f"{name}: is a binary file, not text that can be imported.")
    codec = encoding or "utf-8"
    try:
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        text = decoder.decode(data, final=not partial)
    except LookupError:
        return decode_text(name, data, partial=partial)
    except UnicodeDecodeError as error:
        raise PostImportError(
            f"{name}: is not valid {codec.upper()} text (bad byte at position {error.start}); "
            "save it as UTF-8 and import it again."
        ) from None
    if _looks_binary(text):
        raise PostImportError(f"{name}: is a binary file, not text that can be imported.")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls / len(sample) > 0.05
