"""Online metadata: NCBI E-utilities (PubMed, PMC) and Crossref, with a polite HTTP client.

Every request has a timeout, is retried on 429 and passing server errors (honouring
``Retry-After``), is spaced to at most ``per_second`` requests per second (NCBI allows
3/s without an API key), identifies the tool and a contact address, and successful (or
definite not-found) responses are cached in the library's ``http_cache`` table. Base URLs
are constructor arguments so tests run against a local server.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from typing import Any, Protocol
from urllib.parse import quote, urlencode

import httpx

from editor import __version__
from editor.core.foundation.errors import LookupFailed
from editor.core.references.crossref import crossref_to_csl
from editor.core.references.identifiers import Identifier, doi_in_text
from editor.core.references.normalize import clean_text, normalize_pmcid, normalize_pmid
from editor.core.references.parsers import medline

NCBI_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
CROSSREF_BASE_URL = "https://api.crossref.org"
RETRY_STATUSES = {429, 500, 502, 503, 504}
CACHEABLE_STATUSES = {200, 404}


class ResponseCache(Protocol):
    def get(self, url: str) -> tuple[int, str] | None: ...

    def put(self, url: str, status: int, body: str) -> None: ...


class RateLimiter:
    """Spaces calls at least ``1 / per_second`` seconds apart (thread-safe)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            time.sleep(delay)


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
    ) -> None:
        self.ncbi_base_url = ncbi_base_url.rstrip("/")
        self.crossref_base_url = crossref_base_url.rstrip("/")
        self.email = email
        self.tool = tool
        self.api_key = api_key
        self.cache = cache
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self.limiter = RateLimiter(per_second or (10.0 if api_key else 3.0))
        agent = f"Postwright/{__version__} (medical blog editor" + (f"; mailto:{email})" if email else ")")
        self._http = httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True,
                                  headers={"User-Agent": agent})

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> MetadataClient:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    # -- HTTP ------------------------------------------------------------------
    def get_text(self, url: str, params: dict[str, str] | None = None) -> str:
        """GET ``url`` (cached); the body of a 200 response, else :class:`LookupFailed`."""
        full = f"{url}?{urlencode(sorted((params or {}).items()))}" if params else url
        cached = self.cache.get(full) if self.cache else None
        if cached is not None:
            status, body = cached
        else:
            status, body = self._fetch(full)
            if self.cache and status in CACHEABLE_STATUSES:
                self.cache.put(full, status, body)
        if status == 404:
            raise LookupFailed(f"{_where(url)} has no record for this identifier (404).")
        if status != 200:
            raise LookupFailed(f"{_where(url)} answered HTTP {status}.")
        return body

    def _fetch(self, url: str) -> tuple[int, str]:
        for attempt in range(self.retries + 1):
            self.limiter.wait()
            try:
                response = self._http.get(url)
            except httpx.TimeoutException as error:
                if attempt == self.retries:
                    raise LookupFailed(f"{_where(url)} did not answer in time.") from error
                time.sleep(self.backoff * 2**attempt)
                continue
            except httpx.HTTPError as error:
                if attempt == self.retries:
                    raise LookupFailed(f"{_where(url)} cannot be reached (offline?): {error}.") from error
                time.sleep(self.backoff * 2**attempt)
                continue
            if response.status_code in RETRY_STATUSES and attempt < self.retries:
                time.sleep(self._retry_delay(response, attempt))
                continue
            return response.status_code, response.text
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _retry_delay(self, response: httpx.Response, attempt: int) -> float:
        header = response.headers.get("Retry-After", "")
        if header.strip().isdigit():
            return min(float(header), self.max_retry_after)
        return min(self.backoff * 2**attempt, self.max_retry_after)

    def _ncbi(self, endpoint: str, **params: str) -> str:
        params = {**params, "tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.api_key:
            params["api_key"] = self.api_key
        return self.get_text(f"{self.ncbi_base_url}/{endpoint}", params)

    # -- sources ---------------------------------------------------------------
    def fetch_pubmed(self, pmid: str) -> dict[str, Any]:
        """PubMed record as CSL-JSON, from ``efetch`` MEDLINE text."""
        text = self._ncbi("efetch.fcgi", db="pubmed", id=pmid, rettype="medline", retmode="text")
        result = medline.parse(text)
        for record in result.records:
            if record.csl.get("PMID") == pmid:
                return record.csl
        raise LookupFailed(f"PubMed has no record for PMID {pmid}.")

    def fetch_pmc(self, pmcid: str) -> dict[str, Any]:
        """A PMC article: its PubMed record (or Crossref by DOI) found through ``esummary``."""
        number = pmcid.removeprefix("PMC")
        try:
            data = json.loads(self._ncbi("esummary.fcgi", db="pmc", id=number, retmode="json"))
            summary = data["result"][number]
        except (ValueError, KeyError, TypeError) as error:
            raise LookupFailed(f"PMC has no summary for {pmcid}.") from error
        if not isinstance(summary, dict) or summary.get("error"):
            raise LookupFailed(f"PMC has no record for {pmcid}.")
        ids = {str(item.get("idtype", "")).lower(): str(item.get("value", ""))
               for item in summary.get("articleids", []) if isinstance(item, dict)}
        pmid, doi = normalize_pmid(ids.get("pmid")), ids.get("doi")
        if pmid:
            csl = self.fetch_pubmed(pmid)
        elif doi:
            csl = self.fetch_crossref(doi)
        else:
            csl = _esummary_to_csl(summary)
        csl["PMCID"] = normalize_pmcid(pmcid) or pmcid
        return csl

    def fetch_crossref(self, doi: str) -> dict[str, Any]:
        """Crossref ``/works/{doi}`` as CSL-JSON."""
        params = {"mailto": self.email} if self.email else None
        body = self.get_text(f"{self.crossref_base_url}/works/{quote(doi, safe='/()')}", params)
        try:
            message = json.loads(body)["message"]
        except (ValueError, KeyError, TypeError) as error:
            raise LookupFailed(f"Crossref's answer for {doi} is not readable.") from error
        return crossref_to_csl(message)

    def fetch_page(self, url: str) -> dict[str, Any]:
        """A web page: if it embeds a DOI (``citation_doi`` meta), that work; else a web page item."""
        page = self.get_text(url)
        doi = _meta_doi(page)
        if doi:
            csl = self.fetch_crossref(doi)
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

    def lookup(self, identifier: Identifier) -> dict[str, Any]:
        """Metadata for ``identifier`` as a CSL-JSON item, or :class:`LookupFailed`."""
        if identifier.kind == "doi":
            return self.fetch_crossref(identifier.value)
        if identifier.kind == "pmid":
            return self.fetch_pubmed(identifier.value)
        if identifier.kind == "pmcid":
            return self.fetch_pmc(identifier.value)
        return self.fetch_page(identifier.value)


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
