"""A post as HTML: the page, the fragment, and the preview shell, from one template.

Preview shell (``render_preview_shell``): the same ``page.html.j2`` with ``preview`` set:
the CSS is inlined, a Content-Security-Policy ``<meta>`` allows only inline styles and
``postwright-asset:`` / ``data:`` images (no scripts: the GUI injects its own), images
point at ``postwright-asset:<id>``, the reference list is present even when empty, no
JSON-LD is emitted, and a long post lays out only the sections near the screen
(``near_screen.py``). The GUI loads it once and then patches by id:

* ``#post-body > section#<key>`` (one per top-level section; ``PreviewPatch.changed``
  holds their outer HTML),
* ``#reference-list`` (``PreviewPatch.references_html`` is its inner HTML).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import markdown
from markupsafe import Markup

from editor.core.render.inputs import ArticleInputs, RelatedPost
from editor.core.render.jsonld import json_ld, script_json
from editor.core.render.near_screen import near_screen_css
from editor.core.render.renderer import RenderedPost, render_post
from editor.core.render.responsive import Resolver, responsive_images
from editor.core.render.sanitize import PREVIEW_ASSET_PREFIX, rewrite_asset_urls, sanitize_inline
from editor.core.render.site_settings import ExportSettings
from editor.core.render.templates import TemplateSet

PREVIEW_CSP = "default-src 'none'; img-src postwright-asset: data:; style-src 'unsafe-inline'; font-src data:"
AssetUrl = Callable[[int], str]


@dataclass(frozen=True)
class RelatedLink:
    title: str
    href: str | None


def preview_asset_url(asset_id: int) -> str:
    return f"{PREVIEW_ASSET_PREFIX}{asset_id}"


def render_for_export(inputs: ArticleInputs, style: str | None = None) -> RenderedPost:
    settings = inputs.settings
    return render_post(
        inputs.post.body, inputs.references, settings.display_for(inputs.post), style or settings.csl_style,
        asset_prefix=None,
    )


def render_preview_shell(inputs: ArticleInputs, rendered: RenderedPost, markdown_length: int | None = None) -> str:
    """The preview page for ``inputs.post``; see the module docstring for the ids it patches.

    ``markdown_length``: of the whole post when ``rendered`` is a draft of its beginning (default:
    ``inputs.post.body``'s).
    """
    length = len(inputs.post.body) if markdown_length is None else markdown_length
    return render_page(inputs, rendered, mode="preview", asset_url=preview_asset_url,
                       preview_css=near_screen_css(length))


def render_preview_chrome(inputs: ArticleInputs, rendered: RenderedPost) -> tuple[str, str]:
    """``(article HTML, page title)`` for patching a loaded preview after a metadata edit.

    The ``<article>`` of the preview shell with an empty ``#post-body``: the preview keeps
    its sections and swaps everything around them (header, byline, banner, author box,
    related posts).
    """
    settings, post = inputs.settings, inputs.post
    templates = TemplateSet(settings.templates_dir)
    empty = replace(rendered, sections=())
    context = article_context(inputs, empty, preview_asset_url, None, preview=True)
    title = f"{post.title} | {settings.site_name}" if settings.site_name else post.title
    return templates.render("_article.html.j2", **context), title


def render_page(
    inputs: ArticleInputs,
    rendered: RenderedPost,
    *,
    mode: str = "page",
    asset_url: AssetUrl = preview_asset_url,
    css_href: str = "assets/site.css",
    related_href: Callable[[str], str] | None = None,
    web_image: Resolver | None = None,
    preview_css: str = "",
) -> str:
    """A whole HTML document; ``mode`` is ``"page"`` (export) or ``"preview"``.

    ``web_image`` (exports) turns library images into responsive ``<picture>`` elements;
    ``preview_css`` follows the site stylesheet in a preview.
    """
    templates = TemplateSet(inputs.settings.templates_dir)
    context = article_context(inputs, rendered, asset_url, related_href, preview=mode == "preview",
                              web_image=web_image)
    css_inline = None
    if mode == "preview":
        css_inline = Markup(style_text(templates.stylesheet() + preview_css))
    return templates.render("page.html.j2", css_inline=css_inline, css_href=css_href, **context)


def render_fragment(
    inputs: ArticleInputs,
    rendered: RenderedPost,
    *,
    asset_url: AssetUrl = preview_asset_url,
    related_href: Callable[[str], str] | None = None,
    show_title: bool = True,
    web_image: Resolver | None = None,
) -> str:
    """The ``<article>`` alone (reference list and author box included), for a CMS.

    ``show_title=False`` leaves out the ``<h1>``: a CMS that prints the title itself.
    """
    templates = TemplateSet(inputs.settings.templates_dir)
    context = article_context(inputs, rendered, asset_url, related_href, preview=False, web_image=web_image)
    return templates.render("_article.html.j2", show_title=show_title, **context)


def article_context(
    inputs: ArticleInputs,
    rendered: RenderedPost,
    asset_url: AssetUrl,
    related_href: Callable[[str], str] | None,
    *,
    preview: bool,
    web_image: Resolver | None = None,
) -> dict[str, Any]:
    post, settings, identity = inputs.post, inputs.settings, inputs.identity
    author, reviewer = inputs.author, inputs.reviewer
    canonical = settings.canonical_url(post.slug)
    published = (post.published_at or "")[:10]
    body_html = rendered.body_html
    if web_image is not None:
        body_html = responsive_images(body_html, web_image, settings.content_width)
    data = json_ld(
        post, schema_type=settings.schema_type, author=author, reviewer=reviewer,
        canonical=canonical, references=inputs.cited_items(rendered.citation_order),
    )
    return {
        "post": post,
        "preview": preview,
        "lang": "en",
        "csp": PREVIEW_CSP,
        "site_name": settings.site_name,
        "canonical": canonical,
        "author": author,
        "reviewer": reviewer,
        "author_photo": asset_url(author.photo_asset_id) if author and author.photo_asset_id else None,
        "published": published,
        "published_text": published,
        "banner_html": Markup(banner_html(post.banner)) if post.banner and post.show_banner else "",
        "body_html": Markup(rewrite_asset_urls(body_html, asset_url)),
        "references_html": Markup(rendered.references_html),
        "related": related_links(inputs.related, related_href or (lambda slug: _default_related(settings, slug))),
        "json_ld": Markup(script_json(data)),
        "identity": identity,
        "identity_css": Markup(identity.css()),  # only "#rrggbb" values reach it (SiteIdentity validates)
        "logo_url": asset_url(identity.logo_asset_id) if identity.logo_asset_id else None,
        "home_url": settings.site_base_url or None,
    }


def banner_html(text: str) -> str:
    """The promo banner: Markdown limited to paragraphs, emphasis and web links."""
    return sanitize_inline(markdown.markdown(text)).strip()


def related_links(related: Iterable[RelatedPost], href: Callable[[str], str]) -> list[RelatedLink]:
    """Library posts become links (with the post's title); anything else stays plain text."""
    return [RelatedLink(entry.title, href(entry.slug) if entry.slug is not None else None) for entry in related]


def _default_related(settings: ExportSettings, slug: str) -> str:
    return settings.canonical_url(slug) or f"{slug}.html"


def style_text(css: str) -> str:
    """CSS safe inside a ``<style>`` element: no way to close it early."""
    return css.replace("</", "<\\/")
