"""The one image form, ``![alt](asset:ID)``: written, read back, mapped for an exit, stored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from editor.core.foundation.errors import ValidationError
from editor.core.media.image_refs import (
    find_images,
    image_markdown,
    read_image_file,
    rewrite_markdown_images,
    store_image,
)
from editor.core.render.renderer import render_post


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (8, 6), (10, 200, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (45.0, 30.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


alt_texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@given(asset_id=st.integers(min_value=1, max_value=10**9), alt=alt_texts)
def test_written_images_read_back_with_their_alt_text(asset_id: int, alt: str) -> None:
    [ref] = find_images(f"Before {image_markdown(asset_id, alt)} after.")
    assert ref.asset_id == asset_id and ref.kind == "asset" and not ref.decorative
    assert ref.alt == " ".join(alt.split())


@given(alt=alt_texts)
def test_alt_text_reaches_the_rendered_img_exactly(alt: str) -> None:
    rendered = render_post(image_markdown(7, alt) + "\n", lambda keys: {}, asset_prefix=None)
    [ref] = find_images(rendered.body_html)
    assert ref.target == "asset:7" and ref.alt == " ".join(alt.split())


def test_decorative_images_render_with_empty_alt_and_no_title() -> None:
    text = image_markdown(3, decorative=True)
    assert text == '![](asset:3 "decorative")'
    [ref] = find_images(text)
    assert ref.decorative and ref.alt == ""
    html = render_post(text + "\n", lambda keys: {}, asset_prefix=None).body_html
    assert '<img alt="" src="asset:3">' in html and "title" not in html


@pytest.mark.parametrize(("target", "kind"), [
    ("asset:12", "asset"), ("postwright-asset:12", "asset"), ("https://example.org/a.png", "web"),
    ("//cdn.example.org/a.png", "web"), ("data:image/png;base64,AAAA", "data"), ("plate.jpg", "file"),
    ("../images/plate.jpg", "file"), ("/Users/erin/Desktop/plate.png", "file"), ("file:///tmp/a.png", "file"),
    (r"C:\Users\erin\plate.png", "file"), ("mailto:x@example.org", "other"),
])
def test_kinds_of_image_targets(target: str, kind: str) -> None:
    [ref] = find_images(f"![x]({target})")
    assert ref.kind == kind


def test_code_is_not_an_image_and_html_img_is() -> None:
    text = ("```\n![in a fence](asset:1)\n```\n\nSee `![a span](asset:2)`.\n\n"
            '<img src="photo.jpg" alt="A photo">\n\n![Real](<my file.png> "Caption")\n')
    refs = find_images(text)
    assert [(r.target, r.alt, r.html) for r in refs] == [("photo.jpg", "A photo", True),
                                                         ("my file.png", "Real", False)]
    assert refs[1].title == "Caption"


def test_legacy_preview_urls_render_as_library_images() -> None:
    html = render_post("![A chart](postwright-asset:4)\n", lambda keys: {}, asset_prefix=None).body_html
    assert 'src="asset:4"' in html and 'alt="A chart"' in html


def test_markdown_for_other_tools_gets_paths_and_loses_our_marker() -> None:
    body = ('![A chart](asset:4)\n\n![](asset:5 "decorative")\n\n![Other](https://example.org/x.png)\n\n'
            "```\n![code](asset:6)\n```\n")
    out = rewrite_markdown_images(body, lambda asset_id: f"assets/{asset_id}.png")
    assert out == ("![A chart](assets/4.png)\n\n![](assets/5.png)\n\n![Other](https://example.org/x.png)\n\n"
                   "```\n![code](asset:6)\n```\n")


def test_stored_images_lose_their_location_and_are_stored_once(library) -> None:
    data = jpeg_with_gps()
    first = store_image(library, data, "image/jpeg", "phone.jpg")
    assert store_image(library, data, "image/jpeg", "again.jpg") == first
    stored, mime = library.assets.get(first)
    assert mime == "image/jpeg" and not Image.open(io.BytesIO(stored)).getexif()


def test_image_files_are_bounded_and_typed(tmp_path: Path) -> None:
    big = tmp_path / "big.png"
    big.write_bytes(b"\0" * 2048)
    with pytest.raises(ValidationError, match="too large"):
        read_image_file(big, limit=1024)
    with pytest.raises(ValidationError, match="not an image Postwright can use"):
        read_image_file(tmp_path / "notes.txt")
    with pytest.raises(ValidationError, match="cannot be read"):
        read_image_file(tmp_path / "gone.png")
    with pytest.raises(ValidationError, match="not an image that can be read"):
        store_image_from(tmp_path)


def store_image_from(folder: Path) -> None:
    from editor.core.library import Library

    with Library.open(folder / "lib.postwright", seed=False) as lib:
        store_image(lib, b"this is not a picture", "image/png")
