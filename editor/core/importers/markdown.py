"""Markdown files, with or without YAML front matter.

A file with front matter is already structured: its body is imported exactly as
written (no section is taken for a reference list, no citation rewritten). Markdown
without it goes through the same structure reading as other sources: its ``# Title``,
end matter and a numbered reference list are recognised, and numeric citations are
converted when there is a reference list.
"""

from __future__ import annotations

from pathlib import Path

from editor.core.foundation.errors import FrontMatterError, PostImportError
from editor.core.importers.blocks import markdown_to_blocks, plain_text
from editor.core.importers.boxes import split_chapter
from editor.core.importers.citations import clean_input, count_citation_groups
from editor.core.importers.images import ImageCollector
from editor.core.importers.model import AuthorBox, ImportedPost, RelatedEntry, ReportLine
from editor.core.importers.report import Report
from editor.core.importers.safety import scrub
from editor.core.importers.structure import build_post
from editor.core.library.authors import split_byline
from editor.core.post.frontmatter import parse_markdown_post
from editor.core.post.sections import split_sections

_FRONT = ("---\n", "---\r\n", "\ufeff---\n", "\ufeff---\r\n")


def _byline(byline: str | None) -> AuthorBox | None:
    if not byline or not byline.strip():
        return None
    name, credentials = split_byline(byline)
    return AuthorBox(name=name, credentials=credentials) if name else None


def parse_markdown(text: str, source_name: str, folder: Path | None = None) -> ImportedPost:
    """Parse a Markdown file into an :class:`ImportedPost`; images it names by a path relative to
    ``folder`` are copied (``images.ImageCollector``)."""
    text = scrub(clean_input(text))
    if not text.strip():
        raise PostImportError(f"{source_name}: the file is empty.")
    images = ImageCollector(folder)
    text = images.markdown(text)
    imported = _parse(text, source_name)
    imported.images = [image for image in images.images if image.placeholder in imported.body]
    imported.report.extend(images.report)
    imported.warnings.extend(images.warnings)
    return imported


def _parse(text: str, source_name: str) -> ImportedPost:
    if not text.startswith(_FRONT):
        return build_post(
            markdown_to_blocks(text), source_name=source_name, source_kind="markdown", always_convert=False
        )
    try:
        document = parse_markdown_post(text, source=source_name, fallback_title=_stem(source_name))
    except FrontMatterError as error:
        raise PostImportError(str(error)) from None
    post = document.post
    # Front matter means the file is already in post form: its body is imported as written.
    report = Report([ReportLine("title", post.title, "front matter")])
    if post.banner:
        report.add("banner", post.banner, "front matter")
    for block in markdown_to_blocks(post.body):
        report.add("body", block.text, "heading" if block.is_heading else "")
    imported = ImportedPost(
        title=post.title,
        body=post.body,
        source_name=source_name,
        source_kind="markdown",
        sections=[section.title for section in split_sections(post.body) if section.level >= 2],
        citations=count_citation_groups(post.body),
        report=report.lines,
    )
    imported.post = post
    imported.banner = post.banner if imported.banner is None else imported.banner
    if post.related and not imported.related:
        imported.related = [_related(item) for item in post.related]
    imported.author = imported.author or _byline(document.author)
    imported.reviewer = _byline(document.reviewer)
    if imported.series_number is None:
        imported.series_number = post.series_number
    return imported


def _related(item: str) -> RelatedEntry:
    title, chapter = split_chapter(plain_text(item))
    return RelatedEntry(title=title, chapter=chapter)


def _stem(source_name: str) -> str:
    stem = source_name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Imported post"
