"""HTTP to a website with bounds: time, size, JSON depth, and redirects only to the same host.

Every answer a site sends is read as a stream and refused once it passes
``max_bytes``; a whole request (connect, redirects, body) must finish within
``deadline`` seconds; JSON nested deeper than ``MAX_JSON_DEPTH`` is refused. Redirects
are followed by hand, only to the same host and port and never from HTTPS down to HTTP,
so credentials are never sent anywhere else. Plain HTTP is allowed only for loopback
and local names (a developer's own site); everything else must be HTTPS. The numbers
are in ``foundation/limits.py`` with every other bound.
"""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

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

MAX_JSON_BYTES = MAX_SITE_ANSWER_BYTES
MAX_MEDIA_UPLOAD = MAX_MEDIA_UPLOAD_BYTES
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEADLINE = SITE_REQUEST_SECONDS


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str

    def json(self) -> Any:
        return parse_json(self.body, self.url)

    @property
    def is_json(self) -> bool:
        return "json" in self.headers.get("content-type", "")


def is_local_host(host: str) -> bool:
    """Loopback addresses and names that never leave this machine or its local network by name."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local")):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
    """One site's HTTP: a shared httpx client, bounded answers, same-host redirects."""

    def __init__(self, base_url: str, *, auth: tuple[str, str] | None = None,
                 max_bytes: int = MAX_JSON_BYTES, deadline: float = DEADLINE,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.base_url = check_site_url(base_url)
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._origin = _origin(self.base_url)
        self._client = httpx.Client(
            auth=auth, timeout=TIMEOUT, follow_redirects=False, transport=transport,
            headers={"User-Agent": f"Postwright/{__version__}", "Accept": "application/json"},
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
        started = time.monotonic()
        target = url if url.startswith(("http://", "https://")) else self.base_url + url
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._once(method, target, params, json_body, content, headers, started)
            if answer.status not in (301, 302, 303, 307, 308):
                return answer
            location = answer.headers.get("location")
            if not location:
                return answer
            following = urljoin(target, location)
            if not self._same_site(target, following):
                raise SiteConnectionError(
                    f"{target} redirects to another site ({_origin(following)}); Postwright follows redirects "
                    "only within the same site. Use the site's final address.", problem="redirect")
            if answer.status == 303 or (answer.status in (301, 302) and method == "POST"):
                method, json_body, content = "GET", None, None
            target, params = following, None
        raise SiteConnectionError(f"{url} redirects more than {MAX_REDIRECTS} times.", problem="redirect")

    def _same_site(self, current: str, following: str) -> bool:
        old, new = urlsplit(current), urlsplit(following)
        if (new.hostname or "").lower() != (old.hostname or "").lower():
            return False
        if old.scheme == "https" and new.scheme != "https":
            return False
        return _port(new) == _port(old) or (old.scheme, new.scheme) == ("http", "https")

    def _once(self, method: str, url: str, params: dict[str, Any] | None, json_body: Any,
              content: bytes | None, headers: dict[str, str] | None, started: float) -> Answer:
        host = urlsplit(url).hostname or url
        try:
            with self._client.stream(method, url, params=params, json=json_body, content=content,
                                     headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise PublishError(f"The answer from {host} is larger than {self.max_bytes // 1_048_576} MB; "
                                       "refused.")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise PublishError(f"The answer from {host} is larger than "
                                           f"{self.max_bytes // 1_048_576} MB; refused.")
                    if time.monotonic() - started > self.deadline:
                        raise SiteConnectionError(f"{host} took longer than {self.deadline:.0f} s to answer.",
                                                  problem="timeout")
                    chunks.append(chunk)
                return Answer(response.status_code, response.headers, b"".join(chunks), str(response.url))
        except httpx.TimeoutException:
            raise SiteConnectionError(f"{host} did not answer in time; the site may be down or slow.",
                                      problem="timeout") from None
        except httpx.ConnectError as error:
            message, problem = connect_failure(url, error)
            raise SiteConnectionError(message, problem=problem) from None
        except httpx.HTTPError as error:
            if "SSL" in str(error).upper():
                message, problem = connect_failure(url, error)
                raise SiteConnectionError(message, problem=problem) from None
            raise SiteConnectionError(f"The connection to {host} broke off before the site finished answering; "
                                      "try again in a moment.", problem="unreachable") from None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _port(parts: Any) -> int:
    return int(parts.port or (443 if parts.scheme == "https" else 80))


def connect_failure(url: str, error: Exception) -> tuple[str, str]:
    """Why a connection could not be made, in our words (never the TLS library's), and the problem name."""
    parts = urlsplit(url)
    host, port = parts.hostname or url, _port(parts)
    text = str(error).upper()
    if "CERTIFICATE_VERIFY_FAILED" in text or "CERTIFICATE VERIFY FAILED" in text:
        why = ("it has expired" if "EXPIRED" in text else "it is self-signed" if "SELF" in text
               else "it is for another name" if "HOSTNAME" in text or "MISMATCH" in text else "it is not trusted")
        return (f"The security certificate of {host} is not valid ({why}), so Postwright will not send a password "
                "to it; the site's host can renew or fix the certificate.", "bad-certificate")
    if "SSL" in text or "TLS" in text:
        local = " If it is a site on this computer, its address starts with http://." if is_local_host(host) else ""
        return (f"{host} does not answer secure (https://) connections on port {port}; check the address.{local}",
                "no-https")
    if "NAME OR SERVICE NOT KNOWN" in text or "NODENAME NOR SERVNAME" in text or "GETADDRINFO" in text \
            or "NO ADDRESS ASSOCIATED" in text or "TEMPORARY FAILURE IN NAME RESOLUTION" in text:
        return (f"No site called {host} could be found; check the address, and that this computer is online.",
                "unreachable")
    if "REFUSED" in text:
        return (f"Cannot connect to {host}: nothing answers on port {port}. Check the address, and that the site "
                "is running.", "unreachable")
    return (f"Cannot connect to {host}; check the address, and that this computer is online.", "unreachable")

