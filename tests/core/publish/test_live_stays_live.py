"""A live post stays live: updates keep the site's status; taking it off the site is a separate choice.

Every check of "live" fetches the post's public address as a patient would (HTTP 200),
not only the REST API's answer.
"""

from __future__ import annotations

import httpx
import pytest
from publish_samples import clean_post

from editor.core.publish.publisher import WouldUnpublishError, inspect_remote, publish_post
from editor.core.publish.remote_state import RemoteState, actions
from editor.core.publish.sites import SiteStore


def public_status(link: str) -> int:
    return httpx.get(link, timeout=30, follow_redirects=True).status_code


@pytest.fixture
def site(library, wordpress):
    user = wordpress.users["editor"]
    return SiteStore(library).add("clinic", wordpress.url, user.login, user.app_password)


def test_updating_a_live_post_keeps_it_live_until_unpublished_on_purpose(library, wordpress, site):
    post = clean_post(library, slug="live-stays-live", colour=(120, 10, 60))
    first = publish_post(library, site, post, status="publish")
    assert first.status == "publish" and public_status(first.link) == 200

    state, caps = inspect_remote(library, site, post)
    assert state.status == "publish" and state.found == "linked" and caps["publish_posts"]
    assert state.describe().startswith("Live on the site since ")
    assert [a.label for a in actions(state)][0] == "Update the live post"

    post = library.posts.save(post.replace(body=post.body + "\nA sentence added after going live.\n"))
    updated = publish_post(library, site, post)  # no status: the site's is kept
    assert updated.status == "publish" and updated.remote_id == first.remote_id and updated.previous.status == "publish"
    assert "it stays live" in updated.summary(post.slug)
    page = httpx.get(updated.link, timeout=30, follow_redirects=True)
    assert page.status_code == 200 and "A sentence added after going live." in page.text

    with pytest.raises(WouldUnpublishError, match="would take it off the site"):
        publish_post(library, site, post, status="draft")
    with pytest.raises(WouldUnpublishError):
        publish_post(library, site, post, status="pending")
    assert public_status(updated.link) == 200  # refused before anything was sent

    gone = publish_post(library, site, post, status="draft", unpublish=True)
    assert gone.status == "draft" and public_status(updated.link) == 404
    assert "it was live, now it is a draft" in gone.summary(post.slug)


def test_a_scheduled_post_keeps_its_date_and_a_draft_keeps_being_a_draft(library, wordpress, site):
    post = clean_post(library, slug="scheduled-post", colour=(15, 150, 60))
    created = publish_post(library, site, post)  # a new post is a draft unless told
    assert created.status == "draft" and created.created
    with wordpress.client_for("editor") as http:  # the reviewer schedules it on the site
        http.post(f"/wp-json/wp/v2/posts/{created.remote_id}",
                  json={"status": "future", "date": "2099-05-04T09:30:00"}).raise_for_status()
    state, _caps = inspect_remote(library, site, post)
    assert state.status == "future" and state.describe() == "Scheduled for 4 May 2099, 09:30 (the site's time)"
    post = library.posts.save(post.replace(summary="A changed summary."))
    kept = publish_post(library, site, post)
    assert kept.status == "future"
    with wordpress.client_for("editor") as http:
        remote = http.get(f"/wp-json/wp/v2/posts/{created.remote_id}", params={"context": "edit"}).json()
    assert remote["date"] == "2099-05-04T09:30:00" and remote["excerpt"]["raw"] == "A changed summary."
    with pytest.raises(WouldUnpublishError, match="scheduled to go live"):
        publish_post(library, site, post, status="draft")


def test_the_choices_are_named_by_what_they_do_to_the_post_on_the_site():
    live = RemoteState("publish", 5, "T", "https://x/t/", "2025-03-03T08:00:00", "linked")
    assert [(a.label, a.status, a.unpublishes) for a in actions(live)] == [
        ("Update the live post", None, False),
        ("Unpublish: take it off the site, keep it as a draft", "draft", True),
        ("Unpublish and send for review (pending)", "pending", True)]
    assert live.describe() == "Live on the site since 3 March 2025"
    assert RemoteState().describe() == "Not on this site yet"
    assert actions(RemoteState())[0].label == "Save as a draft on the site"
    assert RemoteState("pending").describe() == "Pending review on the site"
    assert RemoteState("draft").describe() == "Draft on the site"
    pending = actions(RemoteState("pending", 5), can_publish=False)
    assert [a.key for a in pending] == ["keep", "draft"]  # a contributor cannot publish
