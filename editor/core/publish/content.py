"""What a post becomes on the site, and what a site's post becomes in the library.

Outgoing: the same sanitized ``<article>`` fragment the export writes (without its
``<h1>``: WordPress prints the title), images pointing at the site's media library.
Incoming: the site's raw HTML wrapped in a page and read by the same HTML importer
as a saved web page, so a pulled or imported post looks like any other import.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editor.core.importers.html import parse_html
from editor.core.importers.model import ImportedPost
from editor.core.post.model import Post
from editor.core.render.page import render_for_export, render_fragment
from editor.core.render.site_settings import ExportSettings

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


def post_images(lib: Any, post: Post, settings: ExportSettings | None = None) -> list[ImageUse]:
    settings = settings or ExportSettings.from_library(lib)
    return images_in(render_for_export(lib, post, settings).body_html)


def site_fragment(lib: Any, post: Post, asset_url: Callable[[int], str],
                  settings: ExportSettings | None = None, *, show_title: bool = False) -> str:
    settings = settings or ExportSettings.from_library(lib)
    rendered = render_for_export(lib, post, settings)
    return render_fragment(lib, post, rendered, settings=settings, asset_url=asset_url,
                           show_title=show_title).strip()


def _raw(item: dict[str, Any], field: str) -> str:
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
    title = html.escape(_raw(item, "title") or f"Post {item.get('id', '')}")
    excerpt = re.sub(r"<[^>]+>", "", _raw(item, "excerpt")).strip()
    description = f'<meta name="description" content="{html.escape(excerpt)}">' if excerpt else ""
    content = _OUR_HEADER.sub("", _raw(item, "content"), count=1)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>{description}</head>"
            f"<body><article><h1>{title}</h1>{content}</article></body></html>")


def local_images(lib: Any, site_id: int, body: str) -> str:
    """Images the site has because we uploaded them point at the library's copy again (``asset:N``)."""
    rows = lib.db.execute(
        "SELECT m.url, a.id FROM remote_media m JOIN assets a ON a.sha256 = m.sha256 WHERE m.site_id = ?",
        [site_id]).fetchall()
    for url, asset_id in rows:
        body = body.replace(f"]({url})", f"](asset:{asset_id})")
    return body


def parse_remote(item: dict[str, Any], source: str) -> ImportedPost:
    """A site's post read through the HTML importer; its slug and excerpt are kept."""
    imported = parse_html(remote_document(item), source)
    excerpt = html.unescape(re.sub(r"<[^>]+>", "", _raw(item, "excerpt"))).strip()
    imported.title = html.unescape(_raw(item, "title")).strip() or imported.title
    base = imported.post or Post(title=imported.title)
    imported.post = base.replace(slug=str(item.get("slug") or base.slug), summary=excerpt or base.summary)
    return imported


def plain_title(item: dict[str, Any]) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", _raw(item, "title"))).strip() or f"Post {item.get('id', '?')}"
