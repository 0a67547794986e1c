"""Web-ready images: resized to the site's content width, 2–3 widths, WebP with a fallback.

``web_variants(data, content_width)`` returns, for each width (half, one and two
times the content width, never wider than the original, duplicates dropped), a WebP
file and a fallback file (JPEG for opaque photos, PNG for images with transparency or
few colours). Every variant is re-encoded from pixels only, after applying the EXIF
orientation: no EXIF, GPS, XMP or comments survive. Animated images are left alone
(one fallback at the original size, from ``strip_metadata``).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from editor.core.foundation.errors import ValidationError
from editor.core.media.images import MAX_PIXELS, strip_metadata

DEFAULT_CONTENT_WIDTH = 720
MIN_CONTENT_WIDTH, MAX_CONTENT_WIDTH = 200, 2400
_SCALES = (0.5, 1.0, 2.0)


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    mime: str
    data: bytes

    @property
    def extension(self) -> str:
        return {"image/webp": "webp", "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif"}[self.mime]


@dataclass(frozen=True)
class WebImage:
    sha256: str  # of the source image, names the files
    webp: tuple[Variant, ...]  # narrowest first; empty for animations
    fallback: tuple[Variant, ...]  # same widths, JPEG or PNG

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    def at_most(self, width: int) -> Variant:
        """The widest fallback no wider than ``width`` (the narrowest if all are wider)."""
        fitting = [v for v in self.fallback if v.width <= width]
        return fitting[-1] if fitting else self.fallback[0]


def target_widths(original: int, content_width: int) -> list[int]:
    content_width = max(MIN_CONTENT_WIDTH, min(MAX_CONTENT_WIDTH, int(content_width)))
    widths = sorted({min(original, round(content_width * scale)) for scale in _SCALES})
    return [w for w in widths if w > 0]


def web_variants(data: bytes, content_width: int = DEFAULT_CONTENT_WIDTH) -> WebImage:
    digest = hashlib.sha256(data).hexdigest()
    image = _open(data)
    if getattr(image, "n_frames", 1) > 1:
        clean, mime = strip_metadata(data)
        return WebImage(digest, (), (Variant(image.width, image.height, mime, clean),))
    upright = ImageOps.exif_transpose(image) or image
    transparent = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    few_colours = upright.mode in ("P", "1") or (image.format or "").upper() in ("PNG", "GIF") and _is_flat(upright)
    fallback_format = "PNG" if transparent or few_colours else "JPEG"
    pixels = upright.convert("RGBA" if transparent else "RGB")
    webp, fallback = [], []
    for width in target_widths(pixels.width, content_width):
        height = max(1, round(pixels.height * width / pixels.width))
        resized = pixels if width == pixels.width else pixels.resize((width, height), Image.Resampling.LANCZOS)
        webp.append(Variant(width, height, "image/webp", _encode(resized, "WEBP")))
        fallback.append(Variant(width, height, f"image/{fallback_format.lower()}", _encode(resized, fallback_format)))
    return WebImage(digest, tuple(webp), tuple(fallback))


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"An image is too large to prepare for the web (over {MAX_PIXELS:,} pixels).") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(f"An image cannot be read to prepare it for the web ({error}).") from None
    return image


def _is_flat(image: Image.Image) -> bool:
    """Few distinct colours (a chart, a screenshot, a logo): PNG keeps it sharp and small.

    64, not 256: a grey-scale photograph (an X-ray) has up to 256 levels and is a photo.
    """
    sample = image.convert("RGB").resize((128, 128), Image.Resampling.NEAREST)  # real pixels, not averages
    return bool(sample.getcolors(maxcolors=64))


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    elif fmt == "WEBP":
        image.save(out, format="WEBP", quality=80, method=4)
    else:
        image.save(out, format="PNG", optimize=True)
    return out.getvalue()
