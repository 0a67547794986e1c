"""Pasted HTML never raises anything but PasteError (too deeply nested), whatever it holds."""

from __future__ import annotations

from fuzz_strategies import HTML_FRAGMENT
from hypothesis import given, settings

from editor.core.editing.paste_html import html_to_markdown
from editor.core.foundation.errors import PasteError


@settings(max_examples=150, deadline=None)
@given(HTML_FRAGMENT)
def test_any_pasted_html_converts(html: str) -> None:
    try:
        markdown = html_to_markdown(html, lambda data, mime: "asset:1")
    except PasteError as error:
        assert str(error)
    else:
        assert isinstance(markdown, str) and "<script" not in markdown.lower()
