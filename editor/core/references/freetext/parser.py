"""One reference string → one CSL item, by the style table in ``styles.py``.

The string is cleaned, its identifiers and notes are cut out (``tails.py``), then every
row of the table is tried at every place its author list could end (within its first
``styles.MAX_AUTHOR_ENDS`` full stops; each row runs in linear time, so a whole parse does
too, whatever was pasted). Each reading is
scored: names that read as names, and fields found, count for it; an author "name"
that reads like a sentence, or a title that reads like an author list, counts against
it. The best reading wins. Nothing is thrown away: what no row explains is kept as the
title, and the reference is marked as needing review with the reasons why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from editor.core.references.freetext.clean import clean_reference
from editor.core.references.freetext.dates import MONTH, YEAR, parse_date
from editor.core.references.freetext.names import NameList, parse_names
from editor.core.references.freetext.review import UNREAD, review_problems
from editor.core.references.freetext.styles import COMPILED, GROUP_FIELDS, TAIL_FIELD, Row, author_ends
from editor.core.references.freetext.tails import PREPRINT_SERVERS, Tails, cut_tails

MAX_LENGTH = 3000  # a reference longer than this is not read field by field
_COUNTED = ("title", "qtitle", "container", "date", "volume", "issue", "page", "publisher", "place", "edition",
            "editors", "tail", "genre")
_NAME_LIST_START = re.compile(r"^[A-Z][\w'-]+ [A-Z]{1,3}(?:,|\.? [A-Z][\w'-]+ [A-Z]{1,3}\b)")
_ENDS_IN_DAY = re.compile(rf"\b{MONTH}\s+\d{{1,2}}$")
_LABELS = frozenset({"pubmed", "pmc", "pubmed central", "link", "source", "online", "website", "web", "full text",
                     "available", "see", "url", "doi", "article"})
_EDITOR_SHAPE = {"vancouver": "vancouver", "apa": "given-first", "written": "written"}


@dataclass
class ParsedReference:
    """A reference string read into CSL: ``style`` is the table row that read it."""

    csl: dict[str, Any]
    style: str
    problems: list[str] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.problems)


@dataclass
class _Reading:
    row: Row
    groups: dict[str, str]
    names: NameList | None
    score: float


def full_pages(page: str) -> str:
    """A page range written in full: "2368-83" → "2368-2383", "s176-85" → "s176-s185"."""
    page = re.sub(r"\s*-\s*", "-", page.strip())
    match = re.fullmatch(r"([A-Za-z]*+)(\d++)([^-]*+)-([A-Za-z]*+)(\d++)(.*)", page)
    if not match:
        return page
    first_prefix, first, first_rest, last_prefix, last, last_rest = match.groups()
    if first_prefix and not last_prefix and not first_rest:
        last_prefix = first_prefix
    if len(last) < len(first) and not first_rest and int(first[-len(last):]) <= int(last):
        last = first[: len(first) - len(last)] + last
    return f"{first_prefix}{first}{first_rest}-{last_prefix}{last}{last_rest}"


def _needs_met(row: Row, tails: Tails) -> bool:
    for need in row.needs:
        if need == "url" and "URL" not in tails.fields:
            return False
        if need == "identifier" and not any(k in tails.fields for k in ("DOI", "PMID", "PMCID")):
            return False
        if need == "date" and tails.published is None:
            return False
    return True


def _score(row: Row, groups: dict[str, str], names: NameList | None, index: int) -> float:
    score = sum(1.0 for key in _COUNTED if groups.get(key))
    if names is not None:
        score += names.score
    title = groups.get("title") or groups.get("qtitle") or ""
    if _NAME_LIST_START.match(title):
        score -= 4
    if not title.strip(" .?!") or title.startswith("(") or title.count("(") < title.count(")"):
        score -= 5
    for key in ("container", "publisher", "tail"):
        if _ENDS_IN_DAY.search(groups.get(key, "")):
            score -= 3
    return score - index * 0.001


def _readings(core: str, tails: Tails) -> list[_Reading]:
    readings = []
    ends: dict[str, list[tuple[str, str]]] = {}  # the rows share where an author list may end…
    read: dict[tuple[str, str], NameList] = {}  # …and so the author lists they read
    for index, (row, pattern) in enumerate(COMPILED):
        if not _needs_met(row, tails):
            continue
        splits: list[tuple[str | None, str]] = []
        if row.authors:
            if row.ends not in ends:
                ends[row.ends] = author_ends(core, row.ends)
            splits.extend(ends[row.ends])
        if row.optional_authors or not row.authors:
            splits.append((None, core))
        for authors, rest in splits:
            match = pattern.match(rest)
            if not match:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v}
            names = None
            if row.authors and authors is not None:
                names = read.get((authors, row.authors))
                if names is None:
                    names = read[authors, row.authors] = parse_names(authors, row.authors)
            if names is not None and not names.names:
                continue
            readings.append(_Reading(row, groups, names, _score(row, groups, names, index)))
    return readings


def _type(row: Row, groups: dict[str, str], tails: Tails) -> str:
    container = (groups.get("container") or groups.get("tail") or "").strip(" .").lower()
    if "thesis" in tails.flags or row.type == "thesis":
        return "thesis"
    if "preprint" in tails.flags or container in PREPRINT_SERVERS:
        return "article"
    if "report" in tails.flags:
        return "report"
    if row.type == "book" and row.authors == "apa" and not groups.get("edition") and "DOI" not in tails.fields:
        return "webpage" if "URL" in tails.fields else "book"
    if row.type == "book" and "internet" in tails.flags:
        return "webpage"
    if (row.type == "article-journal" and "URL" in tails.fields and "DOI" not in tails.fields
            and not any(groups.get(k) for k in ("volume", "issue", "page"))):
        return "webpage"
    return row.type


def _title(groups: dict[str, str]) -> str | None:
    title = (groups.get("qtitle") or groups.get("title") or "").strip()
    title = title.strip('"').strip()
    if title.lower().rstrip(".:") in _LABELS:
        return None
    if title.endswith(".") and not re.search(r"\b[A-Z]\.$", title[-3:]):
        title = title[:-1].rstrip()
    return title or None


def _item(reading: _Reading, tails: Tails) -> dict[str, Any]:
    groups, row = reading.groups, reading.row
    csl: dict[str, Any] = {"type": _type(row, groups, tails)}
    if reading.names is not None:
        csl["editor" if reading.names.editors else "author"] = reading.names.names
    title = _title(groups)
    if title:
        csl["title"] = title
    for group, value in groups.items():
        if group in ("title", "qtitle", "date", "editors", "tail") or not value.strip():
            continue
        key = GROUP_FIELDS.get(group, group)
        value = value.strip()
        if key == "page":
            value = full_pages(value)
        elif key == "genre":
            value = value[:1].upper() + value[1:]
        elif key == "container-title" and len(re.findall(r"\b[A-Z][a-z]{0,12}\.", value)) < 2:
            value = value.rstrip(".").strip()
        csl[key] = value
    if groups.get("editors"):
        csl["editor"] = parse_names(groups["editors"], _EDITOR_SHAPE[row.authors or "vancouver"]).names
    if groups.get("tail"):
        tail_field = TAIL_FIELD.get(csl["type"], "container-title")
        if tail_field == "archive" and "publisher" not in tails.fields:
            tail_field = "publisher"
        csl.setdefault(tail_field, groups["tail"].strip().rstrip("."))
    date = parse_date(groups["date"]) if groups.get("date") else None
    if date is None and tails.published is not None:
        date = tails.published
    if date is not None:
        csl["issued"] = date
    for key, value in tails.fields.items():
        csl.setdefault(key, value)
    return csl


def _problems(csl: dict[str, Any], reading: _Reading | None) -> list[str]:
    problems = ["not in a reference format Postwright knows"] if reading is None else []
    if not csl.get("title"):
        problems.append("no title")
    problems.extend(problem for problem in review_problems(csl) if problem != UNREAD)
    if csl["type"] == "article-journal" and not csl.get("container-title"):
        problems.append("no journal")
    if csl["type"] != "webpage" and not csl.get("issued") and csl.get("title"):
        problems.append("no year")
    return problems


def parse_reference(text: str) -> ParsedReference:
    """Read one reference string (any of the styles in ``styles.ROWS``) into a CSL item."""
    cleaned = clean_reference(text)
    if len(cleaned) > MAX_LENGTH:
        return ParsedReference({"type": "article", "title": cleaned[:MAX_LENGTH]}, "unparsed",
                               ["too long to be one reference"])
    tails = cut_tails(cleaned)
    readings = _readings(tails.core, tails) if tails.core else []
    best = max(readings, key=lambda reading: reading.score, default=None)
    if best is not None and best.score > 0:
        csl = _item(best, tails)
        return ParsedReference(csl, best.row.name, _problems(csl, best))
    csl = {"type": "webpage" if "URL" in tails.fields else "article"}
    leftover = tails.core.strip(" .,;:")
    if leftover and leftover.lower() not in _LABELS:
        csl["title"] = leftover
    year = re.search(rf"(?<!\d)({YEAR})(?!\d)", tails.core)
    if tails.published is not None:
        csl["issued"] = tails.published
    elif year:  # what no row explains may still say when
        csl["issued"] = {"date-parts": [[int(year.group(1))]]}
    csl.update(tails.fields)
    return ParsedReference(csl, "unparsed", _problems(csl, None))
