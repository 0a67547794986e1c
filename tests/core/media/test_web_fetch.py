"""Web pictures fetched into the library through the one HTTP layer, against a real server on 127.0.0.1."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator

import pytest
from picture_server import CAMERA, DRIP_SECONDS, PictureServer, picture_server
from PIL import Image

from editor.core.checks import check_post
from editor.core.library import Library
from editor.core.media.image_refs import find_images
from editor.core.media.post_images import REVISION_REASON, fetch_post_pictures
from editor.core.media.web_fetch import FetchLimits, absolute, fetch_images, web_image_urls
from editor.core.post.model import Post


@pytest.fixture(scope="module")
def server() -> Iterator[PictureServer]:
    with picture_server() as running:
        yield running


def _one(server: PictureServer, path: str, **limits: float) -> object:
    [result] = fetch_images([server.url(path)], limits=FetchLimits(**limits))  # type: ignore[arg-type]
    return result


def test_a_phone_photo_arrives_as_a_jpeg_without_its_camera_or_position(server: PictureServer) -> None:
    result = _one(server, "photo.jpg")
    assert result.fetched and result.problem == "" and result.note.startswith("fetched from 127.0.0.1:")
    image = result.image
    assert image.mime == "image/jpeg" and (image.width, image.height) == (64, 48) and image.name == "photo.jpg"
    assert CAMERA.encode() not in image.data
    with Image.open(io.BytesIO(image.data)) as opened:
        assert not opened.getexif()  # no EXIF at all: no GPS position


def test_a_png_loses_its_text_chunks(server: PictureServer) -> None:
    result = _one(server, "chart.png")
    assert result.fetched and result.image.mime == "image/png" and b"Erin Example" not in result.image.data


@pytest.mark.parametrize(("path", "problem", "words"), [
    ("missing.png", "not-found", "the server answered 404 (not found)"),
    ("fake.jpg", "not-an-image", "web page, not a picture (the server called it image/jpeg)"),
    ("page.html", "not-an-image", "the address gave a web page, not a picture"),
    ("drawing.svg", "not-an-image", "SVG drawing"),
    ("huge.png", "too-large", "larger than 20 MB"),
])
def test_what_is_not_a_picture_is_named_per_picture(server: PictureServer, path: str, problem: str,
                                                    words: str) -> None:
    result = _one(server, path)
    assert not result.fetched and result.problem == problem and words in result.reason
    assert result.note == f"not fetched: {result.reason}"


def test_a_picture_past_the_cap_is_refused_while_it_streams(server: PictureServer) -> None:
    result = _one(server, "big.jpg", image_bytes=64 * 1024)
    assert result.problem == "too-large" and "larger than 0.0625 MB" in result.reason


def test_the_post_cap_stops_the_pictures_after_it(server: PictureServer) -> None:
    size = len(server.files["/big.jpg"][1])
    results = fetch_images([server.url("big.jpg"), server.url("chart.png"), server.url("photo.jpg")],
                           limits=FetchLimits(post_bytes=size + 100))
    assert [r.fetched for r in results] == [True, False, False]
    assert all("passed" in r.reason and r.problem == "too-large" for r in results[1:])


def test_a_dripping_server_ends_at_the_picture_deadline(server: PictureServer) -> None:
    started = time.monotonic()
    result = _one(server, "drip.jpg", image_seconds=2 * DRIP_SECONDS)
    assert result.problem == "timeout" and "did not answer within" in result.reason
    assert time.monotonic() - started < 2 * DRIP_SECONDS + 1.0


def test_a_redirect_within_the_site_is_followed_and_one_to_another_site_is_not(server: PictureServer) -> None:
    moved, away = fetch_images([server.url("moved.jpg"), server.url("away.jpg?to=http://localhost.example/x.jpg")])
    assert moved.fetched
    assert away.problem == "redirect" and "another site" in away.reason


def test_cancel_stops_the_rest(server: PictureServer) -> None:
    cancel = threading.Event()
    seen: list[str] = []

    def progress(done: int, total: int, url: str) -> None:
        seen.append(url)
        if done == 1:
            cancel.set()

    results = fetch_images([server.url("photo.jpg"), server.url("chart.png")], cancel=cancel, progress=progress)
    assert results[0].fetched and results[1].problem == "cancelled"


def test_web_addresses_are_read_from_markdown_and_html_each_once() -> None:
    text = ("![a](https://x.example/a.png) ![b](<//cdn.example/b c.png>) ![c](asset:3) ![d](plate.png)\n\n"
            '<img src="https://x.example/a.png" alt="again"> `![e](https://code.example/e.png)`')
    assert web_image_urls(text) == ["https://x.example/a.png", "https://cdn.example/b c.png"]
    assert absolute("ftp://x.example/a.png") is None and absolute("https:///nohost.png") is None


def _post(library: Library, body: str) -> Post:
    return library.posts.create(Post(title="Sun safety", slug="sun-safety", body=body))


def test_a_post_s_web_pictures_become_assets_in_one_revision(library: Library, server: PictureServer) -> None:
    body = (f"Intro.\n\n## Shade\n\n![Children under a tree]({server.url('photo.jpg')} \"Summer camp\")\n\n"
            f"![Same photo]({server.url('photo-copy.jpg')})\n\n![Gone]({server.url('missing.png')})\n\n"
            f'<img src="{server.url("chart.png")}" alt="UV index by hour">\n')
    post = _post(library, body)
    revisions = len(library.revisions.list(post.id))
    result = fetch_post_pictures(library, "sun-safety")
    stored = library.posts.get("sun-safety")
    assets = {ref.alt: ref.asset_id for ref in find_images(stored.body)}
    assert assets["Children under a tree"] == assets["Same photo"] is not None  # one picture, one asset
    assert assets["UV index by hour"] is not None and assets["Gone"] is None
    assert '"Summer camp")' in stored.body and f"![Gone]({server.url('missing.png')})" in stored.body
    assert [r.reason for r in result.failed] == ["the server answered 404 (not found)"]
    assert len(library.revisions.list(post.id)) == revisions + 1
    assert library.revisions.list(post.id)[0].reason == REVISION_REASON and result.version == stored.version
    codes = [f.code for f in check_post(library, stored) if f.code.startswith("image-")]
    assert codes == ["image-remote"]  # only the picture that did not arrive


def test_nothing_fetched_or_cancelled_changes_nothing(library: Library, server: PictureServer) -> None:
    body = f"![Gone]({server.url('missing.png')})\n\n![Photo]({server.url('photo.jpg')})\n"
    post = _post(library, body)
    cancel = threading.Event()
    cancel.set()
    result = fetch_post_pictures(library, "sun-safety", cancel=cancel)
    assert result.cancelled and result.version is None
    assert library.posts.get("sun-safety").version == post.version
    assert library.db.execute("SELECT count(*) FROM assets").fetchone()[0] == 0
