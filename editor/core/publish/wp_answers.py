"""What a WordPress answer must look like before anything reads it: one schema per route.

Only the fields Postwright reads are described; any others pass through untouched. Ids
are whole numbers from 1 to 2**53 (a JSON number beyond that is not exact), text fields
are text, WordPress's ``{"raw": …, "rendered": …}`` fields are that or plain text, lists
are lists. ``WordPressClient`` checks every JSON answer against its route's schema
(:func:`schema_for`): a single object that fails is one ``PublishError`` naming the
field; a listing keeps its good items and reports each bad one (``client.skipped``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec

from editor.core.foundation.answer_check import MAX_SAFE_ID

Id = Annotated[int, msgspec.Meta(ge=1, le=MAX_SAFE_ID)]
Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_SAFE_ID)]


class Rendered(msgspec.Struct):
    """``title``/``content``/``excerpt`` with ``context=edit``: the raw text and the rendered HTML."""

    raw: str | None = None
    rendered: str | None = None
    protected: bool | None = None


class RemotePost(msgspec.Struct):
    id: Id
    title: str | Rendered | None = None
    content: str | Rendered | None = None
    excerpt: str | Rendered | None = None
    status: str = ""
    link: str = ""
    slug: str = ""
    date: str | None = None
    date_gmt: str | None = None
    modified_gmt: str | None = None
    author: Count | None = None
    featured_media: Count | None = None


class Me(msgspec.Struct):
    """``/wp/v2/users/me?context=edit``: who the Application Password belongs to and what they may do."""

    id: Id
    name: str = ""
    roles: list[str] = []
    capabilities: dict[str, bool] = {}


class Named(msgspec.Struct):
    """A tag, category or user as a search returns them."""

    id: Id
    name: str = ""


class MediaSize(msgspec.Struct):
    width: Count | None = None
    height: Count | None = None
    source_url: str = ""


class MediaDetails(msgspec.Struct):
    width: Count | None = None
    height: Count | None = None
    sizes: dict[str, MediaSize] | list[Any] = {}  # PHP sends an empty array as []


class Media(msgspec.Struct):
    id: Id
    source_url: str = ""
    alt_text: str = ""
    media_details: MediaDetails | list[Any] | None = None  # [] when WordPress has no details


class Root(msgspec.Struct):
    """The REST index (``/wp-json/``)."""

    namespaces: list[str]
    name: str = ""
    home: str = ""
    authentication: dict[str, Any] | list[Any] = {}


_ROUTES: tuple[tuple[re.Pattern[str], type[msgspec.Struct], str], ...] = (
    (re.compile(r"^/wp/v2/users/me/?$"), Me, "the user's details"),
    (re.compile(r"^/wp/v2/users(?:/\d+)?/?$"), Named, "a user"),
    (re.compile(r"^/wp/v2/(?:tags|categories)(?:/\d+)?/?$"), Named, "a term"),
    (re.compile(r"^/wp/v2/(?:posts|pages)(?:/\d+)?/?$"), RemotePost, "a post"),
    (re.compile(r"^/wp/v2/media(?:/\d+)?/?$"), Media, "a media item"),
)


def schema_for(path: str) -> tuple[type[msgspec.Struct], str] | None:
    """The schema of the answer to ``path`` (a REST route), and what one item is called."""
    bare = path.split("?", 1)[0]
    for pattern, model, what in _ROUTES:
        if pattern.match(bare):
            return model, what
    return None


def item_label(item: Any, index: int) -> str:
    """How a bad item of a listing is named: its id and title when it has them."""
    if isinstance(item, dict):
        ident = item.get("id")
        title = item.get("title")
        if isinstance(title, dict):
            title = title.get("raw") or title.get("rendered")
        words = " ".join(title.split())[:60] if isinstance(title, str) else ""
        shown = f"“{words}”" if words else ""
        if isinstance(ident, int) and not isinstance(ident, bool) and abs(ident) < 10**12:
            return f"item {index + 1} (id {ident}{', ' + shown if shown else ''})"
        if shown:
            return f"item {index + 1} ({shown})"
    return f"item {index + 1}"
