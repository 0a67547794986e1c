"""The one way a post shows an image: ``![alt text](asset:ID)``, an image stored in the library.

Every entry point writes this form (paste, drag-and-drop, Insert → Image…, the importers) and
every exit maps it: the preview to ``postwright-asset:ID``, page and Markdown exports to
``assets/<file>``, the handout to a ``data:`` URL, Copy for website to the site's copy or a
``data:`` URL, publishing to the uploaded media item.

An image that tells a reader nothing (a divider, a stock photo beside the text) is marked
decorative with the title ``decorative``: ``![](asset:ID "decorative")``. It is shown with
empty alternative text and no title, and the alt-text check leaves it alone.

``postwright-asset:ID`` (what pasting wrote before this form was the only one) is read as the
same image everywhere. Anything else in an image's place (a file path, a ``file:`` or web URL,
a ``data:`` URL) never reaches the page: the sanitizer drops it and the image checks report it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.foundation.errors import ValidationError
from editor.core.foundation.input_paths import check_source, read_source_bytes
from editor.core.post.blocks import fenced_spans

if TYPE_CHECKING:
    from editor.core.library import Library

ASSET_PREFIX = "asset:"
DECORATIVE = "decorative"
MAX_IMAGE_FILE_BYTES = 50 * 1024 * 1024
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = frozenset({"image/png", "image/jpeg", "image/webp", "image/gif"})
MIN_LOGO_SIDE, MAX_LOGO_SIDE = 16, 4000
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff"})

_ASSET = re.compile(r"^(?:postwright-)?asset:(?://)?(\d{1,18})$", re.I)
_ALT = r"(?P<alt>(?:\\.|[^\]\\\n])*)"
_TARGET = r"(?P<target><[^<>\n]*>|[^\s()<>]+(?:\([^\s()]*\)[^\s()<>]*)*)"
_TITLE = r"(?:[ \t]+(?P<title>\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_MARKDOWN_IMAGE = re.compile(rf"!\[{_ALT}\]\([ \t]*{_TARGET}{_TITLE}[ \t]*\)")
_HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.I)
_HTML_ATTR = re.compile(r"\b(?P<name>src|alt|title)\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_ALT_ESCAPE = re.compile(r"([\\\[\]`])")


@dataclass(frozen=True)
class ImageRef:
    """One image a post's Markdown shows: where it is written and what it points at."""

    start: int  # offsets of the whole ``![...](...)`` (or ``<img>``) in the text
    end: int
    alt: str
    target: str
    title: str = ""
    html: bool = False
    # What to replace to point the image elsewhere: the Markdown target as written (``<…>`` included),
    # the ``src`` value inside its quotes; (0, 0) for an ``<img>`` without one.
    target_span: tuple[int, int] = (0, 0)

    @property
    def asset_id(self) -> int | None:
        """The library image's id for ``asset:ID`` (and the old ``postwright-asset:ID``), else None."""
        match = _ASSET.match(self.target)
        return int(match.group(1)) if match else None

    @property
    def decorative(self) -> bool:
        return self.title.strip().lower() == DECORATIVE

    @property
    def kind(self) -> str:
        """``asset``, ``web`` (http/https), ``data``, ``file`` (a path or ``file:`` URL) or ``other``."""
        if self.asset_id is not None:
            return "asset"
        lowered = self.target.lower()
        if lowered.startswith(("http://", "https://", "//")):
            return "web"
        if lowered.startswith("data:"):
            return "data"
        if re.match(r"^[a-z][a-z0-9+.-]*:", lowered) and not re.match(r"^[a-z]:[\\/]", lowered):
            return "file" if lowered.startswith("file:") else "other"
        return "file"


def find_images(text: str) -> list[ImageRef]:
    """Every image ``text`` shows, in order: Markdown ``![alt](target "title")`` and HTML ``<img>``.

    Images inside fenced code or code spans are code, not images, and are left out.
    """
    visible = _blank_code(text)
    found: list[ImageRef] = []
    for match in _MARKDOWN_IMAGE.finditer(visible):
        target = match.group("target")
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1].strip()
        title = match.group("title") or ""
        alt = text[match.start("alt"):match.end("alt")]  # as written: code spans in it are not code
        found.append(ImageRef(match.start(), match.end(), _unescape(alt), target, title[1:-1],
                              target_span=match.span("target")))
    for match in _HTML_IMAGE.finditer(visible):
        attrs: dict[str, str] = {}
        src_span = (0, 0)
        for attr in _HTML_ATTR.finditer(match["attrs"]):
            name, value = attr.group("name").lower(), attr.group("value")
            attrs.setdefault(name, _unquote(value))
            if name == "src" and src_span == (0, 0):
                quoted = value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1
                start = match.start("attrs") + attr.start("value") + quoted
                src_span = (start, start + len(value) - 2 * quoted)
        found.append(ImageRef(match.start(), match.end(), attrs.get("alt", ""), attrs.get("src", ""),
                              attrs.get("title", ""), html=True, target_span=src_span))
    return sorted(found, key=lambda ref: ref.start)


def image_markdown(asset_id: int, alt: str = "", *, decorative: bool = False) -> str:
    """The Markdown for a library image: ``![alt](asset:ID)``, or ``![](asset:ID "decorative")``."""
    if decorative:
        return f'![]({ASSET_PREFIX}{int(asset_id)} "{DECORATIVE}")'
    return f"![{escape_alt(alt)}]({ASSET_PREFIX}{int(asset_id)})"


def escape_alt(alt: str) -> str:
    """Alternative text as it goes between ``![`` and ``]``: one line; brackets, backslashes and
    backticks escaped, ``&`` written as an entity (Markdown would read ``&amp;`` as ``&``)."""
    return _ALT_ESCAPE.sub(r"\\\1", " ".join(alt.split()).replace("&", "&amp;"))


def rewrite_markdown_images(text: str, url_for: Callable[[int], str]) -> str:
    """``text`` with each library image's target given by ``url_for(id)`` and the decorative marker dropped.

    For Markdown written for another tool (a static site generator), which knows nothing of
    ``asset:ID`` or of our ``decorative`` title. Other images are left as written.
    """
    out: list[str] = []
    position = 0
    for ref in find_images(text):
        asset_id = ref.asset_id
        if asset_id is None or ref.html:
            continue
        out.append(text[position:ref.start])
        title = "" if ref.decorative or not ref.title else f' "{ref.title}"'
        alt = "" if ref.decorative else escape_alt(ref.alt)
        out.append(f"![{alt}]({url_for(asset_id)}{title})")
        position = ref.end
    out.append(text[position:])
    return "".join(out)


def target_edits(text: str, new_target: Callable[[ImageRef], str | None]) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` for each image whose target ``new_target`` changes, in text order.

    A Markdown target's replacement is written as it is: it must hold no space or parenthesis
    (an ``asset:ID`` never does)."""
    edits = []
    for ref in find_images(text):
        target = new_target(ref)
        if target is not None and target != ref.target and ref.target_span != (0, 0):
            edits.append((*ref.target_span, target))
    return edits


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with non-overlapping ``(start, end, replacement)`` edits (in text order) made."""
    out: list[str] = []
    position = 0
    for start, end, replacement in edits:
        out.append(text[position:start])
        out.append(replacement)
        position = end
    out.append(text[position:])
    return "".join(out)


def read_image_file(path: Path, *, limit: int = MAX_IMAGE_FILE_BYTES) -> bytes:
    """The bytes of an image file the person chose: never the open library, refused past ``limit``."""
    check_source(path, ValidationError)  # the library (or a link to it) is refused before anything else
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        kinds = ", ".join(sorted(suffix.lstrip(".").upper() for suffix in IMAGE_SUFFIXES))
        raise ValidationError(f"{path.name} is not an image Postwright can use ({kinds}).")
    return read_source_bytes(path, ValidationError, limit=limit, what="the image")


@dataclass(frozen=True)
class PreparedImage:
    """A picture ready to store: metadata removed, type taken from its content, size known."""

    data: bytes
    mime: str
    name: str
    width: int
    height: int


def prepare_image(data: bytes | None = None, mime: str = "", *, path: Path | None = None,
                  name: str = "", limit: int = MAX_IMAGE_FILE_BYTES) -> PreparedImage:
    """Read (``path``) or take (``data``) a picture and strip its metadata, ready for the library.

    Slow for a large photo (a file read and a re-encode): call it off the GUI thread. Raises
    ValidationError for a file or data that is not an image Postwright can use.
    """
    from editor.core.media.images import image_size, strip_metadata  # Pillow: loaded on the first image

    if path is not None:
        data = read_image_file(path, limit=limit)
        name = name or path.name
    if data is None:
        raise ValidationError("No image was given.")
    if len(data) > limit:
        raise ValidationError(f"The image is larger than {limit / 1_048_576:g} MB.")
    clean, clean_mime = strip_metadata(data, mime, name=name)
    width, height = image_size(clean)
    return PreparedImage(clean, clean_mime, name, width, height)


def store_prepared(lib: Library, image: PreparedImage) -> int:
    """Store a prepared picture as a library asset (the same picture twice is one asset); its id."""
    return lib.assets.add(image.data, image.mime, image.name)


def store_image(lib: Library, data: bytes, mime: str = "", filename: str = "") -> int:
    """Store a picture in the library as an asset (metadata removed first); returns its id.

    The same picture stored twice is one asset. Raises ValidationError for data that is not
    an image Pillow reads, or one too large (bytes or pixels) to put on a web page.
    """
    return store_prepared(lib, prepare_image(data, mime, name=filename))


def store_logo(lib: Library, path: Path) -> int:
    """A logo file as a library image (metadata stripped); its asset id.

    Bounded: at most 2 MB, PNG, JPEG, WebP or GIF (BMP/TIFF become PNG; SVG is refused, a
    logo is shown as a picture), 16 to 4,000 pixels a side.
    """
    check_source(path, ValidationError)  # never the library, whatever the file is called
    if path.suffix.lower() == ".svg":
        raise ValidationError(f"The logo {path.name} is an SVG drawing; save it as PNG (or JPEG) and use that.")
    logo = prepare_image(path=path, limit=MAX_LOGO_BYTES)
    if logo.mime not in LOGO_TYPES:
        raise ValidationError(f"The logo {path.name} is {logo.mime}; use a PNG, JPEG, WebP or GIF file.")
    if not (MIN_LOGO_SIDE <= min(logo.width, logo.height) and max(logo.width, logo.height) <= MAX_LOGO_SIDE):
        raise ValidationError(f"The logo {path.name} is {logo.width} × {logo.height} pixels; a logo is "
                              f"{MIN_LOGO_SIDE} to {MAX_LOGO_SIDE:,} pixels a side.")
    return store_prepared(lib, logo)


def _unquote(value: str) -> str:
    return html.unescape(value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value)


def _unescape(alt: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", alt))


def _blank_code(text: str) -> str:
    """``text`` with fenced code and code spans replaced by spaces (offsets unchanged)."""
    if "`" not in text and "~~~" not in text:
        return text
    chars = list(text)
    for start, end in fenced_spans(text):
        chars[start:end] = [c if c == "\n" else " " for c in text[start:end]]
    blanked = "".join(chars)
    for match in _CODE_SPAN.finditer(blanked):
        chars[match.start():match.end()] = [c if c == "\n" else " " for c in match.group(0)]
    return "".join(chars)

