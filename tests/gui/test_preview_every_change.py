"""Every kind of change to the text reaches the preview the same way: a patch of the page
(never a reloaded page), with its sections in the editor's order and its new words shown.

One test per kind of change, against the real preview (QWebEngineView): typing, a section
moved with Ctrl+Shift+Down and by dragging it in the outline, the move undone and redone,
replace one and replace all, paste, and the post changed by another program.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from page_script import page_value
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor

from editor.core.library import Library
from editor.core.render.renderer import IncrementalRenderer

FIRST, SECOND = "how-glp-1-medications-work", "what-the-trials-found"


@pytest.fixture
def window(qtbot, window):
    qtbot.waitUntil(lambda: len(window.navigator.sections) > 3, timeout=10000)
    return window


def editor_keys(window) -> list[str]:
    """The section ids a fresh render of the editor's text has."""
    return list(IncrementalRenderer(lambda keys: {}).render(window.editor.toPlainText()).keys)


def page_keys(qtbot, window) -> list[str]:
    return page_value(qtbot, window, "Array.from(document.querySelectorAll('#post-body > section')).map(s => s.id)")


def page_text(qtbot, window) -> str:
    return page_value(qtbot, window, "document.getElementById('post-body').textContent")


def wait_for_page(qtbot, window, *, shows: str | None = None, hides: str | None = None) -> None:
    """Wait until the page has the editor's sections in its order (and shows/hides a phrase)."""
    def caught_up() -> bool:
        if page_keys(qtbot, window) != editor_keys(window):
            return False
        text = page_text(qtbot, window)
        return (shows is None or shows in text) and (hides is None or hides not in text)
    qtbot.waitUntil(caught_up, timeout=15000)


@contextmanager
def patched_in_place(window) -> Iterator[None]:
    """The change reaches the page as a patch: the page is never loaded again."""
    loads: list[bool] = []
    window.preview.shellLoaded.connect(loads.append)
    try:
        yield
    finally:
        window.preview.shellLoaded.disconnect(loads.append)
    assert loads == [], "the preview reloaded its page instead of patching it"


def put_cursor_in(window, heading: str) -> None:
    text = window.editor.toPlainText()
    cursor = window.editor.textCursor()
    cursor.setPosition(text.index(heading) + len(heading) + 2)
    window.editor.setTextCursor(cursor)
    window.activateWindow()
    window.editor.setFocus()


def move_first_section_down(qtbot, window) -> None:
    put_cursor_in(window, "## How GLP-1 medications work")
    qtbot.waitUntil(window.editor.hasFocus, timeout=5000)
    qtbot.keyClick(window.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert editor_keys(window)[1:3] == [SECOND, FIRST]


def test_typing(qtbot, window):
    put_cursor_in(window, "## Side effects")
    with patched_in_place(window):
        qtbot.keyClicks(window.editor, "Zebrafish ")
        wait_for_page(qtbot, window, shows="Zebrafish")


def test_section_moved_with_the_keyboard(qtbot, window):
    with patched_in_place(window):
        move_first_section_down(qtbot, window)
        wait_for_page(qtbot, window)
    assert page_keys(qtbot, window)[1:3] == [SECOND, FIRST]


def test_section_dragged_in_the_outline(qtbot, window):
    outline = window.outline
    source = outline.model().index(1, 0)  # the first ## section (row 0 is the introduction)
    target = outline.model().index(3, 0)
    assert source.data() == "How GLP-1 medications work"
    outline.setCurrentIndex(source)
    mime = outline.model().mimeData([source])
    point = outline.visualRect(target).center()
    assert outline.viewport().rect().contains(point)
    drop = QDropEvent(point.toPointF(), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with patched_in_place(window):
        outline.dropEvent(drop)
        wait_for_page(qtbot, window)
    assert page_keys(qtbot, window).index(FIRST) > page_keys(qtbot, window).index(SECOND)


def test_a_move_undone_and_redone(qtbot, window):
    original = page_keys(qtbot, window)
    move_first_section_down(qtbot, window)
    wait_for_page(qtbot, window)
    with patched_in_place(window):
        qtbot.keyClick(window.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert editor_keys(window) == original
        wait_for_page(qtbot, window)
        assert page_keys(qtbot, window) == original
        window.editor.redo()
        assert editor_keys(window)[1:3] == [SECOND, FIRST]
        wait_for_page(qtbot, window)


def open_replace(window, find: str, replace: str) -> None:
    bar = window.editor.find_bar
    bar.show_replace()
    bar.find_edit.setText(find)
    bar.replace_edit.setText(replace)


def test_replace_one(qtbot, window):
    put_cursor_in(window, "## Side effects")
    open_replace(window, "nausea", "queasiness")
    bar = window.editor.find_bar
    with patched_in_place(window):
        bar.find_next()
        qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
        wait_for_page(qtbot, window, shows="queasiness")


def test_replace_all(qtbot, window):
    open_replace(window, "semaglutide", "SEMA")
    with patched_in_place(window):
        qtbot.mouseClick(window.editor.find_bar.replace_all_button, Qt.MouseButton.LeftButton)
        assert "semaglutide" not in window.editor.toPlainText().lower()
        wait_for_page(qtbot, window, shows="SEMA", hides="emaglutide")


def test_paste(qtbot, window):
    put_cursor_in(window, "## Side effects")
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    window.editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setHtml("<h2>Pasted heading</h2><p>Pasted words about hydration.</p>")
    mime.setText("Pasted heading\n\nPasted words about hydration.")
    QGuiApplication.clipboard().setMimeData(mime)
    with patched_in_place(window):
        window.editor.paste()
        assert "## Pasted heading" in window.editor.toPlainText()
        wait_for_page(qtbot, window, shows="Pasted words about hydration.")
    assert "pasted-heading" in page_keys(qtbot, window)


def test_reload_after_a_change_made_elsewhere(qtbot, window, library_path):
    window.session.flush()
    top = "document.getElementById('side-effects').getBoundingClientRect().top"
    scrolled = page_value(qtbot, window, f"(document.getElementById('side-effects').scrollIntoView(), {top})")
    other = Library.open(library_path)  # another connection: what another program's write looks like
    try:
        post = other.posts.get(window.session.post.slug)
        body = post.body.replace("## Side effects", "## Side effects\n\nWritten in another window.", 1)
        other.posts.save(post.replace(body=body, title="GLP-1 medications: edited elsewhere"))
    finally:
        other.close()
    with patched_in_place(window):
        qtbot.waitUntil(lambda: "Written in another window." in window.editor.toPlainText(), timeout=15000)
        wait_for_page(qtbot, window, shows="Written in another window.")
        qtbot.waitUntil(lambda: "edited elsewhere" in page_value(qtbot, window, "document.querySelector('h1')"
                                                                   ".textContent"), timeout=15000)
    assert page_value(qtbot, window, top) == pytest.approx(scrolled, abs=2)  # the reader's place is kept
    assert not window.editor.document().isModified()
