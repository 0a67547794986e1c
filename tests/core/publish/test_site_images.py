"""Images on the site: uploaded with alt text, the first one featured and not repeated in the text, and
WordPress's own sizes and srcset on the public page (whose every image loads)."""

from __future__ import annotations

import io
import re
from urllib.parse import urljoin

import httpx
from PIL import Image
from publish_samples import clean_post

from editor.core.publish.publisher import publish_post
from editor.core.publish.site_images import SiteMedia, place_images, without_lead_image
from editor.core.publish.sites import SiteStore


def photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((width, height), 30).convert("RGB").save(out, format="JPEG", quality=85)
    return out.getvalue()


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r'\s([a-z-]+)="([^"]*)"', tag))


def test_a_post_with_images_reaches_the_public_page_featured_sized_and_loading(library, wordpress):
    """The end-to-end path: ``![alt](asset:ID)`` → publish → media item with alt text → the page's images load."""
    user = wordpress.users["author"]  # kses filters an author's content (it would strip our own srcset)
    site = SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    post = clean_post(library, slug="images-on-the-site", colour=(160, 60, 20))
    garden = library.assets.add(photo(1800, 1200), "image/jpeg", "garden.jpg")
    post = library.posts.save(post.replace(
        series=None, body=post.body + f"\n![A shaded garden path beside the clinic](asset:{garden})\n"))
    result = publish_post(library, site, post, status="publish")
    assert result.status == "publish" and len(result.uploaded) == 2

    with wordpress.client_for("author") as http:
        remote = http.get(f"/wp-json/wp/v2/posts/{result.remote_id}", params={"context": "edit"}).json()
        media = {item["id"]: item for item in http.get("/wp-json/wp/v2/media", params={
            "include": ",".join(str(i) for i in re.findall(r"wp-image-(\d+)", remote["content"]["raw"]) +
                                [str(remote["featured_media"])]), "context": "edit"}).json()}
    featured = media[remote["featured_media"]]
    assert featured["alt_text"] == "A person asleep in a dim bedroom"
    [garden_media] = [item for item in media.values() if item["id"] != featured["id"]]
    assert garden_media["alt_text"] == "A shaded garden path beside the clinic"
    assert featured["source_url"] not in remote["content"]["raw"]  # the lead image is the featured image only
    # WordPress made its own sizes; the text points at the one that fits the 720 px column.
    medium_large = garden_media["media_details"]["sizes"]["medium_large"]["source_url"]
    assert f'src="{medium_large}" width="720" height="480"' in remote["content"]["raw"]

    page = httpx.get(result.link, timeout=30)
    assert page.status_code == 200
    images = re.findall(r"<img\b[^>]*>", page.text)
    shown = [_attrs(tag) for tag in images if "wp-post-image" in tag or "wp-image-" in tag]
    assert [a["alt"] for a in shown].count("A person asleep in a dim bedroom") == 1  # not repeated
    in_text = next(a for a in shown if a["alt"] == "A shaded garden path beside the clinic")
    assert in_text["src"] == medium_large and "768w" in in_text["srcset"] and "1440w" in in_text["srcset"]
    assert in_text["sizes"] == "(max-width: 720px) 100vw, 720px"  # srcset and sizes are WordPress's own
    for attrs in shown:
        candidates = [attrs["src"]] + [part.split()[0] for part in attrs.get("srcset", "").split(",") if part.strip()]
        for url in candidates:
            assert httpx.get(urljoin(result.link, url), timeout=30).status_code == 200, url


def test_the_alt_text_of_an_image_already_on_the_site_follows_the_post(library, wordpress):
    user = wordpress.users["editor"]
    site = SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)
    post = clean_post(library, slug="alt-follows", colour=(1, 160, 60))
    first = publish_post(library, site, post)
    post = library.posts.save(post.replace(body=post.body.replace("A person asleep in a dim bedroom",
                                                                  "Someone sleeping in a dark room")))
    second = publish_post(library, site, post)
    assert second.uploaded == []
    with wordpress.client_for("editor") as http:
        remote = http.get(f"/wp-json/wp/v2/posts/{first.remote_id}", params={"context": "edit"}).json()
        item = http.get(f"/wp-json/wp/v2/media/{remote['featured_media']}", params={"context": "edit"}).json()
    assert item["alt_text"] == "Someone sleeping in a dark room"


MEDIA = SiteMedia(12, "https://s/up/photo.jpg", 1440, 960, (
    (150, 150, "https://s/up/photo-150x150.jpg"), (300, 200, "https://s/up/photo-300x200.jpg"),
    (768, 512, "https://s/up/photo-768x512.jpg"), (1024, 683, "https://s/up/photo-1024x683.jpg")))


def test_images_point_at_the_smallest_of_the_sites_sizes_that_fills_the_column():
    html = '<p><img alt="A &quot;quoted&quot; path" src="https://s/up/photo.jpg" title="Path"></p>'
    assert place_images(html, {MEDIA.url: MEDIA}, 720) == (
        '<p><img class="wp-image-12" alt="A &quot;quoted&quot; path" src="https://s/up/photo-768x512.jpg" '
        'width="720" height="480" title="Path"></p>')
    assert MEDIA.shown_at(1100) == ("https://s/up/photo.jpg", 1100, 733)  # no size is wide enough: the upload
    bare = SiteMedia(3, "https://s/up/a.png", 64, 48)  # the site made no sizes (no image library there)
    assert bare.shown_at(720) == ("https://s/up/a.png", 64, 48)
    other = '<img alt="x" src="https://elsewhere/x.png">'
    assert place_images(other, {MEDIA.url: MEDIA}, 720) == other


BODY = ('<article class="post"><div id="post-body"><section id="intro" class="post-section">{intro}</section>'
        '<section id="more" class="post-section"><h2>More</h2>{more}</section></div></article>')
LEAD = '<img alt="Lead" src="https://s/up/photo.jpg">'


def test_only_a_lead_image_is_left_out_of_the_text():
    alone = BODY.format(intro=f"<p>First words.</p>\n<p>{LEAD}</p>\n<p>Then.</p>", more="<p>x</p>")
    assert without_lead_image(alone, MEDIA.url) == BODY.format(intro="<p>First words.</p>\n<p>Then.</p>",
                                                               more="<p>x</p>")
    figure = BODY.format(intro=f'<figure class="wide">{LEAD}<figcaption>Lead</figcaption></figure><p>Hi.</p>',
                         more="")
    assert without_lead_image(figure, MEDIA.url) == BODY.format(intro="<p>Hi.</p>", more="")
    inline = BODY.format(intro=f"<p>Look {LEAD} here.</p>", more="")
    assert without_lead_image(inline, MEDIA.url) == BODY.format(intro="<p>Look  here.</p>", more="")
    later = BODY.format(intro="<p>Words only.</p>", more=f"<p>{LEAD}</p>")
    assert without_lead_image(later, MEDIA.url) == later  # further down the text: it stays
    other_first = BODY.format(intro=f'<p><img alt="Other" src="https://s/up/o.jpg"></p><p>{LEAD}</p>', more="")
    assert without_lead_image(other_first, MEDIA.url) == other_first
