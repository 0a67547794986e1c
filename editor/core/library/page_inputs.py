"""What the renderer needs from the library to show one post, read in one place.

``render`` never reaches into the library; every exit (preview, export, publish, handout)
asks :func:`article_inputs` for the post's author, reviewer, related posts, references,
site identity and export settings, and hands the values over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from editor.core.foundation.errors import NotFoundError
from editor.core.media.images import data_url
from editor.core.post.model import Author, Post
from editor.core.render.inputs import ArticleInputs, RelatedPost
from editor.core.render.site_identity import SiteIdentity
from editor.core.render.site_settings import ExportSettings

if TYPE_CHECKING:
    from editor.core.library import Library


def article_inputs(lib: Library, post: Post, settings: ExportSettings | None = None) -> ArticleInputs:
    """``post`` with everything its article shows, read from ``lib`` (``settings`` when already read)."""
    identity = SiteIdentity.from_settings(lib.settings)
    author_id = post.author_id if post.author_id is not None else identity.default_author_id
    return ArticleInputs(
        post=post,
        settings=settings or ExportSettings.from_settings(lib.settings),
        identity=identity,
        references=lib.references.resolve_many,
        author=author(lib, author_id),
        reviewer=author(lib, post.reviewer_id),
        related=related_posts(lib, post),
    )


def author(lib: Library, author_id: int | None) -> Author | None:
    """The author with ``author_id``; None for none or one deleted since."""
    if author_id is None:
        return None
    try:
        return lib.authors.get(author_id)
    except NotFoundError:
        return None


def related_posts(lib: Library, post: Post) -> tuple[RelatedPost, ...]:
    """The post's "You might also enjoy" entries: library slugs with their titles, else plain text."""
    entries = [entry for entry in (str(raw).strip() for raw in post.related) if entry]
    titles = lib.posts.titles(entries)
    return tuple(RelatedPost(titles[entry], entry) if entry in titles else RelatedPost(entry) for entry in entries)


def asset_data_url(lib: Library, asset_id: int) -> str:
    """A library image as a ``data:`` URL (handouts load nothing); ``""`` when it is gone."""
    try:
        data, mime = lib.assets.get(asset_id)
    except NotFoundError:
        return ""
    return data_url(data, mime)
