"""The HTML allow-list every rendered post goes through (nh3), and asset URLs.

Allowed: text structure (paragraphs, headings, lists, quotes, code, tables, figures),
inline emphasis, ``sup``/``sub``, links (``http``, ``https``, ``mailto``, ``tel``,
in-page ``#...`` and relative URLs) and images whose ``src`` is a library asset.
Heading ``id`` attributes survive only as slugs (the section anchors). Everything
else (scripts, event handlers, ``style``, iframes, forms, objects, ``javascript:`` and
``data:`` URLs) is removed; ``script``/``style`` elements lose their content too.

Images stored in the library are written ``![alt](asset:12)`` in Markdown (see
:mod:`editor.core.media.image_refs`; the older ``postwright-asset:12`` is read as the same
image). The cached HTML keeps ``asset:12``; :func:`rewrite_asset_urls` maps it for a
target: the preview uses ``postwright-asset:12`` (a custom URL scheme of the GUI), the
export ``assets/<file>``. The ``decorative`` title that marks an image as decorative is
dropped (its alt text is already empty); any other image source is removed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3

ASSET_SCHEME = "asset"
PREVIEW_ASSET_PREFIX = "postwright-asset:"
_ASSET_URL = re.compile(r'(?P<attr>\b(?:src|href))="(?:postwright-)?asset:(?P<id>\d+)"')
_SLUG_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED_IDS = {"post-body", "reference-list", "intro", "references", "author-box"}
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

TAGS = {
    "p", "br", "hr", "div", "span", "strong", "em", "b", "i", "u", "s", "del", "ins",
    "mark", "small", "sub", "sup", "abbr", "cite", "q", "code", "kbd", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", *_HEADINGS,
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
    "abbr": {"title"},
    **{tag: {"id"} for tag in _HEADINGS},
}
LEGACY_ASSET_SCHEME = "postwright-asset"
URL_SCHEMES = {"http", "https", "mailto", "tel", ASSET_SCHEME, LEGACY_ASSET_SCHEME}
_LIBRARY_ASSET = re.compile(r"^(?:postwright-)?asset:(?://)?(\d{1,18})$", re.I)


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("src", "href"):
        asset = _LIBRARY_ASSET.match(value)
        if asset:
            return f"{ASSET_SCHEME}:{int(asset.group(1))}"
        if tag == "img" or value.lower().startswith(f"{LEGACY_ASSET_SCHEME}:"):
            return None  # an image only from the library; nothing else of the preview's scheme
        return value
    if tag == "img" and attribute == "title" and value.strip().lower() == "decorative":
        return None
    if attribute == "id":
        return value if _SLUG_ID.match(value) and value not in _RESERVED_IDS else None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_filter,
    url_schemes=URL_SCHEMES,
    filter_style_properties={"text-align"},
    strip_comments=True,
    link_rel="noopener noreferrer",
)


_INLINE_CLEANER = nh3.Cleaner(
    tags={"p", "br", "a", "strong", "em", "b", "i", "span"},
    clean_content_tags={"script", "style"},
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https", "mailto", "tel"},
    strip_comments=True,
    link_rel="noopener noreferrer",
)


_LINK_CLEANER = nh3.Cleaner(tags={"a"}, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"},
                            link_rel=None)
_HREF = re.compile(r'href="([^"]*)"')
MAX_LINK_CHARS = 4096


def remote_link(url: object) -> str:
    """A link a server sent us (a post's ``link``), fit for an ``href`` in a page we write: absolute
    ``http``/``https``/``mailto`` as the exports' sanitiser lets it through, else "" (no link)."""
    if not isinstance(url, str) or not url.strip() or len(url) > MAX_LINK_CHARS:
        return ""
    cleaned = _LINK_CLEANER.clean(f'<a href="{html.escape(url.strip(), quote=True)}">link</a>')
    found = _HREF.search(cleaned)
    value = html.unescape(found.group(1)) if found else ""
    scheme, sep, _rest = value.partition(":")
    return value if sep and scheme.lower() in {"http", "https", "mailto"} else ""


def sanitize_inline(html: str) -> str:
    """A short snippet (a banner): paragraphs, emphasis and web links only."""
    return _INLINE_CLEANER.clean(html)


def sanitize(html: str) -> str:
    """``html`` with everything outside the allow-list removed."""
    return _CLEANER.clean(html)


def rewrite_asset_urls(html: str, target: str | Callable[[int], str]) -> str:
    """Replace ``asset:<id>`` in ``src``/``href`` with ``target + id`` or ``target(id)``.

    Already mapped preview URLs (``postwright-asset:<id>``) are mapped again too, so a
    preview render can be exported.

    The new URL is HTML-escaped by the caller's function if needed; a prefix is used
    as is (it must be a plain scheme or path, e.g. ``"postwright-asset:"``).
    """

    def replace(match: re.Match[str]) -> str:
        asset_id = int(match.group("id"))
        url = target(asset_id) if callable(target) else f"{target}{asset_id}"
        return f'{match.group("attr")}="{url}"'

    return _ASSET_URL.sub(replace, html)


def asset_ids(html: str) -> list[int]:
    """Ids of the library assets ``html`` refers to, in order, without repeats."""
    seen: dict[int, None] = {}
    for match in _ASSET_URL.finditer(html):
        seen.setdefault(int(match.group("id")), None)
    return list(seen)
