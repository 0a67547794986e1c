"""A site's address as a person types it, understood as the site; and the key links belong to.

People paste what their browser shows: the dashboard (``…/wp-admin/post-new.php``), the
login page (``…/wp-login.php?redirect_to=…``), the REST API (``…/wp-json/wp/v2/posts``),
often without ``https://``. :func:`site_url` turns any of these into the site's own
address (then :func:`~editor.core.publish.http.check_site_url` applies the https rule).

:func:`site_address` is what a post's link to a site is keyed by: the same WordPress
whatever the scheme, letter case, default port or trailing slash, so removing a saved
site and adding it again (or switching it from http to https) keeps every link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from editor.core.foundation.errors import SiteConnectionError

# Path segments that only WordPress itself serves: the site is everything before them.
WORDPRESS_PARTS = frozenset({
    "wp-admin", "wp-login.php", "wp-json", "xmlrpc.php", "wp-content", "wp-includes", "wp-signup.php",
    "wp-activate.php", "wp-cron.php", "wp-comments-post.php", "wp-trackback.php", "index.php",
})


def _local(host: str) -> bool:
    from editor.core.publish.http import is_local_host

    return is_local_host(host)


def site_url(text: str) -> str:
    """The site's address for what was typed: WordPress's own pages, queries and fragments removed.

    A missing scheme is ``https://`` (``http://`` for this computer's own names). A user
    name or password inside the address is refused: it would be sent to the site in clear.
    """
    typed = (text or "").strip()
    if not typed:
        raise SiteConnectionError("Give the site's address, e.g. https://clinic.example", problem="bad-url")
    if "://" not in typed:
        host = urlsplit("//" + typed).hostname or ""
        typed = ("http://" if _local(host) else "https://") + typed
    try:
        parts = urlsplit(typed)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise SiteConnectionError(f"{text.strip()!r} is not a web address; give the site's address, "
                                  "e.g. https://clinic.example", problem="bad-url") from None
    if parts.username or parts.password:
        raise SiteConnectionError("The site address must not contain a user name or password; give those in "
                                  "their own fields.", problem="bad-url")
    segments = [segment for segment in parts.path.split("/") if segment]
    for index, segment in enumerate(segments):
        if segment.lower() in WORDPRESS_PARTS:
            segments = segments[:index]
            break
    path = "/" + "/".join(segments) if segments else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def site_address(url: str) -> str:
    """The key of a site's links: host (lower case), port unless it is the default, path; no scheme.

    ``https://Clinic.example/blog/`` and ``http://clinic.example:80/blog`` are the same site.
    """
    parts = urlsplit(site_url(url))
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme)
    netloc = host if port is None or port == default else f"{host}:{port}"
    return netloc + parts.path.rstrip("/")
