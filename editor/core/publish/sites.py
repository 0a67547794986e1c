"""Saved websites (in the library) and their Application Passwords (in the OS keyring).

The library keeps a site's name, address, user name and a random, stable id (``uid``);
the password lives in the system keyring under that id (``site_secrets``) and never
touches the library or a settings file. What was published where is in ``links``,
keyed by the site's address, so it outlives the saved-site row.

A site can be edited (name, address, user, password) without losing its links: a new
address takes the links of the old one along.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import NotFoundError, PublishError, ValidationError
from editor.core.foundation.suggest import end_of_not_found
from editor.core.library.timeutil import utc_now
from editor.core.publish import site_secrets
from editor.core.publish.links import LinkStore, RemotePost, content_digest
from editor.core.publish.site_address import site_address, site_url

if TYPE_CHECKING:
    from editor.core.library import Library

__all__ = ["RemotePost", "Site", "SiteStore", "content_digest", "normalise_url"]


@dataclass(frozen=True)
class Site:
    id: int
    uid: str
    name: str
    url: str
    username: str
    address: str
    legacy_secret: bool = False  # the password is still under the pre-id keyring entry

    @property
    def keyring_service(self) -> str:
        return site_secrets.service(self.uid)


def normalise_url(url: str) -> str:
    """What was typed as the site's address, understood (``/wp-admin`` and the like removed) and checked."""
    from editor.core.publish.http import check_site_url  # the HTTP client loads when a site is saved

    return check_site_url(site_url(url))


_SITE_COLUMNS = "id, uid, name, url, username, address, legacy_secret"


def _site(row: Any) -> Site:
    return Site(int(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), str(row[5]), bool(row[6]))


class SiteStore:
    def __init__(self, lib: Library) -> None:
        self.lib = lib
        self.links = LinkStore(lib)

    # -- sites -----------------------------------------------------------------
    def add(self, name: str, url: str, username: str, password: str) -> Site:
        name, username, password = name.strip(), username.strip(), password.strip()
        if not name:
            raise ValidationError("Give the site a name (e.g. 'clinic').")
        if not username or not password:
            raise ValidationError("A site needs the WordPress user name and an Application Password.")
        url = normalise_url(url)
        db = self.lib.db
        with self.lib.transaction():
            if db.execute("SELECT 1 FROM sites WHERE name = ?", [name]).fetchone():
                raise ValidationError(f"There is already a site named {name!r}; change it with 'site edit {name}' "
                                      "(or Edit in Settings → Sites).")
            import uuid  # loads a C library: only when a site is added

            uid = uuid.uuid4().hex
            cursor = db.execute(
                "INSERT INTO sites (name, url, username, created_at, uid, address, legacy_secret) "
                "VALUES (?, ?, ?, ?, ?, ?, 0)", [name, url, username, utc_now(), uid, site_address(url)])
            site = self.get_by_id(int(cursor.lastrowid or 0))
            # Inside the transaction: if the keyring refuses, the site row is rolled back too.
            self.set_password(site, password)
        return site

    def edit(self, name: str, *, new_name: str | None = None, url: str | None = None, username: str | None = None,
             password: str | None = None) -> Site:
        """Change a saved site; what is None stays. Links follow a new address; the password follows a new user."""
        site = self.get(name)
        new_name = site.name if new_name is None else new_name.strip()
        username = site.username if username is None else username.strip()
        url = site.url if url is None else normalise_url(url)
        password = None if password is None or not password.strip() else password.strip()
        if not new_name:
            raise ValidationError("Give the site a name (e.g. 'clinic').")
        if not username:
            raise ValidationError("A site needs the WordPress user name.")
        if password is None and site.legacy_secret:
            self._move_legacy_password(site)  # before the address it was filed under changes
            site = self.get_by_id(site.id)
        if password is None and username != site.username:
            password = self.password(site)  # read before the write transaction: the keyring may ask to unlock
        db = self.lib.db
        with self.lib.transaction():
            if new_name != site.name and db.execute("SELECT 1 FROM sites WHERE name = ?", [new_name]).fetchone():
                raise ValidationError(f"There is already a site named {new_name!r}.")
            address = site_address(url)
            if address != site.address:
                shared = db.execute("SELECT 1 FROM sites WHERE address = ? AND id != ?",
                                    [site.address, site.id]).fetchone()
                self.links.readdress(site.address, address, keep_old=shared is not None)
            db.execute("UPDATE sites SET name = ?, url = ?, username = ?, address = ? WHERE id = ?",
                       [new_name, url, username, address, site.id])
            edited = self.get_by_id(site.id)
            if password is not None:  # inside the transaction: if the keyring refuses, nothing changes
                self.set_password(edited, password)
        if username != site.username:
            site_secrets.delete(site.keyring_service, site.username, site.name)
        return edited

    def list(self) -> builtins.list[Site]:
        rows = self.lib.db.execute(f"SELECT {_SITE_COLUMNS} FROM sites ORDER BY name").fetchall()
        return [_site(row) for row in rows]

    def get(self, name: str) -> Site:
        row = self.lib.db.execute(f"SELECT {_SITE_COLUMNS} FROM sites WHERE name = ?", [name]).fetchone()
        if row is None:
            names = [site.name for site in self.list()]
            if not names:
                raise NotFoundError(f"No site named {name!r}: no site is saved yet (add one with: site add NAME "
                                    "--url URL --user USER).")
            raise NotFoundError(f"No site named {name!r}{end_of_not_found(name, names)} Saved sites: "
                                f"{', '.join(names)}.")
        return _site(row)

    def get_by_id(self, site_id: int) -> Site:
        row = self.lib.db.execute(f"SELECT {_SITE_COLUMNS} FROM sites WHERE id = ?", [site_id]).fetchone()
        if row is None:
            raise NotFoundError(f"No site with id {site_id}.")
        return _site(row)

    def remove(self, name: str) -> None:
        """Forget a saved site and its password. Its links stay with its address: adding it again finds them."""
        site = self.get(name)
        with self.lib.transaction():
            self.lib.db.execute("DELETE FROM sites WHERE id = ?", [site.id])
        site_secrets.delete(site.keyring_service, site.username, site.name)
        if site.legacy_secret and not self._shares_legacy_entry(site):
            site_secrets.delete(site_secrets.legacy_service(site.url), site.username, site.name)

    # -- passwords -------------------------------------------------------------
    def set_password(self, site: Site, password: str) -> None:
        site_secrets.write(site.keyring_service, site.username, password, site.name)

    def password(self, site: Site) -> str:
        value = site_secrets.read(site.keyring_service, site.username, site.name)
        if value is None and site.legacy_secret:
            value = self._move_legacy_password(site)
        if not value:
            raise PublishError(f"The system keyring has no password for {site.username} on {site.name}; give it "
                               f"again with 'site edit {site.name} --password-stdin' (or Edit in Settings → Sites).")
        return value

    def _move_legacy_password(self, site: Site) -> str | None:
        """A password saved before sites had ids: copy it to the site's own entry, then retire the old one."""
        legacy = site_secrets.legacy_service(site.url)
        value = site_secrets.read(legacy, site.username, site.name)
        if value is None:
            return None
        site_secrets.write(site.keyring_service, site.username, value, site.name)
        with self.lib.transaction():
            self.lib.db.execute("UPDATE sites SET legacy_secret = 0 WHERE id = ?", [site.id])
        if not self._shares_legacy_entry(site):
            site_secrets.delete(legacy, site.username, site.name)
        return value

    def _shares_legacy_entry(self, site: Site) -> bool:
        """Another saved site still reads the same pre-id keyring entry (same address and user)."""
        row = self.lib.db.execute("SELECT 1 FROM sites WHERE url = ? AND username = ? AND legacy_secret = 1 "
                                  "AND id != ?", [site.url, site.username, site.id]).fetchone()
        return row is not None

    # -- what is published where (``links``; kept here for callers that only hold a SiteStore) --
    def remote(self, post_id: int, site: Site) -> RemotePost | None:
        return self.links.get(post_id, site)

    def media_url(self, site: Site, sha256: str) -> tuple[int, str] | None:
        return self.links.media(site, sha256)

    def statuses(self) -> dict[int, builtins.list[tuple[str, str]]]:
        return self.links.statuses()
