"""Never a duplicate: before creating a post, Postwright looks for the one it made before on the site."""

from __future__ import annotations

import httpx
import pytest
from publish_samples import clean_post

from editor.core.foundation.errors import PublishConflictError
from editor.core.publish.publisher import RelinkNeeded, inspect_remote, publish_post
from editor.core.publish.sites import SiteStore


def _with_slug(wordpress, slug: str) -> list[dict]:
    """Every post on the site whose address starts with ``slug`` (``slug-2`` would be a duplicate)."""
    with wordpress.client_for("administrator") as http:
        found = http.get("/wp-json/wp/v2/posts", params={"status": "any", "context": "edit", "per_page": 100,
                                                          "orderby": "id", "order": "desc"}).json()
    return [item for item in found if item["slug"].startswith(slug)]


def _add(library, wordpress, name: str = "clinic", role: str = "editor", url: str | None = None):
    user = wordpress.users[role]
    return SiteStore(library).add(name, url or wordpress.url, user.login, user.app_password)


def _lose_links(library) -> None:
    with library.transaction():  # an older backup of the library, say: every link is gone
        library.db.execute("DELETE FROM remote_posts")


def test_removing_and_adding_the_site_again_publishes_to_the_same_post(library, wordpress):
    post = clean_post(library, slug="remove-and-add", colour=(200, 100, 0))
    first = publish_post(library, _add(library, wordpress), post, status="publish")
    SiteStore(library).remove("clinic")
    again = _add(library, wordpress, name="Riverside", url=wordpress.url + "/wp-admin/")
    result = publish_post(library, again, library.posts.get(post.slug))
    assert result.remote_id == first.remote_id and not result.created and result.status == "publish"
    assert [item["slug"] for item in _with_slug(wordpress, "remove-and-add")] == ["remove-and-add"]
    assert httpx.get(result.link, timeout=30).status_code == 200


def test_a_post_whose_link_was_lost_is_found_by_its_mark_and_relinked(library, wordpress):
    site = _add(library, wordpress)
    post = clean_post(library, slug="lost-link", colour=(0, 100, 200))
    first = publish_post(library, site, post, status="publish")
    _lose_links(library)
    with wordpress.client_for("editor") as http:  # and the reviewer gave it another address on the site
        http.post(f"/wp-json/wp/v2/posts/{first.remote_id}", json={"slug": "lost-link-renamed"}).raise_for_status()
    state, _caps = inspect_remote(library, site, post)
    assert state.found == "marked" and state.remote_id == first.remote_id
    result = publish_post(library, site, post)
    assert result.relinked and result.remote_id == first.remote_id and result.status == "publish"
    assert any("instead of publishing a duplicate" in warning for warning in result.warnings)
    assert SiteStore(library).remote(post.id, site).remote_id == first.remote_id
    assert _with_slug(wordpress, "lost-link-2") == []


def test_a_post_found_by_its_mark_and_unchanged_there_is_updated_without_asking(library, wordpress):
    site = _add(library, wordpress, role="author")  # WordPress filters an Author's HTML: the words must survive it
    post = clean_post(library, slug="lost-link-unchanged", colour=(0, 120, 120))
    post = library.posts.save(post.replace(series=None))  # an Author may not make the category
    first = publish_post(library, site, post, status="publish")
    _lose_links(library)
    state, _caps = inspect_remote(library, site, post)
    assert state.found == "marked" and not state.edited_there
    post = library.posts.save(post.replace(body=post.body + "\nA late change of ours.\n"))
    result = publish_post(library, site, post)
    assert result.relinked and result.remote_id == first.remote_id
    assert "A late change of ours." in httpx.get(result.link, timeout=30).text


def test_a_post_found_by_its_mark_and_edited_there_is_not_overwritten_until_the_author_chooses(library, wordpress):
    site = _add(library, wordpress)
    post = clean_post(library, slug="lost-link-edited", colour=(120, 0, 120))
    first = publish_post(library, site, post, status="publish")
    _lose_links(library)
    address = f"/wp-json/wp/v2/posts/{first.remote_id}"
    with wordpress.client_for("editor") as http:  # the reviewer adds a sentence on the site; the mark stays
        raw = http.get(address, params={"context": "edit"}).json()["content"]["raw"]
        edited = raw.replace("if you snore.", "if you snore. The reviewer added this sentence.")
        assert edited != raw
        http.post(address, json={"content": edited}).raise_for_status()
    post = library.posts.save(post.replace(body=post.body + "\nOur own late change.\n"))

    state, _caps = inspect_remote(library, site, post)
    assert state.found == "marked" and state.edited_there
    with pytest.raises(PublishConflictError, match="was edited on clinic") as caught:
        publish_post(library, site, post)
    assert "The reviewer added this sentence." in caught.value.theirs.body
    public = httpx.get(first.link, timeout=30).text
    assert "The reviewer added this sentence." in public and "Our own late change." not in public

    kept = publish_post(library, site, post, resolve="ours")  # the author's explicit choice
    assert kept.relinked and kept.remote_id == first.remote_id and kept.status == "publish"
    public = httpx.get(kept.link, timeout=30).text
    assert "Our own late change." in public and "The reviewer added this sentence." not in public
    assert [item["slug"] for item in _with_slug(wordpress, "lost-link-edited")] == ["lost-link-edited"]


def test_a_post_at_the_same_address_that_is_not_provably_ours_is_only_updated_when_asked(library, wordpress):
    site = _add(library, wordpress)
    with wordpress.client_for("editor") as http:  # written on the site by hand, at the address ours will use
        theirs = http.post("/wp-json/wp/v2/posts", json={"title": "Handwritten", "slug": "same-address",
                                                         "status": "publish", "content": "<p>By hand.</p>"}).json()
    post = clean_post(library, slug="same-address", colour=(50, 50, 50))
    with pytest.raises(RelinkNeeded, match="cannot prove") as caught:
        publish_post(library, site, post)
    assert caught.value.state.remote_id == theirs["id"] and caught.value.state.status == "publish"
    assert SiteStore(library).remote(post.id, site) is None  # nothing was sent or recorded

    separate = publish_post(library, site, post, as_new=True)
    assert separate.created and separate.remote_id != theirs["id"]
    _lose_links(library)
    with wordpress.client_for("administrator") as http:
        http.delete(f"/wp-json/wp/v2/posts/{separate.remote_id}", params={"force": "true"}).raise_for_status()
    relinked = publish_post(library, site, post, link_to=theirs["id"])
    assert relinked.remote_id == theirs["id"] and relinked.relinked and relinked.status == "publish"


def test_a_link_that_now_points_at_someone_elses_post_is_never_overwritten(library, wordpress):
    site = _add(library, wordpress)
    post = clean_post(library, slug="stale-link", colour=(10, 200, 10))
    mine = publish_post(library, site, post)
    with wordpress.client_for("editor") as http:
        other = http.post("/wp-json/wp/v2/posts", json={"title": "Someone else's", "slug": "someone-elses",
                                                        "status": "publish", "content": "<p>Theirs.</p>"}).json()
    with library.transaction():  # as after the site's address was edited to point at another WordPress
        library.db.execute("UPDATE remote_posts SET remote_id = ? WHERE remote_id = ?", [other["id"], mine.remote_id])
    result = publish_post(library, site, post)
    assert result.remote_id == mine.remote_id and result.relinked  # found again by its mark
    with wordpress.client_for("editor") as http:
        untouched = http.get(f"/wp-json/wp/v2/posts/{other['id']}", params={"context": "edit"}).json()
    assert untouched["content"]["raw"] == "<p>Theirs.</p>"
