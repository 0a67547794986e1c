"""BibTeX export (BibLaTeX-compatible fields: ``date``, ``urldate``, ``entrysubtype``)."""

from __future__ import annotations

import re
from typing import Any

from editor.core.references.normalize import clean_text
from editor.core.references.parsers.latex import encode
from editor.core.references.writers.dates import iso

CSL_TO_BIBTEX = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "webpage": "online", "post-weblog": "online",
    "manuscript": "unpublished", "dataset": "dataset", "software": "software", "patent": "patent",
    "pamphlet": "booklet",
}
SUBTYPES = {"article-magazine": "magazine", "article-newspaper": "newspaper"}


def _protect(text: str) -> str:
    encoded = encode(clean_text(text))
    return f"{{{encoded}}}" if re.search(r"\band\b|,", encoded, re.I) else encoded


def _names(names: list[dict[str, Any]]) -> str:
    parts = []
    for name in names:
        if name.get("literal"):
            parts.append("{" + encode(clean_text(name["literal"])) + "}")
        elif name.get("given"):
            parts.append(f"{_protect(name.get('family', ''))}, {_protect(name['given'])}")
        else:
            parts.append(f"{_protect(name.get('family', ''))},")
    return " and ".join(parts)


def _key(csl: dict[str, Any], index: int) -> str:
    key = str(csl.get("id", ""))
    return key if re.fullmatch(r"[^\s{},=#%\"'()]+", key) else f"ref{index}"


def to_bibtex(csl: dict[str, Any], index: int = 1) -> str:
    csl_type = str(csl.get("type", ""))
    fields: list[tuple[str, str]] = []
    if csl.get("author"):
        fields.append(("author", _names(csl["author"])))
    if csl.get("editor"):
        fields.append(("editor", _names(csl["editor"])))
    text_fields = [("title", "title")]
    if csl_type in {"chapter", "paper-conference"}:
        text_fields.append(("container-title", "booktitle"))
    else:
        text_fields.append(("container-title", "journal" if csl_type.startswith("article") else "journaltitle"))
    text_fields += [("container-title-short", "shortjournal"), ("volume", "volume"), ("issue", "number"),
                    ("edition", "edition"), ("publisher-place", "address"), ("ISBN", "isbn"), ("ISSN", "issn"),
                    ("language", "language"), ("note", "note"), ("abstract", "abstract"),
                    ("collection-title", "series")]
    publisher_field = {"report": "institution", "thesis": "school"}.get(csl_type, "publisher")
    text_fields.append(("publisher", publisher_field))
    for csl_field, bib_field in text_fields:
        if csl.get(csl_field):
            fields.append((bib_field, encode(clean_text(csl[csl_field]))))
    issued = iso(csl.get("issued"))
    if issued:
        fields.append(("year", issued[:4]))
        if len(issued) > 4:
            fields.append(("date", issued))
    if csl.get("page"):
        fields.append(("pages", encode(clean_text(csl["page"])).replace("-{}", "-").replace("-", "--")))
    if csl_type in SUBTYPES:
        fields.append(("entrysubtype", SUBTYPES[csl_type]))
    for csl_field, bib_field in (("DOI", "doi"), ("URL", "url"), ("PMID", "pmid"), ("PMCID", "pmcid")):
        if csl.get(csl_field):
            value = clean_text(csl[csl_field])
            fields.append((bib_field, value.replace("{", "%7B").replace("}", "%7D")))
    accessed = iso(csl.get("accessed"))
    if accessed:
        fields.append(("urldate", accessed))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    entry_type = CSL_TO_BIBTEX.get(csl_type, "misc")
    return f"@{entry_type}{{{_key(csl, index)},\n{body}\n}}\n"


def write(items: list[dict[str, Any]]) -> str:
    return "\n".join(to_bibtex(item, index) for index, item in enumerate(items, start=1))
