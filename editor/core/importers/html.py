"""A saved web page: the article is extracted by trafilatura, then turned into Markdown.

Before extraction the page's own end matter is taken aside, because extractors drop it
as boilerplate: the promo banner above the title, the author box and the related-posts
block (found by their headings or by class names such as ``author-box``/``related``).
Cookie banners are removed. The extracted article is rebuilt with whitelisted markup
(``markup.rebuild``), so nothing executable survives.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import check_html_depth
from editor.core.importers.blocks import markdown_to_blocks
from editor.core.importers.citations import clean_input
from editor.core.importers.detect import decode_text
from editor.core.importers.markup import rebuild, rebuild_elements, to_markdown
from editor.core.importers.model import ImportedImage, ImportedPost
from editor.core.importers.safety import neutralize
from editor.core.importers.structure import Extras, build_post, is_chrome, label_kind

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BANNER_CLASS = re.compile(r"banner|promo|announce|notice|alert|top-?bar|ribbon|marquee|callout-top", re.I)
_COOKIE_CLASS = re.compile(r"cookie|consent|gdpr", re.I)
_BOX_CLASS = {
    "author": re.compile(r"author[-_]?(?:box|bio|info|card|profile)|about[-_]?(?:the[-_]?)?author", re.I),
    "related": re.compile(r"related|also[-_]?enjoy|you[-_]?might|recommended|more[-_]?posts", re.I),
    "references": re.compile(
        r"(?:^|\s)(?:footnotes?|references|reference-list|bibliography|citations|endnotes)(?:\s|$)", re.I
    ),
}
_STRIP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "button", "select", "textarea")
# Kept as wrappers: a whole page can sit in one <form> (ASP.NET), and libxml2 lets <embed>
# and <input> swallow what follows them.
_UNWRAP_TAGS = ("form", "embed", "input", "param", "source")
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+[^|\u2013\u2014-]{2,60}$")
MAX_IMAGE_BYTES = 20 * 1024 * 1024
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def decode_page(name: str, data: bytes) -> str:
    """Page bytes → text, honouring a ``<meta charset>`` (old pages are often Windows-1252)."""
    declared = _META_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else None
    if encoding in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        encoding = "cp1252"  # what browsers do with these labels
    return decode_text(name, data, encoding=encoding)


def _classes(element: etree._Element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _text(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail and tail.strip():
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _fragment_chunks(elements: list[etree._Element]) -> list[str]:
    blocks = markdown_to_blocks(neutralize(to_markdown(rebuild_elements(elements))))
    return [block.text for block in blocks if not (block.is_heading and label_kind(block.text))]


def _section_of(heading: etree._Element, kind: str) -> list[etree._Element]:
    """The heading's box (a parent with a telling class) or the heading and its siblings."""
    parent = heading.getparent()
    if parent is not None and _BOX_CLASS[kind].search(_classes(parent)):
        return [parent]
    level = int(heading.tag[1]) if re.fullmatch(r"h[1-6]", str(heading.tag)) else 6
    members = [heading]
    for sibling in heading.itersiblings():
        if re.fullmatch(r"h[1-6]", str(sibling.tag)) and int(str(sibling.tag)[1]) <= level:
            break
        members.append(sibling)
    return members


def _take_extras(root: lxml_html.HtmlElement) -> Extras:
    extras = Extras()
    for element in list(root.iter(*_STRIP_TAGS)):
        _remove(element)
    for element in list(root.iter(*_UNWRAP_TAGS)):
        if element.getparent() is not None:
            element.drop_tag()
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _COOKIE_CLASS.search(_classes(element)) and len(_text(element)) < 600:
            _remove(element)
    h1 = _main_heading(root)
    if h1 is not None:
        extras.title = _text(h1) or None
        for element in list(root.iter()):
            if element is h1 or not isinstance(element.tag, str):
                continue
            if h1 in list(element.iterancestors()) or element in list(h1.iterancestors()):
                continue
            if _is_before(element, h1) and _BANNER_CLASS.search(_classes(element)):
                text = _text(element)
                if text and len(text) <= 200 and not is_chrome(text):
                    extras.banner = extras.banner or text
                    _remove(element)
    if not extras.title:
        extras.title = _page_title(root)
    for kind in ("author", "related", "references"):
        taken: list[etree._Element] = []
        for element in root.iter():
            if not isinstance(element.tag, str) or any(t in element.iterancestors() for t in taken):
                continue
            if re.fullmatch(r"h[1-6]", element.tag) and label_kind(_text(element)) == kind:
                taken.extend(_section_of(element, kind))
            elif _BOX_CLASS[kind].search(_classes(element)) and element.tag not in ("a", "span", "img", "body"):
                taken.append(element)
        if taken:
            setattr(extras, kind, _fragment_chunks(taken))
            for element in taken:
                _remove(element)
    return extras


def _main_heading(root: lxml_html.HtmlElement) -> etree._Element | None:
    """The article's ``<h1>``: inside <article>/<main> if any, else outside the site header."""
    headings = list(root.iter("h1"))
    for container in ("article", "main"):
        inside = [h for h in headings if any(a.tag == container for a in h.iterancestors())]
        if inside:
            return inside[0]
    outside = [h for h in headings if not any(a.tag in ("header", "nav") for a in h.iterancestors())]
    return (outside or headings or [None])[0]


def _is_before(element: etree._Element, anchor: etree._Element) -> bool:
    for node in anchor.itersiblings(preceding=True):
        if node is element or element in node.iterdescendants():
            return True
    parent = anchor.getparent()
    return parent is not None and _is_before(element, parent)


def _page_title(root: lxml_html.HtmlElement) -> str | None:
    for found in root.xpath('//meta[@property="og:title"]/@content') + root.xpath("//title/text()"):
        title = _TITLE_SUFFIX.sub("", str(found).strip())
        if title:
            return title
    return None


class _PageImages:
    """Images of a saved page that sit beside it on disk become library assets."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.images: list[ImportedImage] = []

    def __call__(self, src: str, alt: str) -> str | None:
        if src.startswith(("http://", "https://")):
            return src
        if self.folder is None or not src or re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I):
            return None
        candidate = (self.folder / src.split("?", 1)[0].split("#", 1)[0]).resolve()
        mime = mimetypes.guess_type(candidate.name)[0] or ""
        try:
            if not mime.startswith("image/") or not candidate.is_file():
                return None
            if candidate.stat().st_size > MAX_IMAGE_BYTES:
                return None
            data = candidate.read_bytes()
        except OSError:
            return None
        placeholder = f"import-image:{len(self.images) + 1}"
        self.images.append(ImportedImage(placeholder, data, mime, candidate.name))
        return placeholder


def parse_html(page: str, source_name: str, *, folder: Path | None = None) -> ImportedPost:
    """Extract the article of a saved web page into an :class:`ImportedPost`."""
    page = _NOT_XML.sub("", clean_input(page))
    check_html_depth(page, source_name, PostImportError)
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError) as error:
        raise PostImportError(f"{source_name}: the web page cannot be read ({error}).") from None
    extras = _take_extras(root)
    document = trafilatura.bare_extraction(
        root,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_formatting=True,
        include_links=True,
        favor_recall=True,
        with_metadata=False,
    )
    body = getattr(document, "body", None)
    if body is None or not _text(body):
        raise PostImportError(f"{source_name}: no article text was found in the web page.")
    images = _PageImages(folder)
    markdown = neutralize(to_markdown(rebuild(body, images)))
    post = build_post(markdown_to_blocks(markdown), source_name=source_name, source_kind="html", extras=extras)
    post.images = [image for image in images.images if image.placeholder in post.body]
    return post
