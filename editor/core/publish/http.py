"""HTTP to a website, through the one bounded HTTP layer (``editor.core.net``).

Every answer a site sends is read as a stream and refused once it passes ``max_bytes``;
a whole request (name lookup, connect, headers, body, retries and redirects) must finish
within ``deadline`` wall-clock seconds, however slowly the site drips its bytes; JSON
nested deeper than ``MAX_JSON_DEPTH`` is refused. Redirects are followed only to the same
origin (plain HTTP may move to HTTPS on the same host), never from HTTPS down to HTTP, so
credentials are never sent anywhere else. A GET is asked again after a 429 or 503 (as
``Retry-After`` says); a POST only when the site says it did not act on it. Plain HTTP is
allowed only for loopback and local names (a developer's own site); everything else must
be HTTPS. The numbers are in ``foundation/limits.py`` with every other bound.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx

from editor import __version__
from editor.core.foundation.errors import PublishError, SiteConnectionError
from editor.core.foundation.limits import (
    MAX_MEDIA_UPLOAD_BYTES,
    MAX_REDIRECTS,
    MAX_SITE_ANSWER_BYTES,
    SITE_REQUEST_SECONDS,
    loads_json,
)
from editor.core.net import HttpClient, NetError, NetTooLarge
from editor.core.net import client as net
from editor.core.net.failures import is_local_host as is_local_host  # the rule check_site_url applies

MAX_JSON_BYTES = MAX_SITE_ANSWER_BYTES
MAX_MEDIA_UPLOAD = MAX_MEDIA_UPLOAD_BYTES
TIMEOUT_SECONDS = 30.0  # one socket operation; the whole request has DEADLINE
DEADLINE = SITE_REQUEST_SECONDS


class Answer(net.Answer):
    """A site's answer; its JSON errors are publishing errors."""

    def json(self, where: str | None = None) -> Any:
        return parse_json(self.body, where or self.url)


def check_site_url(url: str) -> str:
    """``url`` normalised (no trailing slash), or SiteConnectionError saying what is wrong with it."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SiteConnectionError(f"{text!r} is not a web address; give the site's address, "
                                  "e.g. https://clinic.example", problem="bad-url")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise SiteConnectionError(f"The site address {text} must not contain a query, a fragment or a user name.",
                                  problem="bad-url")
    if parts.scheme.lower() == "http" and not is_local_host(parts.hostname):
        raise SiteConnectionError(
            f"The site address {text} uses plain http://; passwords would cross the network unencrypted. "
            "Use its https:// address (plain http is allowed only for sites on this computer).",
            problem="https-required",
        )
    return text.rstrip("/")


def parse_json(body: bytes, where: str) -> Any:
    """The answer as JSON, nested at most ``MAX_JSON_DEPTH`` deep (the shared limit)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PublishError(f"The answer from {where} is not valid JSON ({error}).") from None
    return loads_json(text, f"The answer from {where}", PublishError)


class BoundedHttp:
    """One site's HTTP: a pooled client, bounded answers, same-origin redirects, its credentials."""

    def __init__(self, base_url: str, *, auth: tuple[str, str] | None = None,
                 max_bytes: int = MAX_JSON_BYTES, deadline: float = DEADLINE,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = check_site_url(base_url)
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._client = HttpClient(
            user_agent=f"Postwright/{__version__}", headers={"Accept": "application/json"}, auth=auth,
            deadline=deadline, max_bytes=max_bytes, redirects="origin", max_redirects=MAX_REDIRECTS,
            timeout=TIMEOUT_SECONDS, transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> BoundedHttp:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                json_body: Any = None, content: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        target = url if url.startswith(("http://", "https://")) else self.base_url + url
        try:
            answer = self._client.request(method, target, params=params, headers=headers, json_body=json_body,
                                          content=content)
        except NetTooLarge:
            raise PublishError(f"The answer from {net.host_of(target)} is larger than "
                               f"{self.max_bytes // 1_048_576} MB; refused.") from None
        except NetError as error:
            raise SiteConnectionError(_in_site_words(error, target), problem=error.problem) from None
        return Answer(answer.status, answer.headers, answer.body, answer.url, answer.encoding)


def _in_site_words(error: NetError, url: str) -> str:
    if error.problem == "redirect" and "another site" in str(error):
        return (f"{url} redirects to another site; Postwright follows redirects only within the same site. "
                "Use the site's final address.")
    return str(error)
