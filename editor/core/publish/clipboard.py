"""Copy for website: the post's fragment as HTML and plain text, for a site builder's editor.

Like every exit it passes the publish gate first (``export.website.clear_for_website``):
a post with patient details or an unresolved citation is not copied.

Images become absolute URLs when a saved site already has them (uploaded by an earlier
publish, found by content hash), otherwise ``data:`` URLs embedded in the HTML, so a
paste into any editor shows them. Headings, citations and the reference list are the
export's own markup.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.export.website import clear_for_website, website_html
from editor.core.foundation.errors import NotFoundError
from editor.core.media.images import data_url
from editor.core.post.model import Post
from editor.core.publish.sites import SiteStore

if TYPE_CHECKING:
    from editor.core.library import Library


@dataclass(frozen=True)
class WebsiteCopy:
    html: str
    text: str
    embedded: int  # images carried as data: URLs
    linked: int  # images pointing at a site's media library


def website_copy(lib: Library, post: Post) -> WebsiteCopy:
    """The post's article for a site builder; raises ``PublishBlockedError`` when the gate refuses it."""
    cleared = clear_for_website(lib, post)
    sites = SiteStore(lib).list()
    counts = {"embedded": 0, "linked": 0}

    def asset_url(asset_id: int) -> str:
        try:
            data, mime = lib.assets.get(asset_id)
        except NotFoundError:
            return ""
        digest = hashlib.sha256(data).hexdigest()
        for site in sites:
            known = SiteStore(lib).media_url(site, digest)
            if known is not None:
                counts["linked"] += 1
                return known[1]
        counts["embedded"] += 1
        return data_url(data, mime)

    html = website_html(lib, cleared, "fragment", asset_url=asset_url, show_title=True).strip()
    return WebsiteCopy(html, plain_text(html), counts["embedded"], counts["linked"])


def plain_text(html: str) -> str:
    """Readable text of the fragment: one block per line, list items numbered or bulleted."""
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for item in root.iter("li"):
        parent = item.getparent()
        marker = f"{list(parent).index(item) + 1}. " if parent is not None and parent.tag == "ol" else "- "
        item.text = marker + (item.text or "")
    for element in root.iter("p", "h1", "h2", "h3", "h4", "li", "figcaption", "blockquote"):
        element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip() + "\n"
