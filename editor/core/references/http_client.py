"""The HTTP side of online lookups: polite GETs through the one bounded HTTP layer.

:class:`BoundedHttpClient` runs every GET through :class:`editor.core.net.HttpClient`
under a :class:`LookupBudget` (an overall wall-clock deadline shared by retries and
redirects, and a cancel switch that ends a blocked read at once). Answers are capped in
size, redirects are followed only within the service's own site (the Public Suffix List,
:func:`same_service`), 429 and passing server errors are retried (honouring
``Retry-After``), requests are spaced by a rate limit, and only answers that a caller's
validator accepts are cached. The net layer's errors come out as ``LookupFailed``
(``LookupCancelled`` for a cancel).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, Self
from urllib.parse import urlencode, urlsplit

from editor.core.foundation.errors import LookupCancelled, LookupFailed, LookupNotFound
from editor.core.foundation.limits import LOOKUP_SECONDS, MAX_REDIRECTS, MAX_RESPONSE_BYTES
from editor.core.net import Budget, HttpClient, NetCancelled, NetError, same_site
from editor.core.net.client import host_of

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

Validator = Callable[[str], object]  # raises LookupFailed when an answer is not well-formed


class ResponseCache(Protocol):
    def get(self, url: str) -> tuple[int, str] | None: ...

    def put(self, url: str, status: int, body: str) -> None: ...


class LookupBudget(Budget):
    """The deadline and the cancel switch one lookup (or one batch of lookups) runs under."""

    def cancelled_error(self, where: str) -> Exception:
        return LookupCancelled(f"The lookup at {where} was cancelled.")


class BoundedHttpClient:
    """GET with a deadline, a cancel switch, a size cap, same-site redirects, retries and a cache."""

    def __init__(
        self,
        *,
        user_agent: str,
        cache: ResponseCache | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_retry_after: float = 10.0,
        per_second: float = 3.0,
        deadline: float | None = LOOKUP_SECONDS,
        max_bytes: int = MAX_RESPONSE_BYTES,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.cache = cache
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.http = HttpClient(
            user_agent=user_agent, deadline=deadline, max_bytes=max_bytes, redirects="site",
            max_redirects=max_redirects, retries=retries, retry_statuses=RETRY_STATUSES, backoff=backoff,
            max_retry_after=max_retry_after, per_second=per_second, timeout=timeout,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def budget(self, cancel: threading.Event | None = None) -> LookupBudget:
        """A fresh budget of this client's ``deadline`` (pass it to several calls to share it)."""
        return LookupBudget(self.deadline, cancel)

    def get_text(
        self, url: str, params: dict[str, str] | None = None, *, budget: Budget | None = None,
        validate: Validator | None = None,
    ) -> str:
        """GET ``url``: the body of a 200 answer, else :class:`LookupFailed`.

        An answer is cached (and a cached one used) only if ``validate(body)`` accepts it.
        """
        budget = budget or self.budget()
        full = f"{url}?{urlencode(sorted((params or {}).items()))}" if params else url
        cached = self.cache.get(full) if self.cache else None
        if cached is not None and cached[0] == 200:
            try:
                if validate is not None:
                    validate(cached[1])
                return cached[1]
            except LookupFailed:
                pass  # a bad answer cached by an older version: ask again
        try:
            answer = self.http.get(full, budget=budget)
        except NetCancelled:
            raise LookupCancelled(f"The lookup at {host_of(url)} was cancelled.") from None
        except NetError as error:
            raise LookupFailed(str(error)) from None
        if answer.status == 404:
            raise LookupNotFound(f"{host_of(url)} has no record for this identifier (404).")
        if answer.status != 200:
            raise LookupFailed(f"{host_of(url)} answered HTTP {answer.status}.")
        body = answer.text()
        if validate is not None:
            validate(body)
        if self.cache:
            self.cache.put(full, answer.status, body)
        return body


def same_service(origin: str, target: str) -> bool:
    """Whether a redirect from ``origin`` to ``target`` stays with the same service: a web address
    on the same site by the Public Suffix List (``doi.org`` → ``www.doi.org``), never https → http."""
    source, destination = urlsplit(origin).scheme.lower(), urlsplit(target).scheme.lower()
    if destination not in ("http", "https") or (source == "https" and destination == "http"):
        return False
    return same_site(origin, target)
