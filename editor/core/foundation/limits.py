"""Limits on what a file or a server can make Postwright do.

Every number here is a bound on input someone else wrote: a post file, a reference
file, a Word document, a pasted page, an answer from PubMed or Crossref. Each is far
above anything a real post needs (the largest legitimate post is about 200k words,
1.3 MB of Markdown) and far below what would exhaust the machine. The helpers raise
the caller's own :class:`PostwrightError` subclass with a message naming what was too
big and where, so an importer still raises ``PostImportError`` and a lookup
``LookupFailed``.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import PostwrightError

if TYPE_CHECKING:  # lxml loads where a page or a document is read, not with every user of these limits
    from lxml import etree
    from lxml import html as lxml_html

# -- files -------------------------------------------------------------------------
MAX_IMPORT_BYTES = 50 * 1024 * 1024
"""A post file (text, HTML, Markdown, .docx) as stored on disk."""
MAX_REFERENCE_FILE_BYTES = 50 * 1024 * 1024
"""A reference file (RIS, MEDLINE, BibTeX, CSL-JSON; a 10,000-item Zotero export is about 20 MB)."""
MAX_FRONT_MATTER_BYTES = 64 * 1024
"""YAML front matter of a Markdown post (titles, tags, summary: a few hundred bytes)."""
MAX_SERIES_NUMBER = 100_000
"""``series_number``/``chapter`` must be a whole number from 0 to this."""
MAX_DOCX_ENTRIES = 5_000
"""Files inside a .docx zip (a long illustrated report has a few hundred)."""
MAX_DOCX_UNCOMPRESSED = 256 * 1024 * 1024
"""All files inside a .docx, uncompressed, as the zip directory declares them."""
MAX_DOCX_XML_PART = 64 * 1024 * 1024
"""One XML part (``word/document.xml`` of a 200k-word post is about 25 MB)."""
MAX_XML_DEPTH = 128
"""Element nesting in a .docx XML part (Word's own documents stay under 30)."""
MAX_HTML_DEPTH = 200
"""Element nesting in a web page or pasted HTML (page builders reach about 60)."""
MAX_MARKDOWN_DEPTH = 32
"""Nested lists and block quotes in Markdown."""
MAX_JSON_DEPTH = 64
"""Nesting of a JSON document (CSL-JSON items and API answers stay under 10)."""
IMPORT_SECONDS = 120.0
"""Wall time for parsing one imported file, in its own process."""
IMPORT_MEMORY_BYTES = 2 * 1024 * 1024 * 1024
"""Address space of the process that parses one imported file."""

# -- network -----------------------------------------------------------------------
LOOKUP_SECONDS = 15.0
"""Overall deadline of one identifier lookup, retries and redirects included."""
BATCH_SECONDS = 120.0
"""Overall deadline of the lookups made for one imported post."""
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
"""One HTTP answer, counted while it streams in."""
MAX_REDIRECTS = 5
CACHE_MAX_ENTRIES = 5_000
CACHE_MAX_BYTES = 64 * 1024 * 1024
CACHE_MAX_AGE_DAYS = 90.0

# -- pictures (read beside an imported file, or fetched from the web) -----------------
MAX_IMAGE_BYTES = 20 * 1024 * 1024
"""One picture a post names (a phone photo is 3–8 MB; a web page's largest rarely passes 2 MB)."""
MAX_POST_IMAGES = 300
"""Pictures taken in for one post; more are reported and left as written."""
MAX_POST_IMAGE_BYTES = 100 * 1024 * 1024
"""All the pictures fetched from the web for one post, as they arrive."""
IMAGE_FETCH_SECONDS = 30.0
"""One picture fetched from the web: name lookup, connect, headers and body, retries and redirects."""
POST_IMAGE_FETCH_SECONDS = 180.0
"""All the pictures fetched from the web for one post."""

# -- websites (publishing, site import and audit) -------------------------------------
MAX_SITE_ANSWER_BYTES = 32 * 1024 * 1024
"""One answer from a WordPress site: a page of 50 posts with their raw content can be large."""
MAX_MEDIA_UPLOAD_BYTES = 64 * 1024 * 1024
SITE_REQUEST_SECONDS = 120.0
"""One request to a site, redirects and the streamed answer included."""
MAX_SITE_PAGES = 400
"""Pages of a listing read (50 posts each): 20,000 posts."""


def check_bytes(size: int, limit: int, what: str, where: str, error: type[PostwrightError]) -> None:
    """Refuse ``size`` bytes of ``what`` in ``where`` when it passes ``limit``."""
    if size > limit:
        raise error(f"{where}: {what} is too large ({_size(size)}; the limit is {_size(limit)}).")


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1048576:.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count} bytes"


# -- nesting -----------------------------------------------------------------------
def element_depth(root: etree._Element) -> int:
    """The deepest nesting below ``root`` (1 for a lone element), without recursion."""
    deepest = 0
    stack: list[tuple[etree._Element, int]] = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in element)
    return deepest


def check_element_depth(
    root: etree._Element, where: str, error: type[PostwrightError], limit: int = MAX_HTML_DEPTH
) -> None:
    if element_depth(root) > limit:
        raise error(f"{where}: the page nests its elements more than {limit} deep; it cannot be imported.")


_TAG = re.compile(rb"<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>")
_RAW = re.compile(rb"<!--.*?(?:-->|\Z)|<(script|style|textarea|title)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_VOID = frozenset(b"area base br col embed hr img input keygen link meta param source track wbr".split())
# An open element of the key's kind ends when a sibling of the same family starts
# (HTML's optional end tags), unless one of the scope elements lies between them.
_IMPLIED_END = {
    b"li": ({b"li"}, {b"ul", b"ol", b"menu"}),
    b"dt": ({b"dt", b"dd"}, {b"dl"}), b"dd": ({b"dt", b"dd"}, {b"dl"}),
    b"tr": ({b"tr"}, {b"table"}), b"td": ({b"td", b"th"}, {b"tr", b"table"}),
    b"th": ({b"td", b"th"}, {b"tr", b"table"}), b"option": ({b"option"}, {b"select", b"datalist"}),
    b"tbody": ({b"tbody", b"thead", b"tfoot"}, {b"table"}), b"thead": ({b"tbody", b"thead", b"tfoot"}, {b"table"}),
    b"tfoot": ({b"tbody", b"thead", b"tfoot"}, {b"table"}),
}
_CLOSES_P = frozenset(
    b"address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    b"header hr main nav ol p pre section table ul li".split()
)


def html_depth(text: str | bytes, stop_after: int | None = None) -> int:
    """The element nesting of HTML estimated from its tags alone, without building a tree.

    Void elements and ``<x/>`` do not nest; the usual optional end tags (``<li>``,
    ``<p>``, table cells...) are implied as a browser would; an end tag closes up to
    the matching open element. Counting stops once ``stop_after`` is passed.
    """
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    data = _RAW.sub(b"", data)
    stack: list[bytes] = []
    deepest = 0
    for match in _TAG.finditer(data):
        closing, raw_name, self_closing = match.groups()
        name = raw_name.lower()
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] == name:
                    del stack[index:]
                    break
            continue
        if self_closing or name in _VOID:
            continue
        if stack and stack[-1] == b"p" and name in _CLOSES_P:
            stack.pop()
        implied = _IMPLIED_END.get(name)
        if implied is not None:
            family, scope = implied
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] in scope:
                    break
                if stack[index] in family:
                    del stack[index:]
                    break
        stack.append(name)
        if len(stack) > deepest:
            deepest = len(stack)
            if stop_after is not None and deepest > stop_after:
                break
    return deepest


def check_html_depth(
    text: str | bytes, where: str, error: type[PostwrightError], limit: int = MAX_HTML_DEPTH
) -> None:
    """Refuse HTML whose open tags nest deeper than ``limit`` (see :func:`html_depth`)."""
    if html_depth(text, stop_after=limit) > limit:
        raise error(f"{where}: the HTML nests its elements more than {limit} deep; it cannot be read.")


def parse_html_document(
    text: str, where: str, error: type[PostwrightError], limit: int = MAX_HTML_DEPTH
) -> lxml_html.HtmlElement:
    """``lxml.html.document_fromstring`` within our limits, refusing with our own sentence."""
    return _parse_html(text, where, error, limit, fragment=False)


def parse_html_fragment(
    text: str, where: str, error: type[PostwrightError], limit: int = MAX_HTML_DEPTH
) -> lxml_html.HtmlElement:
    """``text`` parsed as the children of one ``<div>``, within our limits."""
    return _parse_html(text, where, error, limit, fragment=True)


def _huge_text_parser() -> lxml_html.HTMLParser:
    """libxml2 silently drops a text node over 10 MB (one long paragraph) unless told the input may be
    huge; our own bounds (file size, depth above, time and memory of the import child) stay in force."""
    from lxml import html as lxml_html

    return lxml_html.HTMLParser(huge_tree=True)


def _parse_html(
    text: str, where: str, error: type[PostwrightError], limit: int, *, fragment: bool
) -> lxml_html.HtmlElement:
    from lxml import etree
    from lxml import html as lxml_html

    check_html_depth(text, where, error, limit)
    try:
        if fragment:
            root: lxml_html.HtmlElement = lxml_html.fragment_fromstring(text, create_parent="div",
                                                                        parser=_huge_text_parser())
        else:
            root = lxml_html.document_fromstring(text, parser=_huge_text_parser())
    except (etree.LxmlError, ValueError):
        raise error(f"{where}: the HTML is empty or cannot be read.") from None
    # The tag estimate and libxml2 can disagree; libxml2 silently drops what lies deeper
    # than its own limit, so the tree it built is measured too.
    check_element_depth(root, where, error, limit)
    return root


_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def markdown_depth(text: str, stop_after: int | None = None) -> tuple[int, int]:
    """``(depth, line)`` of the deepest list or block-quote nesting in Markdown.

    A list level is counted per two columns of indentation (the narrowest nesting
    CommonMark allows) and each ``>`` is one quote level; indented code that is not a
    list item or a quote does not count. Counting stops at the first line deeper than
    ``stop_after``.
    """
    deepest, where = 0, 0
    for number, line in enumerate(text.splitlines(), 1):
        prefix = len(line) - len(line.lstrip(" \t>"))
        if 2 * prefix <= deepest:  # a prefix character adds at most two levels (a tab is four columns)
            continue
        indent = line[: len(line) - len(line.lstrip(" \t"))].expandtabs(4)
        rest = line.lstrip(" \t")
        quotes = 0
        while rest.startswith(">"):
            quotes += 1
            rest = rest[1:].lstrip(" \t")
        marker = _LIST_MARKER.match(rest)
        if not quotes and not marker:
            continue
        depth = len(indent) // 2 + quotes
        if depth > deepest:
            deepest, where = depth, number
            if stop_after is not None and deepest > stop_after:
                break
    return deepest, where


def check_markdown_depth(
    text: str, where: str, error: type[PostwrightError], limit: int = MAX_MARKDOWN_DEPTH
) -> None:
    """Refuse Markdown whose lists or quotes nest deeper than ``limit``."""
    depth, line = markdown_depth(text, stop_after=limit)
    if depth > limit:
        raise error(f"{where}: line {line} nests lists or quotes more than {limit} deep; it cannot be read.")


def json_depth(value: Any, stop_after: int | None = None) -> int:
    """The nesting of a parsed JSON value (1 for a flat list or object), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > deepest:
            deepest = depth
            if stop_after is not None and deepest > stop_after:
                break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def loads_json(text: str, where: str, error: type[PostwrightError], limit: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that refuses nesting deeper than ``limit``.

    The C decoder stops itself at the interpreter's recursion limit (RecursionError);
    below that the parsed value is measured, so code that walks it recursively never
    meets more than ``limit`` levels.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        raise error(f"{where}: the JSON nests more than {limit} levels deep.") from None
    except ValueError as problem:
        raise error(f"{where}: the JSON is not valid ({problem}).") from None
    if json_depth(value, stop_after=limit) > limit:
        raise error(f"{where}: the JSON nests more than {limit} levels deep.")
    return value


# -- Word documents ----------------------------------------------------------------
def check_docx_archive(archive: zipfile.ZipFile, where: str, error: type[PostwrightError]) -> None:
    """Refuse a .docx by its zip directory alone: too many entries or too much inflated data."""
    entries = archive.infolist()
    if len(entries) > MAX_DOCX_ENTRIES:
        raise error(f"{where}: the Word document holds {len(entries)} files (the limit is {MAX_DOCX_ENTRIES}).")
    total = sum(info.file_size for info in entries)
    check_bytes(total, MAX_DOCX_UNCOMPRESSED, "the Word document, uncompressed,", where, error)
    for info in entries:
        if info.filename.lower().endswith((".xml", ".rels")):
            check_bytes(info.file_size, MAX_DOCX_XML_PART, f"its part {info.filename}", where, error)


def check_xml_depth(
    archive: zipfile.ZipFile, names: Iterable[str], where: str, error: type[PostwrightError],
    limit: int = MAX_XML_DEPTH,
) -> None:
    """Stream the XML parts ``names`` and refuse one that nests deeper than ``limit``.

    The parse keeps no tree (elements are cleared as they end), refuses DTDs and
    entities, and stops reading as soon as the limit is passed.
    """
    from lxml import etree

    for name in names:
        try:
            stream = archive.open(name)
        except KeyError:
            continue
        with stream:
            depth = 0
            try:
                for event, element in etree.iterparse(
                    stream, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=True,
                    load_dtd=False,
                ):
                    if event == "start":
                        depth += 1
                        if depth > limit:
                            raise error(f"{where}: {name} nests its elements more than {limit} deep.")
                    else:
                        depth -= 1
                        element.clear(keep_tail=False)
            except etree.LxmlError as problem:
                raise error(f"{where}: {xml_problem(problem, name, limit)}.") from None
            except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
                    NotImplementedError):  # a damaged or encrypted member, or an unknown compression
                raise error(f"{where}: the Word document is damaged; {name} cannot be unpacked.") from None


LIBXML_MAX_DEPTH = 256
"""libxml2 (under lxml) refuses XML nested deeper than this and drops HTML content below it."""


def xml_problem(problem: Exception, part: str, limit: int = MAX_XML_DEPTH) -> str:
    """Our words for whatever lxml raised while reading ``part``; never lxml's own message.

    libxml2 stops at its own depth limit, which lxml 6.2 can reach before our streamed
    count sees the elements (it parses ahead in chunks); our limit is lower, so that is
    the same refusal as ours.
    """
    from lxml import etree

    text = str(problem).lower()
    code = getattr(problem, "code", None)
    if "depth" in text and (code == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "excessive" in text):
        return f"{part} nests its elements more than {limit} deep"
    if code == etree.ErrorTypes.ERR_RESOURCE_LIMIT or "huge" in text:
        return f"{part} holds a text or a name too large to read safely"
    position = getattr(problem, "position", None)
    if isinstance(position, tuple) and len(position) == 2 and all(isinstance(n, int) and n > 0 for n in position):
        return f"{part} is not well-formed XML (line {position[0]}, column {position[1]})"
    return f"{part} is not well-formed XML"


# -- time --------------------------------------------------------------------------
class Deadline:
    """A point in time work must finish by; ``None`` seconds means no deadline."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        return None if self._end is None else max(0.0, self._end - time.monotonic())

    @property
    def expired(self) -> bool:
        remaining = self.remaining()
        return remaining is not None and remaining <= 0.0

    def earliest(self, other: Deadline | None) -> Deadline:
        """The sooner of this deadline and ``other``."""
        if other is None or other._end is None:
            return self
        if self._end is None or other._end < self._end:
            return other
        return self
