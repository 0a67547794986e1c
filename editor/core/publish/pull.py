"""Bring a site's posts in (``import_site``) or check them without keeping them (``audit_site``).

Both read every post of the site page by page (``context=edit``, any status) and pass
each through the same HTML importer as a saved web page. ``import_site`` stores each
post in its own transaction with its remote id, so a cancelled or failed run keeps
what came in whole and never a half post; posts already linked to the site are skipped.
``audit_site`` imports into a scratch library in memory and runs the writing checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import PostAlreadyImported, PostwrightError
from editor.core.publish import content as remote_content
from editor.core.publish.links import LinkStore
from editor.core.publish.publisher import connect
from editor.core.publish.sites import Site

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


def remote_posts(lib: Library, site: Site | str, *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None,
                 skipped: list[str] | None = None) -> Iterator[tuple[Site, dict[str, Any], int]]:
    """(site, post, total) for every post of the site, newest first; a sentence per item the site sent
    malformed (skipped, the rest go on) is added to ``skipped``."""
    site, client = connect(lib, site)
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
                cancelled: Cancelled | None = None) -> PullResult:
    from editor.core.importers.library import store_import

    result = PullResult()
    links = LinkStore(lib)
    for found_site, item, _total in remote_posts(lib, site, progress=progress, cancelled=cancelled,
                                                 skipped=result.failed):
        title = remote_content.plain_title(item)
        if links.by_remote_id(found_site, int(item["id"])) is not None:
            result.skipped.append(title)
            continue
        try:
            imported = remote_content.parse_remote(item, f"{found_site.name} post {item['id']}")
            imported.body = remote_content.local_images(lib, found_site, imported.body)
            with lib.transaction():
                stored = store_import(lib, imported)
                links.record(stored.post_id or 0, found_site, item, version=None)
        except PostAlreadyImported:  # the same post came in before (as a file, say): in the library already
            result.skipped.append(title)
            continue
        except PostwrightError as error:
            result.failed.append(f"{title}: {error}")
            continue
        result.imported.append(stored.slug)
    result.cancelled = bool(cancelled and cancelled())
    return result


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
