"""The site's own pictures in a post pulled from it: into the library, remembered as the site's media.

A post written on the clinic's WordPress shows pictures from the site's media library
(``<img class="wp-image-N" src="…/photo-1024x683.jpg">``); the import keeps them as web
addresses, which the image checks report and the exits drop. The import already talks to
the site, and these are the clinic's own pictures, so :func:`bring_in_site_pictures` fetches
each picture the site itself serves (the same registrable site as its address, by the
Public Suffix List) through ``media.web_fetch``, bounded and cleaned like any picture,
and makes it a collected image of the import (an ``asset:ID`` once stored). When the
picture is an item of the site's media library — named by its ``wp-image-N`` class and
checked against the item's own addresses, else found among the post's attachments or by
its file name — the original upload is fetched (not the size the post shows) and
:func:`record_site_media` remembers the item in ``remote_media``, so publishing the post
back reuses that item instead of uploading a second copy. The post's featured image, when
the text does not show it, comes in the same way as the post's lead picture, where
publishing takes the featured image from (``site_images``). Other sites' pictures stay web
addresses, as in any offline import.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from editor.core.foundation.errors import PublishError
from editor.core.importers.model import ImportedPost, ReportLine
from editor.core.importers.web_pictures import collect
from editor.core.media.image_refs import escape_alt
from editor.core.media.web_fetch import FetchLimits, ImageFetch, fetch_images, web_image_urls
from editor.core.net import same_site
from editor.core.publish.content import raw_field
from editor.core.publish.links import LinkStore
from editor.core.publish.site_images import SiteMedia
from editor.core.publish.sites import Site
from editor.core.publish.wordpress import WordPressClient

if TYPE_CHECKING:
    from editor.core.library import Library

MAX_NAME_SEARCHES = 20  # media searches by file name for one post's pictures not otherwise found
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = re.compile(r"""\s([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_WP_IMAGE = re.compile(r"\bwp-image-(\d{1,12})\b")
_SIZE_SUFFIX = re.compile(r"-(?:\d{1,5}x\d{1,5}|scaled|rotated)$")
_FIELDS = "id,source_url,media_details,alt_text"


@dataclass(frozen=True)
class SiteMediaUse:
    """An item of the site's media library a pulled post uses, and the sha256 of its library copy."""

    media: SiteMedia
    sha256: str


@dataclass(frozen=True)
class _Found:
    media: SiteMedia
    alt: str = ""


@dataclass
class SitePictures:
    """What :func:`bring_in_site_pictures` did for one post: the fetches, and the media items to remember."""

    fetches: list[ImageFetch] = field(default_factory=list)
    media: list[SiteMediaUse] = field(default_factory=list)


def bring_in_site_pictures(lib: Library, client: WordPressClient, site: Site, item: dict[str, Any],
                           imported: ImportedPost, *, cancel: threading.Event | None = None,
                           limits: FetchLimits | None = None, known_lead: bool = True) -> SitePictures:
    """Fetch the pictures of ``imported`` (the site's post ``item``) that the site itself serves into its
    collected images; the media items among them are returned for :func:`record_site_media`. Nothing
    changes when ``cancel`` is set meanwhile.

    Pictures we uploaded are mapped back to their library images first (``content.local_images``);
    a featured image we uploaded is put first in the text as that library image (``known_lead``;
    the conflict pull puts it back where our text had it instead, ``content.restore_lead_image``).
    """
    hints = _class_hints(raw_field(item, "content"))
    own = [url for url in web_image_urls(imported.body) if same_site(url, site.url) or url in hints]
    found = _media_for(client, item, own, hints) if own else {}
    plan = {url: found[url].media.url if url in found else url for url in own
            if url in found or same_site(url, site.url)}  # address shown → address fetched (the original upload)
    featured = _featured(client, item, own)
    ours = LinkStore(lib).asset_of_media(site, featured.media.id) if featured is not None else None
    if featured is not None and ours is not None:
        if known_lead and f"(asset:{ours}" not in imported.body:
            imported.body = f"![{escape_alt(featured.alt)}](asset:{ours})\n\n{imported.body.lstrip()}"
        featured = None
    if featured is not None:
        plan[featured.media.url] = featured.media.url
        found[featured.media.url] = featured
    if not plan:
        return SitePictures()
    fetched = {fetch.url: fetch for fetch in fetch_images(list(dict.fromkeys(plan.values())), limits=limits,
                                                          cancel=cancel)}
    if cancel is not None and cancel.is_set():
        return SitePictures(list(fetched.values()))
    lead = fetched[featured.media.url] if featured is not None else None
    if featured is not None and lead is not None and lead.fetched:
        imported.body = f"![{escape_alt(featured.alt)}]({lead.url})\n\n{imported.body.lstrip()}"
    shown = [_as_shown(url, fetched[source]) for url, source in plan.items()
             if lead is None or url != lead.url or lead.fetched]
    collect(imported, shown)
    if lead is not None:
        _say_featured(imported, lead)
    uses: dict[int, SiteMediaUse] = {}
    for fetch in shown:
        if fetch.image is not None and fetch.url in found:
            media = found[fetch.url].media
            uses.setdefault(media.id, SiteMediaUse(media, hashlib.sha256(fetch.image.data).hexdigest()))
    return SitePictures(shown, list(uses.values()))


def record_site_media(lib: Library, site: Site, pictures: SitePictures) -> None:
    """Remember the media items the pulled post's pictures are (call inside the import's transaction)."""
    links = LinkStore(lib)
    for use in pictures.media:
        if links.media(site, use.sha256) is None:
            links.record_media(site, use.sha256, use.media.id, use.media.url)


def _as_shown(url: str, fetch: ImageFetch) -> ImageFetch:
    """The fetch of a picture's original under the address the post shows it by (so the text can find it)."""
    return fetch if fetch.url == url else ImageFetch(url, fetch.image, fetch.problem, fetch.reason)


def _say_featured(imported: ImportedPost, lead: ImageFetch) -> None:
    """The featured image's line of the report says what it is, and where it went."""
    placed = ": placed as the post's first picture" if lead.fetched else ""
    note = f"the featured image on the site, {lead.note}{placed}"
    for index, line in enumerate(imported.report):
        if line.destination == "image" and line.text == lead.url[:80]:
            imported.report[index] = ReportLine("image", line.text, note)
            return
    imported.report.append(ReportLine("image", lead.url[:80], note))


# -- which media item a picture is ------------------------------------------------------------------------
def _class_hints(content: str) -> dict[str, int]:
    """address → media id, from each ``<img>`` of the raw content whose class names ``wp-image-N``."""
    hints: dict[str, int] = {}
    for tag in _IMG.findall(content):
        attrs = {name.lower(): html.unescape(value.strip("\"'")) for name, value in _ATTR.findall(tag)}
        match = _WP_IMAGE.search(attrs.get("class", ""))
        src = attrs.get("src", "").strip()
        if match and src:
            hints.setdefault("https:" + src if src.startswith("//") else src, int(match.group(1)))
    return hints


def _media_for(client: WordPressClient, item: dict[str, Any], urls: list[str],
               hints: dict[str, int]) -> dict[str, _Found]:
    """address → the media item it shows: by class (checked against the item's addresses), then among the
    post's attachments, then by file name."""
    found: dict[str, _Found] = {}
    for url in urls:
        if url in hints:
            media = _media_item(client, hints[url])
            if media is not None and _shows(media.media, url):
                found[url] = media
    missing = [url for url in urls if url not in found]
    if missing and isinstance(item.get("id"), int):
        attached = _listing(client, {"parent": int(item["id"])})
        for url in missing:
            match = next((media for media in attached if _shows(media.media, url)), None)
            if match is not None:
                found[url] = match
    for url in [url for url in urls if url not in found][:MAX_NAME_SEARCHES]:
        match = next((media for media in _listing(client, {"search": _stem(url)}) if _shows(media.media, url)),
                     None)
        if match is not None:
            found[url] = match
    return found


def _featured(client: WordPressClient, item: dict[str, Any], shown: list[str]) -> _Found | None:
    """The post's featured image when the text does not show it (any of its sizes)."""
    media_id = item.get("featured_media")
    if not isinstance(media_id, int) or media_id <= 0:
        return None
    media = _media_item(client, media_id)
    if media is None or any(_shows(media.media, url) for url in shown):
        return None
    return media


def _media_item(client: WordPressClient, media_id: int) -> _Found | None:
    try:
        answer = client.media_item(media_id)
    except PublishError:
        return None  # not readable by this user: the picture is fetched as shown, if it is the site's own
    return _site_media(answer) if answer else None


def _listing(client: WordPressClient, params: dict[str, Any]) -> list[_Found]:
    try:
        items = client.get("/wp/v2/media", context="edit", per_page=100, _fields=_FIELDS, **params)
    except PublishError:
        return []
    return [media for media in (_site_media(entry) for entry in items if isinstance(entry, dict)) if media]


def _site_media(answer: dict[str, Any]) -> _Found | None:
    media = SiteMedia.from_answer(answer)
    return _Found(media, str(answer.get("alt_text") or "")) if media.url else None


def _shows(media: SiteMedia, url: str) -> bool:
    """Whether ``url`` is the item's upload or one of the sizes WordPress made of it."""
    wanted = _comparable(url)
    return any(_comparable(address) == wanted for address in (media.url, *(size[2] for size in media.sizes)))


def _comparable(url: str) -> str:
    parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    return f"{(parts.hostname or '').lower()}{parts.port or ''}{unquote(parts.path)}"


def _stem(url: str) -> str:
    """The file name WordPress titles an upload by: without its extension or size suffix."""
    stem = PurePosixPath(unquote(urlsplit(url).path)).stem
    return _SIZE_SUFFIX.sub("", stem)[:100]
