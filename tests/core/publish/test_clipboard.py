"""Copy for website: images embedded until a site has them, then linked; text keeps the structure."""

from __future__ import annotations

from publish_samples import clean_post

from editor.core.publish.clipboard import website_copy
from editor.core.publish.sites import SiteStore


def test_images_are_embedded_then_absolute_once_a_site_has_them(library):
    post = clean_post(library, slug="copy-me")
    first = website_copy(library, post)
    assert first.embedded == 1 and first.linked == 0 and 'src="data:image/png;base64,' in first.html
    assert "<h1>Sleep and your weight</h1>" in first.html and 'id="reference-list"' in first.html
    assert "Sleep and your weight" in first.text and "1. " in first.text and "<" not in first.text

    sites = SiteStore(library)
    site = sites.add("clinic", "https://clinic.example", "erin", "abcd efgh")
    data, _mime = library.assets.get(int(post.body.split("asset:")[1].split(")")[0]))
    import hashlib

    sites.links.record_media(site, hashlib.sha256(data).hexdigest(), 41, "https://clinic.example/uploads/sleep.png")
    second = website_copy(library, post)
    assert second.linked == 1 and 'src="https://clinic.example/uploads/sleep.png"' in second.html
