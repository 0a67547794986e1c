"""Word documents (.docx): mammoth gives semantic HTML, which becomes Markdown.

Headings, emphasis, lists, links and tables are kept; embedded images are collected
(their bytes go to the library as assets when the post is imported). A paragraph in
Word's "Title" style is the post's title.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import mammoth

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import (
    MAX_IMAGE_BYTES,
    check_docx_archive,
    check_xml_depth,
    parse_html_fragment,
)
from editor.core.importers.blocks import markdown_to_blocks
from editor.core.importers.images import clean_image
from editor.core.importers.markup import rebuild, to_markdown
from editor.core.importers.model import ImportedImage, ImportedPost, ReportLine
from editor.core.importers.safety import neutralize
from editor.core.importers.structure import build_post

STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


class _Images:
    """Word's embedded pictures, each cleaned of metadata (``images.clean_image``) and reported."""

    def __init__(self) -> None:
        self.images: list[ImportedImage] = []
        self.report: list[ReportLine] = []

    def convert(self, image: mammoth.documents.Image) -> dict[str, str]:
        mime = (image.content_type or "").lower()
        if not mime.startswith("image/"):
            return {}
        with image.open() as stream:
            data = stream.read(MAX_IMAGE_BYTES + 1)
        number = len(self.images) + 1
        filename = f"image-{number}.{_EXTENSIONS.get(mime, mime.split('/')[-1] or 'bin')}"
        if len(data) > MAX_IMAGE_BYTES:
            self.report.append(ReportLine("image", filename, "not copied: larger than 20 MB"))
            return {}
        cleaned = clean_image(data, mime, filename, number)
        if isinstance(cleaned, str):
            self.report.append(ReportLine("image", filename, f"not copied: {cleaned}"))
            return {}
        self.images.append(cleaned)
        self.report.append(ReportLine("image", f"{filename} ({image.alt_text or 'no alt text'})",
                                      "copied into the library"))
        return {"src": cleaned.placeholder, "alt": image.alt_text or ""}


def _keep_placeholder(src: str, alt: str) -> str | None:
    return src if src.startswith(("import-image:", "http://", "https://")) else None


def check_docx_limits(data: bytes, source_name: str) -> None:
    """Refuse a zip bomb or deeply nested XML from the zip directory and a streamed read,
    before mammoth builds its (recursive, in-memory) document model."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx_archive(archive, source_name, PostImportError)
            parts = [name for name in archive.namelist() if name.lower().endswith((".xml", ".rels"))]
            check_xml_depth(archive, parts, source_name, PostImportError)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError,
            NotImplementedError, zlib.error):
        raise PostImportError(f"{source_name}: the Word document is damaged and cannot be read.") from None


def parse_docx(data: bytes, source_name: str) -> ImportedPost:
    """Convert a Word document into an :class:`ImportedPost`."""
    check_docx_limits(data, source_name)
    images = _Images()
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(images.convert)
        )
    except Exception:  # noqa: BLE001 - mammoth raises many kinds on damaged files
        raise PostImportError(f"{source_name}: the Word document is damaged and cannot be read.") from None
    if not result.value.strip():
        raise PostImportError(f"{source_name}: the Word document has no text.")
    root = parse_html_fragment(result.value, source_name, PostImportError)
    markdown = neutralize(to_markdown(rebuild(root, _keep_placeholder)))
    post = build_post(markdown_to_blocks(markdown), source_name=source_name, source_kind="docx")
    post.images = [image for image in images.images if image.placeholder in post.body]
    post.report.extend(images.report)
    ignored = {str(message.message) for message in result.messages if message.type == "error"}
    post.warnings.extend(f"Word conversion: {message}" for message in sorted(ignored))
    return post
