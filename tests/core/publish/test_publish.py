"""Publishing to a real WordPress on 127.0.0.1: create, update in place, conflicts, media, terms."""

from __future__ import annotations

import itertools

import pytest
from publish_samples import clean_post

from editor.core.checks.gate import PublishBlockedError
from editor.core.foundation.errors import PublishConflictError, PublishError
from editor.core.publish.publisher import publish_post
from editor.core.publish.sites import SiteStore

_numbers = itertools.count(1)


def _ids(values: list[int]) -> str:
    return ",".join(map(str, values))


def unique(slug: str) -> str:
    return f"{slug}-{next(_numbers)}"


@pytest.fixture
def site_as(library, wordpress):
    def add(role: str):
        user = wordpress.users[role]
        return SiteStore(library).add(f"clinic-{role}", wordpress.url, user.login, user.app_password)
    return add


def test_first_publish_creates_the_post_with_fragment_terms_image_and_author(library, wordpress, site_as):
    site = site_as("editor")
    with wordpress.client_for("author") as http:  # the site lists users who have published something
        assert http.post("/wp-json/wp/v2/posts", json={"title": "Avery's first", "status": "publish"}).is_success
    post = clean_post(library, slug=unique("sleep"))
    result = publish_post(library, site, post, status="draft")
    assert result.created and result.status == "draft" and len(result.uploaded) == 1

    with wordpress.client_for("editor") as http:
        remote = http.get(f"/wp-json/wp/v2/posts/{result.remote_id}", params={"context": "edit"}).json()
        tags = {t["name"] for t in http.get("/wp-json/wp/v2/tags", params={"include": _ids(remote["tags"])}).json()}
        categories = http.get("/wp-json/wp/v2/categories", params={"include": _ids(remote["categories"])}).json()
        media = http.get(f"/wp-json/wp/v2/media/{remote['featured_media']}").json()
    assert remote["title"]["raw"] == post.title and remote["slug"] == post.slug
    assert remote["excerpt"]["raw"] == post.summary
    raw = remote["content"]["raw"]
    assert '<ol id="reference-list" class="references">' in raw and 'href="#ref-' in raw
    assert "<h1>" not in raw  # WordPress prints the title itself
    # The lead image is the featured image (the theme shows it above the post), not repeated in the text.
    assert media["source_url"] not in raw and media["alt_text"] == "A person asleep in a dim bedroom"
    assert tags == {"sleep", "weight"} and [c["name"] for c in categories] == ["Healthy habits"]
    assert remote["author"] == wordpress.users["author"].user_id  # "Avery Test" has an account there
    record = SiteStore(library).remote(post.id, site)
    assert record.remote_id == result.remote_id and record.modified_gmt == remote["modified_gmt"]

    # Or kept in the text too, as the person chooses.
    kept = publish_post(library, site, post, featured="first-and-text")
    with wordpress.client_for("editor") as http:
        raw = http.get(f"/wp-json/wp/v2/posts/{kept.remote_id}", params={"context": "edit"}).json()["content"]["raw"]
    tag = (f'<img class="wp-image-{media["id"]}" alt="A person asleep in a dim bedroom" src="{media["source_url"]}" '
           'width="64" height="48">')
    assert kept.remote_id == result.remote_id and tag in raw


def test_republishing_updates_in_place_and_uploads_no_image_twice(library, wordpress, site_as):
    site = site_as("editor")
    post = clean_post(library, slug=unique("update"), colour=(10, 120, 30))
    first = publish_post(library, site, post, status="publish")
    post = library.posts.save(post.replace(body=post.body + "\nA new closing paragraph about naps.\n"))
    second = publish_post(library, site, post, status="publish")
    assert second.remote_id == first.remote_id and not second.created
    assert second.uploaded == [] and second.status == "publish"
    with wordpress.client_for("editor") as http:
        raw = http.get(f"/wp-json/wp/v2/posts/{first.remote_id}", params={"context": "edit"}).json()
        media = http.get("/wp-json/wp/v2/media", params={"per_page": 100}).json()
    assert "closing paragraph about naps" in raw["content"]["raw"]
    assert sum(1 for m in media if m["id"] == raw["featured_media"]) == 1

    with wordpress.client_for("administrator") as http:  # someone deletes the image in the media library
        http.delete(f"/wp-json/wp/v2/media/{raw['featured_media']}", params={"force": "true"}).raise_for_status()
    third = publish_post(library, site, library.posts.get(post.slug), status="publish")
    assert len(third.uploaded) == 1  # uploaded again instead of pointing at a deleted file


def test_an_edit_on_the_site_is_a_conflict_until_the_author_chooses(library, wordpress, site_as):
    site = site_as("editor")
    post = clean_post(library, slug=unique("conflict"), colour=(200, 30, 30))
    first = publish_post(library, site, post, status="pending")
    with wordpress.client_for("administrator") as http:  # the reviewer edits on the site
        edited = http.post(f"/wp-json/wp/v2/posts/{first.remote_id}", json={
            "content": "<p>The reviewer rewrote this on the site.</p>"}).json()
    assert edited["modified_gmt"]
    post = library.posts.save(post.replace(body=post.body + "\nOur own late change.\n"))

    with pytest.raises(PublishConflictError) as caught:
        publish_post(library, site, post, status="pending")
    assert "was edited on clinic-editor" in str(caught.value)
    assert "The reviewer rewrote this on the site." in caught.value.theirs.body
    assert "Our own late change." in caught.value.ours.body and "[@" in caught.value.ours.body

    draft = publish_post(library, site, post, status="pending", resolve="new-draft")
    assert draft.remote_id != first.remote_id and draft.status == "draft" and draft.created
    assert SiteStore(library).remote(post.id, site).remote_id == draft.remote_id

    with wordpress.client_for("administrator") as http:
        http.post(f"/wp-json/wp/v2/posts/{draft.remote_id}", json={"content": "<p>Second site edit.</p>"})
    pulled = publish_post(library, site, post, status="pending", resolve="theirs")
    assert pulled.pulled
    assert "Second site edit." in library.posts.get(post.slug).body
    # Now in step: publishing ours again goes through without a conflict.
    again = publish_post(library, site, library.posts.get(post.slug), status="pending")
    assert again.remote_id == draft.remote_id

    with wordpress.client_for("administrator") as http:
        http.post(f"/wp-json/wp/v2/posts/{draft.remote_id}", json={"title": "Changed there"})
    kept = publish_post(library, site, library.posts.get(post.slug), status="pending", resolve="ours")
    assert kept.remote_id == draft.remote_id


def test_author_sends_for_review_but_cannot_create_categories(library, wordpress, site_as):
    site = site_as("author")
    post = clean_post(library, slug=unique("review"), colour=(5, 5, 200))
    post = library.posts.save(post.replace(series=unique("Only editors make this category")))
    with pytest.raises(PublishError, match="may not create categories"):
        publish_post(library, site, post, status="pending")
    post = library.posts.save(post.replace(series=None))
    result = publish_post(library, site, post, status="pending")
    assert result.status == "pending"
    with wordpress.client_for("editor") as http:  # the reviewer sees it in the pending list
        pending = http.get("/wp-json/wp/v2/posts", params={"status": "pending", "context": "edit"}).json()
    assert result.remote_id in [p["id"] for p in pending]


def test_images_are_uploaded_web_ready_resized_and_without_metadata(library, wordpress, site_as):
    import io

    import httpx
    from PIL import Image

    site = site_as("editor")
    from PIL.PngImagePlugin import PngInfo

    big = Image.effect_noise((3000, 2000), 40).convert("RGB")
    note = PngInfo()
    note.add_text("Comment", "scanned at the front desk")  # metadata the EXIF check does not see
    raw = io.BytesIO()
    big.save(raw, format="PNG", pnginfo=note)
    asset = library.assets.add(raw.getvalue(), "image/png", "big.png")
    post = clean_post(library, slug=unique("big-image"))
    post = library.posts.save(post.replace(body=post.body + f"\n![A wide photo of a clinic garden](asset:{asset})\n"))
    result = publish_post(library, site, post, status="draft")
    assert len(result.uploaded) == 2
    media_url = SiteStore(library).media_url(site, __import__("hashlib").sha256(raw.getvalue()).hexdigest())[1]
    uploaded = httpx.get(media_url, timeout=30).content
    with Image.open(io.BytesIO(uploaded)) as image:
        assert image.width == 1440 and image.format == "JPEG"  # twice the 720 px content width; a photo
        assert not image.getexif() and "Comment" not in image.info


def test_the_gate_blocks_a_post_with_errors_before_anything_is_sent(library, wordpress, site_as):
    site = site_as("editor")
    post = clean_post(library, slug=unique("blocked"))
    post = library.posts.save(post.replace(body=post.body + "\nThis is proven [@nobody2024].\n"))
    with pytest.raises(PublishBlockedError, match="citation-unresolved"):
        publish_post(library, site, post, status="draft")
    assert SiteStore(library).remote(post.id, site) is None


def test_statuses_changed_on_the_site_are_brought_back(library, wordpress, site_as):
    from editor.core.publish.pull import refresh_statuses

    site = site_as("editor")
    first = clean_post(library, slug=unique("approve"), colour=(90, 90, 20))
    second = clean_post(library, slug=unique("trash"), colour=(20, 90, 90))
    approved = publish_post(library, site, first, status="pending")
    trashed = publish_post(library, site, second, status="pending")
    with wordpress.client_for("administrator") as http:  # the reviewer approves one and trashes the other
        http.post(f"/wp-json/wp/v2/posts/{approved.remote_id}", json={"status": "publish"}).raise_for_status()
        http.delete(f"/wp-json/wp/v2/posts/{trashed.remote_id}").raise_for_status()
    statuses = refresh_statuses(library, site)
    assert statuses[first.id] == "publish" and statuses[second.id] == "trash"
    assert ("clinic-editor", "publish") in SiteStore(library).statuses()[first.id]
    # Approval changed the status, not the text: publishing again is not a conflict.
    again = publish_post(library, site, library.posts.get(first.slug), status="publish")
    assert again.remote_id == approved.remote_id


def test_pulling_our_own_post_back_keeps_citations_and_library_images(library, wordpress, site_as):
    site = site_as("editor")
    post = clean_post(library, slug=unique("round-trip"), colour=(33, 66, 99))
    result = publish_post(library, site, post, status="draft")
    with wordpress.client_for("administrator") as http:
        url = f"/wp-json/wp/v2/posts/{result.remote_id}"
        raw = http.get(url, params={"context": "edit"}).json()["content"]["raw"]
        http.post(url, json={"content": raw.replace("Keep the same", "Keep the very same")}).raise_for_status()
    publish_post(library, site, post, status="draft", resolve="theirs")
    pulled = library.posts.get(post.slug).body
    asset = post.body.split("](asset:")[1].split(")")[0]
    assert "Keep the very same bed time" in pulled and "[@cappuccio2008]" in pulled
    assert f"](asset:{asset})" in pulled and "Healthy habits" not in pulled  # the series stays a field
