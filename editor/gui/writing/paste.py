"""What the editor inserts for clipboard or drag-and-drop data.

Images (raw image data on the clipboard, or image files dropped or copied from a file
manager) become ``ImageSource`` objects for ``writing.images.ImageInserter``, which reads
them off the GUI thread, asks for their alt text and inserts ``![alt](asset:ID)``. Rich
text (HTML from Word, Google Docs, a web page) is converted to Markdown by
:func:`editor.core.editing.paste_html.html_to_markdown`; its pictures (embedded as ``data:``
URLs, or Word's temporary files) are found by :func:`pasted_pictures` and brought into the
library in their places by the same inserter. Everything else is left to QPlainTextEdit
(plain text).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QImage

from editor.core.foundation.errors import PasteError

ImageStore = Callable[[bytes, str], str]
HELD_PREFIX = "pasted-picture:"  # stands in the text for a picture of pasted HTML until it is stored

# Raw formats taken as they are (so the original bytes, not a re-encoded copy, reach the store).
_RAW_IMAGE_FORMATS = ("image/png", "image/jpeg", "image/gif", "image/webp")
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}


@dataclass(frozen=True)
class ImageSource:
    """A picture handed to the editor: raw bytes (the clipboard's image) or a file to read later."""

    data: bytes | None = None
    path: Path | None = None
    mime: str = ""
    image: QImage | None = None  # the clipboard's picture without bytes: encoded as PNG on a worker

    @property
    def name(self) -> str:
        return self.path.name if self.path is not None else "pasted image"


def image_sources(mime: QMimeData) -> list[ImageSource]:
    """The pictures in ``mime``: image files first (named, not read: a worker reads them), else the
    clipboard's image data."""
    files = [ImageSource(path=Path(url.toLocalFile()), mime=mimetypes.guess_type(url.toLocalFile())[0] or "")
             for url in (mime.urls() if mime.hasUrls() else [])
             if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in _IMAGE_SUFFIXES]
    if files:
        return files
    for fmt in _RAW_IMAGE_FORMATS:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return [ImageSource(data=data, mime=fmt)]
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return [ImageSource(image=image.copy(), mime="image/png")]  # a copy of its own for the worker
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


def markdown_from_html(mime: QMimeData, store_image: ImageStore | None, *, keep_local_files: bool = False,
                       ) -> str | None:
    """The Markdown for ``mime``'s HTML, or None if it has none (or it converts to nothing).

    ``keep_local_files`` keeps pictures that are files on this computer (see :func:`local_pictures`).
    """
    if not mime.hasHtml():
        return None
    from editor.core.editing.paste_html import html_to_markdown  # BeautifulSoup: loaded on the first paste

    try:
        markdown = html_to_markdown(mime.html(), store_image, keep_local_files=keep_local_files)
    except PasteError:  # HTML too deeply nested to convert: the plain text is pasted instead
        return None
    if not markdown.strip():
        return None
    # A fragment pasted into the middle of a line should not drag a trailing newline along.
    return markdown.rstrip("\n") if markdown.count("\n") <= 1 else markdown


def png_bytes(image: QImage) -> bytes:
    """``image`` encoded as PNG (a QImage may be encoded off the GUI thread)."""
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(array.data())


def pasted_pictures(markdown: str, held: Sequence[ImageSource]) -> list[tuple[int, int, str, ImageSource]]:
    """``(start, end, alt, source)`` of each picture in pasted Markdown still to be brought into the
    library: one embedded in the HTML (written as ``HELD_PREFIX`` + its number in ``held``) or a file
    on this computer (Word's clip images)."""
    from editor.core.media.image_refs import find_images

    found = []
    for ref in find_images(markdown):
        if ref.html:
            continue
        if ref.target.startswith(HELD_PREFIX) and ref.target[len(HELD_PREFIX):].isdigit():
            number = int(ref.target[len(HELD_PREFIX):])
            if 1 <= number <= len(held):
                found.append((ref.start, ref.end, ref.alt, held[number - 1]))
        elif ref.target.lower().startswith("file:"):
            path = Path(QUrl(ref.target).toLocalFile())
            if path.suffix.lower() in _IMAGE_SUFFIXES:
                found.append((ref.start, ref.end, ref.alt, ImageSource(path=path)))
    return found
