"""Bring a site's posts in (``import_site``) or check them without keeping them (``audit_site``).

Both read every post of the site page by page (``context=edit``, any status) and pass
each through the same HTML importer as a saved web page. ``import_site`` stores each
post in its own transaction with its remote id, so a cancelled or failed run keeps
what came in whole and never a half post; posts already linked to the site are skipped.
The site's own pictures come in with each imported post as library images, remembered as the
site's media items so publishing back uploads nothing twice (``site_pictures``).
``audit_site`` imports into a scratch library in memory and runs the writing checks (no picture is
fetched: on the site itself its pictures are at home).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import PostAlreadyImported, PostwrightError
from editor.core.publish import content as remote_content
from editor.core.publish.links import LinkStore
from editor.core.publish.publisher import connect
from editor.core.publish.site_pictures import bring_in_site_pictures, record_site_media
from editor.core.publish.sites import Site
from editor.core.publish.wordpress import WordPressClient

if TYPE_CHECKING:
    from editor.core.library import Library

Progress = Callable[[int, int, str], None]  # (done, total, title)
Cancelled = Callable[[], bool]


@dataclass
class PullResult:
    imported: list[str] = field(default_factory=list)  # slugs
    skipped: list[str] = field(default_factory=list)  # already in the library
    failed: list[str] = field(default_factory=list)  # "title: reason"
    cancelled: bool = False
    pictures: int = 0  # the site's pictures fetched into the library with the imported posts
    pictures_missing: list[str] = field(default_factory=list)  # "title: address: reason" (still shown from the site)


def remote_posts(lib: Library, site: Site | str, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None, skipped: list[str] | None = None,
                 opened: list[WordPressClient] | None = None) -> Iterator[tuple[Site, dict[str, Any], int]]:
    """(site, post, total) for every post of the site, newest first; a sentence per item the site sent
    malformed (skipped, the rest go on) is added to ``skipped``; the client reading them is put in ``opened``
    (open while the posts come)."""
    site, client = connect(lib, site)
    if opened is not None:
        opened.append(client)
    with client:
        total = 0
        done = 0
        answer = client.call("GET", "/wp/v2/posts", params={"context": "edit", "status": "any", "per_page": 1})
        header = answer.headers.get("x-wp-total", "0")
        total = int(header) if header.isdigit() and len(header) <= 12 else 0
        for page in client.pages("/wp/v2/posts", {"context": "edit", "status": "any", "orderby": "id",
                                                  "order": "asc"}):
            if skipped is not None:
                skipped.extend(client.skipped)
            client.skipped.clear()
            for item in page:
                if cancelled and cancelled():
                    return
                done += 1
                if progress:
                    progress(done, max(total, done), remote_content.plain_title(item))
                yield site, item, total


def import_site(lib: Library, site: Site | str, *, progress: Progress | None = None,
                cancelled: Cancelled | None = None, cancel: threading.Event | None = None) -> PullResult:
    """Every post of the site not in the library yet, each with the site's own pictures (fetched into the
    library and remembered as the site's media, ``site_pictures``). ``cancelled`` is asked between posts;
    ``cancel`` also stops a post's pictures (that post is then not imported)."""
    from editor.core.importers.library import store_import

    result = PullResult()
    links = LinkStore(lib)
    clients: list[WordPressClient] = []
    for found_site, item, _total in remote_posts(lib, site, progress=progress, cancelled=cancelled,
                                                 skipped=result.failed, opened=clients):
        title = remote_content.plain_title(item)
        if links.by_remote_id(found_site, int(item["id"])) is not None:
            result.skipped.append(title)
            continue
        try:
            imported = remote_content.parse_remote(item, f"{found_site.name} post {item['id']}")
            imported.body = remote_content.local_images(lib, found_site, imported.body)
            pictures = bring_in_site_pictures(lib, clients[0], found_site, item, imported, cancel=cancel)
            if cancel is not None and cancel.is_set():
                break
            with lib.transaction():
                stored = store_import(lib, imported)
                record_site_media(lib, found_site, pictures)
                links.record(stored.post_id or 0, found_site, item, version=None)
            result.pictures += sum(fetch.fetched for fetch in pictures.fetches)
            result.pictures_missing += [f"{title}: {fetch.url}: {fetch.reason}" for fetch in pictures.fetches
                                        if not fetch.fetched]
        except PostAlreadyImported:  # the same post came in before (as a file, say): in the library already
            result.skipped.append(title)
            continue
        except PostwrightError as error:
            result.failed.append(f"{title}: {error}")
            continue
        result.imported.append(stored.slug)
    result.cancelled = bool(cancelled and cancelled()) or bool(cancel is not None and cancel.is_set())
    return result


def picture_counts(result: PullResult) -> list[str]:
    """The pictures part of an import's summary: "3 pictures fetched", "1 picture not fetched"."""
    def counted(count: int, what: str) -> str:
        return f"{count} picture{'s' if count != 1 else ''} {what}"

    counts = [counted(result.pictures, "fetched")] if result.pictures else []
    if result.pictures_missing:
        counts.append(counted(len(result.pictures_missing), "not fetched (still shown from the site)"))
    return counts


def refresh_statuses(lib: Library, site: Site | str) -> dict[int, str]:
    """Ask the site for the status of every post published there from this library; post id → status.

    A reviewer approving a pending post, or trashing one, changes only the site; this
    brings the library browser's "On site" column up to date. Posts deleted on the
    site are marked ``deleted``.
    """
    site, client = connect(lib, site)
    links = LinkStore(lib)
    by_remote = links.remote_ids(site)
    seen: dict[int, str] = {}
    with client:
        ids = sorted(by_remote)
        for start in range(0, len(ids), 100):
            chunk = ids[start:start + 100]
            for page in client.pages("/wp/v2/posts", {"include": ",".join(map(str, chunk)), "status": "any",
                                                      "context": "edit"}):
                for item in page:
                    seen[int(item["id"])] = str(item.get("status", ""))
            trashed = client.get("/wp/v2/posts", include=",".join(map(str, chunk)), status="trash",
                                 context="edit", per_page=100)
            for item in trashed if isinstance(trashed, list) else []:
                seen[int(item["id"])] = "trash"
    with lib.transaction():
        for remote_id in by_remote:
            links.set_status(site, remote_id, seen.get(remote_id, "deleted"))
    return {by_remote[remote_id]: seen.get(remote_id, "deleted") for remote_id in by_remote}
