"""A post written on the clinic's WordPress, with pictures from its media library, imports with its
pictures as library images and publishes back without a second copy of any (the real WordPress)."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image
from publish_samples import clean_post, upload_photo

from editor.core.checks import check_post
from editor.core.media.image_refs import find_images
from editor.core.publish.publisher import publish_post
from editor.core.publish.pull import import_site
from editor.core.publish.sites import SiteStore

ELSEWHERE = "https://images.example.org/stock/sunhat.jpg"


def _media_count(wordpress) -> int:
    with wordpress.client_for("administrator") as http:
        answer = http.get("/wp-json/wp/v2/media", params={"per_page": 1, "context": "edit"})
    return int(answer.headers["x-wp-total"])


@pytest.fixture
def written_on_the_site(wordpress) -> Iterator[dict[str, Any]]:
    """A post the clinic wrote in WordPress's block editor: a featured image, and a picture in the text at
    the "large" size; a second post shows a picture from another site. Both removed afterwards."""
    with wordpress.client_for("editor") as http:
        hat = upload_photo(http, "wide-brim-hat.jpg", (200, 150, 40), "A wide-brimmed sun hat on a beach towel")
        shade = upload_photo(http, "shade-sail.jpg", (30, 110, 170), "A shade sail over a playground")
        large = hat["media_details"]["sizes"]["large"]["source_url"]
        content = (
            "<!-- wp:paragraph --><p>Sun protection is easier when it becomes a habit for the whole family. "
            "Put sunscreen by the door so nobody forgets it on the way out.</p><!-- /wp:paragraph -->\n"
            f'<!-- wp:image {{"id":{hat["id"]},"sizeSlug":"large"}} --><figure class="wp-block-image size-large">'
            f'<img src="{large}" alt="A wide-brimmed sun hat on a beach towel" class="wp-image-{hat["id"]}"/>'
            "</figure><!-- /wp:image -->\n"
            "<!-- wp:heading --><h2>Hats and shade</h2><!-- /wp:heading -->\n"
            "<!-- wp:paragraph --><p>A hat with a wide brim shades the face, ears and neck. Look for shade "
            "between late morning and mid afternoon, when the sun is strongest.</p><!-- /wp:paragraph -->")
        post = http.post("/wp-json/wp/v2/posts", json={
            "title": "Sun safety for families", "status": "publish", "content": content,
            "excerpt": "Simple habits that protect your family's skin.", "featured_media": shade["id"]})
        post.raise_for_status()
        other = http.post("/wp-json/wp/v2/posts", json={
            "title": "Choosing a sun hat", "status": "draft",
            "content": f'<p>Any hat is better than none on a sunny day.</p><p><img src="{ELSEWHERE}" alt="A straw '
                       f'hat" class="wp-image-{hat["id"]}"></p>'})  # copied from another blog, class and all
        other.raise_for_status()
    yield {"post": post.json(), "other": other.json(), "hat": hat, "shade": shade}
    with wordpress.client_for("administrator") as http:
        for remote_id in (post.json()["id"], other.json()["id"]):
            http.delete(f"/wp-json/wp/v2/posts/{remote_id}", params={"force": "true"}).raise_for_status()
        for media in (hat, shade):
            http.delete(f"/wp-json/wp/v2/media/{media['id']}", params={"force": "true"}).raise_for_status()


def test_site_pictures_import_as_library_images_and_publish_back_without_a_copy(library, wordpress,
                                                                                 written_on_the_site):
    user = wordpress.users["editor"]
    site = SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    remote, hat, shade = written_on_the_site["post"], written_on_the_site["hat"], written_on_the_site["shade"]
    media_before = _media_count(wordpress)

    result = import_site(library, "clinic")
    assert not result.failed
    [slug] = [s for s in result.imported if s.startswith("sun-safety-for-families")]
    post = library.posts.get(slug)
    refs = find_images(post.body)
    assert [(ref.alt, ref.kind) for ref in refs] == [("A shade sail over a playground", "asset"),  # featured: first
                                                     ("A wide-brimmed sun hat on a beach towel", "asset")]
    assert post.body.index("asset:") < post.body.index("Sun protection is easier")
    # The original upload came in (not the "large" size the text showed), without its metadata.
    data, mime = library.assets.get(refs[1].asset_id)
    with Image.open(io.BytesIO(data)) as picture:
        assert picture.size == (hat["media_details"]["width"], hat["media_details"]["height"]) and mime == "image/jpeg"
    remembered = {row[0] for row in library.db.execute("SELECT remote_id FROM remote_media")}
    assert {hat["id"], shade["id"]} <= remembered  # (other posts on the site bring theirs too)
    codes = [f.code for f in check_post(library, post) if f.code.startswith("image-")]
    assert codes == []

    # The picture copied from another blog (class and all) is not mistaken for the site's own.
    [other] = [s for s in result.imported if s.startswith("choosing-a-sun-hat")]
    assert f"]({ELSEWHERE})" in library.posts.get(other).body

    published = publish_post(library, site, post)
    assert published.remote_id == remote["id"] and published.uploaded == []
    assert _media_count(wordpress) == media_before  # no second media item
    with wordpress.client_for("editor") as http:
        after = http.get(f"/wp-json/wp/v2/posts/{remote['id']}", params={"context": "edit"}).json()
    assert after["featured_media"] == shade["id"] and after["status"] == "publish"
    raw = after["content"]["raw"]
    assert f"wp-image-{hat['id']}" in raw and f"wp-image-{shade['id']}" not in raw  # the featured image not repeated
    page = httpx.get(published.link, timeout=30)
    assert page.status_code == 200
    sources = re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page.text)
    assert sources and all(httpx.get(src, timeout=30).status_code == 200 for src in sources)


def test_pulling_a_reviewer_s_version_brings_their_new_picture_in_and_keeps_ours(library, wordpress):
    user = wordpress.users["editor"]
    site = SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    post = clean_post(library, slug="reviewed-pictures", colour=(90, 20, 120))
    first = publish_post(library, site, post, status="pending")
    assets_before = library.db.execute("SELECT count(*) FROM assets").fetchone()[0]
    with wordpress.client_for("editor") as http:  # the reviewer adds a chart in WordPress
        chart = upload_photo(http, "sleep-chart.jpg", (20, 160, 90), "Hours of sleep by age")
        raw = http.get(f"/wp-json/wp/v2/posts/{first.remote_id}", params={"context": "edit"}).json()
        medium = chart["media_details"]["sizes"]["medium"]["source_url"]
        http.post(f"/wp-json/wp/v2/posts/{first.remote_id}", json={"content": raw["content"]["raw"] + (
            f'<p><img src="{medium}" alt="Hours of sleep by age" class="wp-image-{chart["id"]}"></p>')}
        ).raise_for_status()
    pulled = publish_post(library, site, library.posts.get("reviewed-pictures"), resolve="theirs")
    assert pulled.pulled
    refs = find_images(library.posts.get("reviewed-pictures").body)
    assert [ref.alt for ref in refs] == ["A person asleep in a dim bedroom", "Hours of sleep by age"]
    assert all(ref.kind == "asset" for ref in refs)
    assert library.db.execute("SELECT count(*) FROM assets").fetchone()[0] == assets_before + 1  # only the chart
    media = _media_count(wordpress)
    again = publish_post(library, site, library.posts.get("reviewed-pictures"))
    assert again.uploaded == [] and _media_count(wordpress) == media
    with wordpress.client_for("administrator") as http:
        http.delete(f"/wp-json/wp/v2/posts/{first.remote_id}", params={"force": "true"}).raise_for_status()


def test_a_missing_picture_is_named_and_cancelling_during_the_pictures_leaves_that_post_out(
        library, wordpress, written_on_the_site):
    user = wordpress.users["editor"]
    SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    gone = f"{wordpress.url}/wp-content/uploads/2020/01/removed-chart.png"
    with wordpress.client_for("editor") as http:
        broken = http.post("/wp-json/wp/v2/posts", json={
            "title": "Hydration on hot days", "status": "draft",
            "content": f'<p>Drink water before you feel thirsty.</p><p><img src="{gone}" alt="Cups of water a day">'
                       "</p>"})
        broken.raise_for_status()
    try:
        cancel = threading.Event()

        def stop_at_the_sun_safety_post(done: int, total: int, title: str) -> None:
            if title == "Sun safety for families":
                cancel.set()

        stopped = import_site(library, "clinic", progress=stop_at_the_sun_safety_post, cancel=cancel)
        assert stopped.cancelled
        assert not [slug for slug in stopped.imported if slug.startswith(("sun-safety", "hydration"))]
        ours = (written_on_the_site["hat"]["id"], written_on_the_site["shade"]["id"])
        remembered = {row[0] for row in library.db.execute("SELECT remote_id FROM remote_media")}
        assert not remembered & set(ours)

        result = import_site(library, "clinic")  # again, to the end: what was left out comes in now
        assert not result.cancelled and result.pictures >= 2  # the hat and the featured shade sail (and others')
        [slug] = [s for s in result.imported if s.startswith("hydration-on-hot-days")]
        assert f"Hydration on hot days: {gone}: the server answered 404 (not found)" in result.pictures_missing
        remembered = {row[0] for row in library.db.execute("SELECT remote_id FROM remote_media")}
        assert set(ours) <= remembered
        assert f"]({gone})" in library.posts.get(slug).body  # still shown from the site; the checks report it
    finally:
        with wordpress.client_for("administrator") as http:
            http.delete(f"/wp-json/wp/v2/posts/{broken.json()['id']}", params={"force": "true"}).raise_for_status()
