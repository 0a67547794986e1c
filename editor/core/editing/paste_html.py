"""Turn HTML from the clipboard (Word, Google Docs, a web page) into post Markdown.

The HTML is cleaned first (scripts, styles, comments, Office namespaces and
``mso-`` markup removed; Word's paragraph lists and Google Docs' styled spans
turned into real lists, bold and italics), then converted by markdownify:
headings as ``##``, ``-`` bullets, ``**bold**``, ``*italic*``, links and pipe tables.
Headings are shifted so that the biggest pasted heading becomes ``##`` (a post's
title is a field, its sections start at ``##``).
"""

from __future__ import annotations

import base64
import binascii
import re
import warnings
from collections.abc import Callable

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    ProcessingInstruction,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import NavigableString
from bs4.exceptions import ParserRejectedMarkup

from editor.core.editing.markdown_style import markdown_converter
from editor.core.foundation.errors import PasteError
from editor.core.foundation.limits import MAX_HTML_DEPTH, check_html_depth

ImageStore = Callable[[bytes, str], str]

_DROP_TAGS = ("script", "style", "noscript", "template", "head", "meta", "link", "title", "iframe",
              "object", "embed", "svg", "form", "button", "input", "select", "textarea")
_WORD_LIST_LEVEL = re.compile(r"mso-list:\s*\w+\s+level(\d)", re.I)
_BOLD_STYLE = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(bold|[6-9]00)", re.I)
_ITALIC_STYLE = re.compile(r"(?:^|;)\s*font-style\s*:\s*italic", re.I)
_NUMBERED_MARKER = re.compile(r"^\s*(\d+|[a-zA-Z]|[ivxlcdm]+)[.)]\s*$")
_DATA_URI = re.compile(r"^data:(image/[\w.+-]+);base64,(.*)$", re.S | re.I)
_HEADINGS = tuple(f"h{n}" for n in range(1, 7))


def html_to_markdown(html: str, store_image: ImageStore | None = None, *, keep_local_files: bool = False) -> str:
    """Markdown for pasted ``html``.

    Images given inline as ``data:`` URIs are passed to ``store_image(data, mime)``,
    which returns the URL to use; without it they are dropped, as are images that
    point at local files (``file:``, Word's temporary clip images) unless
    ``keep_local_files`` (the editor then brings those files into the library). Web
    images keep their URL. HTML nested more than ``MAX_HTML_DEPTH`` deep raises :class:`PasteError`
    (the caller pastes the plain text instead).
    """
    check_html_depth(html, "The pasted HTML", PasteError, MAX_HTML_DEPTH)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)  # a pasted bare URL is fine
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # clipboard HTML may start with <?xml ...?>
        try:
            soup = BeautifulSoup(html, "html.parser")
        except ParserRejectedMarkup:  # e.g. a broken "<![" declaration; libxml2 recovers from those
            soup = BeautifulSoup(html, "lxml")
    _remove_junk(soup)
    _unwrap_google_docs(soup)
    _styles_to_tags(soup)
    _word_lists(soup)
    _images(soup, store_image, keep_local_files)
    _shift_headings(soup)
    _strip_attributes(soup)
    converter = markdown_converter(escape_underscores=True)
    try:
        return _tidy(converter.convert_soup(soup))
    except RecursionError:
        raise PasteError("The pasted HTML nests too deeply to be converted.") from None


def _remove_junk(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration, Doctype,
                                                               ProcessingInstruction))):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.name and ":" in tag.name:  # <o:p>, <w:sdt>, <v:shape>: Office namespaces
            if tag.name.startswith(("v:", "o:")) or tag.get_text(strip=True) == "":
                tag.decompose()
            else:
                tag.unwrap()


def _unwrap_google_docs(soup: BeautifulSoup) -> None:
    """Google Docs wraps the whole paste in ``<b style="font-weight:normal" id="docs-internal-guid-…">``."""
    for tag in soup.find_all("b"):
        style = str(tag.get("style", ""))
        if str(tag.get("id", "")).startswith("docs-internal-guid") or re.search(
            r"(?:^|;)\s*font-weight\s*:\s*(normal|400)", style
        ):
            tag.unwrap()


def _styles_to_tags(soup: BeautifulSoup) -> None:
    """``<span style="font-weight:700">`` (Google Docs, web editors) becomes ``<strong>``; italics ``<em>``."""
    for span in soup.find_all("span"):
        style = str(span.get("style", ""))
        if not style or not span.get_text(strip=True):
            continue
        if _ITALIC_STYLE.search(style):
            span.wrap(soup.new_tag("em"))
        if _BOLD_STYLE.search(style):
            span.wrap(soup.new_tag("strong"))


def _word_lists(soup: BeautifulSoup) -> None:
    """Word pastes lists as ``<p class=MsoListParagraph style="mso-list:l0 level1">`` with a fake bullet."""
    paragraphs = [p for p in soup.find_all("p") if _word_list_level(p)]
    current: Tag | None = None
    previous: Tag | None = None
    for paragraph in paragraphs:
        marker = _take_word_marker(paragraph)
        numbered = bool(_NUMBERED_MARKER.match(marker))
        kind = "ol" if numbered else "ul"
        contiguous = previous is not None and paragraph.find_previous_sibling(True) is previous
        if current is None or not contiguous or current.name != kind:
            current = soup.new_tag(kind)
            paragraph.insert_before(current)
        item = soup.new_tag("li")
        for child in list(paragraph.contents):
            item.append(child.extract())
        current.append(item)
        paragraph.decompose()
        previous = current


def _word_list_level(paragraph: Tag) -> int:
    match = _WORD_LIST_LEVEL.search(str(paragraph.get("style", "")))
    if match:
        return int(match.group(1))
    classes = " ".join(paragraph.get_attribute_list("class"))
    return 1 if "MsoListParagraph" in classes and paragraph.find(style=re.compile("mso-list")) else 0


def _take_word_marker(paragraph: Tag) -> str:
    """Remove Word's ``<span style="mso-list:Ignore">·&nbsp;</span>`` and return its text."""
    marker = ""
    for span in paragraph.find_all(style=re.compile(r"mso-list\s*:\s*ignore", re.I)):
        marker += span.get_text()
        span.decompose()
    marker = marker.replace("\xa0", " ").strip()
    if not marker:  # no marker span: a leading bullet character in the text itself
        first = paragraph.find(string=True)
        if isinstance(first, NavigableString) and first.strip()[:1] in "·•o§-":
            stripped = first.lstrip()
            marker = stripped[:1]
            first.replace_with(stripped[1:].lstrip("\xa0 "))
    return marker


def _images(soup: BeautifulSoup, store_image: ImageStore | None, keep_local_files: bool) -> None:
    for image in soup.find_all("img"):
        source = str(image.get("src", "")).strip()
        match = _DATA_URI.match(source)
        if match and store_image is not None:
            try:
                data = base64.b64decode(match.group(2), validate=False)
            except (binascii.Error, ValueError):
                image.decompose()
                continue
            image["src"] = store_image(data, match.group(1).lower())
        elif not source.lower().startswith(("http://", "https://")) and not (
                keep_local_files and source.lower().startswith("file:")):
            image.decompose()


def _shift_headings(soup: BeautifulSoup) -> None:
    headings = soup.find_all(_HEADINGS)
    if not headings:
        return
    top = min(int(tag.name[1]) for tag in headings)
    shift = 2 - top
    for tag in headings:
        tag.name = f"h{min(6, max(2, int(tag.name[1]) + shift))}"


def _strip_attributes(soup: BeautifulSoup) -> None:
    keep = {"a": ("href", "title"), "img": ("src", "alt", "title"), "td": ("colspan",),
            "th": ("colspan",), "ol": ("start",)}
    for tag in soup.find_all(True):
        allowed = keep.get(tag.name, ())
        tag.attrs = {key: value for key, value in tag.attrs.items() if key in allowed}
        if tag.name == "a" and str(tag.get("href", "")).lower().startswith(("javascript:", "file:")):
            del tag["href"]


def _tidy(markdown: str) -> str:
    lines = [line.rstrip().replace("\xa0", " ") for line in markdown.splitlines()]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n" if text.strip() else ""
