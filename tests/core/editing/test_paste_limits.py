"""Pasted HTML that broke v0.1: a broken declaration and HTML nested thousands deep."""

from __future__ import annotations

import pytest

from editor.core.editing.paste_html import html_to_markdown
from editor.core.foundation.errors import PasteError


def test_broken_declaration_after_a_paragraph_pastes_the_paragraph() -> None:
    assert html_to_markdown("<p>x</p><!['x") == "x\n"


def test_html_nested_too_deep_is_a_paste_error() -> None:
    with pytest.raises(PasteError, match="The pasted HTML: the HTML nests its elements more than 200 deep"):
        html_to_markdown("<div>" * 5000 + "x" + "</div>" * 5000)


def test_ordinary_nesting_converts() -> None:
    assert html_to_markdown("<div>" * 50 + "<p>deep <b>text</b></p>" + "</div>" * 50) == "deep **text**\n"
