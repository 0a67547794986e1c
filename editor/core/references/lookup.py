"""Online metadata: NCBI E-utilities (PubMed, PMC) and Crossref.

:class:`MetadataClient` is a :class:`~editor.core.references.http_client.BoundedHttpClient`:
every lookup has an overall deadline (``deadline`` seconds, retries, redirects and
follow-up requests included; a batch may pass a shorter :class:`LookupBudget`), can be
cancelled from another thread, streams its answers under ``max_bytes``, follows
redirects only within the service's site, is spaced to ``per_second`` requests per
second (NCBI allows 3/s without an API key) and identifies the tool and a contact
address. An answer is cached in the library's ``http_cache`` table only once it has
parsed (each source passes a validator). Base URLs are constructor arguments so tests
run against a local server.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Any
from urllib.parse import quote

from editor import __version__
from editor.core.foundation.answer_check import check_answer
from editor.core.foundation.errors import LookupCancelled, LookupFailed, LookupNotFound
from editor.core.foundation.limits import LOOKUP_SECONDS, MAX_REDIRECTS, MAX_RESPONSE_BYTES, loads_json
from editor.core.references.crossref import crossref_to_csl
from editor.core.references.http_client import (
    BoundedHttpClient,
    LookupBudget,
    ResponseCache,
    Validator,
    same_service,
)
from editor.core.references.identifiers import Identifier, doi_in_text
from editor.core.references.normalize import clean_text, normalize_pmcid, normalize_pmid
from editor.core.references.parsers import medline

__all__ = ["CROSSREF_BASE_URL", "DATACITE_BASE_URL", "NCBI_BASE_URL", "LookupBudget", "MetadataClient",
           "ResponseCache", "same_service"]

NCBI_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


class MalformedAnswer(LookupFailed):
    """The service answered, but not in the shape its schema says (``lookup_answers``)."""
CROSSREF_BASE_URL = "https://api.crossref.org"
DATACITE_BASE_URL = "https://api.datacite.org"


class MetadataClient(BoundedHttpClient):
    """Fetches CSL-JSON metadata for a DOI, PMID, PMCID or article page URL."""

    def __init__(
        self,
        *,
        ncbi_base_url: str = NCBI_BASE_URL,
        crossref_base_url: str = CROSSREF_BASE_URL,
        datacite_base_url: str = DATACITE_BASE_URL,
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
        agent = f"Postwright/{__version__} (medical blog editor" + (f"; mailto:{email})" if email else ")")
        super().__init__(
            user_agent=agent, cache=cache, timeout=timeout, retries=retries, backoff=backoff,
            max_retry_after=max_retry_after, per_second=per_second or (10.0 if api_key else 3.0),
            deadline=deadline, max_bytes=max_bytes, max_redirects=max_redirects,
        )
        self.ncbi_base_url = ncbi_base_url.rstrip("/")
        self.crossref_base_url = crossref_base_url.rstrip("/")
        self.datacite_base_url = datacite_base_url.rstrip("/")
        self.email = email
        self.tool = tool
        self.api_key = api_key

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
            from editor.core.references.lookup_answers import PmcAnswer, PmcSummary

            data = loads_json(text, "PMC's answer", LookupFailed)
            answer = check_answer(data, PmcAnswer, f"PMC's answer for {pmcid}", LookupFailed)
            summary = answer.result.get(number)
            if summary is None:
                raise LookupFailed(f"PMC has no summary for {pmcid}.")
            if check_answer(summary, PmcSummary, f"PMC's summary of {pmcid}", LookupFailed).error:
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
            from editor.core.references.lookup_answers import CrossrefAnswer

            data = loads_json(text, f"Crossref's answer for {doi}", LookupFailed)
            check_answer(data, CrossrefAnswer, f"Crossref's answer for {doi}", LookupFailed)
            found.update(data["message"])

        self.get_text(f"{self.crossref_base_url}/works/{quote(doi, safe='/()')}", params, budget=budget,
                      validate=message_of)
        try:
            return crossref_to_csl(found)
        except (TypeError, ValueError, AttributeError) as error:
            raise LookupFailed(f"Crossref's answer for {doi} is not readable ({error}).") from None

    def fetch_datacite(self, doi: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """DataCite ``/dois/{doi}`` as CSL-JSON (a DOI Crossref does not hold: a dataset, software...)."""
        from editor.core.references.datacite import datacite_to_csl
        from editor.core.references.lookup_answers import DataCiteAnswer

        found: list[DataCiteAnswer] = []

        def record_of(text: str) -> None:
            data = loads_json(text, f"DataCite's answer for {doi}", MalformedAnswer)
            found[:] = [check_answer(data, DataCiteAnswer, f"DataCite's answer for {doi}", MalformedAnswer)]

        self.get_text(f"{self.datacite_base_url}/dois/{quote(doi, safe='/()')}", None, budget=budget,
                      validate=record_of)
        return datacite_to_csl(found[0].data.attributes)

    def _datacite_after(self, doi: str, budget: LookupBudget, not_found: LookupNotFound) -> dict[str, Any]:
        if not self.datacite_base_url:
            raise not_found
        try:
            return self.fetch_datacite(doi, budget)
        except LookupNotFound:
            raise LookupNotFound(f"Neither Crossref nor DataCite has a record for the DOI {doi} (404).") from None
        except (LookupCancelled, MalformedAnswer):
            raise
        except LookupFailed:
            raise not_found from None  # DataCite unreachable: Crossref's answer is the one to give

    def fetch_page(self, url: str, budget: LookupBudget | None = None) -> dict[str, Any]:
        """A web page: if it embeds a DOI (``citation_doi`` meta), that work; else a web page item."""
        budget = budget or self.budget()
        page = self.get_text(url, budget=budget, validate=_has_text)
        doi = _meta_doi(page)
        if doi:
            work = self.fetch_crossref(doi, budget)
            work.setdefault("URL", url)
            return work
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
            try:
                return self.fetch_crossref(identifier.value, budget)
            except LookupNotFound as not_found:  # registered elsewhere: DataCite holds datasets, software...
                return self._datacite_after(identifier.value, budget, not_found)
        if identifier.kind == "pmid":
            return self.fetch_pubmed(identifier.value, budget)
        if identifier.kind == "pmcid":
            return self.fetch_pmc(identifier.value, budget)
        return self.fetch_page(identifier.value, budget)


def _has_text(text: str) -> None:
    if not text.strip():
        raise LookupFailed("The page is empty.")



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
