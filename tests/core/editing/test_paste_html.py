"""Pasted HTML (Word, Google Docs, a web page) becomes post Markdown."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.editing.paste_html import html_to_markdown

HERE = Path(__file__).parent / "paste"


@pytest.mark.parametrize("name", ["word", "google_docs", "web_page"])
def test_pasted_html_matches_expected_markdown(name):
    html = (HERE / f"{name}.html").read_text(encoding="utf-8")
    expected = (HERE / f"{name}.md").read_text(encoding="utf-8")
    assert html_to_markdown(html) == expected


def test_word_junk_and_scripts_never_reach_the_markdown():
    markdown = html_to_markdown((HERE / "word.html").read_text(encoding="utf-8"))
    for junk in ("mso", "o:p", "alert", "StartFragment", "Calibri", "·", "supportLists"):
        assert junk not in markdown


def test_google_docs_wrapper_is_not_bold():
    markdown = html_to_markdown((HERE / "google_docs.html").read_text(encoding="utf-8"))
    assert markdown.startswith("## Sleep and your weight")
    assert "**hunger hormones**" in markdown
    assert "*late-night snacking*" in markdown


def test_data_uri_image_goes_to_the_store_and_local_files_are_dropped():
    stored = []

    def store(data: bytes, mime: str) -> str:
        stored.append((data, mime))
        return "asset:7"

    html = ('<p>Plate <img alt="plate" src="data:image/png;base64,iVBORw0KGgo=">'
            '<img src="file:///tmp/clip_image001.png"></p>')
    assert html_to_markdown(html, store) == "Plate ![plate](asset:7)\n"
    assert stored == [(b"\x89PNG\r\n\x1a\n", "image/png")]
    assert "data:" not in html_to_markdown(html)


def test_local_picture_files_can_be_kept_for_the_editor_to_bring_in():
    html = '<p>Plate</p><p><img alt="A plate" src="file:///tmp/msohtmlclip1/01/clip_image001.png"></p>'
    assert html_to_markdown(html, keep_local_files=True) == (
        "Plate\n\n![A plate](file:///tmp/msohtmlclip1/01/clip_image001.png)\n")


def test_javascript_links_lose_their_target():
    assert "javascript" not in html_to_markdown('<a href="javascript:alert(1)">x</a>')


def test_empty_or_whitespace_html_gives_empty_text():
    assert html_to_markdown("<html><body> <!-- x --> </body></html>") == ""


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_paragraph_text_survives_and_no_markup_leaks(text):
    html = f"<p>{escape(text)}</p><script>zqxevil()</script><style>p{{color:red}}</style><!-- zqxnote -->"
    markdown = html_to_markdown(html)
    assert "zqxevil" not in markdown and "zqxnote" not in markdown and "color:red" not in markdown
    # Every word of the text is kept; escaping adds only backslashes.
    for word in re.findall(r"[A-Za-z]{3,}", text):
        assert word in markdown.replace("\\", "")
