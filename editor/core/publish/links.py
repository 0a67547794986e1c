"""What was published where: post ↔ remote post links and uploaded images, keyed by the site's address.

A link belongs to the WordPress site (its normalised address, ``site_address``), not to
the saved-site row that made it: removing a site and adding it again, saving a second
user for the same site, or switching it to https keeps every link, so the next publish
updates the same remote post instead of creating a duplicate.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.library.timeutil import utc_now

if TYPE_CHECKING:
    from editor.core.library import Library
    from editor.core.publish.sites import Site


@dataclass(frozen=True)
class RemotePost:
    post_id: int
    address: str
    remote_id: int
    modified_gmt: str
    content_sha256: str
    status: str
    link: str
    published_version: int | None
    published_at: str | None


def content_digest(remote: dict[str, Any]) -> str:
    """A fingerprint of what an author wrote on the site: title, excerpt and content (raw).

    ``modified_gmt`` alone misses an edit made within the same second as our publish, and
    changes when a reviewer only changes the status; this changes exactly when the text does.
    """
    parts = []
    for name in ("title", "excerpt", "content"):
        value = remote.get(name)
        parts.append(str(value.get("raw", "")) if isinstance(value, dict) else str(value or ""))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


_COLUMNS = "post_id, address, remote_id, modified_gmt, content_sha256, status, link, published_version, published_at"


class LinkStore:
    def __init__(self, lib: Library) -> None:
        self.lib = lib

    # -- posts -----------------------------------------------------------------
    def get(self, post_id: int, site: Site) -> RemotePost | None:
        row = self.lib.db.execute(f"SELECT {_COLUMNS} FROM remote_posts WHERE post_id = ? AND address = ?",
                                  [post_id, site.address]).fetchone()
        return RemotePost(*row) if row else None

    def by_remote_id(self, site: Site, remote_id: int) -> RemotePost | None:
        row = self.lib.db.execute(f"SELECT {_COLUMNS} FROM remote_posts WHERE address = ? AND remote_id = ?",
                                  [site.address, remote_id]).fetchone()
        return RemotePost(*row) if row else None

    def remote_ids(self, site: Site) -> dict[int, int]:
        """remote id → post id of every post linked to the site."""
        rows = self.lib.db.execute("SELECT remote_id, post_id FROM remote_posts WHERE address = ?",
                                   [site.address]).fetchall()
        return {int(remote): int(post) for remote, post in rows}

    def record(self, post_id: int, site: Site, remote: dict[str, Any], *, version: int | None) -> RemotePost:
        """Remember the site's copy of a post as it is now (call inside the caller's transaction)."""
        now = utc_now()
        values = [post_id, site.address, int(remote["id"]), str(remote.get("modified_gmt", "")),
                  content_digest(remote), str(remote.get("status", "")), str(remote.get("link", "")), version,
                  now, now]
        self.lib.db.execute("DELETE FROM remote_posts WHERE address = ? AND remote_id = ? AND post_id != ?",
                            [site.address, int(remote["id"]), post_id])
        self.lib.db.execute(
            "INSERT OR REPLACE INTO remote_posts (post_id, address, remote_id, modified_gmt, content_sha256, status, "
            "link, published_version, published_at, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        found = self.get(post_id, site)
        assert found is not None
        return found

    def published_link(self, post_id: int) -> str | None:
        """The public address of the post's live copy on a site (the newest one), if any: the handout's QR code."""
        row = self.lib.db.execute(
            "SELECT link FROM remote_posts WHERE post_id = ? AND status = 'publish' AND link LIKE 'http%' "
            "ORDER BY published_at DESC LIMIT 1", [post_id]).fetchone()
        return str(row[0]) if row else None

    def set_status(self, site: Site, remote_id: int, status: str) -> None:
        """The status seen on the site now (the content fingerprint is kept: that would hide an edit)."""
        self.lib.db.execute("UPDATE remote_posts SET status = ?, checked_at = ? WHERE address = ? AND remote_id = ?",
                            [status, utc_now(), site.address, remote_id])

    def statuses(self) -> dict[int, builtins.list[tuple[str, str]]]:
        """post id → [(site name, remote status)] for the library browser (sites saved now, one name per address)."""
        out: dict[int, builtins.list[tuple[str, str]]] = {}
        rows = self.lib.db.execute(
            "SELECT r.post_id, (SELECT min(s.name) FROM sites s WHERE s.address = r.address) AS name, r.status "
            "FROM remote_posts r WHERE name IS NOT NULL ORDER BY name").fetchall()
        for post_id, name, status in rows:
            out.setdefault(post_id, []).append((name, status))
        return out

    # -- media -----------------------------------------------------------------
    def media(self, site: Site, sha256: str) -> tuple[int, str] | None:
        row = self.lib.db.execute("SELECT remote_id, url FROM remote_media WHERE address = ? AND sha256 = ?",
                                  [site.address, sha256]).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def record_media(self, site: Site, sha256: str, remote_id: int, url: str) -> None:
        with self.lib.transaction():
            self.lib.db.execute("INSERT OR REPLACE INTO remote_media (address, sha256, remote_id, url, uploaded_at) "
                                "VALUES (?, ?, ?, ?, ?)", [site.address, sha256, remote_id, url, utc_now()])

    def media_urls(self, site: Site) -> builtins.list[tuple[str, int]]:
        """(URL on the site, library asset id) of every image uploaded there that the library still has."""
        rows = self.lib.db.execute(
            "SELECT m.url, a.id FROM remote_media m JOIN assets a ON a.sha256 = m.sha256 WHERE m.address = ?",
            [site.address]).fetchall()
        return [(str(url), int(asset_id)) for url, asset_id in rows]

    def asset_of_media(self, site: Site, media_id: int) -> int | None:
        """The library asset a media item of the site was uploaded from."""
        row = self.lib.db.execute(
            "SELECT a.id FROM remote_media m JOIN assets a ON a.sha256 = m.sha256 WHERE m.address = ? "
            "AND m.remote_id = ?", [site.address, media_id]).fetchone()
        return int(row[0]) if row else None

    # -- a site's address changed ------------------------------------------------
    def readdress(self, old: str, new: str, *, keep_old: bool) -> None:
        """The links of ``old`` now belong to ``new`` (copied when another saved site still uses ``old``).

        Links ``new`` already has win. Call inside the caller's transaction.
        """
        if old == new:
            return
        for table, key in (("remote_posts", "post_id"), ("remote_media", "sha256")):
            others = [c for c in _columns(self.lib, table) if c != "address"]
            listed = ", ".join(others)
            self.lib.db.execute(
                f"INSERT OR IGNORE INTO {table} (address, {listed}) SELECT ?, {listed} FROM {table} "
                f"WHERE address = ? AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.address = ? AND "
                f"t.{key} = {table}.{key})", [new, old, new])
            if not keep_old:
                self.lib.db.execute(f"DELETE FROM {table} WHERE address = ?", [old])


def _columns(lib: Library, table: str) -> builtins.list[str]:
    return [str(row[1]) for row in lib.db.execute(f"PRAGMA table_info({table})").fetchall()]
