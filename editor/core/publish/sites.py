"""Saved websites (in the library) and their Application Passwords (in the OS keyring).

The library keeps a site's name, address and user name, and per post what was
published where (``remote_posts``) and which images a site already has
(``remote_media``, by content hash). The password is stored with ``keyring`` under the
service ``"Postwright: <site address>"`` and never touches the library or a settings file.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import NotFoundError, PublishError, ValidationError
from editor.core.library.timeutil import utc_now

if TYPE_CHECKING:
    from editor.core.library import Library


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    url: str
    username: str

    @property
    def keyring_service(self) -> str:
        return f"Postwright: {self.url}"


@dataclass(frozen=True)
class RemotePost:
    post_id: int
    site_id: int
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


_REMOTE_COLUMNS = ("post_id, site_id, remote_id, modified_gmt, content_sha256, status, link, published_version, "
                   "published_at")


class SiteStore:
    def __init__(self, lib: Library) -> None:
        self.lib = lib

    # -- sites -----------------------------------------------------------------
    def add(self, name: str, url: str, username: str, password: str) -> Site:
        name, username = name.strip(), username.strip()
        if not name:
            raise ValidationError("Give the site a name (e.g. 'clinic').")
        if not username or not password.strip():
            raise ValidationError("A site needs the WordPress user name and an Application Password.")
        from editor.core.publish.http import check_site_url  # the HTTP client loads when a site is added

        url = check_site_url(url)
        db = self.lib.db
        with self.lib.transaction():
            if db.execute("SELECT 1 FROM sites WHERE name = ?", [name]).fetchone():
                raise ValidationError(f"There is already a site named {name!r}.")
            cursor = db.execute("INSERT INTO sites (name, url, username, created_at) VALUES (?, ?, ?, ?)",
                                [name, url, username, utc_now()])
            site = Site(int(cursor.lastrowid or 0), name, url, username)
            # Inside the transaction: if the keyring refuses, the site row is rolled back too.
            self.set_password(site, password.strip())
        return site

    def list(self) -> list[Site]:
        rows = self.lib.db.execute("SELECT id, name, url, username FROM sites ORDER BY name").fetchall()
        return [Site(*row) for row in rows]

    def get(self, name: str) -> Site:
        row = self.lib.db.execute("SELECT id, name, url, username FROM sites WHERE name = ?", [name]).fetchone()
        if row is None:
            known = ", ".join(site.name for site in self.list()) or "none yet"
            raise NotFoundError(f"No site named {name!r} (sites: {known}).")
        return Site(*row)

    def get_by_id(self, site_id: int) -> Site:
        row = self.lib.db.execute("SELECT id, name, url, username FROM sites WHERE id = ?", [site_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No site with id {site_id}.")
        return Site(*row)

    def remove(self, name: str) -> None:
        site = self.get(name)
        with self.lib.transaction():
            for table in ("remote_posts", "remote_media", "sites"):
                column = "id" if table == "sites" else "site_id"
                self.lib.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [site.id])
        keyring = _keyring()
        try:
            keyring.delete_password(site.keyring_service, site.username)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise PublishError(f"The site was removed, but its password could not be removed from the "
                               f"system keyring: {error}.") from error

    # -- passwords -------------------------------------------------------------
    def set_password(self, site: Site, password: str) -> None:
        keyring = _keyring()
        try:
            keyring.set_password(site.keyring_service, site.username, password)
        except keyring.errors.KeyringError as error:
            raise PublishError(f"The system keyring could not store the password for {site.name}: {error}.") from error

    def password(self, site: Site) -> str:
        keyring = _keyring()
        try:
            value = keyring.get_password(site.keyring_service, site.username)
        except keyring.errors.KeyringError as error:
            raise PublishError(f"The system keyring could not be read for {site.name}: {error}.") from error
        if not value:
            raise PublishError(f"No password for {site.username} on {site.name} in the system keyring; "
                               "add the site again with its Application Password.")
        return str(value)

    # -- what is published where -----------------------------------------------
    def remote(self, post_id: int, site: Site) -> RemotePost | None:
        row = self.lib.db.execute(f"SELECT {_REMOTE_COLUMNS} FROM remote_posts WHERE post_id = ? AND site_id = ?",
                                  [post_id, site.id]).fetchone()
        return RemotePost(*row) if row else None

    def by_remote_id(self, site: Site, remote_id: int) -> RemotePost | None:
        row = self.lib.db.execute(f"SELECT {_REMOTE_COLUMNS} FROM remote_posts WHERE site_id = ? AND remote_id = ?",
                                  [site.id, remote_id]).fetchone()
        return RemotePost(*row) if row else None

    def record(self, post_id: int, site: Site, remote: dict[str, Any], *, version: int | None) -> RemotePost:
        """Remember the site's copy of a post as it is now (call inside the caller's transaction)."""
        values = [post_id, site.id, int(remote["id"]), str(remote.get("modified_gmt", "")), content_digest(remote),
                  str(remote.get("status", "")), str(remote.get("link", "")), version, utc_now(), utc_now()]
        self.lib.db.execute("DELETE FROM remote_posts WHERE site_id = ? AND remote_id = ? AND post_id != ?",
                            [site.id, int(remote["id"]), post_id])
        self.lib.db.execute(
            "INSERT OR REPLACE INTO remote_posts (post_id, site_id, remote_id, modified_gmt, content_sha256, status, "
            "link, published_version, published_at, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        found = self.remote(post_id, site)
        assert found is not None
        return found

    def set_status(self, site: Site, remote_id: int, status: str) -> None:
        """The status seen on the site now (the content fingerprint is kept: that would hide an edit)."""
        self.lib.db.execute("UPDATE remote_posts SET status = ?, checked_at = ? WHERE site_id = ? AND remote_id = ?",
                            [status, utc_now(), site.id, remote_id])

    def statuses(self) -> dict[int, builtins.list[tuple[str, str]]]:
        """post id → [(site name, remote status)] for the library browser."""
        out: dict[int, builtins.list[tuple[str, str]]] = {}
        rows = self.lib.db.execute(
            "SELECT r.post_id, s.name, r.status FROM remote_posts r JOIN sites s ON s.id = r.site_id "
            "ORDER BY s.name").fetchall()
        for post_id, name, status in rows:
            out.setdefault(post_id, []).append((name, status))
        return out

    def media_url(self, site: Site, sha256: str) -> tuple[int, str] | None:
        row = self.lib.db.execute("SELECT remote_id, url FROM remote_media WHERE site_id = ? AND sha256 = ?",
                                  [site.id, sha256]).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def record_media(self, site: Site, sha256: str, remote_id: int, url: str) -> None:
        with self.lib.transaction():
            self.lib.db.execute("INSERT OR REPLACE INTO remote_media (site_id, sha256, remote_id, url, uploaded_at) "
                                "VALUES (?, ?, ?, ?, ?)", [site.id, sha256, remote_id, url, utc_now()])


def _keyring() -> Any:
    """The ``keyring`` module, imported when a password is needed (not when the library list
    shows which posts are on a site: the app starts without it)."""
    import keyring
    import keyring.errors

    return keyring
