"""RIS export through rispy (PubMed identifiers as ``AN`` with ``DB - PubMed`` and ``C2``)."""

from __future__ import annotations

from typing import Any

import rispy

from editor.core.references.normalize import clean_text
from editor.core.references.writers.dates import date_parts

CSL_TO_RIS = {
    "article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS",
    "book": "BOOK", "chapter": "CHAP", "webpage": "ELEC", "post-weblog": "BLOG", "report": "RPRT",
    "thesis": "THES", "paper-conference": "CPAPER", "dataset": "DATA", "software": "COMP",
    "patent": "PAT", "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC",
}


def _name(name: dict[str, Any]) -> str:
    if name.get("literal"):
        # "Name," (empty given name) marks an organization in RIS; Zotero reads it the same way.
        return f"{clean_text(name['literal'])},"
    family, given = clean_text(name.get("family")), clean_text(name.get("given"))
    return f"{family}, {given}" if given else f"{family},"


def _date(parts: list[int]) -> str:
    padded = [f"{parts[0]:04d}"] + [f"{p:02d}" for p in parts[1:]]
    return "/".join(padded + [""] * (3 - len(padded)))


def to_ris(csl: dict[str, Any]) -> dict[str, Any]:
    csl_type = csl.get("type", "")
    entry: dict[str, Any] = {"type_of_reference": CSL_TO_RIS.get(csl_type, "GEN"), "id": csl.get("id", "")}
    if csl.get("title"):
        entry["title"] = clean_text(csl["title"])
    if csl.get("author"):
        entry["authors"] = [_name(n) for n in csl["author"]]
    if csl.get("editor"):
        entry["secondary_authors"] = [_name(n) for n in csl["editor"]]
    container = csl.get("collection-title") if csl_type == "book" else csl.get("container-title")
    if container:
        entry["secondary_title"] = clean_text(container)
    if csl.get("container-title-short") and csl_type != "book":
        entry["alternate_title1"] = clean_text(csl["container-title-short"])
    issued = date_parts(csl.get("issued"))
    if issued:
        entry["year"] = str(issued[0])
        if len(issued) > 1:
            entry["date"] = _date(issued)
    accessed = date_parts(csl.get("accessed"))
    if accessed:
        entry["access_date"] = _date(accessed)
    simple = {"volume": "volume", "issue": "number", "publisher": "publisher",
              "publisher-place": "place_published", "edition": "edition", "language": "language",
              "abstract": "abstract", "DOI": "doi", "note": "notes"}
    for field, key in simple.items():
        if csl.get(field):
            entry[key] = clean_text(csl[field])
    if csl.get("page"):
        first, _, last = str(csl["page"]).partition("-")
        entry["start_page"] = clean_text(first)
        if clean_text(last):
            entry["end_page"] = clean_text(last)
    if csl.get("ISBN") or csl.get("ISSN"):
        entry["issn"] = clean_text(csl.get("ISBN") or csl.get("ISSN"))
    if csl.get("URL"):
        entry["urls"] = [clean_text(csl["URL"])]
    if csl.get("PMID"):
        entry["name_of_database"] = "PubMed"
        entry["accession_number"] = str(csl["PMID"])
    if csl.get("PMCID"):
        entry["custom2"] = str(csl["PMCID"])
    return {k: v for k, v in entry.items() if v}


class PlainRisWriter(rispy.RisWriter):  # type: ignore[misc]  # rispy ships no types
    """rispy's RIS writer without its "1." counter line before each record."""

    def set_header(self, count: int) -> str:
        return ""


def write(items: list[dict[str, Any]]) -> str:
    text: str = rispy.dumps([to_ris(item) for item in items], implementation=PlainRisWriter,
                            skip_unknown_tags=True, enforce_list_tags=False)
    return text
