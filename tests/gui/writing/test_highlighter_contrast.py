"""The editor's Markdown colours are readable in the light and the dark palette (WCAG AA)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication

from editor.gui.theme import palette_for
from editor.gui.writing.highlighter import MarkdownHighlighter

AA_NORMAL_TEXT = 4.5


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(first: QColor, second: QColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_markdown_colour_passes_aa_on_the_editor_background(qapp: QApplication, dark: bool) -> None:
    palette = palette_for(qapp, dark)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlighter = MarkdownHighlighter(QTextDocument(), palette)
    checked = []
    for kind, fmt in highlighter.formats().items():
        background = fmt.background().color() if fmt.hasProperty(fmt.Property.BackgroundBrush) else base
        foreground = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else text
        ratio = contrast(foreground, background)
        checked.append(kind)
        assert ratio >= AA_NORMAL_TEXT, f"{kind}: {foreground.name()} on {background.name()} is {ratio:.2f}:1"
    assert {"heading", "citation", "markup", "link_text", "code", "quote"} <= set(checked)
