"""Online metadata: NCBI E-utilities (PubMed, PMC) and Crossref, with a polite, bounded HTTP client.

Every lookup has an overall deadline (``deadline`` seconds, retries and redirects
included; a batch may pass a shorter :class:`LookupBudget`) and can be cancelled from
another thread. Requests are retried on 429 and passing server errors (honouring
``Retry-After``), spaced to at most ``per_second`` requests per second (NCBI allows 3/s
without an API key), identify the tool and a contact address, and stream their answer
under a size cap (``max_bytes``). Redirects are followed only within the service's own
site. Only successful answers that parse are cached in the library's ``http_cache``
table. Base URLs are constructor arguments so tests run against a local server.
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import quote, urlencode, urljoin, urlsplit

import httpx

from editor import __version__
from editor.core.foundation.errors import LookupCancelled, LookupFailed
from editor.core.foundation.limits import (
    LOOKUP_SECONDS,
    MAX_REDIRECTS,
    MAX_RESPONSE_BYTES,
    Deadline,
    check_bytes,
    loads_json,
)
from editor.core.references.crossref import crossref_to_csl
from editor.core.references.identifiers import Identifier, doi_in_text
from editor.core.references.normalize import clean_text, normalize_pmcid, normalize_pmid
from editor.core.references.parsers import medline

NCBI_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
CROSSREF_BASE_URL = "https://api.crossref.org"
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

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

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


class MetadataClient:
    """Fetches CSL-JSON metadata for a DOI, PMID, PMCID or article page URL."""

    def __init__(
        self,
        *,
        ncbi_base_url: str = NCBI_BASE_URL,
        crossref_base_url: str = CROSSREF_BASE_URL,
        email: str = "",
        tool: str = "postwright",
        api_key: str = "",
        cache: ResponseCache | None = None,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_retry_after: float = 10.0,
        per_second: float | None = None,
        deadline: float | None = LOOKUP_SECONDS,
        max_bytes: int = MAX_RESPONSE_BYTES,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.ncbi_base_url = ncbi_base_url.rstrip("/")
        self.crossref_base_url = crossref_base_url.rstrip("/")
        self.email = email
        self.tool = tool
        self.api_key = api_key
        self.cache = cache
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.limiter = RateLimiter(per_second or (10.0 if api_key else 3.0))
        agent = f"Postwright/{__version__} (medical blog editor" + (f"; mailto:{email})" if email else ")")
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=False,
                                  headers={"User-Agent": agent})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MetadataClient:
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
            self.limiter.wait(budget, where)
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
        return min(self.backoff * 2**attempt, self.max_retry_after)

    def _ncbi(self, endpoint: str, budget: LookupBudget | None, validate: Validator, **params: str) -> str:
        params = {**params, "tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return self.get_text(f"{self.ncbi_base_url}/{endpoint}", params, budget=budget, validate=validate)

    # -- sources ---------------------------------------------------------------
    def fetch_pubmed(self, pmid: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """PubMed record as CSL-JSON, from ``efetch`` MEDLINE text."""
        found: dict[str, Any] = {}

        def record(text: str) -> None:
            for parsed in medline.parse(text).records:
                if parsed.csl.get("PMID") == pmid:
                    found.update(parsed.csl)
                    return
            raise LookupFailed(f"PubMed has no record for PMID {pmid}.")

        self._ncbi("efetch.fcgi", budget, record, db="pubmed", id=pmid, rettype="medline", retmode="text")
        return found

    def fetch_pmc(self, pmcid: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """A PMC article: its PubMed record (or Crossref by DOI) found through ``esummary``."""
        budget = budget or self.budget()
        number = pmcid.removeprefix("PMC")
        found: dict[str, Any] = {}

        def summary_of(text: str) -> None:
            data = loads_json(text, "PMC's answer", LookupFailed)
            try:
                summary = data["result"][number]
            except (KeyError, TypeError, IndexError) as error:
                raise LookupFailed(f"PMC has no summary for {pmcid}.") from error
            if not isinstance(summary, dict) or summary.get("error"):
                raise LookupFailed(f"PMC has no record for {pmcid}.")
            found.update(summary)

        self._ncbi("esummary.fcgi", budget, summary_of, db="pmc", id=number, retmode="json")
        articleids = found.get("articleids")
        ids = {str(item.get("idtype", "")).lower(): str(item.get("value", ""))
               for item in (articleids if isinstance(articleids, list) else []) if isinstance(item, dict)}
        pmid, doi = normalize_pmid(ids.get("pmid")), ids.get("doi")
        if pmid:
            csl = self.fetch_pubmed(pmid, budget)
        elif doi:
            csl = self.fetch_crossref(doi, budget)
        else:
            csl = _esummary_to_csl(found)
        csl["PMCID"] = normalize_pmcid(pmcid) or pmcid
        return csl

    def fetch_crossref(self, doi: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """Crossref ``/works/{doi}`` as CSL-JSON."""
        params = {"mailto": self.email} if self.email else None
        found: dict[str, Any] = {}

        def message_of(text: str) -> None:
            data = loads_json(text, f"Crossref's answer for {doi}", LookupFailed)
            message = data.get("message") if isinstance(data, dict) else None
            if not isinstance(message, dict):
                raise LookupFailed(f"Crossref's answer for {doi} is not readable.")
            found.update(message)

        self.get_text(f"{self.crossref_base_url}/works/{quote(doi, safe='/()')}", params, budget=budget,
                      validate=message_of)
        try:
            return crossref_to_csl(found)
        except (TypeError, ValueError, AttributeError) as error:
            raise LookupFailed(f"Crossref's answer for {doi} is not readable ({error}).") from None

    def fetch_page(self, url: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """A web page: if it embeds a DOI (``citation_doi`` meta), that work; else a web page item."""
        budget = budget or self.budget()
        page = self.get_text(url, budget=budget, validate=_has_text)
        doi = _meta_doi(page)
        if doi:
            csl = self.fetch_crossref(doi, budget)
            csl.setdefault("URL", url)
            return csl
        title = re.search(r"<title[^>]*>(.*?)</title>", page, re.I | re.S)
        csl: dict[str, Any] = {"type": "webpage", "URL": url}
        if title and clean_text(html.unescape(title.group(1))):
            csl["title"] = clean_text(html.unescape(title.group(1)))
        site = _meta(page, "og:site_name")
        if site:
            csl["container-title"] = site
        return csl

    def lookup(
        self, identifier: Identifier, *, budget: LookupBudget | None = None, cancel: threading.Event | None = None
    ) -> dict[str, Any]:
        """Metadata for ``identifier`` as a CSL-JSON item, or :class:`LookupFailed`.

        The lookup ends by this client's ``deadline`` or ``budget``'s, whichever is sooner,
        and at once when ``cancel`` (or the budget's cancel switch) is set
        (:class:`LookupCancelled`).
        """
        if budget is None:
            budget = self.budget(cancel)
        else:
            budget = budget.narrowed(self.deadline)
        if identifier.kind == "doi":
            return self.fetch_crossref(identifier.value, budget)
        if identifier.kind == "pmid":
            return self.fetch_pubmed(identifier.value, budget)
        if identifier.kind == "pmcid":
            return self.fetch_pmc(identifier.value, budget)
        return self.fetch_page(identifier.value, budget)


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


def _has_text(text: str) -> None:
    if not text.strip():
        raise LookupFailed("The page is empty.")


def _where(url: str) -> str:
    match = re.match(r"https?://([^/?#]+)", url)
    return match.group(1) if match else url


def _meta(page: str, name: str) -> str | None:
    for tag in re.findall(r"<meta\b[^>]*>", page, re.I):
        if re.search(rf"""(?:name|property)\s*=\s*["']{re.escape(name)}["']""", tag, re.I):
            content = re.search(r"""content\s*=\s*["']([^"']*)["']""", tag, re.I)
            if content and content.group(1).strip():
                return html.unescape(content.group(1).strip())
    return None


def _meta_doi(page: str) -> str | None:
    for name in ("citation_doi", "dc.identifier", "DC.Identifier", "prism.doi"):
        value = _meta(page, name)
        if value:
            doi = doi_in_text(value)
            if doi:
                return doi
    return None


def _esummary_to_csl(summary: dict[str, Any]) -> dict[str, Any]:
    csl: dict[str, Any] = {"type": "article-journal"}
    if summary.get("title"):
        csl["title"] = clean_text(summary["title"]).rstrip(".")
    authors = []
    for author in summary.get("authors", []):
        name = clean_text(author.get("name", "")) if isinstance(author, dict) else ""
        match = re.fullmatch(r"(.+?) ([A-Z]{1,4})", name)
        if match:
            authors.append({"family": match.group(1), "given": ". ".join(match.group(2)) + "."})
        elif name:
            authors.append({"family": name})
    if authors:
        csl["author"] = authors
    if summary.get("fulljournalname"):
        csl["container-title"] = clean_text(summary["fulljournalname"])
    year = re.match(r"(\d{4})", str(summary.get("pubdate", "")))
    if year:
        csl["issued"] = {"date-parts": [[int(year.group(1))]]}
    for source, target in (("volume", "volume"), ("issue", "issue"), ("pages", "page")):
        if summary.get(source):
            csl[target] = clean_text(summary[source])
    return csl
