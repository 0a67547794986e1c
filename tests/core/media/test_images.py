"""Metadata stripping for pasted images."""

from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin

from editor.core.foundation.errors import ValidationError
from editor.core.media.images import strip_metadata

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps(orientation: int = 1) -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    image.paste((20, 20, 220), (0, 0, 10, 20))  # a blue stripe on the left edge
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (40.0, 44.0, 55.0), 3: "W", 4: (73.0, 59.0, 11.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def test_jpeg_loses_exif_gps_and_comment():
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get(GPS_IFD) is not None  # the fixture has GPS
    clean, mime = strip_metadata(data, "image/jpeg")
    assert mime == "image/jpeg"
    image = Image.open(io.BytesIO(clean))
    assert len(image.getexif()) == 0
    assert "comment" not in image.info and "exif" not in image.info
    assert image.size == (40, 20)


def test_orientation_is_applied_before_the_tag_is_dropped():
    clean, _ = strip_metadata(jpeg_with_gps(orientation=6), "image/jpeg")  # 6: rotate 90° clockwise
    image = Image.open(io.BytesIO(clean)).convert("RGB")
    assert image.size == (20, 40)
    red, green, blue = image.getpixel((10, 2))  # the blue stripe is now at the top
    assert blue > 150 and red < 100


def test_png_text_chunks_removed_pixels_kept():
    image = Image.new("RGBA", (8, 8), (10, 20, 30, 128))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Dr Someone")
    info.add_text("Location", "Clinic room 4")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    clean, mime = strip_metadata(out.getvalue(), "image/png")
    result = Image.open(io.BytesIO(clean))
    assert mime == "image/png"
    assert "Author" not in result.info and "Location" not in result.info
    assert result.getpixel((3, 3)) == (10, 20, 30, 128)


def test_mime_is_taken_from_content_and_bmp_becomes_png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="BMP")
    clean, mime = strip_metadata(out.getvalue(), "image/jpeg")  # wrong label from the clipboard
    assert mime == "image/png"
    assert Image.open(io.BytesIO(clean)).format == "PNG"


def test_animated_gif_keeps_frames():
    frames = [Image.new("RGB", (6, 6), color) for color in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=50,
                   comment=b"secret")
    clean, mime = strip_metadata(out.getvalue(), "image/gif")
    result = Image.open(io.BytesIO(clean))
    assert mime == "image/gif" and result.n_frames == 3
    assert "comment" not in result.info


def test_not_an_image_is_a_validation_error():
    with pytest.raises(ValidationError, match="not an image"):
        strip_metadata(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml")
