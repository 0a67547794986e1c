"""What an import produces: the parsed post (pure) and the summary of a library import."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from editor.core.post.model import Post
from editor.core.post.slugs import slugify


@dataclass(frozen=True)
class ReferenceEntry:
    """One entry of a numbered reference list, as found in the source."""

    number: int  # the number the source gave it (or its position when unnumbered)
    text: str  # the entry verbatim, as plain text
    url: str | None = None  # the first URL in the entry, if any
    key: str = ""  # provisional citation key used in the imported body (``ref-N``)
    cited: bool = False
    csl: dict[str, Any] | None = None  # the entry read into CSL (the text itself kept in ``note``)
    problems: tuple[str, ...] = ()  # why the reading needs a person's review; () when read fully


@dataclass(frozen=True)
class ReportLine:
    """Where one block of the source went.

    ``destination`` is "title", "banner", "summary", "body", "reference", "author", "related"
    or "dropped"; every word of the source ends up in one of them, and "dropped" is only ever
    site chrome or a repeated copy of something kept, listed so the author can see it.
    """

    destination: str
    text: str  # the block's text, shortened for reading
    note: str = ""  # why, when the reason is not obvious ("site chrome", "not a reference")

    def as_dict(self) -> dict[str, str]:
        return {"to": self.destination, "text": self.text, "note": self.note}


@dataclass(frozen=True)
class AuthorBox:
    name: str
    credentials: str = ""  # e.g. "PA-C" or "MD, MPH"
    bio: str = ""


@dataclass(frozen=True)
class RelatedEntry:
    """One "You Might Also Enjoy" link; ``chapter`` comes from "Chapter N" in its title."""

    title: str
    chapter: int | None = None
    label: str | None = None  # a category line shown above the title, if any
    url: str | None = None

    @property
    def display(self) -> str:
        """The title as a post's related list keeps it, chapter included."""
        return f"{self.title} (Chapter {self.chapter})" if self.chapter is not None else self.title


@dataclass(frozen=True)
class ImportedImage:
    """An image embedded in the source; ``placeholder`` is its URL in ``ImportedPost.body``."""

    placeholder: str
    data: bytes
    mime: str
    filename: str


@dataclass
class ImportedPost:
    """The result of parsing one source; nothing is stored yet."""

    title: str
    body: str  # Markdown with ``##`` sections and ``[@key]`` citations
    source_name: str
    source_kind: str  # "text", "html", "docx" or "markdown"
    banner: str | None = None
    sections: list[str] = field(default_factory=list)  # titles of the body's headings
    citations: int = 0  # citation groups converted from numbers
    references: list[ReferenceEntry] = field(default_factory=list)
    unresolved: list[int] = field(default_factory=list)  # numbers cited but not listed
    author: AuthorBox | None = None
    reviewer: AuthorBox | None = None  # a medical reviewer named in front matter
    related: list[RelatedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    images: list[ImportedImage] = field(default_factory=list)
    series_number: int | None = None  # from "Chapter N" in the title
    post: Post | None = None  # set when the source carried front matter
    report: list[ReportLine] = field(default_factory=list)  # where each block of the source went
    summary: str | None = None  # an excerpt the page printed under its title

    def to_post(self) -> Post:
        """A new, unsaved post built from this import (slug and author left to the library)."""
        base = self.post or Post(title=self.title)
        return base.replace(
            id=None,
            slug=slugify(base.slug) if base.slug else "",
            title=self.title,
            body=self.body,
            banner=self.banner if self.banner is not None else base.banner,
            summary=base.summary or self.summary or "",
            # A banner guessed from the page is kept but shown only once the author says so.
            show_banner=base.show_banner if self.post is not None else False,
            related=[entry.display for entry in self.related] or list(base.related),
            series_number=self.series_number if self.series_number is not None else base.series_number,
            version=0,
            updated_at=None,
            deleted_at=None,
        )


@dataclass
class ImportResult:
    """What ``import_path`` did for one file; ``to_dict()`` is what ``--json`` prints."""

    slug: str
    title: str
    sections: int
    citations: int  # citation groups in the imported body
    references: int  # entries read from the source's reference list
    unresolved: list[int]  # orphans: numbers cited with no entry, kept as [@missing-N]
    warnings: list[str]
    post_id: int | None = None
    source: str = ""
    references_created: int = 0
    references_matched: int = 0  # entries that were already in the library
    updated: bool = False  # an existing post was updated rather than a new one created
    author: str | None = None  # the byline read from the author box ("Jane A. Smith, PA-C")
    report: list[dict[str, str]] = field(default_factory=list)
    # One per reference-list entry: number, key, status ("parsed fully", "needs review",
    # "matched online"), problems, text, and an online suggestion when one was found.
    reference_status: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0  # words of prose in the stored body (report.prose_words): what the person gets

    @property
    def orphans(self) -> int:
        return len(self.unresolved)

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "orphans": self.orphans}

    to_dict = as_dict
