"""A post body nested past the Markdown depth cap renders that section as plain text
instead of recursing in Python-Markdown until it fails."""

from __future__ import annotations

from editor.core.foundation.limits import MAX_MARKDOWN_DEPTH
from editor.core.render.markdown_section import SectionConverter


def test_a_section_nested_too_deep_is_shown_as_plain_text() -> None:
    text = "## Deep\n\n" + "".join("  " * depth + "- item <b>\n" for depth in range(1000))
    html = SectionConverter().convert(text)
    assert f"nests lists or quotes more than {MAX_MARKDOWN_DEPTH} deep (line {MAX_MARKDOWN_DEPTH + 4}" in html
    assert "<pre>" in html and "item &lt;b&gt;" in html and "<li>" not in html


def test_ordinary_nesting_renders_as_lists() -> None:
    html = SectionConverter().convert("".join("    " * depth + "- item\n" for depth in range(6)))
    assert html.count("<ul>") == 6
