"""The parts of a reference string that any style may put anywhere: identifiers and notes.

DOIs, PMIDs, PMCIDs, URLs, "Accessed …"/"[cited …]"/"Retrieved … from", "Published
online …", "Epub …", "Erratum in: …", "[Internet]", "[Preprint]", "[dissertation]" and
report numbers are cut out of the string first, each by one row of :data:`TAILS`, so the
style table only has to read what is left: authors, title, source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from editor.core.references.freetext.clean import tidy_leftover
from editor.core.references.freetext.dates import WRITTEN, YEAR_FIRST, parse_date
from editor.core.references.identifiers import parse_identifier, trim_tail

_URL = r"(?:https?://|www\.)[^\s<>\"]+"
_DOI = r"10\.\d{4,9}/[^\s\"<>]+"
_END = r"(?:[.;,]|(?=[\s\])])|$)"


@dataclass
class Tails:
    """What was cut out of a reference string, and the string left to read."""

    core: str
    fields: dict[str, Any] = field(default_factory=dict)  # CSL fields found (DOI, URL, accessed…)
    flags: set[str] = field(default_factory=set)  # internet, preprint, thesis, report, online-first
    published: dict[str, Any] | None = None  # a "Published online …"/"Updated …" date


def _doi(tails: Tails, match: re.Match[str]) -> None:
    value = trim_tail(match.group("doi"))
    if "DOI" not in tails.fields and parse_identifier(value):
        tails.fields["DOI"] = value


def _url(tails: Tails, match: re.Match[str]) -> None:
    url = trim_tail(match.group("url"))
    if url.lower().startswith("www."):
        url = "https://" + url
    found = parse_identifier(url)
    if found is not None and found.kind == "doi":
        tails.fields.setdefault("DOI", found.value)
        return
    if found is not None and found.kind in ("pmid", "pmcid"):
        tails.fields.setdefault(found.kind.upper(), found.value)
    tails.fields.setdefault("URL", url)
    if match.groupdict().get("accessed"):
        _accessed_text(tails, match.group("accessed"))


def _accessed_text(tails: Tails, text: str) -> None:
    date = parse_date(text)
    if date and "accessed" not in tails.fields:
        tails.fields["accessed"] = date


def _accessed(tails: Tails, match: re.Match[str]) -> None:
    _accessed_text(tails, match.group("date"))


def _cited(tails: Tails, match: re.Match[str]) -> None:
    cited = re.search(rf"cited\s+({WRITTEN})", match.group(0), re.I)
    if cited:
        _accessed_text(tails, cited.group(1))


def _published(tails: Tails, match: re.Match[str]) -> None:
    if match.groupdict().get("preprint"):
        tails.flags.add("preprint")
    if match.groupdict().get("online"):
        tails.flags.add("online-first")
    tails.published = tails.published or parse_date(match.group("date"))


def _pmid(tails: Tails, match: re.Match[str]) -> None:
    tails.fields.setdefault("PMID", match.group("id"))


def _pmcid(tails: Tails, match: re.Match[str]) -> None:
    tails.fields.setdefault("PMCID", match.group("id").upper())


def _flag(name: str) -> Any:
    def handler(tails: Tails, match: re.Match[str]) -> None:
        tails.flags.add(name)
    return handler


def _thesis(tails: Tails, match: re.Match[str]) -> None:
    tails.flags.add("thesis")
    genre = " ".join(match.group("genre").split())
    tails.fields["genre"] = genre[:1].upper() + genre[1:]
    if match.group("school"):
        tails.fields["publisher"] = match.group("school").strip()


def _report_number(tails: Tails, match: re.Match[str]) -> None:
    tails.flags.add("report")
    tails.fields["number"] = match.group("number").rstrip(".")
    series = match.groupdict().get("series")
    if series:
        tails.fields["collection-title"] = series.strip()


def _drop(tails: Tails, match: re.Match[str]) -> None:
    return


# (pattern, handler): applied in order, each to every place it matches.
TAILS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"\b(?:Erratum|Comment|Update|Retraction|Corrected and republished)(?: in| of)?:\s.*?"
                r"(?=\b(?:Erratum|Comment|Update|Retraction)(?: in| of)?:|\bPMID\b|\bPMCID\b|$)", re.I), _drop),
    (re.compile(rf"\bEpub(?:\s+ahead\s+of\s+print)?(?:\s+{YEAR_FIRST})?{_END}", re.I), _drop),
    (re.compile(r"\[?\b(?:Epub\s+)?ahead\s+of\s+print\b\]?\.?", re.I), _drop),
    (re.compile(rf"\b(?:Available\s+(?:from|at)|Retrieved\s+(?:(?P<accessed>{WRITTEN}),?\s+)?from|URL)\s*:?\s*"
                rf"<?(?P<url>{_URL})>?", re.I), _url),
    (re.compile(rf"\b(?:https?://(?:dx\.)?doi\.org/|doi\.org/)(?P<doi>{_DOI})", re.I), _doi),
    (re.compile(rf"\bdoi\s*:?\s*(?P<doi>{_DOI})", re.I), _doi),
    (re.compile(rf"<?(?P<url>{_URL})>?"), _url),
    (re.compile(rf"(?<![\w/])(?P<doi>{_DOI})"), _doi),
    (re.compile(r"\bPMID\s*:?\s*(?P<id>\d{1,9})\b[.;]?", re.I), _pmid),
    (re.compile(r"\bPMCID\s*:?\s*(?P<id>PMC\d{1,9})\b[.;]?", re.I), _pmcid),
    (re.compile(r"(?<![\w/])(?P<id>PMC\d{4,9})\b[.;]?"), _pmcid),
    (re.compile(r"\bNIHMSID\s*:?\s*NIHMS\d+\b[.;]?", re.I), _drop),
    (re.compile(r"\[(?:updated[^\]]*?;\s*)?(?:cited|accessed)[^\]]*\]", re.I), _cited),
    (re.compile(r"\[updated[^\]]*\]", re.I), _drop),
    (re.compile(rf"\b(?:Accessed|Viewed|Cited|Retrieved)(?:\s+on)?\s*:?\s*(?P<date>{WRITTEN}){_END}", re.I),
     _accessed),
    (re.compile(rf"\b(?:(?P<preprint>Preprint\s+posted\s+online)|(?:Last\s+)?(?:Published|Updated|Reviewed|Posted|"
                rf"Revised)(?P<online>\s+online)?)(?:\s+on)?\s*:?\s*(?P<date>{WRITTEN}){_END}", re.I), _published),
    (re.compile(r"\s?\[Internet\]", re.I), _flag("internet")),
    (re.compile(r"\s?\[(?:Preprint|preprint\s+\w+)\]", re.I), _flag("preprint")),
    (re.compile(r"\s?\[(?P<genre>(?:Doctoral|Master'?s|PhD|Ph\.D\.|Honou?rs|Bachelor'?s)?\s*"
                r"(?:dissertation|thesis))(?:,\s*(?P<school>[^\]]+))?\]", re.I), _thesis),
    (re.compile(r"\bReport\s+No\.?\s*:?\s*(?P<number>[\w][\w./-]*)\.?", re.I), _report_number),
    (re.compile(r"\s?\((?:[A-Z][\w.]*\s+)*(?:Publication|Report|Pub\.)\s+No\.\s*(?P<number>[\w][\w./-]*)\)", re.I),
     _report_number),
    (re.compile(r"(?P<series>\b(?:[A-Z][\w-]*\s+){1,5}(?:Data\s+Brief|Reports?|Series|Brief))[,;]?\s+"
                r"[Nn]o\.?\s*(?P<number>\d[\w-]*)\.?"), _report_number),
]

PREPRINT_SERVERS = frozenset({"medrxiv", "biorxiv", "arxiv", "psyarxiv", "socarxiv", "research square",
                              "ssrn", "preprints", "osf preprints", "authorea", "preprints.org"})


def cut_tails(text: str) -> Tails:
    """Cut identifiers and notes out of a cleaned reference string."""
    tails = Tails(core=text)
    for pattern, handler in TAILS:
        def take(match: re.Match[str], handler: Any = handler) -> str:
            handler(tails, match)
            return " "
        tails.core = pattern.sub(take, tails.core)
    tails.core = tidy_leftover(tails.core)
    return tails
