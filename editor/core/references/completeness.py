"""Pure checks on CSL items, used by the store and by the writing checks.

``missing_fields`` says what a citation style needs that an item lacks;
``same_work`` says whether two items describe the same work. Both are pure and fast
(identifier normalization is memoized), so a post with hundreds of citations is checked
in milliseconds.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from editor.core.references.normalize import (
    date_year,
    normalize_doi,
    normalize_pmcid,
    normalize_pmid,
    normalize_title,
    normalize_url,
)

_JOURNAL_LIKE = {"article-journal", "article-magazine", "article-newspaper"}
_WEB = {"webpage", "post-weblog", "post"}

#: What a style needs, per CSL type (in the order they are reported). "title" is always needed.
REQUIRED: dict[str, tuple[str, ...]] = {
    "article-journal": ("author", "container-title", "issued"),
    "article-magazine": ("container-title", "issued"),
    "article-newspaper": ("container-title", "issued"),
    "book": ("issued", "publisher"),
    "chapter": ("container-title", "issued", "publisher"),
    "report": ("issued",),
    "thesis": ("issued", "publisher"),
    "paper-conference": ("container-title", "issued"),
    "webpage": ("URL", "accessed"),
    "post-weblog": ("URL", "accessed"),
    "post": ("URL", "accessed"),
}

FIELD_LABELS = {"title": "title", "author": "authors", "container-title": "journal or book title",
                "issued": "year", "publisher": "publisher", "URL": "URL", "accessed": "accessed date"}


def identifies_a_work(csl: dict[str, Any]) -> bool:
    """Whether an item says which work it is: a title, or a DOI, PMID, PMCID or URL.

    The one rule for every way a reference comes in (``refs add``, ``refs import``, the
    importers): an identifier alone is enough; the reference is then marked incomplete."""
    return bool(csl.get("title")) or any((
        normalize_doi(csl.get("DOI")), normalize_pmid(csl.get("PMID")) if csl.get("PMID") else None,
        normalize_pmcid(csl.get("PMCID")) if csl.get("PMCID") else None, normalize_url(csl.get("URL"))))


def _present(csl: dict[str, Any], field: str) -> bool:
    value = csl.get(field)
    if field in {"issued", "accessed"}:
        return date_year(value) is not None
    if field == "author":
        return bool(value) or bool(csl.get("editor"))
    if field == "container-title" and csl.get("type") in _JOURNAL_LIKE:
        return bool(value) or bool(csl.get("container-title-short"))
    return bool(value)


def missing_fields(csl: dict[str, Any]) -> list[str]:
    """CSL fields the item's type needs but it lacks, e.g. ``["container-title", "issued"]``."""
    needed = ("title", *REQUIRED.get(str(csl.get("type", "")), ()))
    return [field for field in needed if not _present(csl, field)]


@lru_cache(maxsize=8192)
def _doi(value: str) -> str | None:
    return normalize_doi(value)


@lru_cache(maxsize=8192)
def _url(value: str) -> str | None:
    return normalize_url(value)


@lru_cache(maxsize=8192)
def _title(value: str) -> str:
    return normalize_title(value)


@lru_cache(maxsize=8192)
def _pmid(value: str) -> str | None:
    return normalize_pmid(value)


@lru_cache(maxsize=8192)
def _pmcid(value: str) -> str | None:
    return normalize_pmcid(value)


def _ids(csl: dict[str, Any]) -> tuple[str | None, str | None, str | None]:
    doi = csl.get("DOI")
    pmid = csl.get("PMID")
    pmcid = csl.get("PMCID")
    return (
        _doi(str(doi)) if doi else None,
        _pmid(str(pmid)) if pmid else None,
        _pmcid(str(pmcid)) if pmcid else None,
    )


def same_work(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when ``a`` and ``b`` are the same work.

    The same DOI, PMID or PMCID makes them the same; a different value of one of those
    that both have makes them different. Lacking shared identifiers, the same normalized
    URL, or the same normalized title and year, makes them the same.
    """
    ids_a, ids_b = _ids(a), _ids(b)
    conflict = False
    for left, right in zip(ids_a, ids_b, strict=True):
        if left and right:
            if left == right:
                return True
            conflict = True
    if conflict:
        return False
    url_a, url_b = a.get("URL"), b.get("URL")
    if url_a and url_b and _url(str(url_a)) and _url(str(url_a)) == _url(str(url_b)):
        return True
    title_a, title_b = a.get("title"), b.get("title")
    if not title_a or not title_b:
        return False
    year_a = date_year(a.get("issued"))
    return year_a is not None and year_a == date_year(b.get("issued")) and _title(str(title_a)) == _title(
        str(title_b)
    )


def is_incomplete(csl: dict[str, Any]) -> bool:
    return bool(missing_fields(csl))
