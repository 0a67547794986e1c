"""How RIS, MEDLINE and BibTeX fields become CSL-JSON variables: one table per format.

Each parser reads its records into "field name → first non-empty value" and hands the
table here; :func:`apply_fields` fills the CSL item. A :class:`Rule` names the CSL
variable, the format's fields to try in order, an optional conversion (a field whose
conversion comes out empty does not count, so the next field is tried), and the CSL
item types it applies to. A variable already set is never overwritten, so rules for the
same variable are read as "first, else". What does not fit a table (names, a date made
of year and month, page ranges, identifiers hidden in URLs) stays in the parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from editor.core.references.normalize import normalize_doi, normalize_pmcid, normalize_pmid, parse_date

Getter = Callable[[str], str]  # a format's field name -> its first non-empty value, or ""


@dataclass(frozen=True)
class Rule:
    csl: str
    fields: tuple[str, ...]
    convert: Callable[[str], Any] | None = None
    only: frozenset[str] | None = None  # CSL types the rule applies to (None: all)
    never: frozenset[str] = frozenset()  # CSL types it does not apply to


def rule(csl: str, *fields: str, convert: Callable[[str], Any] | None = None,
         only: Iterable[str] | None = None, never: Iterable[str] = ()) -> Rule:
    return Rule(csl, fields, convert, frozenset(only) if only is not None else None, frozenset(never))


def apply_fields(rules: Iterable[Rule], get: Getter, csl: dict[str, Any]) -> dict[str, Any]:
    """Fill ``csl`` (which has its ``type``) from a record through ``rules``; returns ``csl``."""
    item_type = csl["type"]
    for entry in rules:
        if entry.csl in csl or item_type in entry.never or (entry.only is not None and item_type not in entry.only):
            continue
        for name in entry.fields:
            raw = get(name)
            value = entry.convert(raw) if raw and entry.convert else raw
            if value:
                csl[entry.csl] = value
                break
    return csl


# -- conversions shared by the formats ---------------------------------------------------

def doi_as_written(value: str) -> str | None:
    """The DOI in ``value`` with the capitals its source gave it (DOIs compare case-blind)."""
    doi = normalize_doi(value)
    if not doi:
        return None
    found = re.search(re.escape(doi), value, re.I)
    return found.group(0) if found else doi


def first_word(value: str) -> str:
    return value.split(" ")[0]


def medline_pmid(value: str) -> str | None:
    return str(int(value)) if re.fullmatch(r"\d{1,9}", value) and int(value) > 0 else None


def medline_title(value: str) -> str:
    """MEDLINE titles end in a full stop; translated ones are "[In brackets]."."""
    if value.startswith("[") and value.endswith("]."):
        value = value[1:-2]
    if value.endswith(".") and not value.endswith(".."):
        value = value[:-1]
    return value


_BOOKS = {"book", "chapter"}

# -- RIS (field names as rispy gives them) -----------------------------------------------

RIS_TYPES = {
    "JOUR": "article-journal", "JFULL": "article-journal", "ABST": "article-journal",
    "INPR": "article-journal", "EJOUR": "article-journal", "MGZN": "article-magazine",
    "NEWS": "article-newspaper", "BOOK": "book", "EBOOK": "book", "EDBOOK": "book",
    "CHAP": "chapter", "ECHAP": "chapter", "ELEC": "webpage", "WEB": "webpage",
    "BLOG": "post-weblog", "RPRT": "report", "GOVDOC": "report", "THES": "thesis",
    "CONF": "paper-conference", "CPAPER": "paper-conference", "DATA": "dataset",
    "COMP": "software", "PAT": "patent", "DICT": "entry-dictionary", "ENCYC": "entry-encyclopedia",
}
_RIS_CONTAINER = ("secondary_title", "journal_name", "alternate_title3")
RIS_FIELDS = (
    rule("title", "title", "primary_title", "translated_title"),
    rule("collection-title", *_RIS_CONTAINER, only={"book"}),  # a book's T2 is its series
    rule("container-title", *_RIS_CONTAINER, never={"book"}),
    rule("container-title-short", "alternate_title1", "alternate_title2", never={"book"}),
    rule("accessed", "access_date", convert=parse_date),
    rule("volume", "volume"),
    rule("issue", "number"),
    rule("publisher", "publisher"),
    rule("publisher-place", "place_published"),
    rule("edition", "edition"),
    rule("language", "language"),
    rule("abstract", "abstract", "notes_abstract"),
    rule("ISBN", "issn", only=_BOOKS),  # RIS has one SN tag for both
    rule("ISSN", "issn", never=_BOOKS),
    rule("DOI", "doi", convert=doi_as_written),
    rule("PMCID", "custom2", "custom1", "note", convert=normalize_pmcid),
    rule("note", "notes"),
)

# -- PubMed MEDLINE (tags) ---------------------------------------------------------------

MEDLINE_FIELDS = (
    rule("title", "TI", "BTI", convert=medline_title),
    rule("container-title", "BTI", convert=medline_title, only={"chapter"}),
    rule("container-title", "JT", only={"article-journal"}),
    rule("container-title-short", "TA", only={"article-journal"}),
    rule("issued", "DP", "DEP", convert=parse_date),
    rule("volume", "VI"),
    rule("issue", "IP"),
    rule("page", "PG"),
    rule("language", "LA"),
    rule("publisher", "PB"),
    rule("publisher-place", "PL", never={"article-journal"}),  # a journal's PL is its country
    rule("abstract", "AB"),
    rule("ISSN", "IS", convert=first_word, only={"article-journal"}),
    rule("ISBN", "IS", convert=first_word, never={"article-journal"}),
    rule("PMCID", "PMC", convert=normalize_pmcid),
    rule("PMID", "PMID", convert=medline_pmid),
)

# -- BibTeX and BibLaTeX (lower-case field names, LaTeX decoded) -------------------------

BIBTEX_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis",
    "thesis": "thesis", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "manual": "report", "booklet": "pamphlet", "unpublished": "manuscript", "dataset": "dataset",
    "software": "software", "patent": "patent", "misc": "document",
}
BIBTEX_FIELDS = (
    rule("title", "title"),
    rule("container-title", "journal", "journaltitle", "booktitle"),
    rule("container-title-short", "shortjournal"),
    rule("accessed", "urldate", convert=parse_date),
    rule("volume", "volume"),
    rule("issue", "number"),
    rule("edition", "edition"),
    rule("publisher-place", "address", "location"),
    rule("abstract", "abstract"),
    rule("note", "note"),
    rule("ISBN", "isbn"),
    rule("ISSN", "issn"),
    rule("language", "language"),
    rule("collection-title", "series"),
    rule("publisher", "publisher", "institution", "school", "organization"),
    rule("PMID", "pmid", convert=normalize_pmid),
    rule("PMCID", "pmcid", convert=normalize_pmcid),
)
