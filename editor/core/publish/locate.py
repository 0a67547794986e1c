"""Find a post's copy on a site before anything is created there: never a duplicate.

In order: the link the library recorded at the last publish (still pointing at this
post), then a post carrying this post's mark, then a post at the same address (slug).

The mark (``marks``) is an HTML comment at the start of the content that WordPress's
search finds again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.publish.content import plain_title, raw_field
from editor.core.publish.links import LinkStore, RemotePost, content_digest
from editor.core.publish.marks import mark_token, marks_in, sent_fingerprint, words_fingerprint
from editor.core.publish.remote_state import NOT_ON_SITE, RemoteState
from editor.core.publish.wordpress import WordPressClient

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.post.model import Post
    from editor.core.publish.sites import Site


@dataclass
class Located:
    """Where the post is on the site (``remote`` is the site's post, ``context=edit``), and how we know."""

    state: RemoteState
    record: RemotePost | None = None
    remote: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def state_of(remote: dict[str, Any] | None, found: str, record: RemotePost | None = None,
             deleted: bool = False, token: str = "") -> RemoteState:
    """``remote`` as a state; edited there if its text differs from our record of the last publish,
    or, found by its mark ``token`` without a record, from the words the mark says we sent."""
    if remote is None:
        return RemoteState(NOT_ON_SITE, found="", deleted=deleted)
    if record is not None:
        edited = content_digest(remote) != record.content_sha256
    else:
        edited = token != "" and _words_changed(remote, token)
    return RemoteState(str(remote.get("status", "")), int(remote["id"]), plain_title(remote),
                       str(remote.get("link", "")), str(remote.get("date") or ""), found, edited, deleted)


def _words_changed(remote: dict[str, Any], token: str) -> bool:
    content = raw_field(remote, "content")
    sent = sent_fingerprint(content, token)
    return sent is not None and sent != words_fingerprint(raw_field(remote, "title"), raw_field(remote, "excerpt"),
                                                          content)


def _belongs(remote: dict[str, Any], post: Post, record: RemotePost, token: str) -> bool:
    """Whether the post our link points at is still this post. A saved site's address may have been
    edited to point at another WordPress, where the same id is someone else's post: a mark of another
    post of this library, or a post whose address and title both differ, is not ours."""
    marks = marks_in(raw_field(remote, "content"))
    if token in marks:
        return True
    library = token.rsplit("-", 1)[0]
    if any(mark.startswith(library + "-") for mark in marks):
        return False
    if content_digest(remote) == record.content_sha256:
        return True
    return str(remote.get("slug", "")) == post.slug or plain_title(remote).casefold() == post.title.casefold()


def locate(lib: Library, site: Site, client: WordPressClient, post: Post) -> Located:
    links = LinkStore(lib)
    token = mark_token(lib, post)
    record = links.get(post.id or 0, site)
    notes: list[str] = []
    deleted = False
    if record is not None:
        remote = client.post_by_id(record.remote_id)
        if remote is not None and remote.get("status") != "trash":
            if _belongs(remote, post, record, token):
                return Located(state_of(remote, "linked", record), record, remote)
            notes.append(f"The post recorded as this one on {site.name} (id {record.remote_id}) is now a different "
                         "post; it was left alone.")
        else:
            deleted = True
            notes.append(f"The post was deleted on {site.name}.")
    marked = _find_marked(client, token)
    if marked is not None:
        return Located(state_of(marked, "marked", deleted=deleted, token=token), None, marked, notes)
    same_slug = _find_by_slug(client, post.slug)
    if same_slug is not None:
        return Located(state_of(same_slug, "slug", deleted=deleted), None, same_slug, notes)
    return Located(state_of(None, "", deleted=deleted), None, None, notes)


def _find_marked(client: WordPressClient, token: str) -> dict[str, Any] | None:
    found = client.get("/wp/v2/posts", search=token, status="any", context="edit", per_page=20)
    for item in found if isinstance(found, list) else []:
        if isinstance(item, dict) and token in marks_in(raw_field(item, "content")):
            return item
    return None


def _find_by_slug(client: WordPressClient, slug: str) -> dict[str, Any] | None:
    found = client.get("/wp/v2/posts", slug=slug, status="any", context="edit", per_page=5)
    items = [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []
    return items[0] if items else None
