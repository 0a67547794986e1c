"""The pieces of a post that live in the site's own lists: terms, users and media.

Categories and tags are found by name (case-insensitive) and created when missing; an
Author-role user may create tags but not categories, which becomes a clear sentence.
Images are uploaded once per site with their alt text: their SHA-256 is remembered with
the media id and URL, so republishing never uploads the same picture twice (and keeps
WordPress's alt text in step with the post's).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from editor.core.foundation.errors import PublishError, SiteConnectionError, ValidationError
from editor.core.library.assets import EXTENSIONS
from editor.core.media.web_images import web_variants
from editor.core.publish.site_images import SiteMedia
from editor.core.publish.wordpress import WordPressClient

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.publish.sites import Site, SiteStore

_TAXONOMY = {"categories": "category", "tags": "tag"}


def term_ids(client: WordPressClient, taxonomy: str, names: list[str]) -> list[int]:
    """Ids of the terms called ``names`` in ``taxonomy`` ("categories" or "tags"), creating missing ones."""
    ids: list[int] = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        found = client.get(f"/wp/v2/{taxonomy}", search=name, per_page=100, context="view")
        match = next((t for t in found if isinstance(t, dict)
                      and _same(str(t.get("name", "")), name)), None)
        if match is None:
            try:
                match = client.post(f"/wp/v2/{taxonomy}", {"name": name})
            except SiteConnectionError as error:
                if error.problem != "forbidden":
                    raise
                raise PublishError(
                    f"The {_TAXONOMY[taxonomy]} {name!r} does not exist on {client.url}, and {client.username} may "
                    f"not create {taxonomy}; ask an editor to add it, or remove it from the post.") from error
        ids.append(int(match["id"]))
    return ids


def _same(remote_name: str, name: str) -> bool:
    import html

    return html.unescape(remote_name).casefold().strip() == name.casefold().strip()


def find_user(client: WordPressClient, display_name: str) -> int | None:
    """The id of the site user whose display name is ``display_name`` (None when the site has none)."""
    if not display_name.strip():
        return None
    try:
        users = client.get("/wp/v2/users", search=display_name, per_page=20)
    except SiteConnectionError as error:
        if error.problem == "forbidden":
            return None
        raise
    for user in users:
        if isinstance(user, dict) and _same(str(user.get("name", "")), display_name):
            return int(user["id"])
    return None


def web_ready(data: bytes, mime: str, content_width: int) -> tuple[bytes, str]:
    """The file to upload: at most twice the content width (sharp on high-density screens), no metadata.

    WordPress makes its own smaller sizes and ``srcset`` from this; JPEG or PNG because
    every WordPress accepts them (WebP uploads depend on the host's image library).
    """
    if mime == "image/svg+xml":
        return data, mime
    try:
        variant = web_variants(data, content_width).at_most(content_width * 2)
    except ValidationError:
        return data, mime  # unreadable here: sent as stored, the site decides
    return variant.data, variant.mime


def upload_image(lib: Library, sites: SiteStore, site: Site, client: WordPressClient,
                 asset_id: int, alt: str, content_width: int = 720) -> tuple[SiteMedia, bool]:
    """Library image ``asset_id`` in the site's media library (uploaded now when the site lacks it), and whether
    it was uploaded now. An image uploaded before keeps WordPress's alt text in step with ours."""
    data, mime = lib.assets.get(asset_id)
    digest = hashlib.sha256(data).hexdigest()
    known = sites.links.media(site, digest)
    if known is not None:
        item = client.media_item(known[0])
        if item is not None:
            if alt and item.get("alt_text") != alt:
                item = {**item, **client.post(f"/wp/v2/media/{known[0]}", {"alt_text": alt})}
            return SiteMedia.from_answer(item), False
    data, mime = web_ready(data, mime, content_width)
    name = f"{digest[:16]}.{EXTENSIONS.get(mime, 'bin')}"
    media = client.upload_media(data, name, mime, alt)
    if not media.get("source_url"):
        raise PublishError(f"{site.url} accepted the image {name} but gave no address for it.")
    uploaded = SiteMedia.from_answer(media)
    sites.links.record_media(site, digest, uploaded.id, uploaded.url)
    return uploaded, True
