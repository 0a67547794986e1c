"""Never "imported" with less than was there: the import report's word count is the stored body's and the
source's, whatever the paragraph sizes — a 10 MB paragraph included (libxml2 used to drop it silently)."""

from __future__ import annotations

import html

import docx
import pytest
from fake_wordpress import FakeWordPress, Paged
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.importers import import_path, import_text
from editor.core.importers.report import prose_words
from editor.core.library import Library
from editor.core.publish.pull import import_site
from editor.core.publish.sites import SiteStore

VOCABULARY = ("sleep appetite weight trial patients clinic dose weekly hunger protein walking stress heart blood "
              "pressure insulin meals evening habits research adults risk lower higher often usually").split()
BIG = 10 * 1024 * 1024 + 4096  # past libxml2's 10,000,000-byte limit on one text node


def _paragraph(words: list[str]) -> str:
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


PARAGRAPHS = st.lists(
    st.lists(st.sampled_from(VOCABULARY), min_size=3, max_size=40).map(_paragraph)
    | st.integers(2_000, 60_000).map(lambda n: _paragraph([VOCABULARY[i % len(VOCABULARY)] for i in range(n)])),
    min_size=1, max_size=5)


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<!DOCTYPE html><html><head><title>Sleep</title></head><body><article><h1>Sleep and weight</h1>" \
           f"{body}</article></body></html>"


def _markdown(paragraphs: list[str]) -> str:
    return "# Sleep and weight\n\n" + "\n\n".join(paragraphs) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=PARAGRAPHS, kind=st.sampled_from(["html", "markdown"]))
def test_the_reported_word_count_is_the_stored_body_and_the_source(paragraphs, kind):
    source = _page(paragraphs) if kind == "html" else _markdown(paragraphs)
    expected = sum(len(p.split()) for p in paragraphs)
    with Library.memory() as lib:
        result = import_text(lib, source, f"post.{kind}")
        stored = lib.posts.get(result.slug).body
    assert result.words == prose_words(stored) == expected


def test_a_word_press_post_with_a_ten_megabyte_paragraph_imports_whole(library):
    paragraph = ("patients " * (BIG // 9 + 1)).strip()
    site = FakeWordPress()
    try:
        site.answers["GET /wp/v2/posts"] = (200, Paged([{
            "id": 5, "title": {"raw": "A long post"}, "status": "publish", "slug": "long", "link": "",
            "content": {"raw": f"<p>{paragraph}</p><p>Short tail.</p>"}, "excerpt": {"raw": ""}}]), {})
        SiteStore(library).add("clinic", site.url, "erin", "abcd efgh ijkl mnop qrst uvwx")
        result = import_site(library, "clinic")
    finally:
        site.close()
    assert result.imported and not result.failed
    body = library.posts.get(result.imported[0]).body
    assert body.count("patients") == len(paragraph.split()) and "Short tail." in body


def test_a_word_document_with_a_ten_megabyte_paragraph_imports_whole(tmp_path):
    document = docx.Document()
    document.add_heading("A long document", 1)
    document.add_paragraph(("insulin " * (BIG // 8 + 1)).strip())
    document.add_paragraph("Short tail.")
    path = tmp_path / "long.docx"
    document.save(path)
    with Library.memory() as lib:
        result = import_path(lib, path)
        body = lib.posts.get(result.slug).body
    assert body.count("insulin") == BIG // 8 + 1 and result.words == prose_words(body) == BIG // 8 + 3


@pytest.mark.parametrize("text", ["See [the trial](https://example.org/a-b-c) [@smith2020; @lee2021].",
                                  "Plain words only"])
def test_prose_words_ignores_link_targets_and_citations(text):
    assert prose_words(text) == (3 if text.startswith("See") else 3)
