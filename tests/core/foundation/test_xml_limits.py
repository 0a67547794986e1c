"""XML and HTML limits refuse with our one sentence whichever layer stops the file first:
our streamed count, or libxml2's own depth limit (lxml 6.2 parses ahead in chunks and can
reach it before we see the elements). lxml's wording never reaches the user."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from editor.core.foundation import limits
from editor.core.foundation.errors import PostImportError
from editor.core.foundation.limits import (
    LIBXML_MAX_DEPTH,
    MAX_HTML_DEPTH,
    MAX_XML_DEPTH,
    check_xml_depth,
    parse_html_document,
    parse_html_fragment,
)

LXML_WORDS = ("Excessive", "XML_PARSE_HUGE", "libxml", "Document is empty", "Opening and ending tag")


def _archive(part: str) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", part)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def _refusal(part: str) -> str:
    with pytest.raises(PostImportError) as caught:
        check_xml_depth(_archive(part), ["word/document.xml"], "post.docx", PostImportError)
    message = str(caught.value)
    assert "\n" not in message and not any(word in message for word in LXML_WORDS), message
    return message


@pytest.mark.parametrize(
    "depth",
    [MAX_XML_DEPTH + 1, LIBXML_MAX_DEPTH - 1, LIBXML_MAX_DEPTH + 1, 5_000],
    ids=["ours", "ours-near-libxml", "libxml-first", "far-past-both"],
)
def test_deep_xml_is_refused_with_our_message_whichever_layer_stops_it(depth: int) -> None:
    # Short tags: the whole nesting fits in the first chunk libxml2 reads.
    part = "<w>" + "<a>" * depth + "x" + "</a>" * depth + "</w>"
    message = _refusal(part)
    assert message == f"post.docx: word/document.xml nests its elements more than {MAX_XML_DEPTH} deep."


def test_xml_at_the_limit_passes() -> None:
    depth = MAX_XML_DEPTH - 1
    part = "<w>" + "<a>" * depth + "x" + "</a>" * depth + "</w>"
    check_xml_depth(_archive(part), ["word/document.xml"], "post.docx", PostImportError)


def test_malformed_xml_names_the_place_not_lxml_words() -> None:
    message = _refusal("<w>\n  <a></b>\n</w>")
    assert message.startswith("post.docx: word/document.xml is not well-formed XML (line 2, column ")


def test_a_damaged_zip_member_is_our_sentence() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w>" + random.Random(7).randbytes(4000).hex() + "</w>")
    data = bytearray(buffer.getvalue())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 20:start + 60] = b"\xff" * 40  # inside the deflated stream
    message = _refusal_from(zipfile.ZipFile(io.BytesIO(bytes(data))))
    assert message == "post.docx: the Word document is damaged; word/document.xml cannot be unpacked."


def _refusal_from(archive: zipfile.ZipFile) -> str:
    with pytest.raises(PostImportError) as caught:
        check_xml_depth(archive, ["word/document.xml"], "post.docx", PostImportError)
    return str(caught.value)


@pytest.mark.parametrize("parse", [parse_html_document, parse_html_fragment])
@pytest.mark.parametrize("estimate_first", [True, False], ids=["tag-estimate", "parsed-tree"])
def test_deep_html_is_refused_by_either_layer(
    parse: object, estimate_first: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not estimate_first:  # the tree check alone: libxml2 builds at most 256 levels and drops the rest
        monkeypatch.setattr(limits, "check_html_depth", lambda *args, **kwargs: None)
    html = "<html><body>" + "<div>" * 1000 + "deep" + "</div>" * 1000 + "</body></html>"
    expected = (f"page.html: the HTML nests its elements more than {MAX_HTML_DEPTH} deep; it cannot be read."
                if estimate_first else
                f"page.html: the page nests its elements more than {MAX_HTML_DEPTH} deep; it cannot be imported.")
    with pytest.raises(PostImportError) as caught:
        parse(html, "page.html", PostImportError)  # type: ignore[operator]
    assert str(caught.value) == expected


@pytest.mark.parametrize("text", ["", "   ", "<!-- only a comment -->"])
def test_empty_html_is_our_sentence(text: str) -> None:
    with pytest.raises(PostImportError, match=r"^page\.html: the HTML is empty or cannot be read\.$"):
        parse_html_document(text, "page.html", PostImportError)


def test_ordinary_html_parses() -> None:
    page = "<html><body><article><h1>T</h1><p>Text</p></article></body></html>"
    root = parse_html_document(page, "p", PostImportError)
    assert root.findtext(".//p") == "Text"
    assert parse_html_fragment("<p>a</p><p>b</p>", "p", PostImportError).tag == "div"
