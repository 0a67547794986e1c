"""What a post becomes on the site, and what a site's post becomes in the library.

Outgoing: the same sanitized ``<article>`` fragment the export writes (without its
``<h1>``: WordPress prints the title), images pointing at the site's media library; the
publisher gets it from ``export.website.website_html`` after the gate.
Incoming: the site's raw HTML wrapped in a page and read by the same HTML importer
as a saved web page, so a pulled or imported post looks like any other import; then
put back in our own form: images we uploaded (at any of WordPress's sizes) become
``asset:N`` again, and a lead image that went to the site as the featured image only
goes back to its place in the text. ``comparable_post`` does the same without keeping
anything, and ``comparable_ours`` takes our own post through the same round trip, so
the conflict view compares like with like.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.export.website import ClearedPost, website_html
from editor.core.importers.html import parse_html
from editor.core.importers.model import ImportedPost
from editor.core.post.model import Post
from editor.core.publish.links import LinkStore
from editor.core.publish.marks import without_mark

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.publish.sites import Site

_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r'\b(src|alt)="([^"]*)"')
_ASSET = re.compile(r"^(?:postwright-)?asset:(\d+)$")


@dataclass(frozen=True)
class ImageUse:
    asset_id: int
    alt: str


def images_in(body_html: str) -> list[ImageUse]:
    """Library images a rendered body shows, in order, each once, with the alt text of its first use."""
    seen: dict[int, ImageUse] = {}
    for tag in _IMG.findall(body_html):
        attrs = dict(_ATTR.findall(tag))
        match = _ASSET.match(attrs.get("src", ""))
        if match and int(match.group(1)) not in seen:
            seen[int(match.group(1))] = ImageUse(int(match.group(1)), html.unescape(attrs.get("alt", "")))
    return list(seen.values())


def raw_field(item: dict[str, Any], field: str) -> str:
    value = item.get(field)
    if isinstance(value, dict):
        return str(value.get("raw", value.get("rendered", "")) or "")
    return str(value or "")


_OUR_HEADER = re.compile(r'<header class="post-header">.*?</header>', re.S)


def remote_document(item: dict[str, Any]) -> str:
    """A WordPress post (``context=edit``) as a small web page for the HTML importer.

    The header our own fragment carries (series, byline, review note) is metadata the
    library keeps in fields, so it is left out rather than imported as body text.
    """
    title = html.escape(raw_field(item, "title") or f"Post {item.get('id', '')}")
    excerpt = re.sub(r"<[^>]+>", "", raw_field(item, "excerpt")).strip()
    description = f'<meta name="description" content="{html.escape(excerpt)}">' if excerpt else ""
    content = _OUR_HEADER.sub("", without_mark(raw_field(item, "content")), count=1)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>{description}</head>"
            f"<body><article><h1>{title}</h1>{content}</article></body></html>")


def local_images(lib: Library, site: Site, body: str) -> str:
    """Images the site has because we uploaded them point at the library's copy again (``asset:N``).

    WordPress's own sizes of an upload (``photo-768x512.jpg``, ``photo-scaled.jpg``) count too.
    """
    for url, asset_id in LinkStore(lib).media_urls(site):
        stem, dot, extension = url.rpartition(".")
        if not dot or "/" in extension:
            pattern = re.escape(url)
        else:
            pattern = re.escape(stem) + r"(?:-\d+x\d+|-scaled)?\." + re.escape(extension)
        body = re.sub(rf"(?<=\]\(){pattern}(?=[\s)])", f"asset:{asset_id}", body)
    return body


_ASSET_LINE = re.compile(r"!\[[^\]]*\]\(asset:(\d+)[^)]*\)")


def restore_lead_image(theirs: str, ours: str, featured_asset: int | None) -> str:
    """``theirs`` with our lead image back in place when the site has it only as the featured image."""
    if featured_asset is None or f"(asset:{featured_asset}" in theirs:
        return theirs
    blocks = ours.split("\n\n")
    for index, block in enumerate(blocks):
        if block.lstrip().startswith("## "):
            return theirs  # not in the first section: it was never left out of the text
        match = _ASSET_LINE.search(block)
        if match and int(match.group(1)) == featured_asset:
            their_blocks = theirs.split("\n\n")
            their_blocks.insert(min(index, len(their_blocks)), block.strip("\n"))
            return "\n\n".join(their_blocks)
    return theirs


def featured_asset(lib: Library, site: Site, item: dict[str, Any]) -> int | None:
    media_id = item.get("featured_media")
    return LinkStore(lib).asset_of_media(site, int(media_id)) if isinstance(media_id, int) and media_id else None


class _Discard(Exception):
    """Rolls back the scratch transaction of :func:`comparable_post`."""


def comparable_post(lib: Library, site: Site, item: dict[str, Any], ours: Post) -> Post:
    """The site's version of ``ours`` in our Markdown form (references by our keys, images by asset id),
    read through the same import as a pull, with nothing kept in the library."""
    body = _imported_body(lib, site, item)
    body = restore_lead_image(body, ours.body, featured_asset(lib, site, item))
    return ours.replace(title=plain_title(item), summary=_excerpt(item), body=body)


def comparable_ours(lib: Library, site: Site, cleared: ClearedPost) -> Post:
    """Our post as the site would give it back: rendered as we publish it (the gate has passed it) and read
    through the same import, so that beside :func:`comparable_post` only real changes differ (not where a
    citation sits after a full stop, or how a list is written)."""
    import hashlib

    ours = cleared.post
    links = LinkStore(lib)
    placeholders: dict[str, int] = {}

    def asset_url(asset_id: int) -> str:
        data, _mime = lib.assets.get(asset_id)
        known = links.media(site, hashlib.sha256(data).hexdigest())
        if known is not None:
            return known[1]
        placeholder = f"https://{site.address}/postwright-image-{asset_id}.png"  # not on the site yet
        placeholders[placeholder] = asset_id
        return placeholder

    fragment = website_html(lib, cleared, "fragment", asset_url=asset_url, show_title=False).strip()
    item = {"id": 0, "title": {"raw": ours.title}, "excerpt": {"raw": ours.summary}, "content": {"raw": fragment},
            "slug": ours.slug}
    body = _imported_body(lib, site, item)
    for url, asset_id in placeholders.items():
        body = body.replace(f"]({url}", f"](asset:{asset_id}")
    return ours.replace(body=body)


def _imported_body(lib: Library, site: Site, item: dict[str, Any]) -> str:
    from editor.core.importers.library import prepare_post

    imported = parse_remote(item, f"{site.name} post {item.get('id')}")
    found: list[Post] = []
    try:
        with lib.transaction():
            found.append(prepare_post(lib, imported))
            raise _Discard
    except _Discard:
        pass
    return local_images(lib, site, found[0].body).strip() + "\n"


def _excerpt(item: dict[str, Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", raw_field(item, "excerpt"))).strip()


def parse_remote(item: dict[str, Any], source: str) -> ImportedPost:
    """A site's post read through the HTML importer; its slug and excerpt are kept."""
    imported = parse_html(remote_document(item), source)
    excerpt = _excerpt(item)
    imported.title = html.unescape(raw_field(item, "title")).strip() or imported.title
    base = imported.post or Post(title=imported.title)
    imported.post = base.replace(slug=str(item.get("slug") or base.slug), summary=excerpt or base.summary)
    return imported


def plain_title(item: dict[str, Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", raw_field(item, "title"))).strip() or f"Post {item.get('id', '?')}"
