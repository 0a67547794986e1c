"""Publish a post to a WordPress site: create it once, then update it in place.

    result = publish_post(lib, "clinic", post, status="pending")

Order: the publish gate, the user's rights for ``status``, the site's copy (a post
changed on the site since our last publish is a ``PublishConflictError`` carrying
both versions, unless ``resolve`` says what to do), images (uploaded once by hash),
categories and tags, author, then one create or update. What the site answered
(remote id, ``modified_gmt``, status, link) is recorded in one transaction.

``resolve``: ``"ours"`` overwrites the site's edit, ``"theirs"`` pulls the site's
version into the library (nothing is sent), ``"new-draft"`` leaves the site's post
alone and publishes ours as a new draft, which becomes the post this one updates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.checks.gate import require_clear
from editor.core.foundation.errors import PublishConflictError, PublishError, ValidationError
from editor.core.post.model import Post
from editor.core.publish import content as remote_content
from editor.core.publish.remote_parts import find_user, term_ids, upload_image
from editor.core.publish.sites import RemotePost, Site, SiteStore, content_digest
from editor.core.publish.wordpress import WordPressClient
from editor.core.render.site_settings import ExportSettings

if TYPE_CHECKING:
    from editor.core.library import Library

STATUSES = ("draft", "pending", "publish")
RESOLUTIONS = ("ours", "theirs", "new-draft")
Progress = Callable[[str], None]


@dataclass
class PublishResult:
    site: str
    remote_id: int
    status: str
    link: str
    created: bool
    pulled: bool = False  # "theirs": the site's version came into the library instead
    uploaded: list[int] = field(default_factory=list)  # asset ids uploaded this time
    warnings: list[str] = field(default_factory=list)


def connect(lib: Library, site: Site | str) -> tuple[Site, WordPressClient]:
    sites = SiteStore(lib)
    site = sites.get(site) if isinstance(site, str) else site
    return site, WordPressClient(site.url, site.username, sites.password(site))


def publish_post(lib: Library, site: Site | str, post: Post, *, status: str = "draft",
                 resolve: str | None = None, progress: Progress | None = None) -> PublishResult:
    if status not in STATUSES:
        raise ValidationError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}.")
    if resolve is not None and resolve not in RESOLUTIONS:
        raise ValidationError(f"Unknown conflict choice {resolve!r}; use one of: {', '.join(RESOLUTIONS)}.")
    if post.id is None:
        raise ValidationError("Save the post in the library before publishing it.")
    say = progress or (lambda _text: None)
    say("Checking the post")
    require_clear(lib, post)
    site, client = connect(lib, site)
    with client:
        return _Publisher(lib, site, client, say).run(post, status, resolve)


class _Publisher:
    def __init__(self, lib: Library, site: Site, client: WordPressClient, say: Progress) -> None:
        self.lib, self.site, self.client, self.say = lib, site, client, say
        self.sites = SiteStore(lib)
        self.settings = ExportSettings.from_library(lib)
        self.warnings: list[str] = []

    def run(self, post: Post, status: str, resolve: str | None) -> PublishResult:
        self.say(f"Connecting to {self.site.name}")
        me = self.client.me()
        caps = me.get("capabilities") or {}
        if status == "publish" and not caps.get("publish_posts"):
            raise PublishError(f"{self.site.username} may not publish on {self.site.name}; send the post for "
                               "review (status pending) instead.")
        record = self.sites.remote(post.id or 0, self.site)
        target = record.remote_id if record else None
        if record is not None:
            theirs = self.client.post_by_id(record.remote_id)
            if theirs is None or theirs.get("status") == "trash":
                self.warnings.append(f"The post was deleted on {self.site.name}; it is published there anew.")
                target = None
            elif content_digest(theirs) != record.content_sha256:
                if resolve is None:
                    raise self._conflict(post, theirs, record)
                if resolve == "theirs":
                    return self._pull(post, theirs)
                if resolve == "new-draft":
                    target, status = None, "draft"
        uploaded: list[int] = []
        urls = self._images(post, uploaded)
        fields = self._fields(post, status, urls, me, bool(caps.get("edit_others_posts")))
        self.say("Sending the post")
        if target is None:
            answer = self.client.post("/wp/v2/posts", fields)
        else:
            answer = self.client.post(f"/wp/v2/posts/{target}", fields)
        with self.lib.transaction():
            saved = self.sites.record(post.id or 0, self.site, answer, version=post.version)
        return PublishResult(self.site.name, saved.remote_id, saved.status, saved.link, created=target is None,
                             uploaded=uploaded, warnings=self.warnings)

    def _conflict(self, post: Post, theirs: dict[str, Any], record: RemotePost) -> PublishConflictError:
        imported = remote_content.parse_remote(theirs, f"{self.site.name} post {record.remote_id}")
        their_post = imported.to_post().replace(id=post.id, slug=post.slug)
        return PublishConflictError(
            f"'{post.title}' was edited on {self.site.name} (at {theirs.get('modified_gmt')} UTC) since it was last "
            "published from here. Pull the site's version in, keep ours (overwrite the site's edit), or publish "
            "ours as a new draft.", theirs=their_post, ours=post)

    def _pull(self, post: Post, theirs: dict[str, Any]) -> PublishResult:
        from editor.core.importers.library import prepare_post

        self.say(f"Pulling the version on {self.site.name}")
        imported = remote_content.parse_remote(theirs, f"{self.site.name} post {theirs.get('id')}")
        with self.lib.transaction():
            incoming = prepare_post(self.lib, imported)
            body = remote_content.local_images(self.lib, self.site.id, incoming.body)
            current = self.lib.posts.get_by_id(post.id or 0)
            saved = self.lib.posts.save(current.replace(title=incoming.title, summary=incoming.summary, body=body),
                                        reason=f"pulled from {self.site.name}")
            record = self.sites.record(saved.id or 0, self.site, theirs, version=saved.version)
        return PublishResult(self.site.name, record.remote_id, record.status, record.link, created=False,
                             pulled=True, warnings=list(imported.warnings))

    def _images(self, post: Post, uploaded: list[int]) -> dict[int, tuple[int, str]]:
        urls: dict[int, tuple[int, str]] = {}
        images = remote_content.post_images(self.lib, post, self.settings)
        for number, image in enumerate(images, start=1):
            self.say(f"Image {number} of {len(images)}")
            media_id, url, fresh = upload_image(self.lib, self.sites, self.site, self.client, image.asset_id,
                                                image.alt, self.settings.content_width)
            urls[image.asset_id] = (media_id, url)
            if fresh:
                uploaded.append(image.asset_id)
        return urls

    def _fields(self, post: Post, status: str, urls: dict[int, tuple[int, str]], me: dict[str, Any],
                can_edit_others: bool) -> dict[str, Any]:
        def asset_url(asset_id: int) -> str:
            return urls[asset_id][1] if asset_id in urls else ""

        content = remote_content.site_fragment(self.lib, post, asset_url, self.settings)
        for media_id, url in urls.values():  # WordPress adds srcset/sizes to images it knows by this class
            content = re.sub(rf'<img\b(?=[^>]*\bsrc="{re.escape(url)}")', f'<img class="wp-image-{media_id}"', content)
        fields: dict[str, Any] = {
            "title": post.title, "slug": post.slug, "excerpt": post.summary, "status": status, "content": content,
        }
        self.say("Categories and tags")
        fields["tags"] = term_ids(self.client, "tags", list(post.tags))
        if post.series:
            fields["categories"] = term_ids(self.client, "categories", [post.series])
        if urls:
            fields["featured_media"] = next(iter(urls.values()))[0]
        author = self._author(post, me, can_edit_others)
        if author is not None:
            fields["author"] = author
        return fields

    def _author(self, post: Post, me: dict[str, Any], can_edit_others: bool) -> int | None:
        if post.author_id is None:
            return None
        author = self.lib.authors.get(post.author_id)
        user_id = find_user(self.client, author.name)
        if user_id is None:
            self.warnings.append(f"{self.site.name} has no user named {author.name}; the post is under "
                                 f"{self.site.username} there.")
            return None
        if user_id == me.get("id"):
            return user_id
        if not can_edit_others:
            self.warnings.append(f"{author.name} has an account on {self.site.name}, but {self.site.username} may "
                                 "not publish for another user; an editor can change the author there.")
            return None
        return user_id
