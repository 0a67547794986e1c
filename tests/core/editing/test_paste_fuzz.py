"""Pasted HTML never raises anything but PasteError (too deeply nested), whatever it holds,
and what it pastes never renders to a script."""

from __future__ import annotations

from fuzz_strategies import HTML_FRAGMENT
from hypothesis import given, settings
from lxml import html as lxml_html

from editor.core.editing.paste_html import html_to_markdown
from editor.core.foundation.errors import PasteError
from editor.core.render.markdown_section import SectionConverter

CONVERTER = SectionConverter()


@settings(max_examples=150, deadline=None)
@given(HTML_FRAGMENT)
def test_any_pasted_html_converts(html: str) -> None:
    try:
        markdown = html_to_markdown(html, lambda data, mime: "asset:1")
    except PasteError as error:
        assert str(error)
        return
    assert isinstance(markdown, str)
    rendered = CONVERTER.convert(markdown)
    if not rendered.strip():
        return
    for element in lxml_html.fragment_fromstring(rendered, create_parent="div").iter():
        assert element.tag not in ("script", "style", "iframe", "object", "embed")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            assert not value.strip().lower().startswith("javascript:")
