"""Bring existing posts in: pasted text, saved web pages, Word documents and Markdown.

Two steps. Parsing is pure (no library): :func:`parse_file` / :func:`parse_text` give an
:class:`ImportedPost` with the title, banner, Markdown body (``##`` sections, numeric
citations turned into ``[@key]``/``[@missing-N]``), the reference list, author box,
related posts and warnings. Storing (:func:`import_path`, :func:`import_text`) adds the
references, author, images and the new post to a library in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import check_markdown_depth
from editor.core.importers.detect import decode_text, read_source, sniff_text
from editor.core.importers.library import import_path, import_text, store_import
from editor.core.importers.model import (
    AuthorBox,
    ImportedImage,
    ImportedPost,
    ImportResult,
    ReferenceEntry,
    RelatedEntry,
)

__all__ = [
    "AuthorBox",
    "ImportResult",
    "ImportedImage",
    "ImportedPost",
    "ReferenceEntry",
    "RelatedEntry",
    "import_path",
    "import_text",
    "parse_file",
    "parse_text",
    "store_import",
]


def parse_file(path: str | Path) -> ImportedPost:
    """Parse one file; its kind comes from the extension, else from its content."""
    path = Path(path)
    kind, data = read_source(path)
    name = path.name
    if kind == "docx":
        from editor.core.importers.docx import parse_docx

        return parse_docx(data, name)
    if kind == "html":
        from editor.core.importers.html import decode_page, parse_html

        return parse_html(decode_page(name, data), name, folder=path.parent)
    return _parse_decoded(decode_text(name, data), name, kind, path.parent)


def parse_text(text: str, source_name: str = "pasted text") -> ImportedPost:
    """Parse text pasted by a person: web page text, Markdown or HTML, told apart by content."""
    if not isinstance(text, str) or not text.strip():
        raise PostImportError(f"{source_name}: there is no text to import.")
    if "\x00" in text:
        raise PostImportError(f"{source_name}: the text contains binary data and cannot be imported.")
    kind = sniff_text(text)
    if kind == "html":
        from editor.core.importers.html import parse_html

        return parse_html(text, source_name)
    return _parse_decoded(text, source_name, kind)


def _parse_decoded(text: str, name: str, kind: str, folder: Path | None = None) -> ImportedPost:
    if not text.strip():
        raise PostImportError(f"{name}: the file is empty.")
    check_markdown_depth(text, name, PostImportError)
    if kind == "markdown":
        from editor.core.importers.markdown import parse_markdown

        return parse_markdown(text, name, folder)
    from editor.core.importers.plaintext import parse_plain_text

    return parse_plain_text(text, name)
