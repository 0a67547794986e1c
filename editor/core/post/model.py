"""The post and author records as plain dataclasses (no storage, no Qt)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import NamedTuple

STATUSES = ("draft", "review", "published")
CITATION_DISPLAYS = ("superscript", "parentheses")


@dataclass
class Author:
    name: str
    credentials: str = ""  # e.g. "PA-C"
    job_title: str = ""
    bio: str = ""
    photo_asset_id: int | None = None
    id: int | None = None

    @property
    def display_name(self) -> str:
        """``"Jordan Ellis, PA-C"`` — the name as printed in a byline."""
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@dataclass
class Post:
    """One article. ``body`` is Markdown with ``##`` sections and ``[@key]`` citations."""

    title: str
    slug: str = ""
    summary: str = ""  # also the page's meta description
    body: str = ""
    status: str = "draft"
    author_id: int | None = None
    reviewer_id: int | None = None
    last_reviewed: str | None = None  # ISO date, YYYY-MM-DD
    tags: list[str] = field(default_factory=list)
    series: str | None = None
    series_number: int | None = None
    banner: str | None = None
    show_banner: bool = True  # False: the banner is kept but not on the page (imported banners)
    related: list[str] = field(default_factory=list)  # slugs of library posts, or titles
    citation_display: str | None = None  # None: the library's setting
    created_at: str | None = None
    updated_at: str | None = None
    published_at: str | None = None
    version: int = 0  # bumped by every save; a stale version is a conflict
    deleted_at: str | None = None
    id: int | None = None

    def replace(self, **changes: object) -> Post:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]  # fields checked at runtime


class PostSummary(NamedTuple):
    """What the library list shows; loading it reads only a covering index, never bodies."""

    id: int
    slug: str
    title: str
    status: str
    updated_at: str
    tags: tuple[str, ...] = ()
    deleted_at: str | None = None


@dataclass(frozen=True)
class Revision:
    id: int
    post_id: int
    version: int
    created_at: str
    title: str
    body: str
    reason: str  # "autosave", "save", "restore", "import"...
