"""Pictures a source names: read from beside it, cleaned, and listed in the import report.

A Markdown file's relative image paths, a saved page's ``<img>``/``<picture>`` (found in
the page's folder or its ``<name>_files`` folder, where browsers save a page's images)
and a Word document's embedded pictures all become :class:`ImportedImage` s with a
placeholder URL in the body; storing the post turns each into an ``asset:ID``. Every
image is read under a size bound and stripped of its metadata here, in the bounded parse
step. Web addresses stay links to the web here (parsing never goes online; an online import
fetches them afterwards, ``web_pictures``); a file that is missing, too large or not an
image is reported and the text that named it stays as written.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from editor.core.foundation.errors import PostImportError, ValidationError
from editor.core.foundation.input_paths import read_source_bytes
from editor.core.foundation.limits import MAX_IMAGE_BYTES
from editor.core.foundation.limits import MAX_POST_IMAGES as MAX_IMAGES
from editor.core.importers.model import ImportedImage, ReportLine

KEPT_REMOTE = "kept as a link to the web image (not copied)"  # an online import fetches it (``web_pictures``)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]\n]*)\]\(\s*(?:<(?P<angled>[^>\n]+)>|(?P<src>[^)\s]+))(?P<title>\s+\"[^\"\n]*\")?\s*\)"
)


class ImageCollector:
    """Collects the images a source names; ``__call__(src, alt)`` → the URL to put in the body."""

    def __init__(self, folder: Path | None, stem: str = "") -> None:
        self.folder = folder
        self.saved_files = folder / f"{stem}_files" if folder is not None and stem else None
        self.images: list[ImportedImage] = []
        self.report: list[ReportLine] = []
        self.warnings: list[str] = []
        self._by_path: dict[str, str] = {}

    def __call__(self, src: str, alt: str) -> str | None:
        src = src.strip()
        if not src or src.startswith(("data:", "#")):
            return None
        remote = src.lower().startswith(("http://", "https://", "//"))
        local = self._saved_copy(src) if remote else self._local(src)
        if local is None:
            if remote:
                self.report.append(ReportLine("image", src[:80], KEPT_REMOTE))
                return src if not src.startswith("//") else "https:" + src
            return None
        return self._take(local, src)

    def _local(self, src: str) -> Path | None:
        if self.folder is None or _SCHEME.match(src):
            return None
        relative = unquote(src.split("?", 1)[0].split("#", 1)[0])
        if PurePosixPath(relative).is_absolute():
            relative = relative.lstrip("/")
        candidates = [self.folder / relative]
        if self.saved_files is not None:
            candidates.append(self.saved_files / PurePosixPath(relative).name)
        found = next((path for path in candidates if path.is_file()), None)
        if found is None:
            self._missing(src, "there is no such file next to the source")
        return found

    def _saved_copy(self, src: str) -> Path | None:
        """The browser's saved copy of a web image, in the page's ``<name>_files`` folder."""
        if self.saved_files is None or not self.saved_files.is_dir():
            return None
        name = PurePosixPath(unquote(urlsplit(src if not src.startswith("//") else "https:" + src).path)).name
        candidate = self.saved_files / name
        return candidate if name and candidate.is_file() else None

    def _take(self, path: Path, src: str) -> str | None:
        key = str(path)
        if key in self._by_path:
            return self._by_path[key]
        if len(self.images) >= MAX_IMAGES:
            self._missing(src, f"only the first {MAX_IMAGES} images of a post are copied")
            return None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        try:
            data = read_source_bytes(path, PostImportError, limit=MAX_IMAGE_BYTES, what="the image")
        except PostImportError as error:
            self._missing(src, str(error).split(": ", 1)[-1].rstrip("."))
            return None
        image = clean_image(data, mime, path.name, len(self.images) + 1)
        if isinstance(image, str):
            self._missing(src, image)
            return None
        self.images.append(image)
        self.report.append(ReportLine("image", src[:80], "copied into the library"))
        self._by_path[key] = image.placeholder
        return image.placeholder

    def _missing(self, src: str, why: str) -> None:
        self.report.append(ReportLine("image", src[:80], f"not copied: {why}"))
        self.warnings.append(f"Image {src[:80]} was not copied ({why}); the post still names it. Add it with "
                             "Insert \u2192 Image\u2026 if it belongs to the post.")

    def markdown(self, text: str) -> str:
        """A Markdown text with its local image paths replaced by placeholders of collected images."""
        def replace(match: re.Match[str]) -> str:
            src = match.group("angled") or match.group("src")
            if src.lower().startswith(("asset:", "data:")):
                return match.group(0)
            url = self(src, match.group("alt"))
            if url is None or url == src:  # missing (reported) or a web address: the text stays as written
                return match.group(0)
            return f"![{match.group('alt')}]({url}{match.group('title') or ''})"
        return _MARKDOWN_IMAGE.sub(replace, text)


def clean_image(data: bytes, mime: str, filename: str, number: int) -> ImportedImage | str:
    """The image without its metadata (camera, GPS), or why it cannot be stored."""
    from editor.core.media.images import strip_metadata  # Pillow: only when a source has images

    try:
        clean, clean_mime = strip_metadata(data, mime)
    except ValidationError as error:
        return str(error).replace("pasted ", "")
    return ImportedImage(f"import-image:{number}", clean, clean_mime, filename)
