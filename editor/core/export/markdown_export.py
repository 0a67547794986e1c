"""A post as a Markdown file for static site generators (Hugo, Jekyll).

YAML front matter with the keys both understand (``title``, ``date``, ``lastmod``,
``description``, ``tags``, ``slug``, ``author``…) and the body. Citations stay Pandoc
``[@key]`` (``citations="keys"``, for a site that runs its own citation processing; a bare
``@name`` that is not a reference is escaped as ``\\@name`` so Pandoc leaves it text, as
our page does) or become the post's numbers (``citations="numbers"``): ``<sup>1,3-5</sup>``
or ``(1,3-5)`` as the post's display says, locators as on the page (``3(p12)``), with a
numbered "References" list appended. Both modes read citations with the one grammar
(:mod:`editor.core.post.citation_syntax`), so code is left alone. Library images
(``asset:12``) point at ``assets/<file>``, without the ``decorative`` title that is our own
marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

import yaml

from editor.core.media.image_refs import rewrite_markdown_images
from editor.core.post.citation_syntax import Cluster, find_citations
from editor.core.post.model import Author, Post
from editor.core.render.citations import CiteMark, MarkItem
from editor.core.render.citemarkup import Numbering, ama_locator, citation_html
from editor.core.render.renderer import RenderedPost
from editor.core.render.sanitize import rewrite_asset_urls
from editor.core.render.site_settings import ExportSettings

CITATION_MODES = ("keys", "numbers")


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
    else:
        body = _escape_bare_names(body, rendered)
    meta = yaml.safe_dump(
        front_matter(post, author, reviewer, settings), sort_keys=False, allow_unicode=True, width=1000
    )
    return f"---\n{meta}---\n\n{body.strip()}\n"


def _numbered(body: str, rendered: RenderedPost) -> str:
    """Each citation as the page shows it, in plain Markdown/HTML: ``<sup>1,3(p12)</sup>``."""
    numbering = Numbering(rendered.numbers, rendered.display, names=rendered.names, locator=ama_locator)
    out: list[str] = []
    position = 0
    for found in find_citations(body).spans():
        if not isinstance(found, Cluster):
            continue  # a malformed citation never gets past the gate
        start = found.start
        if not found.narrative:
            while start > position and body[start - 1] in " \t":
                start -= 1
        out.append(body[position:start])
        mark = CiteMark(tuple(MarkItem(i.key, i.locator, i.prefix, i.suffix.strip()) for i in found.items),
                        start < found.start, found.narrative, source=body[found.start : found.end])
        markup = _plain(citation_html(mark, numbering), mark)
        position = found.end
        if markup.startswith("<sup>") and markup.endswith("</sup>") and body[position : position + 1] in (".", ","):
            markup = body[position] + markup  # AMA: outside periods and commas, as on the page
            position += 1
        out.append(markup)
    out.append(body[position:])
    return "".join(out)


def _plain(html: str, mark: CiteMark) -> str:
    """Citation markup without links: ``<sup>1-3</sup>``, ``(1)``, ``[?key]``."""
    if mark.narrative and html == escape(mark.source):
        return mark.source
    text = re.sub(r"</?a\b[^>]*>", "", html)
    text = re.sub(r'<span class="citation-unresolved"[^>]*>(.*?)</span>', r"\1", text)
    text = re.sub(r'<span class="citation">(.*?)</span>', r"\1", text)
    return text.replace('<sup class="citation">', "<sup>")


def _escape_bare_names(body: str, rendered: RenderedPost) -> str:
    """``@name`` that is not a reference → ``\\@name``: Pandoc would read it as a citation."""
    out: list[str] = []
    position = 0
    for cluster in find_citations(body).clusters:
        if cluster.narrative and cluster.keys[0] not in rendered.numbers:
            out.append(body[position : cluster.start] + "\\")
            position = cluster.start
    out.append(body[position:])
    return "".join(out)


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
