"""Image checks on a real library: a missing asset or a path/URL the site cannot reach is an error."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from editor.core.checks import check_post
from editor.core.checks.gate import gate_post
from editor.core.post.model import Post


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def findings(library, body: str, code: str) -> list:
    post = library.posts.create(Post(title="Images", body=body))
    return [f for f in check_post(library, post) if f.code == code]


def test_an_asset_the_library_lacks_is_an_error_at_its_line(library) -> None:
    asset = library.assets.add(png(), "image/png")
    found = findings(library, f"Intro.\n\n![Here](asset:{asset})\n\n## More\n\n![Gone](asset:999)\n", "image-missing")
    assert [(f.line, f.severity, f.section) for f in found] == [(7, "error", "More")]
    assert "asset:999" in found[0].message and "Insert → Image" in found[0].message


def test_missing_is_decided_by_the_library_each_time_not_by_cached_text(library) -> None:
    body = "![A chart](asset:1)\n"
    post = library.posts.create(Post(title="Later", body=body))
    assert [f.code for f in check_post(library, post) if f.code == "image-missing"] == ["image-missing"]
    library.assets.add(png(), "image/png")  # now asset 1 exists
    assert [f.code for f in check_post(library, post) if f.code == "image-missing"] == []


@pytest.mark.parametrize(("target", "code"), [
    ("plate.jpg", "image-unreachable"), ("/home/erin/Pictures/plate.png", "image-unreachable"),
    ("file:///tmp/plate.png", "image-unreachable"), ("data:image/png;base64,iVBORw0KGgo=", "image-unreachable"),
    (r"C:\Users\erin\plate.png", "image-unreachable"), ("https://example.org/plate.png", "image-remote"),
])
def test_paths_and_urls_that_cannot_reach_the_site_are_errors(library, target: str, code: str) -> None:
    post = library.posts.create(Post(title="Images", body=f"Text.\n\n![A plate]({target})\n"))
    found = [f for f in check_post(library, post) if f.code.startswith("image-") and f.code != "image-alt-missing"]
    assert [(f.code, f.line, f.severity) for f in found] == [(code, 3, "error")]
    assert "Insert → Image" in found[0].message


def test_html_img_with_a_file_source_is_reported_too(library) -> None:
    found = findings(library, 'Text.\n\n<img src="images/plate.jpg" alt="A plate">\n', "image-unreachable")
    assert len(found) == 1 and "file on this computer" in found[0].message


def test_alt_text_is_required_unless_marked_decorative(library) -> None:
    asset = library.assets.add(png(), "image/png")
    body = f'![](asset:{asset})\n\n![](asset:{asset} "decorative")\n\n![A red square](asset:{asset})\n'
    found = findings(library, body, "image-alt-missing")
    assert [f.line for f in found] == [1] and "decorative" in found[0].message


def test_the_gate_refuses_a_post_with_an_unreachable_image(library) -> None:
    post = library.posts.create(Post(title="Plate", body="A picture.\n\n![A plate](plate.jpg)\n"))
    gate = gate_post(library, post)
    assert gate.blocked and [f.code for f in gate.errors] == ["image-unreachable"]
