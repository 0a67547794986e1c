"""Publish a post to a WordPress site: find its copy there, then update it in place, or create it once.

    result = publish_post(lib, "clinic", post)                       # keeps the site's status
    result = publish_post(lib, "clinic", post, status="pending")     # a new post sent for review

Order: the publish gate, the user's rights, finding the post on the site (``locate``:
our link, then this post's mark, then the same address), the status rule, images
(uploaded once by hash, WordPress's sizes used), terms, author, then one create or
update, recorded in one transaction.

Status rule — the live site is never taken down by accident: ``status=None`` keeps the
status the post has on the site (WordPress gets no status at all, so a schedule keeps
its date too); a new post is a draft unless told. Sending ``draft``/``pending``/
``private`` for a post that is live or scheduled raises :class:`WouldUnpublishError`
unless ``unpublish=True`` (a separate, confirmed choice in the GUI; ``--unpublish``).

Never a duplicate: a post found by its mark is this post (relinked, with a note); one
found only by its address may be someone else's and raises :class:`RelinkNeeded` unless
``link_to`` names it (the person agreed) or ``as_new`` asks for a separate post.

``resolve`` (the site's copy was edited since our last publish): ``"ours"`` overwrites
it, ``"theirs"`` pulls it into the library, ``"new-draft"`` leaves it alone and sends
ours as a new draft, which becomes the post this one updates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.export.website import ClearedPost, clear_for_website, website_html
from editor.core.foundation.errors import PublishConflictError, PublishError, ValidationError
from editor.core.post.model import Post
from editor.core.publish import content as remote_content
from editor.core.publish.links import LinkStore
from editor.core.publish.locate import Located, locate
from editor.core.publish.marks import mark_token, with_mark, words_fingerprint
from editor.core.publish.remote_parts import find_user, term_ids, upload_image
from editor.core.publish.remote_state import (
    PUBLIC_STATUSES,
    STATUSES,
    RemoteState,
    action_for,
    moment_words,
    status_words,
)
from editor.core.publish.site_images import FEATURED_CHOICES, SiteMedia, place_images, without_lead_image
from editor.core.publish.site_pictures import bring_in_site_pictures, record_site_media
from editor.core.publish.sites import Site, SiteStore
from editor.core.publish.wordpress import WordPressClient

if TYPE_CHECKING:
    from editor.core.library import Library

RESOLUTIONS = ("ours", "theirs", "new-draft")
Progress = Callable[[str], None]


class WouldUnpublishError(PublishError):
    """The requested status would take a live (or scheduled) post off the site."""

    def __init__(self, message: str, *, state: RemoteState) -> None:
        super().__init__(message)
        self.state = state


class RelinkNeeded(PublishError):
    """The site has a post at this post's address that Postwright cannot prove is this post."""

    def __init__(self, message: str, *, state: RemoteState) -> None:
        super().__init__(message)
        self.state = state


@dataclass
class PublishResult:
    site: str
    remote_id: int
    status: str
    link: str
    created: bool
    previous: RemoteState = field(default_factory=RemoteState)  # the post on the site before this publish
    action: str = ""  # what was done, in the dialog's words ("Update the live post")
    pulled: bool = False  # "theirs": the site's version came into the library instead
    relinked: bool = False  # an unlinked post found on the site was updated instead of making a duplicate
    uploaded: list[int] = field(default_factory=list)  # asset ids uploaded this time
    warnings: list[str] = field(default_factory=list)

    def summary(self, slug: str) -> str:
        """One sentence for the CLI and the Publish dialog: what happened, and where the post is now."""
        now = status_words(self.status)
        if self.pulled:
            return f"Pulled the version on {self.site} into the library ({slug} there is {now})."
        if self.created:
            return f"Created {slug} on {self.site}; it is {now} there: {self.link}"
        before = self.previous.status
        stays = f"it stays {now}" if before == self.status else f"it was {status_words(before)}, now it is {now}"
        return f"Updated {slug} on {self.site}; {stays}: {self.link}"


def connect(lib: Library, site: Site | str) -> tuple[Site, WordPressClient]:
    sites = SiteStore(lib)
    site = sites.get(site) if isinstance(site, str) else site
    return site, WordPressClient(site.url, site.username, sites.password(site))


def publish_post(lib: Library, site: Site | str, post: Post, *, status: str | None = None, unpublish: bool = False,
                 resolve: str | None = None, link_to: int | None = None, as_new: bool = False,
                 featured: str = "first", progress: Progress | None = None) -> PublishResult:
    if status is not None and status not in STATUSES:
        raise ValidationError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}.")
    if resolve is not None and resolve not in RESOLUTIONS:
        raise ValidationError(f"Unknown conflict choice {resolve!r}; use one of: {', '.join(RESOLUTIONS)}.")
    if featured not in FEATURED_CHOICES:
        raise ValidationError(f"Unknown featured-image choice {featured!r}; use one of: {', '.join(FEATURED_CHOICES)}.")
    if post.id is None:
        raise ValidationError("Save the post in the library before publishing it.")
    say = progress or (lambda _text: None)
    say("Checking the post")
    cleared = clear_for_website(lib, post)  # the publish gate; the content comes from it
    site, client = connect(lib, site)
    with client:
        publisher = _Publisher(lib, site, client, say, cleared)
        return publisher.run(post, _Choice(status, unpublish, resolve, link_to, as_new, featured))


def inspect_remote(lib: Library, site: Site | str, post: Post) -> tuple[RemoteState, dict[str, Any]]:
    """The post as the site has it now, and what the user may do there (``users/me`` capabilities)."""
    site, client = connect(lib, site)
    with client:
        caps = client.me().get("capabilities") or {}
        found = locate(lib, site, client, post) if post.id is not None else None
    return (found.state if found else RemoteState()), (caps if isinstance(caps, dict) else {})


@dataclass(frozen=True)
class _Choice:
    status: str | None
    unpublish: bool
    resolve: str | None
    link_to: int | None
    as_new: bool
    featured: str


class _Publisher:
    def __init__(self, lib: Library, site: Site, client: WordPressClient, say: Progress,
                 cleared: ClearedPost) -> None:
        self.lib, self.site, self.client, self.say = lib, site, client, say
        self.cleared = cleared
        self.links = LinkStore(lib)
        self.settings = cleared.settings
        self.warnings: list[str] = []

    def run(self, post: Post, choice: _Choice) -> PublishResult:
        self.say(f"Connecting to {self.site.name}")
        me = self.client.me()
        caps = me.get("capabilities") or {}
        self.say(f"Looking for “{post.title}” on {self.site.name}")
        found = locate(self.lib, self.site, self.client, post)
        self.warnings += found.notes
        target, relinked = self._target(post, found, choice)
        state = found.state if target is not None else RemoteState(deleted=found.state.deleted)
        status = choice.status
        if found.state.edited_there and target is not None:
            if choice.resolve is None:
                raise self._conflict(post, found)
            if choice.resolve == "theirs":
                return self._pull(post, found, state)
            if choice.resolve == "new-draft":
                target, status, state = None, "draft", RemoteState()
        action = action_for(state, status)
        self._check_status(post, state, action.status, choice.unpublish, caps)
        uploaded: list[int] = []
        media = self._images(post, uploaded)
        fields = self._fields(post, action.status if target is not None else (action.status or "draft"), media,
                              choice.featured, me, bool(caps.get("edit_others_posts")))
        self.say("Sending the post")
        answer = self.client.post("/wp/v2/posts" if target is None else f"/wp/v2/posts/{target}", fields)
        with self.lib.transaction():
            saved = self.links.record(post.id or 0, self.site, answer, version=post.version)
        return PublishResult(self.site.name, saved.remote_id, saved.status, saved.link, created=target is None,
                             previous=state, action=action.label, relinked=relinked, uploaded=uploaded,
                             warnings=self.warnings)

    def _target(self, post: Post, found: Located, choice: _Choice) -> tuple[int | None, bool]:
        """The remote id to update (None: create), and whether that is a relink of an unlinked post."""
        state = found.state
        if found.remote is None or choice.as_new:
            return None, False
        if state.found == "linked":
            return state.remote_id, False
        if state.found == "marked" or choice.link_to == state.remote_id:
            self.warnings.append(f"“{state.title}” was already on {self.site.name} (post {state.remote_id}, "
                                 f"{state.describe().lower()}); it was updated instead of publishing a duplicate.")
            return state.remote_id, True
        raise RelinkNeeded(
            f"{self.site.name} already has a post at the address “{post.slug}”: “{state.title}” (post "
            f"{state.remote_id}, {state.describe().lower()}), which Postwright cannot prove is this post. Update that "
            "post, or publish this one as a separate post.", state=state)

    def _check_status(self, post: Post, state: RemoteState, status: str | None, unpublish: bool,
                      caps: dict[str, Any]) -> None:
        if status == "publish" and not caps.get("publish_posts"):
            raise PublishError(f"{self.site.username} may not publish on {self.site.name}; send the post for "
                               "review (status pending) instead.")
        if state.status in PUBLIC_STATUSES and status is not None and status not in PUBLIC_STATUSES \
                and not unpublish:
            now = "live" if state.status == "publish" else "scheduled to go live"
            raise WouldUnpublishError(
                f"“{post.title}” is {now} on {self.site.name}; sending it as {status} would take it off the site. "
                "Update it as it is, or unpublish it on purpose.", state=state)

    def _conflict(self, post: Post, found: Located) -> PublishConflictError:
        theirs = found.remote or {}
        their_post = remote_content.comparable_post(self.lib, self.site, theirs, post)
        our_post = remote_content.comparable_ours(self.lib, self.site, self.cleared)
        when = moment_words(str(theirs.get("modified_gmt") or ""))
        when = f"on {when} UTC" if when else "recently"
        return PublishConflictError(
            f"“{post.title}” was edited on {self.site.name} ({when}) since it was last published from here. Pull "
            "the site's version in, keep ours (overwrite the site's edit), or publish ours as a new draft.",
            theirs=their_post, ours=our_post)

    def _pull(self, post: Post, found: Located, state: RemoteState) -> PublishResult:
        from editor.core.importers.library import prepare_post

        theirs = found.remote or {}
        self.say(f"Pulling the version on {self.site.name}")
        imported = remote_content.parse_remote(theirs, f"{self.site.name} post {theirs.get('id')}")
        imported.body = remote_content.local_images(self.lib, self.site, imported.body)
        pictures = bring_in_site_pictures(self.lib, self.client, self.site, theirs, imported, known_lead=False)
        with self.lib.transaction():
            incoming = prepare_post(self.lib, imported)
            record_site_media(self.lib, self.site, pictures)
            body = remote_content.restore_lead_image(
                remote_content.local_images(self.lib, self.site, incoming.body), post.body,
                remote_content.featured_asset(self.lib, self.site, theirs))
            current = self.lib.posts.get_by_id(post.id or 0)
            saved = self.lib.posts.save(current.replace(title=incoming.title, summary=incoming.summary, body=body),
                                        reason=f"pulled from {self.site.name}")
            record = self.links.record(saved.id or 0, self.site, theirs, version=saved.version)
        return PublishResult(self.site.name, record.remote_id, record.status, record.link, created=False,
                             previous=state, action="Pull the site's version", pulled=True,
                             warnings=list(imported.warnings))

    def _images(self, post: Post, uploaded: list[int]) -> dict[int, SiteMedia]:
        media: dict[int, SiteMedia] = {}
        images = remote_content.images_in(self.cleared.rendered.body_html)
        sites = SiteStore(self.lib)
        for number, image in enumerate(images, start=1):
            self.say(f"Image {number} of {len(images)}")
            item, fresh = upload_image(self.lib, sites, self.site, self.client, image.asset_id, image.alt,
                                       self.settings.content_width)
            media[image.asset_id] = item
            if fresh:
                uploaded.append(image.asset_id)
        return media

    def _fields(self, post: Post, status: str | None, media: dict[int, SiteMedia], featured: str,
                me: dict[str, Any], can_edit_others: bool) -> dict[str, Any]:
        def asset_url(asset_id: int) -> str:
            return media[asset_id].url if asset_id in media else ""

        content = website_html(self.lib, self.cleared, "fragment", asset_url=asset_url, show_title=False).strip()
        first = next(iter(media.values()), None)
        if first is not None and featured == "first":
            content = without_lead_image(content, first.url)
        content = place_images(content, {item.url: item for item in media.values()}, self.settings.content_width)
        fields: dict[str, Any] = {
            "title": post.title, "slug": post.slug, "excerpt": post.summary,
            "content": with_mark(content, mark_token(self.lib, post),
                                 sent=words_fingerprint(post.title, post.summary, content)),
        }
        if status is not None:
            fields["status"] = status
        self.say("Categories and tags")
        fields["tags"] = term_ids(self.client, "tags", list(post.tags))
        if post.series:
            fields["categories"] = term_ids(self.client, "categories", [post.series])
        if featured == "none":
            fields["featured_media"] = 0
        elif first is not None:
            fields["featured_media"] = first.id
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
