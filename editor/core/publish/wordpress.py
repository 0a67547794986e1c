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

from editor.core.foundation.answer_check import check_answer, check_items
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


_ONE_ITEM = re.compile(r"/(?:me|\d+)/?$")


class BadAnswer(SiteConnectionError):
    """The site answered, but not in the shape WordPress's REST API has (``wp_answers``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, problem="bad-answer")


def _header_int(answer: Answer, name: str, default: int) -> int:
    """A count from a header: digits only, at most 12 of them (anything else is ``default``)."""
    value = answer.headers.get(name, "").strip()
    return int(value) if value.isdigit() and len(value) <= 12 else default


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
        self.skipped: list[str] = []  # a sentence per item of a listing that failed its schema and was left out

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> WordPressClient:
        return self

    def __exit__(self, *_exc_info: object) -> None:
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
                if isinstance(data, dict) and "namespaces" in data:
                    from editor.core.publish.wp_answers import Root

                    root = check_answer(data, Root, f"{self.url}'s REST API index", BadAnswer)
                    self._check_home(root.home)
                    auth = root.authentication
                    return RestRoot(style, root.name, tuple(root.namespaces),
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
        return self.checked(self.call("GET", path, params=params or None).json(), "GET", path)

    def post(self, path: str, data: dict[str, Any]) -> Any:
        return self.checked(self.call("POST", path, json_body=data).json(), "POST", path)

    def checked(self, data: Any, method: str, path: str) -> Any:
        """``data`` after its route's schema (``wp_answers``): one bad object is a PublishError naming the
        field; a listing keeps its good items and notes each bad one in ``skipped``."""
        from editor.core.publish.wp_answers import item_label, schema_for

        schema = schema_for(path)
        if schema is None:
            return data
        model, what = schema
        source = f"{self.url}'s answer to {method} {path}"
        if method == "GET" and not _ONE_ITEM.search(path.split("?", 1)[0]):  # a collection: a list of items
            good, bad = check_items(data, model, source, BadAnswer, item_label)
            self.skipped.extend(bad)
            return good
        check_answer(data, model, f"{self.url}'s answer to {method} {path} ({what})", BadAnswer)
        return data

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
        """Each page of a listing (its items checked, each item once); ``progress(page, total_pages)`` after each.

        The number of pages is the site's ``X-WP-TotalPages``, no more than ``X-WP-Total`` items need and
        at most ``MAX_PAGES``; a page that brings nothing new (a site that repeats its pages) ends it.
        """
        page, total = 1, 1
        seen: set[int] = set()
        while page <= total:
            answer = self.call("GET", path, params={**params, "per_page": PER_PAGE, "page": page})
            total = min(_header_int(answer, "x-wp-totalpages", 1), MAX_PAGES)
            items_total = _header_int(answer, "x-wp-total", -1)
            if items_total >= 0:
                total = min(total, max(1, -(-items_total // PER_PAGE)))
            items = answer.json()
            if not isinstance(items, list):
                raise PublishError(f"{self.url} sent something other than a list for {path}.")
            if progress:
                progress(page, total)
            fresh = [item for item in self.checked(items, "GET", path) if item["id"] not in seen]
            if items and not fresh and page > 1:
                self.skipped.append(f"{self.url} sent page {page} of {path} again (nothing new); stopped reading "
                                    "there.")
                return
            seen.update(item["id"] for item in fresh)
            yield fresh
            page += 1

    # -- things ----------------------------------------------------------------
    def me(self) -> dict[str, Any]:
        return dict(self.get("/wp/v2/users/me", context="edit"))  # checked: id, name, roles, capabilities

    def post_by_id(self, remote_id: int) -> dict[str, Any] | None:
        answer = self.http.request("GET", self.route(f"/wp/v2/posts/{int(remote_id)}"), params={"context": "edit"})
        if answer.status in (404, 410):
            return None
        if answer.status >= 400:
            raise self.error(answer, "GET", f"/wp/v2/posts/{int(remote_id)}")
        return dict(self.checked(answer.json(), "GET", f"/wp/v2/posts/{int(remote_id)}"))

    def media_item(self, media_id: int) -> dict[str, Any] | None:
        """The media item with its sizes, or None when it is no longer in the site's library."""
        answer = self.http.request("GET", self.route(f"/wp/v2/media/{int(media_id)}"),
                                   params={"context": "edit", "_fields": "id,source_url,media_details,alt_text"})
        if answer.status in (404, 410):
            return None
        if answer.status >= 400:
            raise self.error(answer, "GET", f"/wp/v2/media/{int(media_id)}")
        item = self.checked(answer.json(), "GET", f"/wp/v2/media/{int(media_id)}")
        return dict(item)

    def upload_media(self, data: bytes, filename: str, mime: str, alt: str) -> dict[str, Any]:
        if len(data) > MAX_MEDIA_UPLOAD:
            raise PublishError(f"The image {filename} is larger than {MAX_MEDIA_UPLOAD // 1_048_576} MB.")
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "-" for ch in filename) or "image"
        media = self.checked(self.call("POST", "/wp/v2/media", content=data, headers={
            "Content-Type": mime, "Content-Disposition": f'attachment; filename="{safe}"',
        }).json(), "POST", "/wp/v2/media")
        if alt:
            media = self.post(f"/wp/v2/media/{int(media['id'])}", {"alt_text": alt})
        return dict(media)

