"""A post's web pictures into the library in one step: ``postwright fetch-images SLUG`` and the app's
Edit → Fetch Web Images into Library.

The pictures are fetched first (``web_fetch``, nothing written meanwhile); then one
transaction stores those that arrived as assets and rewrites their images in the post
to ``asset:ID`` (alt text and titles as written), saved as one revision. A picture that
did not arrive leaves its image exactly as written and is listed with the reason; a
cancelled fetch changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.media.image_refs import ASSET_PREFIX, ImageRef, apply_edits, store_prepared, target_edits
from editor.core.media.web_fetch import FetchLimits, ImageFetch, Progress, fetch_images, web_address, web_image_urls
from editor.core.net import HttpClient

if TYPE_CHECKING:
    from editor.core.library import Library

REVISION_REASON = "web pictures fetched into the library"


@dataclass
class PostPictures:
    """What fetching a post's web pictures did."""

    slug: str
    fetches: list[ImageFetch] = field(default_factory=list)
    assets: dict[str, int] = field(default_factory=dict)  # address → asset id, for the pictures that arrived
    version: int | None = None  # the post's version after the change; None when its text did not change
    cancelled: bool = False

    @property
    def failed(self) -> list[ImageFetch]:
        return [fetch for fetch in self.fetches if not fetch.fetched]

    def lines(self, *, fetched: bool | None = None) -> list[str]:
        """One line per picture (only those that arrived, or did not, when ``fetched`` says so)."""
        return [f"{fetch.url}: {fetch.note}" + (f" (asset:{self.assets[fetch.url]})" if fetch.url in self.assets
                                                 else "")
                for fetch in self.fetches if fetched is None or fetch.fetched == fetched]

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "cancelled": self.cancelled, "version": self.version,
                "pictures": [{"url": fetch.url, "fetched": fetch.fetched, "asset": self.assets.get(fetch.url),
                              "problem": fetch.problem, "reason": fetch.reason} for fetch in self.fetches]}


def store_fetched(lib: Library, fetches: list[ImageFetch]) -> dict[str, int]:
    """The pictures that arrived as library assets (the same picture twice is one asset): address → id."""
    with lib.transaction():
        return {fetch.url: store_prepared(lib, fetch.image) for fetch in fetches if fetch.image is not None}


def asset_edits(text: str, assets: Mapping[str, int]) -> list[tuple[int, int, str]]:
    """The edits that point each image of ``text`` whose web address is in ``assets`` at its library copy."""
    def target(ref: ImageRef) -> str | None:
        url = web_address(ref)
        return f"{ASSET_PREFIX}{assets[url]}" if url is not None and url in assets else None

    return target_edits(text, target)


def fetch_post_pictures(lib: Library, slug: str, *, cancel: threading.Event | None = None,
                        progress: Progress | None = None, limits: FetchLimits | None = None,
                        client: HttpClient | None = None) -> PostPictures:
    """Fetch the web pictures post ``slug`` shows into the library, and point its images at them (one revision)."""
    post = lib.posts.get(slug)
    result = PostPictures(post.slug)
    urls = web_image_urls(post.body)
    if not urls:
        return result
    result.fetches = fetch_images(urls, limits=limits, cancel=cancel, progress=progress, client=client)
    if cancel is not None and cancel.is_set():
        result.cancelled = True
        return result
    if not any(fetch.fetched for fetch in result.fetches):
        return result
    with lib.transaction():
        result.assets = store_fetched(lib, result.fetches)
        current = lib.posts.get_by_id(post.id or 0)  # the text as it is now: edits made meanwhile are kept
        body = apply_edits(current.body, asset_edits(current.body, result.assets))
        if body != current.body:
            result.version = lib.posts.save(current.replace(body=body), reason=REVISION_REASON).version
    return result
