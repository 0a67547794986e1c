"""A saved web page: the article is extracted by trafilatura, then turned into Markdown.

Before extraction the page's own end matter is taken aside, because extractors drop it
as boilerplate: the promo banner above the title, the author box and the related-posts
block (found by their headings or by class names such as ``author-box``/``related``).
Cookie banners are removed. The extracted article is rebuilt with whitelisted markup
(``markup.rebuild``), so nothing executable survives.
"""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import parse_html_document
from editor.core.importers.blocks import markdown_to_blocks
from editor.core.importers.citations import clean_input, read_reference_list
from editor.core.importers.detect import decode_text
from editor.core.importers.images import ImageCollector
from editor.core.importers.markup import rebuild, rebuild_elements, to_markdown
from editor.core.importers.model import ImportedPost, ReportLine
from editor.core.importers.pagemeta import PageChrome, page_author, remove_keeping_tail
from editor.core.importers.safety import neutralize
from editor.core.importers.structure import Extras, build_post, is_chrome, label_kind

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BANNER_CLASS = re.compile(r"banner|promo|announce|notice|alert|top-?bar|ribbon|marquee|callout-top", re.I)
_COOKIE_CLASS = re.compile(r"cookie|consent|gdpr", re.I)
_BOX_CLASS = {
    "author": re.compile(
        r"author[-_]?(?:box|bio|info|card|profile)|about[-_]?(?:the[-_]?)?author|wp-block-post-author(?![\w-])", re.I
    ),
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
    extras.page_author = page_author(root)  # JSON-LD is in <script>, about to go
    for element in list(root.iter(*_STRIP_TAGS)):
        remove_keeping_tail(element)
    for element in list(root.iter(*_UNWRAP_TAGS)):
        if element.getparent() is not None:
            element.drop_tag()
    for element in list(root.iter()):
        if isinstance(element.tag, str) and _COOKIE_CLASS.search(_classes(element)) and len(_text(element)) < 600:
            if _text(element):
                extras.report.append(ReportLine("dropped", _text(element)[:80], "cookie notice"))
            remove_keeping_tail(element)
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
                    remove_keeping_tail(element)
    if not extras.title:
        extras.title = _page_title(root)
    if h1 is not None:
        extras.summary = _take_excerpt(root, h1, extras)
    for kind in ("author", "related", "references"):
        places: list[list[etree._Element]] = []
        taken: list[etree._Element] = []
        for element in root.iter():
            if not isinstance(element.tag, str) or any(t in element.iterancestors() for t in taken):
                continue
            if re.fullmatch(r"h[1-6]", element.tag) and label_kind(_text(element)) == kind:
                place = _section_of(element, kind)
            elif _BOX_CLASS[kind].search(_classes(element)) and element.tag not in ("a", "span", "img", "body"):
                place = [element]
            else:
                continue
            places.append(place)
            taken.extend(place)
        if not places:
            continue
        if kind == "references":
            # Read once, from one place: the list in the article; the sidebar, footer or
            # print copies are only compared with it. A section that is not certainly a
            # reference list stays where it is, for the article text.
            chunks = [_fragment_chunks(place) for place in places]
            certain = [i for i, chunk in enumerate(chunks) if read_reference_list(chunk).certain]
            certain.sort(key=lambda i: not _in_article(places[i][0], h1))
            if not certain:
                continue
            extras.references = chunks[certain[0]]
            extras.reference_copies = [chunks[i] for i in certain[1:]]
            taken = [element for i in certain for element in places[i]]
        else:
            setattr(extras, kind, _fragment_chunks(taken))
        for element in taken:
            remove_keeping_tail(element)
    chrome = PageChrome(extras.report)
    chrome.take(root, h1)
    extras.byline = chrome.byline
    return extras


_EXCERPT_CLASS = re.compile(r"excerpt|(?<![a-z])dek(?![a-z])|standfirst|subtitle|lede|subhead|article-summary",
                            re.I)


def _take_excerpt(root: lxml_html.HtmlElement, h1: etree._Element, extras: Extras) -> str | None:
    """The post's excerpt printed under its title (Ghost's ``gh-article-excerpt``, a "dek"): the
    post's summary, not its first paragraph."""
    container = h1.getparent()
    if container is None:
        return None
    for element in h1.itersiblings():
        if not isinstance(element.tag, str) or element.tag not in ("p", "div", "h2", "h3"):
            continue
        text = _text(element)
        if _EXCERPT_CLASS.search(_classes(element)) and text and len(text) <= 300:
            extras.report.append(ReportLine("summary", text[:80], "the excerpt under the title"))
            remove_keeping_tail(element)
            return text
    return None


def _in_article(element: etree._Element, h1: etree._Element | None) -> bool:
    """Whether an element shares the article's container (the h1's <article>/<main>)."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "footer", "nav", "header"):
            return False
        if ancestor.tag in ("article", "main"):
            return h1 is None or ancestor in list(h1.iterancestors())
    return h1 is None


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


_BLOCK_TAGS = frozenset(
    ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dt", "dd", "figcaption", "pre",
     "caption", "summary")
)
_WORDS = re.compile(r"\w+")
LONG_LEFT_OUT_WORDS = 20  # a left-out block this long may be prose, not chrome: say so


def _page_blocks(root: lxml_html.HtmlElement) -> list[str]:
    """The page's text as blocks (paragraphs, list items, headings and loose link text), in order."""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        if not isinstance(element.tag, str):
            return
        if element.tag in _BLOCK_TAGS and not any(
            isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in element.iterdescendants()
        ):
            text = _text(element)
            if text:
                out.append(text)
            return
        if element.text and element.text.strip():
            out.append(element.text.strip())
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                out.append(child.tail.strip())

    body = root.find("body")
    walk(body if body is not None else root)
    return out


class _Kept:
    """Whether a block of page text is in the extracted article, by its words in order.

    Blocks are asked in page order, so each search starts where the last one matched
    (a long page is one pass, not one scan per block); out-of-order text is searched whole.
    """

    def __init__(self, article: str) -> None:
        self.spaced = " " + " ".join(_WORDS.findall(article.casefold())) + " "
        self.joined = self.spaced.replace(" ", "")  # "weight<sup>1</sup>" reads "weight1" on the page
        self._at = [0, 0]

    def _find(self, which: int, haystack: str, needle: str) -> bool:
        found = haystack.find(needle, self._at[which])
        if found < 0:
            found = haystack.find(needle)
        if found < 0:
            return False
        self._at[which] = found
        return True

    def __contains__(self, text: object) -> bool:
        words = _WORDS.findall(str(text).casefold())
        if not words or self._find(0, self.spaced, f" {' '.join(words)} "):
            return True
        joined = "".join(words)
        return len(joined) >= 12 and self._find(1, self.joined, joined)


def _report_left_out(page_blocks: list[str], article: str, extras: Extras) -> None:
    """List the page text the article extraction left out (menus, footers): conservation."""
    kept = _Kept(article)
    for text in page_blocks:
        if text not in kept:
            long = len(_WORDS.findall(text)) >= LONG_LEFT_OUT_WORDS
            extras.report.append(
                ReportLine("dropped", text if len(text) <= 80 else text[:79].rstrip() + "\u2026",
                           "page text outside the article" if long else "site chrome")
            )


def _article_container(root: lxml_html.HtmlElement) -> etree._Element | None:
    """The page's <article> or <main> holding its <h1> (or its only <article>)."""
    h1 = _main_heading(root)
    if h1 is not None:
        for ancestor in h1.iterancestors():
            if ancestor.tag in ("article", "main"):
                return ancestor
    articles = list(root.iter("article"))
    return articles[0] if len(articles) == 1 else None


_PROSE_TAGS = ("p", "li", "blockquote", "pre", "dd", "td", "h2", "h3", "h4", "h5", "h6")


def _prose_blocks(container: etree._Element) -> list[str]:
    """The container's headings and paragraphs: what an extraction must not lose."""
    out = []
    for element in container.iter(*_PROSE_TAGS):
        if any(isinstance(d.tag, str) and d.tag in _PROSE_TAGS for d in element.iterdescendants()):
            continue
        text = _text(element)
        if text and not is_chrome(text) and (element.tag[0] == "h" or len(_WORDS.findall(text)) >= 3):
            out.append(text)
    return out


def _count_headings(container: etree._Element) -> int:
    return sum(1 for h in container.iter("h2", "h3", "h4", "h5", "h6") if _text(h) and not is_chrome(_text(h)))


def _loses_structure(must_keep: list[str], headings: int, extracted: str, body: etree._Element | None) -> bool:
    """Whether the extraction dropped a paragraph, or headings (flattening sections into prose)."""
    kept = _Kept(extracted)
    if any(text not in kept for text in must_keep):
        return True
    # A paragraph the page repeats is found "in" the extraction even when only one copy came through.
    if sum(len(_WORDS.findall(text)) for text in must_keep) > len(_WORDS.findall(extracted)):
        return True
    found = sum(1 for element in body.iter("head", "h2", "h3", "h4", "h5", "h6")) if body is not None else 0
    return found < headings


def parse_html(page: str, source_name: str, *, folder: Path | None = None) -> ImportedPost:
    """Extract the article of a saved web page into an :class:`ImportedPost`."""
    page = _NOT_XML.sub("", clean_input(page))
    root = parse_html_document(page, source_name, PostImportError)
    extras = _take_extras(root)
    page_blocks = _page_blocks(root)
    container = _article_container(root)
    must_keep = _prose_blocks(container) if container is not None else []
    headings = _count_headings(container) if container is not None else 0
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
    extracted = " ".join(body.itertext()) if body is not None else ""
    if container is not None and (not extracted.strip() or _loses_structure(must_keep, headings, extracted, body)):
        # The extractor lost a paragraph or a heading of the article: take the article
        # element as it is (its markup is rebuilt from a whitelist all the same).
        body, extracted = container, " ".join(container.itertext())
    if body is None or not extracted.strip():
        raise PostImportError(f"{source_name}: no article text was found in the web page.")
    _report_left_out(page_blocks, f"{extras.title or ''} {extracted}", extras)  # the h1 is the title
    images = ImageCollector(folder, Path(source_name).stem)
    markdown = neutralize(to_markdown(rebuild(body, images)))
    post = build_post(markdown_to_blocks(markdown), source_name=source_name, source_kind="html", extras=extras)
    post.images = [image for image in images.images if image.placeholder in post.body]
    post.report.extend(images.report)
    post.warnings.extend(images.warnings)
    post.summary = extras.summary
    return post
