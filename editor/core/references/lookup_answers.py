"""What a Crossref or PubMed Central answer must look like before anything reads it.

Only the fields turned into CSL are described (others pass untouched); each lookup checks
its parsed JSON with ``foundation.answer_check.check_answer`` before it is cached or read,
so ``{"title": 5}`` or a list where an author belongs is a ``LookupFailed`` sentence naming
the field (the reference is then made from its identifier and marked incomplete), never a
reference keyed "5". PubMed's MEDLINE text is read by the MEDLINE parser, which keeps only
well-formed fields; years beyond four digits are kept as text (``normalize``).
"""

from __future__ import annotations

from typing import Any

import msgspec

Texts = list[str] | str  # Crossref sends lists of strings; a plain string is accepted too


class CrossrefPerson(msgspec.Struct):
    family: str | None = None
    given: str | None = None
    name: str | None = None


class CrossrefDate(msgspec.Struct):
    date_parts: list[list[int | str | None]] = msgspec.field(name="date-parts", default_factory=list)


class CrossrefWork(msgspec.Struct):
    """A ``/works/{doi}`` message."""

    title: Texts = []
    subtitle: Texts = []
    container_title: Texts = msgspec.field(name="container-title", default_factory=list)
    short_container_title: Texts = msgspec.field(name="short-container-title", default_factory=list)
    publisher: str | None = None
    publisher_location: str | None = msgspec.field(name="publisher-location", default=None)
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    DOI: str | None = None  # Crossref's own field name
    ISSN: Texts = []
    ISBN: Texts = []
    language: str | None = None
    type: str | None = None
    abstract: str | None = None
    author: list[CrossrefPerson] = []
    editor: list[CrossrefPerson] = []
    issued: CrossrefDate | None = None
    published: CrossrefDate | None = None
    published_print: CrossrefDate | None = msgspec.field(name="published-print", default=None)
    published_online: CrossrefDate | None = msgspec.field(name="published-online", default=None)


class CrossrefAnswer(msgspec.Struct):
    message: CrossrefWork


class DataCiteTitle(msgspec.Struct):
    title: str = ""


class DataCiteCreator(msgspec.Struct):
    name: str = ""
    givenName: str | None = None  # noqa: N815 - DataCite's own field names
    familyName: str | None = None  # noqa: N815
    nameType: str | None = None  # noqa: N815


class DataCiteTypes(msgspec.Struct):
    resourceTypeGeneral: str | None = None  # noqa: N815


class DataCiteContainer(msgspec.Struct):
    title: str | None = None


class DataCitePublisher(msgspec.Struct):
    name: str = ""


class DataCiteAttributes(msgspec.Struct):
    doi: str | None = None
    url: str | None = None
    titles: list[DataCiteTitle] = []
    creators: list[DataCiteCreator] = []
    publisher: str | DataCitePublisher | None = None
    publicationYear: int | str | None = None  # noqa: N815
    types: DataCiteTypes | None = None
    container: DataCiteContainer | None = None


class DataCiteRecord(msgspec.Struct):
    attributes: DataCiteAttributes


class DataCiteAnswer(msgspec.Struct):
    """``/dois/{doi}`` of DataCite's REST API (datasets, software, preprints: DOIs Crossref does not hold)."""

    data: DataCiteRecord


class PmcArticleId(msgspec.Struct):
    idtype: str = ""
    value: str = ""


class PmcAuthor(msgspec.Struct):
    name: str = ""


class PmcSummary(msgspec.Struct):
    """One ``esummary`` (db=pmc) record."""

    title: str = ""
    authors: list[PmcAuthor] = []
    fulljournalname: str = ""
    pubdate: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    articleids: list[PmcArticleId] = []
    error: str | None = None


class PmcAnswer(msgspec.Struct):
    result: dict[str, Any]
