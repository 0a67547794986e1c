"""The HTTP side of online lookups: bounded, polite GETs.

:class:`BoundedHttpClient` runs every GET under a :class:`LookupBudget` (an overall
deadline shared by retries and redirects, and a cancel switch), on a helper thread so the
deadline and cancel end the wait at once even while a socket read blocks. Answers are
streamed under a size cap, redirects are followed by hand only within the service's own
site (:func:`same_service`), 429 and passing server errors are retried (honouring
``Retry-After``), requests are spaced by a :class:`RateLimiter`, and only answers that a
caller's validator accepts are cached.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol, Self
from urllib.parse import urlencode, urljoin, urlsplit

import httpx

from editor.core.foundation.errors import LookupCancelled, LookupFailed
from editor.core.foundation.limits import (
    LOOKUP_SECONDS,
    MAX_REDIRECTS,
    MAX_RESPONSE_BYTES,
    Deadline,
    check_bytes,
)

RETRY_STATUSES = {429, 500, 502, 503, 504}

Validator = Callable[[str], object]  # raises LookupFailed when an answer is not well-formed


class ResponseCache(Protocol):
    def get(self, url: str) -> tuple[int, str] | None: ...

    def put(self, url: str, status: int, body: str) -> None: ...


class LookupBudget:
    """The deadline and the cancel switch one lookup (or one batch of lookups) runs under."""

    def __init__(self, seconds: float | None = LOOKUP_SECONDS, cancel: threading.Event | None = None) -> None:
        self.deadline = Deadline(seconds)
        self.cancel_event = cancel or threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def remaining(self) -> float | None:
        return self.deadline.remaining()

    def check(self, where: str) -> None:
        """Raise if the lookup was cancelled or its time is up."""
        if self.cancel_event.is_set():
            raise LookupCancelled(f"The lookup at {where} was cancelled.")
        if self.deadline.expired:
            raise LookupFailed(f"{where} did not answer within {self.deadline.seconds:g} seconds.")

    def sleep(self, seconds: float, where: str) -> None:
        """Wait ``seconds`` (less if the deadline comes first), waking at once on cancel."""
        remaining = self.remaining()
        self.cancel_event.wait(seconds if remaining is None else min(seconds, remaining))
        self.check(where)

    def narrowed(self, seconds: float | None) -> LookupBudget:
        """A budget ending at the sooner of this one and ``seconds`` from now, sharing the cancel switch."""
        budget = LookupBudget(seconds, self.cancel_event)
        budget.deadline = budget.deadline.earliest(self.deadline)
        return budget


class RateLimiter:
    """Spaces calls at least ``1 / per_second`` seconds apart (thread-safe)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, budget: LookupBudget | None = None, where: str = "") -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            if budget is None:
                time.sleep(delay)
            else:
                budget.sleep(delay, where)


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
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.limiter = RateLimiter(per_second)
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                  headers={"User-Agent": user_agent})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def budget(self, cancel: threading.Event | None = None) -> LookupBudget:
        """A fresh budget of this client's ``deadline`` (pass it to several calls to share it)."""
        return LookupBudget(self.deadline, cancel)

    # -- HTTP ------------------------------------------------------------------
    def get_text(
        self, url: str, params: dict[str, str] | None = None, *, budget: LookupBudget | None = None,
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
        status, body = self._fetch(full, budget)
        if status == 404:
            raise LookupFailed(f"{_where(url)} has no record for this identifier (404).")
        if status != 200:
            raise LookupFailed(f"{_where(url)} answered HTTP {status}.")
        if validate is not None:
            validate(body)
        if self.cache:
            self.cache.put(full, status, body)
        return body

    def _fetch(self, url: str, budget: LookupBudget) -> tuple[int, str]:
        where = _where(url)
        for attempt in range(self.retries + 1):
            budget.check(where)
            try:
                status, body, retry_after = self._get_in_thread(url, budget)
            except (LookupCancelled, _TooLarge, _Refused):
                raise
            except LookupFailed:
                if budget.deadline.expired or attempt == self.retries:
                    raise
                budget.sleep(self.backoff * 2**attempt, where)
                continue
            if status in RETRY_STATUSES and attempt < self.retries:
                budget.sleep(self._retry_delay(retry_after, attempt), where)
                continue
            return status, body
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _get_in_thread(self, url: str, budget: LookupBudget) -> tuple[int, str, str]:
        """One GET on a helper thread, so the deadline and cancel end the wait at once even
        while a socket read is blocked; an abandoned read stops at its next chunk."""
        outcome: dict[str, Any] = {}
        finished = threading.Event()

        def work() -> None:
            try:
                outcome["value"] = self._get(url, budget)
            except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                outcome["error"] = error
            finally:
                finished.set()

        threading.Thread(target=work, name="postwright-lookup", daemon=True).start()
        where = _where(url)
        while not finished.wait(0.05):
            budget.check(where)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]  # type: ignore[no-any-return]

    def _get(self, url: str, budget: LookupBudget) -> tuple[int, str, str]:
        """GET ``url`` following same-site redirects: ``(status, text, Retry-After)``."""
        origin = url
        for _hop in range(self.max_redirects + 1):
            where = _where(url)
            self.limiter.wait(budget, where)  # here, on the thread that sends, so the spacing is what the server sees
            remaining = budget.remaining()
            timeout = self.timeout if remaining is None else max(0.01, min(self.timeout, remaining))
            try:
                with self._http.stream("GET", url, timeout=httpx.Timeout(timeout)) as response:
                    if response.is_redirect and response.headers.get("location"):
                        target = urljoin(url, response.headers["location"])
                        if not same_service(origin, target):
                            raise _Refused(f"{where} redirected the lookup to {_where(target)}, another site; "
                                           "the redirect was not followed.")
                        url = target
                        continue
                    body = self._read(response, where, budget)
                    return response.status_code, body, response.headers.get("Retry-After", "")
            except httpx.TimeoutException as error:
                raise LookupFailed(f"{where} did not answer in time.") from error
            except httpx.HTTPError as error:
                raise LookupFailed(f"{where} cannot be reached (offline?): {error}.") from error
        raise _Refused(f"{_where(origin)} redirected the lookup more than {self.max_redirects} times.")

    def _read(self, response: httpx.Response, where: str, budget: LookupBudget) -> str:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit():
            check_bytes(int(declared), self.max_bytes, "the answer", where, _TooLarge)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            check_bytes(size, self.max_bytes, "the answer", where, _TooLarge)
            chunks.append(chunk)
            budget.check(where)
        data = b"".join(chunks)
        try:
            return data.decode(response.encoding or "utf-8", errors="replace")
        except LookupError:  # an unknown charset label
            return data.decode("utf-8", errors="replace")

    def _retry_delay(self, retry_after: str, attempt: int) -> float:
        if retry_after.strip().isdigit():
            return min(float(retry_after), self.max_retry_after)
        return float(min(self.backoff * 2**attempt, self.max_retry_after))


class _TooLarge(LookupFailed):
    """An answer passed the size cap (not worth retrying)."""


class _Refused(LookupFailed):
    """A redirect left the service (not worth retrying)."""


def same_service(origin: str, target: str) -> bool:
    """Whether a redirect from ``origin`` to ``target`` stays with the same service: the same
    host, or a host of the same site (``doi.org`` → ``www.doi.org``), never https → http."""
    source, destination = urlsplit(origin), urlsplit(target)
    if destination.scheme not in ("http", "https") or (source.scheme == "https" and destination.scheme == "http"):
        return False
    host, other = (source.hostname or "").lower(), (destination.hostname or "").lower()
    if not other:
        return False
    if host == other:
        return True
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host) or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", other):
        return False  # IP addresses only match themselves
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2  # nhs.co.uk
    site = ".".join(labels[-keep:])
    return len(labels) >= keep and (other == site or other.endswith("." + site))


def _where(url: str) -> str:
    match = re.match(r"https?://([^/?#]+)", url)
    return match.group(1) if match else url
