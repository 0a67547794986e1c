"""Crossref ``/works`` messages to CSL-JSON (Crossref's titles are arrays; types differ)."""

from __future__ import annotations

import re
from typing import Any

from editor.core.references.normalize import clean_csl, clean_text

CROSSREF_TYPES = {
    "journal-article": "article-journal", "book": "book", "monograph": "book",
    "edited-book": "book", "reference-book": "book", "book-chapter": "chapter",
    "book-section": "chapter", "book-part": "chapter", "proceedings-article": "paper-conference",
    "report": "report", "dissertation": "thesis", "posted-content": "article",
    "dataset": "dataset", "standard": "standard", "reference-entry": "entry",
    "peer-review": "review", "journal-issue": "periodical",
}


def _first(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if clean_text(v)), "")
    return clean_text(re.sub(r"<[^>]+>", "", str(value))) if value else ""


def _names(values: Any) -> list[dict[str, str]]:
    names = []
    for person in values if isinstance(values, list) else []:
        if not isinstance(person, dict):
            continue
        if person.get("family"):
            name = {"family": clean_text(person["family"])}
            if person.get("given"):
                name["given"] = clean_text(person["given"])
            names.append(name)
        elif person.get("name"):
            names.append({"literal": clean_text(person["name"])})
        elif person.get("given"):  # a person known by one name, as Crossref sends it
            names.append({"given": clean_text(person["given"])})
    return names


def crossref_to_csl(message: dict[str, Any]) -> dict[str, Any]:
    """One Crossref work → a CSL-JSON item (cleaned of fields CSL does not know)."""
    csl: dict[str, Any] = {"type": CROSSREF_TYPES.get(str(message.get("type", "")), "article")}
    for source, target in (("title", "title"), ("container-title", "container-title"),
                           ("short-container-title", "container-title-short"),
                           ("publisher", "publisher"), ("volume", "volume"), ("issue", "issue"),
                           ("page", "page"), ("DOI", "DOI"), ("ISSN", "ISSN"), ("ISBN", "ISBN"),
                           ("language", "language"), ("publisher-location", "publisher-place")):
        value = _first(message.get(source))
        if value:
            csl[target] = value
    subtitle = _first(message.get("subtitle"))
    if subtitle and "title" in csl and subtitle.lower() not in csl["title"].lower():
        csl["title"] = f"{csl['title']}: {subtitle}"
    for role in ("author", "editor"):
        names = _names(message.get(role))
        if names:
            csl[role] = names
    for source in ("published-print", "published-online", "issued", "published"):
        parts = (message.get(source) or {}).get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0] and parts[0][0]:
            csl["issued"] = {"date-parts": [parts[0][:3]]}
            break
    if message.get("abstract"):
        csl["abstract"] = clean_text(re.sub(r"<[^>]+>", " ", str(message["abstract"])))
    return clean_csl(csl)
