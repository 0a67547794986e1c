"""Web-ready variants: widths, formats, and no metadata left."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from editor.core.foundation.errors import ValidationError
from editor.core.media.web_images import target_widths, web_variants


def photo_with_gps(size=(1600, 1000)) -> bytes:
    image = Image.effect_noise(size, 60).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # rotated: the variants must come out upright (portrait)
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_a_phone_photo_becomes_three_upright_widths_in_webp_and_jpeg_without_exif():
    source = photo_with_gps()
    with Image.open(io.BytesIO(source)) as original:
        assert original.getexif().get_ifd(0x8825)  # the source does carry GPS
    web = web_variants(source, content_width=720)
    assert [v.width for v in web.webp] == [360, 720, 1000]  # the original is 1000 wide once upright
    assert [v.mime for v in web.webp] == ["image/webp"] * 3 and [v.mime for v in web.fallback] == ["image/jpeg"] * 3
    for variant in (*web.webp, *web.fallback):
        with Image.open(io.BytesIO(variant.data)) as image:
            assert image.size == (variant.width, variant.height) and image.height > image.width
            assert not image.getexif() and "exif" not in image.info
    assert web.at_most(720).width == 720 and web.at_most(100).width == 360


def test_a_transparent_logo_falls_back_to_png_and_is_never_enlarged():
    logo = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    logo.paste((200, 20, 20, 255), (20, 20, 120, 100))
    out = io.BytesIO()
    logo.save(out, format="PNG")
    web = web_variants(out.getvalue(), content_width=720)
    assert [v.width for v in web.fallback] == [300] and web.fallback[0].mime == "image/png"
    with Image.open(io.BytesIO(web.webp[0].data)) as image:
        assert image.mode == "RGBA"


def test_not_an_image_is_one_clear_error():
    with pytest.raises(ValidationError, match="cannot be read"):
        web_variants(b"<html>not an image</html>")


@given(st.integers(1, 5000), st.integers(-10, 10_000))
@settings(max_examples=200, deadline=None)
def test_widths_are_two_or_three_increasing_and_never_wider_than_the_original(original, content):
    widths = target_widths(original, content)
    assert 1 <= len(widths) <= 3 and widths == sorted(set(widths)) and max(widths) <= original


def test_a_grey_scale_photo_stays_a_jpeg_and_a_flat_chart_becomes_png():
    xray = io.BytesIO()
    Image.effect_noise((900, 600), 60).save(xray, format="PNG")  # grey levels: a photograph
    assert web_variants(xray.getvalue()).fallback[0].mime == "image/jpeg"
    chart = Image.new("RGB", (900, 600), "white")
    chart.paste((11, 110, 153), (100, 100, 300, 500))
    flat = io.BytesIO()
    chart.save(flat, format="PNG")
    assert web_variants(flat.getvalue()).fallback[0].mime == "image/png"
