"""Saved web pages: extraction, hostile markup, encodings, page images, titles."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from import_helpers import legacy_page_html, pixels, png_bytes
from lxml import html as lxml_html

from editor.core.foundation.errors import PostImportError
from editor.core.importers import parse_file, parse_text

HOSTILE = """
<script>alert('inline')</script>
<style>body { display: none }</style>
<p onclick="alert('p')" style="color:red">Plain words with <a href="javascript:alert('link')">a bad link</a>,
<a href=" JaVaScRiPt:alert('spaced')">another</a>, <a href="data:text/html;base64,PHNjcmlwdD4=">a data link</a>
and <a href="https://example.org/ok" onmouseover="alert('hover')">a good link</a>.</p>
<img src="https://example.org/x.png" onerror="alert('img')" alt="chart">
<iframe src="https://evil.example/frame"></iframe>
<object data="evil.swf"></object><embed src="evil.swf">
<svg onload="alert('svg')"><circle r="4"/></svg>
<form action="https://evil.example"><input name="q"><button>Go</button></form>
<p>Escaped text &lt;script&gt;alert('text')&lt;/script&gt; stays text.</p>
<math><mi>x</mi></math>
"""


def _rendered_elements(body: str) -> list[lxml_html.HtmlElement]:
    rendered = markdown.markdown(body, extensions=["tables"])
    return list(lxml_html.fragment_fromstring(rendered, create_parent="div").iter())


def test_hostile_markup_leaves_nothing_executable(tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(legacy_page_html(extra_body=HOSTILE), encoding="utf-8")
    post = parse_file(path)
    for needle in ("<script", "<style", "<iframe", "<object", "<embed", "<svg", "<form", "onerror", "onclick",
                   "onmouseover", "onload", "javascript:", "JaVaScRiPt", "data:text", "evil"):  # fmt: skip
        assert needle not in post.body, needle
    for element in _rendered_elements(post.body):
        assert element.tag not in ("script", "style", "iframe", "object", "embed", "svg", "form", "math")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        for attribute in ("href", "src"):
            value = element.get(attribute)
            assert value is None or value.startswith(("https://", "#")), value
    assert "[a good link](https://example.org/ok)" in post.body
    assert "a bad link" in post.body  # the text of a dropped link stays
    assert "![chart](https://example.org/x.png)" in post.body
    assert "&lt;script>alert('text')&lt;/script>" in post.body
    assert post.title == "Does Weight Come Back After Semaglutide? What the Research Says"
    assert len(post.references) == 4 and post.unresolved == [5, 6]


def test_pasted_html_is_recognised_and_cleaned() -> None:
    post = parse_text(legacy_page_html(extra_body=HOSTILE), "clipboard")
    assert post.source_kind == "html"
    assert "<script" not in post.body and "javascript:" not in post.body
    assert post.unresolved == [5, 6]


def test_windows_1252_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>'
        "<article><h1>Caf\u00e9 Habits \u2014 a Guide</h1><p>\u2018Quoted\u2019 advice from our caf\u00e9 "
        "owners, repeated often enough to be a real paragraph of text for the extractor to keep.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("cp1252"))
    post = parse_file(path)
    assert post.title == "Caf\u00e9 Habits \u2014 a Guide"
    assert "\u2018Quoted\u2019 advice from our caf\u00e9 owners" in post.body


def test_title_from_the_page_title_when_there_is_no_h1(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Protein Basics | Lakeside Family Clinic</title></head><body><article>"
        "<h2>Why protein matters</h2><p>Protein keeps you full for longer than most snacks do, and it helps "
        "you keep muscle while you lose weight.</p></article></body></html>"
    )
    path = tmp_path / "protein.html"
    path.write_text(page, encoding="utf-8")
    post = parse_file(path)
    assert post.title == "Protein Basics"
    assert post.sections == ["Why protein matters"]


def test_images_saved_beside_the_page_are_collected(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "chart.png").write_bytes(png_bytes())
    page = legacy_page_html(extra_body='<p><img src="page_files/chart.png" alt="Weight chart"></p>')
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    post = parse_file(path)
    assert [(i.placeholder, i.mime, i.filename) for i in post.images] == [("import-image:1", "image/png", "chart.png")]
    assert pixels(post.images[0].data) == pixels(png_bytes())
    assert "![Weight chart](import-image:1)" in post.body


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><script>only()</script></body></html>",
    ],
)
def test_page_without_article_text_is_refused(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty-page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(PostImportError, match="empty-page.html"):
        parse_file(path)


def test_site_title_in_the_header_is_not_the_post_title(tmp_path: Path) -> None:
    page = (
        "<html><body><header><h1 class='site-title'>Lakeside Family Clinic</h1>"
        "<div class='announcement-bar'>Now accepting new patients!</div></header>"
        "<main><article><h1>Fiber and Fullness</h1><p>Fiber slows digestion, so a meal with beans or oats keeps "
        "you full for longer than the same calories from white bread.</p></article></main></body></html>"
    )
    path = tmp_path / "fiber.html"
    path.write_text(page, encoding="utf-8")
    post = parse_file(path)
    assert post.title == "Fiber and Fullness"
    assert post.banner == "Now accepting new patients!"
    assert "Lakeside" not in post.body


def test_footnotes_section_without_a_heading_is_the_reference_list() -> None:
    page = (
        "<html><body><article><h1>Footnoted Post</h1><p>Protein helps fullness."
        '<sup id="fnref1"><a href="#fn1">1</a></sup> Fiber too.<sup><a href="#fn2">[2]</a></sup></p>'
        "<p>More text about the evidence for fiber and for protein in a balanced diet for adults.</p>"
        '<div class="footnotes"><hr><ol><li id="fn1">Smith J. Protein and satiety. J Nutr. 2019;1:2. '
        '<a href="#fnref1">&#8617;</a></li><li id="fn2"><a href="https://doi.org/10.1000/fiber">'
        'https://doi.org/10.1000/fiber</a> <a href="#fnref2">&#8617;</a></li></ol></div></article></body></html>'
    )
    post = parse_text(page, "footnotes")
    assert post.body == (
        "Protein helps fullness. [@ref-1] Fiber too. [@ref-2]\n\n"
        "More text about the evidence for fiber and for protein in a balanced diet for adults.\n"
    )
    assert [(e.number, e.text, e.url) for e in post.references] == [
        (1, "Smith J. Protein and satiety. J Nutr. 2019;1:2.", None),
        (2, "https://doi.org/10.1000/fiber", "https://doi.org/10.1000/fiber"),
    ]
    assert post.unresolved == [] and post.warnings == []
