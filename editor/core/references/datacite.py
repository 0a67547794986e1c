"""DataCite ``/dois/{doi}`` records to CSL-JSON: the DOIs Crossref does not hold (datasets, software,
preprints, reports from repositories such as Zenodo, Dryad or figshare)."""

from __future__ import annotations

from typing import Any

from editor.core.references.lookup_answers import DataCiteAttributes
from editor.core.references.normalize import clean_csl, clean_text, parse_name

DATACITE_TYPES = {
    "Dataset": "dataset", "Software": "software", "JournalArticle": "article-journal", "Preprint": "article",
    "Report": "report", "Book": "book", "BookChapter": "chapter", "Dissertation": "thesis", "Text": "article",
    "ConferencePaper": "paper-conference", "Image": "graphic", "Audiovisual": "motion_picture",
    "Collection": "dataset", "Standard": "standard",
}


def _person(creator: Any) -> dict[str, str] | None:
    if creator.familyName:
        name = {"family": clean_text(creator.familyName)}
        if creator.givenName:
            name["given"] = clean_text(creator.givenName)
        return name
    text = clean_text(creator.name)
    if not text:
        return None
    if creator.nameType == "Organizational" or "," not in text:
        return {"literal": text}
    return parse_name(text) or {"literal": text}


def datacite_to_csl(attributes: DataCiteAttributes) -> dict[str, Any]:
    """One DataCite record (already checked against its schema) → a CSL-JSON item."""
    kind = attributes.types.resourceTypeGeneral if attributes.types else None
    csl: dict[str, Any] = {"type": DATACITE_TYPES.get(kind or "", "article")}
    title = next((clean_text(t.title) for t in attributes.titles if clean_text(t.title)), "")
    if title:
        csl["title"] = title
    authors = [name for name in (_person(c) for c in attributes.creators) if name]
    if authors:
        csl["author"] = authors
    publisher = attributes.publisher
    name = publisher if isinstance(publisher, str) else publisher.name if publisher is not None else ""
    if clean_text(name):
        csl["publisher"] = clean_text(name)
    year = attributes.publicationYear
    if isinstance(year, int) or (isinstance(year, str) and year.strip().isdigit()):
        csl["issued"] = {"date-parts": [[int(year)]]}
    if attributes.container is not None and clean_text(attributes.container.title):
        csl["container-title"] = clean_text(attributes.container.title)
    if attributes.doi:
        csl["DOI"] = attributes.doi
    if attributes.url:
        csl["URL"] = attributes.url
    return clean_csl(csl)
