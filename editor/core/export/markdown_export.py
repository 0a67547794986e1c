"""A post as a Markdown file for static site generators (Hugo, Jekyll).

YAML front matter with the keys both understand (``title``, ``date``, ``lastmod``,
``description``, ``tags``, ``slug``, ``author``…) and the body. Citations stay Pandoc
``[@key]`` (``citations="keys"``, for a site that runs its own citation processing) or
become the post's numbers (``citations="numbers"``): ``<sup>1,3-5</sup>`` or ``(1,3-5)``
as the post's display says, with a numbered "References" list appended. Citations inside
code are left alone in both modes. Library images (``asset:12``) point at
``assets/<file>``, without the ``decorative`` title that is our own marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

import yaml

from editor.core.media.image_refs import rewrite_markdown_images
from editor.core.post.blocks import outside_code
from editor.core.post.model import Author, Post
from editor.core.render.citations import CITATION_RE, parse_keys
from editor.core.render.citemarkup import collapse
from editor.core.render.renderer import RenderedPost
from editor.core.render.sanitize import rewrite_asset_urls
from editor.core.render.site_settings import ExportSettings

CITATION_MODES = ("keys", "numbers")
_CITATION = re.compile(CITATION_RE)


def front_matter(
    post: Post, author: Author | None, reviewer: Author | None, settings: ExportSettings
) -> dict[str, Any]:
    data: dict[str, Any] = {"title": post.title, "slug": post.slug}
    if post.published_at or post.created_at:
        data["date"] = post.published_at or post.created_at
    if post.updated_at:
        data["lastmod"] = post.updated_at
    if post.summary:
        data["description"] = post.summary
        data["summary"] = post.summary
    if post.tags:
        data["tags"] = list(post.tags)
    if author:
        data["author"] = author.display_name
    if reviewer:
        data["reviewer"] = reviewer.display_name
    if post.last_reviewed:
        data["last_reviewed"] = post.last_reviewed
    if post.series:
        data["series"] = [post.series]
        if post.series_number is not None:
            data["series_number"] = post.series_number
    if post.banner and post.show_banner:
        data["banner"] = post.banner
    if post.related:
        data["related"] = list(post.related)
    canonical = settings.canonical_url(post.slug)
    if canonical:
        data["canonical_url"] = canonical
    data["draft"] = post.status != "published"
    return data


def markdown_document(
    post: Post,
    rendered: RenderedPost,
    *,
    author: Author | None,
    reviewer: Author | None,
    settings: ExportSettings,
    citations: str = "keys",
    asset_path: Callable[[int], str],
) -> str:
    if citations not in CITATION_MODES:
        raise ValueError(f"citations must be one of {CITATION_MODES}")
    body = rewrite_markdown_images(post.body, asset_path)
    body = rewrite_asset_urls(body, asset_path)
    if citations == "numbers":
        body = _numbered(body, rendered) + _reference_section(rendered)
    meta = yaml.safe_dump(
        front_matter(post, author, reviewer, settings), sort_keys=False, allow_unicode=True, width=1000
    )
    return f"---\n{meta}---\n\n{body.strip()}\n"


def _numbered(body: str, rendered: RenderedPost) -> str:
    numbers = {key: index + 1 for index, key in enumerate(rendered.citation_order)}

    def replace(match: re.Match[str]) -> str:
        keys = parse_keys(match.group("keys"))
        found = [numbers[key] for key in keys if key in numbers]
        missing = [key for key in keys if key not in numbers]
        text = ",".join(str(a) if a == b else f"{a}-{b}" for a, b in collapse(found))
        out = ""
        if text:
            out = f"<sup>{text}</sup>" if rendered.display == "superscript" else f"{match.group('space')}({text})"
        if missing:
            out += ("" if text else match.group("space")) + "".join(f"[?{key}]" for key in missing)
        return out

    return outside_code(body, lambda prose: _CITATION.sub(replace, prose))


def _reference_section(rendered: RenderedPost) -> str:
    entries = re.findall(r"<li id=\"[^\"]*\">(.*?)</li>", rendered.references_html, re.S)
    if not entries:
        return ""
    lines = [f"{n}. {_entry_markdown(entry)}" for n, entry in enumerate(entries, 1)]
    return "\n\n## References\n\n" + "\n".join(lines) + "\n"


def _entry_markdown(html: str) -> str:
    text = re.sub(r"</?(i|em)>", "*", html)
    text = re.sub(r"</?(b|strong)>", "**", text)
    text = re.sub(r"<[^>]+>", "", text)
    return unescape(text)
