"""What a page, fragment, preview or handout shows besides the rendered body, as values.

The render room never reaches into the library: whoever renders gathers these first
(``editor.core.library.page_inputs.article_inputs`` reads them from a library) and
hands them over. A test or a dry run builds them directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from editor.core.post.model import Author, Post
from editor.core.render.renderer import Resolver
from editor.core.render.site_identity import SiteIdentity
from editor.core.render.site_settings import ExportSettings


def no_references(keys: Iterable[str]) -> Mapping[str, Mapping[str, Any]]:
    """A resolver that knows no reference (every citation stays unresolved)."""
    return {}


@dataclass(frozen=True)
class RelatedPost:
    """One "You might also enjoy" entry: a library post (its slug) or plain text (``slug`` None)."""

    title: str
    slug: str | None = None


@dataclass(frozen=True)
class ArticleInputs:
    """One post with everything its article shows around the body.

    ``references`` resolves citekeys to CSL-JSON items (the renderer's :data:`Resolver`);
    ``author`` falls back to the site identity's default author when the post has none.
    """

    post: Post
    settings: ExportSettings = field(default_factory=ExportSettings)
    identity: SiteIdentity = field(default_factory=SiteIdentity)
    references: Resolver = no_references
    author: Author | None = None
    reviewer: Author | None = None
    related: tuple[RelatedPost, ...] = ()

    def cited_items(self, citation_order: Iterable[str]) -> list[Mapping[str, Any]]:
        """The CSL items of ``citation_order``'s keys that resolve, in that order."""
        keys = tuple(citation_order)
        if not keys:
            return []
        found = self.references(keys)
        return [found[key] for key in keys if key in found]
