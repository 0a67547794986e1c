""""Test connection": one answer saying exactly what works and what is wrong.

The steps, in order, each with its own failure: the address (https unless local;
``/wp-admin`` and other WordPress pages are understood as the site), reaching the host,
finding WordPress (a page of the site leads to the site through its REST API link),
finding its REST API, Application Passwords being available, the credentials (a login
password is told apart from an Application Password), and what the user may do.
``site_url`` in the report is the address to save.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from editor.core.foundation.errors import SiteConnectionError
from editor.core.publish.wordpress import SiteElsewhere, WordPressClient


@dataclass(frozen=True)
class ConnectionReport:
    ok: bool
    problem: str | None  # None, or one of the SiteConnectionError problem names, "cannot-publish"...
    message: str
    site_url: str = ""  # the site's own address (what was typed, understood)
    site_name: str = ""
    user_id: int | None = None
    display_name: str = ""
    roles: tuple[str, ...] = ()
    can_publish: bool = False
    can_upload: bool = False
    can_edit_others: bool = False
    can_create_categories: bool = False


def check_connection(url: str, username: str, password: str, **http_options: Any) -> ConnectionReport:
    """Check a site end to end; never raises for a site-side problem (it is the report)."""
    from editor.core.publish.sites import normalise_url

    try:
        address = normalise_url(url)
        try:
            return _check(address, username, password, **http_options)
        except SiteElsewhere as moved:
            if urlsplit(moved.url).hostname != urlsplit(address).hostname:  # never send the password elsewhere
                raise SiteConnectionError(f"{moved} Check that address, and give it if it is right.",
                                          problem=moved.problem) from None
            return _check(normalise_url(moved.url), username, password, **http_options)
    except SiteConnectionError as error:
        return ConnectionReport(False, error.problem, str(error))


def _check(url: str, username: str, password: str, **http_options: Any) -> ConnectionReport:
    with WordPressClient(url, username, password, **http_options) as client:
        root = client.root()
        if "wp/v2" not in root.namespaces:
            return ConnectionReport(False, "rest-disabled", f"{client.url} has a REST API, but WordPress's posts "
                                    "API (wp/v2) is turned off there.", client.url, root.name)
        if root.authentication and "application-passwords" not in root.authentication:
            return ConnectionReport(False, "no-app-passwords", f"{client.url} does not offer Application "
                                    "Passwords (WordPress 5.6 or later is needed, and the site may have turned "
                                    "them off).", client.url, root.name)
        if not username.strip() or not password.strip():
            return ConnectionReport(False, "no-credentials", f"Found WordPress at {client.url}; give the user name "
                                    "and an Application Password (Users → Profile → Application Passwords).",
                                    client.url, root.name)
        return _report(client.url, root.name, username, client.me())


def _report(url: str, site_name: str, username: str, me: dict[str, Any]) -> ConnectionReport:
    raw_caps = me.get("capabilities")
    caps: dict[str, Any] = raw_caps if isinstance(raw_caps, dict) else {}
    roles = tuple(str(role) for role in me.get("roles") or ())

    def report(ok: bool, problem: str | None, message: str) -> ConnectionReport:
        return ConnectionReport(
            ok, problem, message, site_url=url, site_name=site_name, user_id=int(me["id"]) if "id" in me else None,
            display_name=str(me.get("name", "")), roles=roles,
            can_publish=bool(caps.get("publish_posts")), can_upload=bool(caps.get("upload_files")),
            can_edit_others=bool(caps.get("edit_others_posts")),
            can_create_categories=bool(caps.get("manage_categories")),
        )

    who = f"{username} ({', '.join(roles) or 'no role'})"
    if not caps.get("edit_posts"):
        return report(False, "cannot-write", f"The user {who} cannot write posts on {url}; ask the site's "
                      "administrator for the Author or Editor role.")
    if not caps.get("publish_posts"):
        return report(False, "cannot-publish", f"Connected to {site_name or url} as {who}, who can save "
                      "drafts and submit them for review (pending) but cannot publish.")
    extra = "" if caps.get("upload_files") else " This user cannot upload images."
    return report(True, None, f"Connected to {site_name or url} as {who}; can publish.{extra}")
