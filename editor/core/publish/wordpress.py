"""A WordPress REST API client (``/wp/v2``) authenticated with an Application Password.

The REST root is discovered, not assumed: ``<site>/wp-json/`` when pretty permalinks
are on, ``<site>/?rest_route=/`` otherwise (both are WordPress core). Every error the
site returns becomes one of our sentences (``site_errors``), never WordPress's own text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from editor.core.foundation.errors import PublishError, SiteConnectionError
from editor.core.foundation.limits import MAX_SITE_PAGES
from editor.core.publish.http import MAX_MEDIA_UPLOAD, Answer, BoundedHttp
from editor.core.publish.site_errors import rest_error

_API_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?https://api\.w\.org/"?', re.I)


class SiteElsewhere(SiteConnectionError):
    """The address is a page of a WordPress site whose own address is ``url`` (from its REST API link)."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message, problem="site-elsewhere")
        self.url = url


def _api_base(link_header: str) -> str:
    """The site address a page's ``Link: <…/wp-json/>; rel="https://api.w.org/"`` header names."""
    match = _API_LINK.search(link_header)
    if match is None:
        return ""
    api = match.group(1)
    if "?rest_route=" in api:
        return api.split("?", 1)[0].rstrip("/")
    return api.rstrip("/").removesuffix("/wp-json")

PER_PAGE = 50
MAX_PAGES = MAX_SITE_PAGES


@dataclass(frozen=True)
class RestRoot:
    """Where the API lives and what the site says about itself."""

    style: str  # "pretty" (/wp-json/...) or "plain" (?rest_route=...)
    name: str
    namespaces: tuple[str, ...]
    authentication: tuple[str, ...]


class WordPressClient:
    def __init__(self, url: str, username: str = "", password: str = "", **http_options: Any) -> None:
        auth = (username, password) if username else None
        self.http = BoundedHttp(url, auth=auth, **http_options)
        self.url = self.http.base_url
        self.username = username
        self._password = password
        self._root: RestRoot | None = None

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WordPressClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- discovery -------------------------------------------------------------
    def root(self) -> RestRoot:
        if self._root is None:
            self._root = self._discover()
        return self._root

    def _discover(self) -> RestRoot:
        for style, path in (("pretty", "/wp-json/"), ("plain", "/?rest_route=/")):
            answer = self.http.request("GET", path)
            if answer.status == 200 and answer.is_json:
                data = answer.json()
                if isinstance(data, dict) and isinstance(data.get("namespaces"), list):
                    self._check_home(str(data.get("home") or ""))
                    auth = data.get("authentication")
                    return RestRoot(style, str(data.get("name", "")), tuple(map(str, data["namespaces"])),
                                    tuple(auth) if isinstance(auth, dict) else ())
        raise self._why_no_api()

    def _check_home(self, home: str) -> None:
        """The REST API also answers below the site (``…/a-post/?rest_route=/``): insist on the site itself."""
        from editor.core.publish.site_address import site_address

        try:
            same = not home or site_address(home) == site_address(self.url)
        except SiteConnectionError:
            same = True
        if not same:
            raise SiteElsewhere(f"{self.url} is a page of the WordPress site at {home}; Postwright uses the site's "
                                "own address.", url=home.rstrip("/"))

    def _why_no_api(self) -> SiteConnectionError:
        home = self.http.request("GET", "/")
        elsewhere = _api_base(home.headers.get("link", ""))
        if elsewhere and elsewhere.rstrip("/") != self.url.rstrip("/"):
            return SiteElsewhere(f"{self.url} is a page of the WordPress site at {elsewhere}; Postwright uses the "
                                 "site's own address.", url=elsewhere)
        text = home.body[:200_000].decode("utf-8", "replace").lower()
        links = home.headers.get("link", "")
        wordpress = "api.w.org" in links or "/wp-content/" in text or "/wp-includes/" in text \
            or 'content="wordpress' in text
        if wordpress:
            return SiteConnectionError(
                f"{self.url} is a WordPress site, but its REST API is turned off or blocked (a security plugin "
                "or the host's firewall). Ask the site's administrator to allow the REST API for logged-in users.",
                problem="rest-disabled")
        if home.status >= 400:
            return SiteConnectionError(f"{self.url} answered HTTP {home.status} and does not look like WordPress.",
                                       problem="not-wordpress")
        return SiteConnectionError(f"{self.url} does not look like a WordPress site (no WordPress REST API found).",
                                   problem="not-wordpress")

    def route(self, path: str) -> str:
        path = "/" + path.lstrip("/")
        if self.root().style == "pretty":
            return "/wp-json" + path
        return "/?rest_route=" + quote(path, safe="/")

    # -- requests --------------------------------------------------------------
    def call(self, method: str, path: str, *, params: dict[str, Any] | None = None, json_body: Any = None,
             content: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
        answer = self.http.request(method, self.route(path), params=params, json_body=json_body,
                                   content=content, headers=headers)
        if answer.status >= 400:
            raise self.error(answer, method, path)
        return answer

    def get(self, path: str, **params: Any) -> Any:
        return self.call("GET", path, params=params or None).json()

    def post(self, path: str, data: dict[str, Any]) -> Any:
        return self.call("POST", path, json_body=data).json()

    def error(self, answer: Answer, method: str, path: str) -> PublishError:
        data: Any = None
        if answer.is_json:
            try:
                data = answer.json()
            except PublishError:
                data = None
        return rest_error(answer.status, data, site=self.url, username=self.username, password=self._password,
                          method=method, path=path)

    def pages(self, path: str, params: dict[str, Any], *,
              progress: Callable[[int, int], None] | None = None) -> Iterator[list[dict[str, Any]]]:
        """Each page of a listing; ``progress(page, total_pages)`` after each."""
        page, total = 1, 1
        while page <= total:
            answer = self.call("GET", path, params={**params, "per_page": PER_PAGE, "page": page})
            header = answer.headers.get("x-wp-totalpages", "1")
            total = min(int(header) if header.isdigit() else 1, MAX_PAGES)
            items = answer.json()
            if not isinstance(items, list):
                raise PublishError(f"{self.url} sent something other than a list for {path}.")
            if progress:
                progress(page, total)
            yield [item for item in items if isinstance(item, dict)]
            page += 1

    # -- things ----------------------------------------------------------------
    def me(self) -> dict[str, Any]:
        return dict(self.get("/wp/v2/users/me", context="edit"))

    def post_by_id(self, remote_id: int) -> dict[str, Any] | None:
        answer = self.http.request("GET", self.route(f"/wp/v2/posts/{int(remote_id)}"), params={"context": "edit"})
        if answer.status in (404, 410):
            return None
        if answer.status >= 400:
            raise self.error(answer, "GET", f"/wp/v2/posts/{int(remote_id)}")
        return dict(answer.json())

    def media_item(self, media_id: int) -> dict[str, Any] | None:
        """The media item with its sizes, or None when it is no longer in the site's library."""
        answer = self.http.request("GET", self.route(f"/wp/v2/media/{int(media_id)}"),
                                   params={"context": "edit", "_fields": "id,source_url,media_details,alt_text"})
        if answer.status in (404, 410):
            return None
        if answer.status >= 400:
            raise self.error(answer, "GET", f"/wp/v2/media/{int(media_id)}")
        item = answer.json()
        return dict(item) if isinstance(item, dict) else None

    def upload_media(self, data: bytes, filename: str, mime: str, alt: str) -> dict[str, Any]:
        if len(data) > MAX_MEDIA_UPLOAD:
            raise PublishError(f"The image {filename} is larger than {MAX_MEDIA_UPLOAD // 1_048_576} MB.")
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in filename) or "image"
        media = self.call("POST", "/wp/v2/media", content=data, headers={
            "Content-Type": mime, "Content-Disposition": f'attachment; filename="{safe}"',
        }).json()
        if alt:
            media = self.post(f"/wp/v2/media/{int(media['id'])}", {"alt_text": alt})
        return dict(media)

