"""Remove metadata (EXIF with GPS and camera data, XMP, comments, PNG text) from an image.

Images pasted or dropped into a post are published on the web; a phone photo's
EXIF can carry the place it was taken. :func:`strip_metadata` re-encodes the image
from its pixels only, after applying the EXIF orientation so it still looks the
same way up. The colour profile is kept (it is not personal data and changes how
the image looks). Animated GIF and WebP keep all their frames.
"""

from __future__ import annotations

import base64
import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from editor.core.foundation.errors import ValidationError

_FORMAT_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
_OTHER_AS_PNG = {"BMP", "TIFF", "PPM", "ICO", "DIB"}  # clipboard formats a web page cannot show well
MAX_PIXELS = 80_000_000


def strip_metadata(data: bytes, mime: str = "", *, name: str = "") -> tuple[bytes, str]:
    """The image ``data`` without metadata, and its MIME type (taken from the content, not ``mime``).

    JPEG, PNG, GIF and WebP keep their format; BMP and TIFF (as some clipboards
    give) become PNG. Raises ValidationError if ``data`` is not an image Pillow reads;
    its message names the picture by ``name`` (a file name) when given.
    """
    label = name or (f"pasted {mime}" if mime else "pasted image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(f"The {label} is not an image that can be read (it may be damaged, or not a "
                              "picture at all).") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"The {label} is too large to store (over {MAX_PIXELS:,} pixels).") from None
    if image.width * image.height > MAX_PIXELS:
        raise ValidationError(f"The {label} is too large to store (over {MAX_PIXELS:,} pixels).")
    source_format = (image.format or "").upper()
    if source_format in _FORMAT_MIME:
        target = source_format
    elif source_format in _OTHER_AS_PNG:
        target = "PNG"
    else:
        raise ValidationError(f"Images in {source_format or 'this'} format cannot be stored; use PNG or JPEG.")
    try:
        return _encode(image, target), _FORMAT_MIME[target]
    except (OSError, ValueError) as error:
        raise ValidationError(f"The {label} could not be re-encoded ({error}).") from None


def _encode(image: Image.Image, target: str) -> bytes:
    icc = image.info.get("icc_profile")
    out = io.BytesIO()
    animated = getattr(image, "n_frames", 1) > 1 and target in ("GIF", "WEBP")
    if animated:
        _save_animation(image, target, out)
        return out.getvalue()
    clean = ImageOps.exif_transpose(image) or image
    clean = _pixels_only(clean)
    options: dict[str, object] = {}
    if icc:
        options["icc_profile"] = icc
    if target == "JPEG":
        if clean.mode not in ("RGB", "L", "CMYK"):
            clean = clean.convert("RGB")
        options.update(quality=92, optimize=True)
    elif target == "PNG":
        options["optimize"] = True
    elif target == "WEBP":
        options.update(quality=90)
    elif target == "GIF" and "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    clean.save(out, format=target, **options)
    return out.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """A copy holding the pixels (and palette) but none of the source's info or EXIF."""
    copy = Image.new(image.mode, image.size)
    copy.paste(image)
    if image.mode in ("P", "PA") and image.palette is not None:
        copy.putpalette(image.getpalette() or [])
    return copy


def _save_animation(image: Image.Image, target: str, out: io.BytesIO) -> None:
    frames, durations = [], []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frames.append(_pixels_only(image.convert("RGBA")))
        durations.append(image.info.get("duration", 100))
    options: dict[str, object] = {"save_all": True, "append_images": frames[1:], "duration": durations,
                                  "loop": image.info.get("loop", 0)}
    if target == "GIF":
        options["disposal"] = 2
    frames[0].save(out, format=target, **options)


def data_url(data: bytes, mime: str) -> str:
    """An image as a ``data:`` URL, for documents that must carry their images (handout, clipboard)."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def image_size(data: bytes) -> tuple[int, int]:
    """``(width, height)`` in pixels of image ``data`` (read from its header); ``(0, 0)`` if unreadable."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 0, 0
