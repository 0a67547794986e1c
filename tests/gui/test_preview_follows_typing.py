"""While the author types, the preview keeps the section being typed in view — unless the
reader has just scrolled the preview, which is then left where they put it."""

from __future__ import annotations

import pytest
from page_script import page_value
from PySide6.QtGui import QTextCursor

LAST_SECTION = "is-it-right-for-you"


@pytest.fixture
def window(qtbot, window):
    """The app (tests/gui/conftest.py) at a size where the last section starts out of view."""
    window.resize(1200, 700)
    qtbot.waitUntil(lambda: len(window.navigator.sections) > 3, timeout=10000)
    return window


def section_visible(qtbot, window, key: str) -> bool:
    return bool(page_value(qtbot, window, f"(() => {{ const r = document.getElementById('{key}')"
                                          ".getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })()"))


def cursor_at_end_of_post(qtbot, window) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=5000)


def type_at_end_of_post(qtbot, window, text: str) -> None:
    cursor_at_end_of_post(qtbot, window)
    with qtbot.waitSignal(window.preview.patchApplied, timeout=10000):
        qtbot.keyClicks(window.editor, text)


def test_typing_in_the_last_section_brings_it_into_view(qtbot, window):
    assert not section_visible(qtbot, window, LAST_SECTION)
    type_at_end_of_post(qtbot, window, " More")
    qtbot.waitUntil(lambda: section_visible(qtbot, window, LAST_SECTION), timeout=10000)


def test_a_reader_scrolling_the_preview_is_not_overruled(qtbot, window):
    cursor_at_end_of_post(qtbot, window)  # the editor scrolls there, and the preview with it
    qtbot.waitUntil(lambda: section_visible(qtbot, window, LAST_SECTION), timeout=10000)
    with qtbot.waitSignal(window.preview.sectionScrolled, timeout=10000):  # the reader scrolls a little
        page_value(qtbot, window, "(document.getElementById('side-effects').scrollIntoView(), window.scrollY)")
    top = page_value(qtbot, window, "window.scrollY")
    type_at_end_of_post(qtbot, window, " More")
    assert not section_visible(qtbot, window, LAST_SECTION)
    assert page_value(qtbot, window, "window.scrollY") == top
