"""Normalization helpers shared by parsers, the store and the checks.

Pure functions: DOIs, URLs and titles reduced to comparable forms, names split into
CSL name objects, dates turned into CSL date objects, and CSL items cleaned of
fields CSL does not know.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

CSL_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter
    classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
    graphic hearing interview legal_case legislation manuscript map motion_picture musical_score
    pamphlet paper-conference patent performance periodical personal_communication post
    post-weblog regulation report review review-book software song speech standard thesis treaty
    webpage""".split()
)

NAME_FIELDS = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host illustrator interviewer
    narrator organizer original-author performer producer recipient reviewed-author
    script-writer series-creator translator""".split()
)

DATE_FIELDS = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)

STRING_FIELDS = frozenset(
    """abstract annote archive archive_collection archive_location archive-place authority
    call-number chapter-number citation-key citation-label collection-number collection-title
    container-title container-title-short dimensions division DOI edition event event-title
    event-place first-reference-note-number genre ISBN ISSN issue jurisdiction keyword language
    license locator medium note number number-of-pages number-of-volumes original-publisher
    original-publisher-place original-title page page-first part-number part-title PMCID PMID
    printing-number publisher publisher-place references reviewed-genre reviewed-title scale
    section source status supplement-number title title-short URL version volume
    volume-title volume-title-short year-suffix""".split()
)

_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[-._;()/:a-z0-9<>\[\]]+", re.I)
_DOI_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi\.org/|dx\.doi\.org/|doi:\s*|info:doi/)", re.I
)
_TRACKING_PARAMS = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$)", re.I)


def clean_text(value: Any) -> str:
    """Collapse whitespace of a string value; anything else becomes its string form."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def normalize_doi(value: str | None) -> str | None:
    """Return the bare lower-case DOI in ``value`` (a DOI, doi: form or doi.org URL), or None."""
    if not value:
        return None
    text = unquote(str(value).strip())
    text = _DOI_PREFIXES.sub("", text)
    match = _DOI_IN_TEXT.search(text)
    if not match:
        return None
    doi = match.group(0).rstrip(".,;:")
    # A DOI copied from a sentence may keep a closing bracket that was not part of it.
    while doi.endswith((")", "]")) and doi.count(doi[-1]) > doi.count("(" if doi[-1] == ")" else "["):
        doi = doi[:-1]
    return doi.lower()


def normalize_pmid(value: Any) -> str | None:
    text = clean_text(value)
    match = re.fullmatch(r"(?:pmid:?\s*)?0*([1-9]\d{0,8})", text, re.I)
    return match.group(1) if match else None


def normalize_pmcid(value: Any) -> str | None:
    text = clean_text(value)
    match = re.fullmatch(r"(?:pmcid:?\s*)?pmc\s*0*([1-9]\d{0,8})", text, re.I)
    return f"PMC{match.group(1)}" if match else None


def normalize_url(value: str | None) -> str | None:
    """A comparable form of a URL: no scheme, no ``www.``, no fragment, no tracking query."""
    if not value:
        return None
    text = str(value).strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        if not re.match(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(/|$)", text, re.I):
            return None
        text = "http://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _TRACKING_PARAMS.match(k)]
    result = host + path
    if query:
        result += "?" + urlencode(sorted(query))
    return result


def normalize_title(value: str | None) -> str:
    """Lower-case ASCII words of a title, for matching the same work across sources."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def ascii_fold(value: str) -> str:
    text = unicodedata.normalize("NFKD", value)
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l")
    text = text.replace("æ", "ae").replace("Æ", "AE").replace("đ", "d")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def initials_to_given(initials: str) -> str:
    """``"JPH"`` → ``"J. P. H."``."""
    return " ".join(f"{letter}." for letter in initials)


_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "del", "di", "la", "le"})


def parse_name(text: str) -> dict[str, str] | None:
    """One person name as a CSL name object.

    Accepts "Family, Given", "Family GI" (MEDLINE initials), "Given Family", and
    ``{Braced Corporate Name}`` (a literal).
    """
    name = clean_text(text).strip(" ,;")
    if not name:
        return None
    if name.startswith("{") and name.endswith("}"):
        return {"literal": clean_text(name[1:-1].replace("{", "").replace("}", ""))}
    name = clean_text(name.replace("{", "").replace("}", ""))
    if not name:
        return None
    if "," in name:
        family, _, given = name.partition(",")
        family, given = clean_text(family), clean_text(given)
        if not family:
            return {"literal": given} if given else None
        return {"family": family, "given": given} if given else {"family": family}
    words = name.split(" ")
    if len(words) == 1:
        return {"family": name}
    last = words[-1]
    if re.fullmatch(r"[A-Z]{1,4}", last):
        return {"family": " ".join(words[:-1]), "given": initials_to_given(last)}
    family_start = len(words) - 1
    while family_start > 1 and words[family_start - 1].lower() in _PARTICLES:
        family_start -= 1
    return {"family": " ".join(words[family_start:]), "given": " ".join(words[:family_start])}


def name_to_text(name: dict[str, Any]) -> str:
    """A CSL name as "Family, Given" (or the literal)."""
    if name.get("literal"):
        return str(name["literal"])
    family, given = str(name.get("family", "")), str(name.get("given", ""))
    return f"{family}, {given}" if given else family


MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_SEASON_WORD = re.compile(r"\b(spring|summer|autumn|fall|winter)\b", re.I)
_LEADING_SEASON = re.compile(r"^(spring|summer|autumn|fall|winter)\s+(\d{4})\b", re.I)


def parse_date(text: Any) -> dict[str, Any] | None:
    """A CSL date object from "2020", "2020///", "2023/12/14", "2021 Apr 13", "2021-03-18"."""
    value = clean_text(text)
    if not value:
        return None
    leading_season = _LEADING_SEASON.match(value)  # "Fall 2020"
    if leading_season:
        return {"date-parts": [[int(leading_season.group(2))]], "season": SEASONS[leading_season.group(1).lower()]}
    match = re.match(r"^(\d{4})(?!\d)(?:[-/. ](\d{1,2}|[A-Za-z]{3,})(?:[-/. ](\d{1,2}))?)?", value)
    if not match:
        year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", value)
        return {"date-parts": [[int(year.group(1))]]} if year else {"raw": value}
    parts = [int(match.group(1))]
    month_text = match.group(2)
    if month_text:
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3].lower())
        if month and 1 <= month <= 12:
            parts.append(month)
            day = match.group(3)
            if day and 1 <= int(day) <= 31:
                parts.append(int(day))
    date: dict[str, Any] = {"date-parts": [parts]}
    season = _SEASON_WORD.search(value)
    if len(parts) == 1 and season:  # "2000 Winter" (MEDLINE, RIS): CSL's season 1-4
        date["season"] = SEASONS[season.group(1).lower()]
    return date


def date_year(date: Any) -> int | None:
    """The year of a CSL date object, or None."""
    if not isinstance(date, dict):
        return None
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            year = int(str(parts[0][0]))
        except ValueError:
            return None
        return year if abs(year) <= MAX_YEAR else None
    for key in ("raw", "literal"):
        if isinstance(date.get(key), str):
            found = re.search(r"\b(\d{4})\b", date[key])
            if found:
                return int(found.group(1))
    return None


MAX_YEAR = 9999  # CSL years are four digits (negative: BC); anything larger is not a date


def _plausible_date_parts(numbers: list[int]) -> bool:
    """Year within ±9999, month 1-12 or a season 13-24, day 1-31."""
    limits = ((-MAX_YEAR, MAX_YEAR), (1, 24), (1, 31))
    return all(low <= number <= high for number, (low, high) in zip(numbers, limits, strict=False))


def _clean_name(value: Any) -> dict[str, str] | None:
    if isinstance(value, str):
        return parse_name(value)
    if not isinstance(value, dict):
        return None
    known = {k: clean_text(v) for k, v in value.items()
             if k in {"family", "given", "literal", "suffix", "dropping-particle",
                      "non-dropping-particle"} and clean_text(v)}
    # A given name alone is a name too (CSL allows it; Crossref sends it; citeproc-js prints "Madonna").
    return known if known.get("family") or known.get("literal") or known.get("given") else None


def _clean_date(value: Any) -> dict[str, Any] | None:
    if isinstance(value, (str, int)):
        return parse_date(value)
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts:
        cleaned = []
        for part in parts[:2]:
            if not isinstance(part, list):
                return None
            try:
                numbers = [int(str(p)) for p in part[:3]]
            except ValueError:
                return None
            if not _plausible_date_parts(numbers):  # e.g. a year of 10**20: kept as text, never as a number
                return {"literal": "-".join(str(p) for p in part[:3])[:80]}
            if numbers:
                cleaned.append(numbers)
        if not cleaned:
            return None
        date: dict[str, Any] = {"date-parts": cleaned}
        if isinstance(value.get("season"), (str, int)) and clean_text(value["season"]):
            date["season"] = value["season"] if isinstance(value["season"], int) else clean_text(value["season"])
        return date
    for key in ("raw", "literal"):
        if isinstance(value.get(key), str) and value[key].strip():
            return parse_date(value[key])
    return None


def clean_csl(item: dict[str, Any]) -> dict[str, Any]:
    """Keep only fields CSL knows, with names, dates and strings in CSL's shapes.

    Identifiers are normalized (DOI bare, PMCID with its ``PMC`` prefix). The ``id``
    is kept when it is a non-empty string.
    """
    result: dict[str, Any] = {}
    for key, value in item.items():
        if key == "id":
            if isinstance(value, (str, int)) and clean_text(value):
                result["id"] = clean_text(value)
        elif key == "type":
            result["type"] = value if value in CSL_TYPES else "article"
        elif key in NAME_FIELDS:
            values = value if isinstance(value, list) else [value]
            names = [n for n in (_clean_name(v) for v in values) if n]
            if names:
                result[key] = names
        elif key in DATE_FIELDS:
            date = _clean_date(value)
            if date:
                result[key] = date
        elif key in STRING_FIELDS:
            if isinstance(value, list):
                value = value[0] if value else ""
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                text = clean_text(value) if key != "abstract" else str(value).strip()
                if text:
                    result[key] = text
    if "DOI" in result:
        doi = normalize_doi(result["DOI"])
        if doi:
            match = re.search(re.escape(doi), unquote(result["DOI"]), re.I)
            result["DOI"] = match.group(0) if match else doi
        else:
            del result["DOI"]
    if "PMID" in result:
        pmid = normalize_pmid(result["PMID"])
        if pmid:
            result["PMID"] = pmid
        else:
            del result["PMID"]
    if "PMCID" in result:
        pmcid = normalize_pmcid(result["PMCID"])
        if pmcid:
            result["PMCID"] = pmcid
        else:
            del result["PMCID"]
    result.setdefault("type", "article")
    return result


def urlsplit_host(url: str) -> str:
    """The lower-case host of ``url`` ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
