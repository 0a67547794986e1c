"""One bounded HTTP client for every request Postwright makes.

``HttpClient.request`` gives an :class:`Answer` or raises a :class:`NetError` sentence:

- **Time**: every request runs under a :class:`Budget` (a wall-clock deadline covering
  name lookup, connect, TLS, headers and body, shared by retries and redirects, and a
  cancel switch); see ``transport.py`` for how the sockets keep to it.
- **Size**: an answer is refused from its ``Content-Length`` and again while it streams.
- **Redirects** are followed by hand under a :class:`RedirectPolicy`: ``"site"`` (the same
  registrable domain by the Public Suffix List, ``sites.py``), ``"origin"`` (the same scheme,
  host and port; plain HTTP may move to HTTPS on the same host) or ``"none"``; never from
  HTTPS down to HTTP, never to another scheme, at most ``max_redirects`` hops. Credentials
  (``auth`` and an ``Authorization`` header) go only to the origin of the first request.
- **Retries** (tenacity): 429 and 503 (and the caller's other ``retry_statuses``) are asked
  again after the server's ``Retry-After`` (seconds or an HTTP date, at most
  ``max_retry_after``) or an exponential backoff with jitter; a connection that failed
  before any answer is retried too, for idempotent methods only. A wait that would pass the
  deadline is not started. A POST is retried only on 429/503: the server did not act on it.
- **Rate**: at most ``per_second`` requests leave this client.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Self
from urllib.parse import urljoin, urlsplit

import httpx
import tenacity

from editor.core.foundation.limits import MAX_REDIRECTS, MAX_RESPONSE_BYTES, check_bytes, loads_json
from editor.core.net.budget import Budget, RateLimiter
from editor.core.net.errors import NetCancelled, NetError, NetRedirectRefused, NetTimeout, NetTooLarge
from editor.core.net.failures import Transient, describe
from editor.core.net.sites import same_origin, same_site, upgrade_only
from editor.core.net.transport import DeadlineTransport, under

RedirectPolicy = Literal["site", "origin", "none"]
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
NOT_ACTED_ON = frozenset({429, 503})  # the server says it did not act on the request
REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str
    encoding: str | None = None

    def text(self) -> str:
        """The body decoded by its declared charset (UTF-8 when none or unknown), never failing."""
        try:
            return self.body.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # an unknown charset label
            return self.body.decode("utf-8", errors="replace")

    def json(self, where: str | None = None) -> Any:
        """The body as JSON nested at most ``MAX_JSON_DEPTH`` deep, or a NetError naming ``where``."""
        return loads_json(self.text(), where or f"The answer from {host_of(self.url)}", NetError)

    @property
    def is_json(self) -> bool:
        return "json" in self.headers.get("content-type", "")


@dataclass
class Request:
    method: str
    url: str
    params: Mapping[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    json_body: Any = None
    content: bytes | None = None


def host_of(url: str) -> str:
    """The ``host[:port]`` a message names."""
    return urlsplit(url).netloc.rpartition("@")[2] or url


class HttpClient:
    """Bounded requests over one connection pool (thread-safe: httpx's client and pool are)."""

    def __init__(
        self,
        *,
        user_agent: str,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        deadline: float | None = 120.0,
        max_bytes: int = MAX_RESPONSE_BYTES,
        redirects: RedirectPolicy = "site",
        max_redirects: int = MAX_REDIRECTS,
        retries: int = 3,
        retry_statuses: frozenset[int] = NOT_ACTED_ON,
        backoff: float = 0.5,
        max_retry_after: float = 30.0,
        per_second: float = 0.0,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.redirects = redirects
        self.max_redirects = max_redirects
        self.retries = retries
        self.retry_statuses = retry_statuses | NOT_ACTED_ON
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.limiter = RateLimiter(per_second)
        self.timeout = timeout
        self._auth = auth
        self._http = httpx.Client(
            transport=transport or DeadlineTransport(), trust_env=False, follow_redirects=False,
            timeout=httpx.Timeout(timeout), headers={"User-Agent": user_agent, **(headers or {})},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def budget(self, cancel: Any = None) -> Budget:
        """A fresh budget of this client's ``deadline`` (pass it to several calls to share it)."""
        return Budget(self.deadline, cancel)

    # -- requests --------------------------------------------------------------
    def get(self, url: str, params: Mapping[str, Any] | None = None, **options: Any) -> Answer:
        return self.request("GET", url, params=params, **options)

    def request(
        self, method: str, url: str, *, params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None, json_body: Any = None, content: bytes | None = None,
        budget: Budget | None = None, max_bytes: int | None = None,
    ) -> Answer:
        """``method`` ``url`` with retries and redirects under ``budget`` (a fresh one by default)."""
        budget = budget or self.budget()
        call = Request(method.upper(), url, params, dict(headers or {}), json_body, content)
        where = host_of(url)
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.retries + 1),
            wait=self._wait,
            retry=tenacity.retry_if_result(lambda answer: self._retry_answer(call.method, answer))
            | tenacity.retry_if_exception(lambda error: self._retry_error(call.method, error)),
            sleep=lambda seconds: budget.sleep(seconds, where),
            before_sleep=lambda state: self._fits(budget, state, where),
            retry_error_callback=lambda state: state.outcome.result() if state.outcome else None,
            reraise=True,
        )
        answer: Answer = retrying(self._follow, call, budget, max_bytes or self.max_bytes)
        return answer

    def _retry_answer(self, method: str, answer: Answer) -> bool:
        return answer.status in (self.retry_statuses if method in IDEMPOTENT else NOT_ACTED_ON)

    @staticmethod
    def _retry_error(method: str, error: BaseException) -> bool:
        """A connection that failed before any answer, for a request that may be repeated."""
        return isinstance(error, Transient) and method in IDEMPOTENT

    def _wait(self, state: tenacity.RetryCallState) -> float:
        answer = state.outcome.result() if state.outcome and not state.outcome.failed else None
        asked = retry_after(answer.headers.get("retry-after", "")) if answer is not None else None
        if asked is not None:
            return min(asked, self.max_retry_after)
        exponential = tenacity.wait_exponential_jitter(multiplier=self.backoff, max=self.max_retry_after,
                                                       jitter=self.backoff)
        return float(exponential(state))

    @staticmethod
    def _fits(budget: Budget, state: tenacity.RetryCallState, where: str) -> None:
        """Do not start a wait that ends after the deadline: say so now."""
        remaining = budget.remaining()
        wait = state.next_action.sleep if state.next_action else 0.0
        if remaining is not None and wait >= remaining:
            answer = state.outcome.result() if state.outcome and not state.outcome.failed else None
            asked = (f"answered HTTP {answer.status} and asked to wait {wait:.0f} s" if answer
                     else "could not be reached")
            raise NetTimeout(f"{where} {asked}, beyond the {budget.deadline.seconds:g} s this request may take.")

    def _follow(self, call: Request, budget: Budget, max_bytes: int) -> Answer:
        """One attempt: the request and the redirects the policy allows."""
        first, method, url = call.url, call.method, call.url
        params, json_body, content, headers = call.params, call.json_body, call.content, dict(call.headers)
        for _hop in range(self.max_redirects + 1):
            answer = self._once(method, url, params, headers, json_body, content, budget, max_bytes,
                                credentials=same_origin(first, url) or upgrade_only(first, url))
            location = answer.headers.get("location") if answer.status in REDIRECTS else None
            if not location:
                return answer
            target = urljoin(url, location)
            self._check_redirect(first, url, target)
            if answer.status == 303 or (answer.status in (301, 302) and method == "POST"):
                method, json_body, content = "GET", None, None
            if not (same_origin(first, target) or upgrade_only(first, target)):
                headers = {k: v for k, v in headers.items() if k.lower() not in ("authorization", "cookie")}
            url, params = target, None
        raise NetRedirectRefused(f"{host_of(first)} redirected more than {self.max_redirects} times.")

    def _check_redirect(self, first: str, current: str, target: str) -> None:
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise NetRedirectRefused(f"{host_of(current)} redirected to a {scheme or 'relative'} address; "
                                     "only web addresses are followed.")
        if urlsplit(current).scheme.lower() == "https" and scheme == "http":
            raise NetRedirectRefused(f"{host_of(current)} redirected from HTTPS down to plain HTTP "
                                     f"({host_of(target)}); the redirect was not followed.")
        if self.redirects == "site":
            allowed = same_site(first, target)
        elif self.redirects == "origin":
            allowed = same_origin(current, target) or upgrade_only(current, target)
        else:
            allowed = False
        if not allowed:
            raise NetRedirectRefused(f"{host_of(current)} redirected to {host_of(target)}, another site; "
                                     "the redirect was not followed.")

    def _once(self, method: str, url: str, params: Mapping[str, Any] | None, headers: Mapping[str, str],
              json_body: Any, content: bytes | None, budget: Budget, max_bytes: int, *, credentials: bool) -> Answer:
        where = host_of(url)
        budget.check(where)
        self.limiter.wait(budget, where)
        auth = self._auth if credentials else None
        try:
            with under(budget), self._http.stream(method, url, params=params, headers=headers, json=json_body,
                                                  content=content, auth=auth) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit():
                    check_bytes(int(declared), max_bytes, "the answer", where, NetTooLarge)
                chunks, size = [], 0
                for chunk in response.iter_bytes():  # unpacked (gzip…) as it comes: the cap counts what we keep
                    size += len(chunk)
                    check_bytes(size, max_bytes, "the answer", where, NetTooLarge)
                    chunks.append(chunk)
                    budget.check(where)
                budget.check(where)  # a cancel ends a close-delimited body early: that is no answer
                return Answer(response.status_code, response.headers, b"".join(chunks), str(response.url),
                              response.charset_encoding)
        except NetError:
            raise
        except httpx.DecodingError:
            raise NetError(f"The answer from {where} is damaged (compressed data that cannot be unpacked).",
                           problem="protocol") from None
        except httpx.HTTPError as error:
            budget.check(where)  # a cancel or the deadline, seen by the socket first
            raise describe(error, url) from None


def retry_after(value: str) -> float | None:
    """``Retry-After`` in seconds from now: delta-seconds or an HTTP date; None when absent or unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


__all__ = ["Answer", "Budget", "HttpClient", "NetCancelled", "NetError", "NetRedirectRefused", "NetTimeout",
           "NetTooLarge", "RedirectPolicy", "retry_after"]
