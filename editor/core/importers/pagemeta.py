"""A saved page's author and post chrome, read from its markup before the article is extracted.

The author comes from what the page says about itself — schema.org ``author`` in JSON-LD
or microdata, ``<meta name="author">``, ``rel="author"`` links — and from byline elements.
Post chrome (dates, read times, counts, share rows, category and tag lists, avatars) sits in
elements whose class or data attributes say so (``byline``, ``post-meta``, ``share``,
``data-hook="time-to-read"``…). Such an element leaves the page only when *every* line of
it is certainly a byline or chrome (``byline.py``); each line goes to the report with its
reason. Anything else stays for the article.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml import etree

from editor.core.importers.byline import chrome_reason, parse_byline
from editor.core.importers.model import AuthorBox, ReportLine

_TELLING_ATTRIBUTES = ("class", "id", "data-hook", "data-testid", "data-aid", "data-binding", "itemprop", "rel")
_META = re.compile(
    r"byline|author|meta|submitted|posted|post-?info|article-?info|footer|share|social|(?<![a-z])tags?(?![a-z])|"
    r"tag[-_]|categor|label|read(?:ing)?-?time|time-?to-read|views|comment|date|timestamp|time-ago|avatar|stats|"
    r"vote|publish|createdby|hits|pagination|post-?nav|nav-(?:links|previous|next)", re.I
)
_NAV_CLASS = re.compile(r"pagination|post-?nav|nav-(?:links|previous|next)", re.I)
_LIST_CLASS = re.compile(r"categor|tag|label|topic", re.I)
_AUTHOR_CLASS = re.compile(r"author|byline|user-?name|createdby|profile", re.I)
_PLAIN_NAME = re.compile(r"^(?:(?:Dr|Prof)\.?\s+)?[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}$")
_BLOCKS = frozenset("div p li ul ol dl dt dd section header footer h1 h2 h3 h4 h5 h6 nav aside article figure "
                    "figcaption table tr td blockquote main".split())
_KEEP = frozenset(("article", "main", "body", "html"))


def _telling(element: etree._Element) -> str:
    return " ".join(str(element.get(name, "")) for name in _TELLING_ATTRIBUTES)


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def page_author(root: etree._Element) -> AuthorBox | None:
    """The author the page declares: JSON-LD, microdata, ``meta name=author`` or ``rel=author``."""
    for script in root.iter("script"):
        if "ld+json" in str(script.get("type", "")).lower() and script.text:
            name = _jsonld_author(script.text)
            if name:
                return name
    for element in root.iter():
        if isinstance(element.tag, str) and "author" in str(element.get("itemprop", "")).split():
            named = element.find(".//*[@itemprop='name']")
            text = _text(named if named is not None else element)
            found = parse_byline(text, bare=True) or (AuthorBox(text) if _PLAIN_NAME.match(text) else None)
            if found:
                return found
    for meta in root.iter("meta"):
        if str(meta.get("name", "")).lower() == "author" and meta.get("content", "").strip():
            content = " ".join(str(meta.get("content")).split())
            return parse_byline(content, bare=True) or AuthorBox(content)
    for link in root.iter("a"):
        if "author" in str(link.get("rel", "")).split() and _PLAIN_NAME.match(_text(link).split(",")[0]):
            return parse_byline(_text(link), bare=True) or AuthorBox(_text(link))
    return None


def _jsonld_author(text: str) -> AuthorBox | None:
    try:
        data: Any = json.loads(text[:200_000])
    except (ValueError, RecursionError):
        return None
    nodes = data.get("@graph", [data]) if isinstance(data, dict) else data if isinstance(data, list) else []
    nodes = [node for node in nodes if isinstance(node, dict)]
    by_id = {str(node.get("@id")): node for node in nodes if node.get("@id")}
    for node in nodes:
        author = node.get("author")
        author = author[0] if isinstance(author, list) and author else author
        if isinstance(author, dict) and not author.get("name") and author.get("@id"):
            author = by_id.get(str(author["@id"]), author)
        name = author.get("name") if isinstance(author, dict) else author if isinstance(author, str) else None
        if isinstance(name, str) and _PLAIN_NAME.match(name.split(",")[0].strip()):
            return parse_byline(name, bare=True) or AuthorBox(" ".join(name.split()))
    return None


def _lines(element: etree._Element) -> list[tuple[str, str]]:
    """The element's lines: ("text", a leaf block's text) and ("image", an image's alt text)."""
    lines: list[tuple[str, str]] = [("image", str(img.get("alt", "")).strip()) for img in element.iter("img")]
    has_blocks = any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element)
    if not has_blocks:
        whole = _text(element)
        return [("text", whole)] + lines if whole else lines
    out: list[tuple[str, str]] = []
    if element.text and element.text.strip():
        out.append(("text", " ".join(element.text.split())))
    for child in element:
        if isinstance(child.tag, str):
            out.extend(line for line in _lines(child) if line[0] == "text")
        if child.tail and child.tail.strip():
            out.append(("text", " ".join(child.tail.split())))
    return out + lines


def _classify(text: str, telling: str) -> tuple[str, Any] | None:
    author = parse_byline(text, bare=True)
    if author is not None:
        return "byline", author
    reason = chrome_reason(text, lead=True)
    if reason is not None:
        return "chrome", reason
    short = len(text) <= 60 and not re.search(r"[.!?]", text)
    if short and _LIST_CLASS.search(telling):
        return "chrome", "category or tag list"
    if short and _NAV_CLASS.search(telling):
        return "chrome", "links to other posts"
    if _AUTHOR_CLASS.search(telling) and _PLAIN_NAME.match(text):
        return "byline", AuthorBox(re.sub(r"^(?:Dr|Prof)\.?\s+", "", text))
    pieces = [piece for piece in re.split(r"\s{2,}|\s*[|\u00b7\u2022]\s*", text) if piece.strip()]
    return None if len(pieces) < 2 else _all_pieces(pieces, telling)


def _all_pieces(pieces: list[str], telling: str) -> tuple[str, Any] | None:
    found = [_classify(piece, telling) for piece in pieces]
    if not all(found):
        return None
    authors = [value for kind, value in found if kind == "byline"]  # type: ignore[misc]
    return ("byline", authors[0]) if authors else found[0]


def _inline_lines(element: etree._Element) -> list[tuple[str, str]]:
    """An inline-only element's lines: its loose text and each child's text, one line each."""
    lines = [("image", str(img.get("alt", "")).strip()) for img in element.iter("img")]
    pieces = [element.text or ""]
    for child in element:
        pieces.append(_text(child) if isinstance(child.tag, str) else "")
        pieces.append(child.tail or "")
    return [("text", " ".join(p.split())) for p in pieces if p.strip() and p.strip(" ,;|\u00b7")] + lines


def _readings(lines: list[tuple[str, str]], telling: str) -> list[tuple[str, Any, str]] | None:
    """Each line read as a byline or chrome, or None when any line may be article text."""
    readings: list[tuple[str, Any, str]] = []
    for kind, text in lines:
        if kind == "image":
            readings.append(("chrome", "avatar", text))
            continue
        found = _classify(text, telling)
        if found is None:
            return None
        readings.append((found[0], found[1], text))
    return readings


class PageChrome:
    """Takes certain chrome and bylines out of a page tree, recording where each line went."""

    def __init__(self, report: list[ReportLine]) -> None:
        self.report = report
        self.byline: AuthorBox | None = None

    def take(self, root: etree._Element, title: etree._Element | None) -> None:
        self._walk(root, title)

    def _walk(self, element: etree._Element, title: etree._Element | None) -> None:
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            telling = _telling(child)
            holds_title = title is not None and (child is title or title in child.iterdescendants())
            if (telling.strip() and _META.search(telling) and child.tag not in _KEEP and not holds_title
                    and len(_text(child)) <= 400 and self._take_if_certain(child, telling)):
                continue
            self._walk(child, title)

    def _take_if_certain(self, element: etree._Element, telling: str) -> bool:
        readings = _readings(_lines(element), telling)
        if readings is None and not any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element):
            readings = _readings(_inline_lines(element), telling)  # "by …", "Posted on …", "3 min" spans
        if not readings:
            return False
        for kind, value, text in readings:
            if kind == "byline":
                self.byline = _better(self.byline, value)
                self.report.append(ReportLine("author", text, "byline"))
            elif text:
                self.report.append(ReportLine("dropped", text, f"chrome: {value}"))
        remove_keeping_tail(element)
        return True


def _better(current: AuthorBox | None, new: AuthorBox) -> AuthorBox:
    if current is None or (not current.credentials and new.credentials and new.name == current.name):
        return new
    return current


def remove_keeping_tail(element: etree._Element) -> None:
    """Take ``element`` out of its tree; the text that followed it stays where it was."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def merge_authors(*candidates: AuthorBox | None) -> AuthorBox | None:
    """The first author found, with credentials from a later source that names the same person."""
    present = [c for c in candidates if c is not None]
    if not present:
        return None
    chosen = present[0]
    if not chosen.credentials:
        same = next((c for c in present[1:] if c.credentials and c.name == chosen.name), None)
        if same is not None:
            chosen = AuthorBox(chosen.name, same.credentials, chosen.bio)
    return chosen
