"""What the editor inserts for clipboard or drag-and-drop data.

Images (raw image data on the clipboard, or image files dropped or copied from a
file manager) are handed to a ``store_image(data, mime) -> url`` callback and
inserted as ``![](url)``. Rich text (HTML from Word, Google Docs, a web page) is
converted to Markdown by :func:`editor.core.editing.paste_html.html_to_markdown`.
Everything else is left to QPlainTextEdit (plain text).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
from PySide6.QtGui import QImage

from editor.core.foundation.errors import PasteError
from editor.core.foundation.input_paths import read_source_bytes

ImageStore = Callable[[bytes, str], str]

# Raw formats taken as they are (so the original bytes, not a re-encoded copy, reach the store).
_RAW_IMAGE_FORMATS = ("image/png", "image/jpeg", "image/gif", "image/webp")
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
MAX_FILE_BYTES = 50 * 1024 * 1024


def image_payloads(mime: QMimeData) -> list[tuple[bytes, str]]:
    """``(data, mime type)`` for each image in ``mime``: image files first, else the clipboard image."""
    files = []
    for url in mime.urls() if mime.hasUrls() else []:
        if not url.isLocalFile():
            continue
        path = Path(url.toLocalFile())
        if path.suffix.lower() in _IMAGE_SUFFIXES:
            try:  # never the library, even through a link named like a picture
                data = read_source_bytes(path, PasteError, limit=MAX_FILE_BYTES, what="the image")
            except PasteError:
                continue
            files.append((data, mimetypes.guess_type(path.name)[0] or "application/octet-stream"))
    if files:
        return files
    for fmt in _RAW_IMAGE_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [(data, fmt)]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [(_png_bytes(image), "image/png")]
    return []


def has_images(mime: QMimeData) -> bool:
    if mime.hasImage() or any(mime.hasFormat(fmt) for fmt in _RAW_IMAGE_FORMATS):
        return True
    return mime.hasUrls() and any(
        url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in _IMAGE_SUFFIXES for url in mime.urls()
    )


def prefers_images(mime: QMimeData) -> bool:
    """True if ``mime`` is an image rather than text that happens to come with a picture of itself.

    Word puts a rendered picture of the copied text next to its HTML; a browser's
    "Copy image" gives the image with an ``<img>`` tag and no text. Image files always count.
    """
    if mime.hasUrls() and any(
        url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in _IMAGE_SUFFIXES for url in mime.urls()
    ):
        return True
    if not has_images(mime):
        return False
    return not mime.hasHtml() or not mime.text().strip()


def markdown_from_html(mime: QMimeData, store_image: ImageStore | None) -> str | None:
    """The Markdown for ``mime``'s HTML, or None if it has none (or it converts to nothing)."""
    if not mime.hasHtml():
        return None
    from editor.core.editing.paste_html import html_to_markdown  # BeautifulSoup: loaded on the first paste

    try:
        markdown = html_to_markdown(mime.html(), store_image)
    except PasteError:  # HTML too deeply nested to convert: the plain text is pasted instead
        return None
    if not markdown.strip():
        return None
    # A fragment pasted into the middle of a line should not drag a trailing newline along.
    return markdown.rstrip("\n") if markdown.count("\n") <= 1 else markdown


def image_markdown(urls: list[str]) -> str:
    return "\n\n".join(f"![]({url})" for url in urls)


def _png_bytes(image: QImage) -> bytes:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())
