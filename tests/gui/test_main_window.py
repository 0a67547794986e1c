"""The whole app on a real library file: typing reaches the preview and the library,
sections move (keyboard and drag) with citations renumbered, undo, conflicts, layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_script import page_value
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QTreeView

from editor.app import open_window
from editor.core.library import Library
from editor.core.post.sections import split_sections

PANELS = ("libraryView", "outlineView", "editor", "preview", "referencesView", "propertiesPanel", "problemsView")


def reference_order(qtbot, window) -> list[str]:
    return page_value(
        qtbot, window,
        "Array.from(document.querySelectorAll('#reference-list > li')).map(li => li.id)",
    )


SETTLED_JS = "document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)"


def wait_for_render(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.editor.toPlainText() == _rendered_body(window), timeout=10000)
    qtbot.waitUntil(window.preview.is_settled, timeout=10000)  # the patch crosses to the page asynchronously


def _rendered_body(window) -> str | None:
    return getattr(window, "_last_rendered_body", None)


@pytest.fixture(autouse=True)
def track_renders(monkeypatch):
    """Record the body of the latest render result the window handled (for waiting on it)."""
    from editor.gui import main_window

    original = main_window.MainWindow.on_rendered

    def recording(self, result):
        original(self, result)
        self._last_rendered_body = result.request.body

    monkeypatch.setattr(main_window.MainWindow, "on_rendered", recording)


def test_new_user_sees_the_sample_post_with_every_panel(window):
    assert window.objectName() == "MainWindow"
    for name in PANELS:
        assert window.findChild(object, name) is not None, name
    assert window.windowTitle().startswith("GLP-1 Medications for Weight Loss")
    assert "## How GLP-1 medications work" in window.editor.toPlainText()
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "Insert", "Format", "View", "Tools", "Settings", "Help"]


def test_typing_shows_up_in_the_preview_and_is_autosaved(qtbot, window, library_path):
    wait_for_render(qtbot, window)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index("Your dose goes up"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "Zebrafish ")
    wait_for_render(qtbot, window)
    text = page_value(qtbot, window, "document.getElementById('how-glp-1-medications-work').innerText")
    assert "Zebrafish Your dose goes up" in text

    def stored_body() -> str:
        with Library.open(library_path) as other:
            return other.posts.get("glp1-what-to-know").body

    qtbot.waitUntil(lambda: "Zebrafish" in stored_body(), timeout=5000)
    # The writer thread stored it; the status bar follows when the GUI thread hears back.
    qtbot.waitUntil(lambda: window.status.save_label.text() == "Saved", timeout=5000)


def _put_cursor_in(window, heading: str) -> None:
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.toPlainText().index(heading) + 3)
    window.editor.setTextCursor(cursor)


def test_keyboard_move_renumbers_citations_and_undo_restores(qtbot, window):
    wait_for_render(qtbot, window)
    before_text = window.editor.toPlainText()
    before_refs = reference_order(qtbot, window)
    assert before_refs[:3] == ["ref-fda-weight2021", "ref-wilding2021", "ref-jastreboff2022"]
    _put_cursor_in(window, "## What happens when you stop")
    window.actions_by_name["actionMoveSectionUp"].trigger()  # past "Side effects"
    window.actions_by_name["actionMoveSectionUp"].trigger()  # past "What the trials found" and its subsection
    titles = [s.title for s in split_sections(window.editor.toPlainText())]
    assert titles[1:3] == ["How GLP-1 medications work", "What happens when you stop"]
    wait_for_render(qtbot, window)
    after = reference_order(qtbot, window)  # the moved section's references now come before the trials'
    assert after.index("ref-wilding2022") < after.index("ref-rubino2021") < after.index("ref-wilding2021")
    for _ in range(2):
        window.editor.undo()
    assert window.editor.toPlainText() == before_text
    wait_for_render(qtbot, window)
    assert reference_order(qtbot, window) == before_refs


def test_dragging_a_section_in_the_outline_moves_it(qtbot, window):
    wait_for_render(qtbot, window)
    outline: QTreeView = window.outline
    model = outline.model()
    assert model.index(0, 0).data() == "Introduction"
    source = model.index(4, 0)  # "What happens when you stop"
    target = model.index(1, 0)  # "How GLP-1 medications work"
    assert source.data() == "What happens when you stop" and target.data() == "How GLP-1 medications work"
    outline.setCurrentIndex(source)
    rect = outline.visualRect(target)
    point = QPointF(QPoint(rect.center().x(), rect.top() + 1))
    mime = QMimeData()
    mime.setData("application/x-qabstractitemmodeldatalist", b"")
    event = QDropEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    outline.dropIndicatorPosition = lambda: QAbstractItemView.DropIndicatorPosition.AboveItem
    outline.dropEvent(event)
    titles = [s.title for s in split_sections(window.editor.toPlainText())]
    assert titles[1] == "What happens when you stop"
    wait_for_render(qtbot, window)
    assert model.index(1, 0).data() == "What happens when you stop"
    after = reference_order(qtbot, window)  # the moved section's references now come before the trials'
    assert after.index("ref-wilding2022") < after.index("ref-rubino2021") < after.index("ref-wilding2021")
    window.editor.undo()
    assert [s.title for s in split_sections(window.editor.toPlainText())][1] == "How GLP-1 medications work"


def test_inserting_a_citation_updates_the_reference_list(qtbot, window):
    wait_for_render(qtbot, window)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.hub.insertCitation.emit("lincoff2023")
    assert window.editor.toPlainText().startswith("[@lincoff2023]")
    wait_for_render(qtbot, window)
    assert reference_order(qtbot, window)[0] == "ref-lincoff2023"


def test_hostile_post_runs_no_script_in_the_preview(qtbot, window):
    hostile = (
        "Intro <script>window.pwned = 1; document.title = 'pwned'</script>\n\n"
        "## Images\n\n<img src=x onerror=\"window.pwned = 2; document.title = 'pwned'\">\n\n"
        "[click](javascript:window.pwned=3) <iframe src=\"http://127.0.0.1:9/\"></iframe>\n"
    )
    window.editor.selectAll()
    window.editor.insertPlainText(hostile)
    wait_for_render(qtbot, window)
    # Whatever the hostile markup could trigger (a script, an image's onerror) has had its turn
    # once the page has loaded and every image has finished, loaded or failed.
    qtbot.waitUntil(lambda: page_value(qtbot, window, SETTLED_JS) is True, timeout=10000)
    assert page_value(qtbot, window, "String(window.pwned) + '|' + document.title") != "1|pwned"
    html = page_value(qtbot, window, "document.getElementById('post-body').innerHTML")
    assert "onerror" not in html and "<script" not in html and "javascript:" not in html and "<iframe" not in html
    assert page_value(qtbot, window, "document.title") != "pwned"


def test_conflict_with_another_process_is_never_overwritten(qtbot, window, library_path, monkeypatch):
    from editor.gui.dialogs import conflict_dialog

    shown = []

    def choose_stored(dialog):
        shown.append(dialog.mine.body if hasattr(dialog, "mine") else None)
        dialog.choice = "stored"
        return 0

    monkeypatch.setattr(conflict_dialog.ConflictDialog, "exec", choose_stored)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, " my edit")
    with Library.open(library_path) as other:  # saved elsewhere while this window has unsaved edits
        post = other.posts.get("glp1-what-to-know")
        other.posts.save(post.replace(body="Saved by another window."))
    assert window.session.flush() is False
    assert shown, "the conflict dialog was shown"
    assert window.editor.toPlainText() == "Saved by another window."
    with Library.open(library_path) as other:
        assert other.posts.get("glp1-what-to-know").body == "Saved by another window."


def test_layout_and_last_post_are_restored(qtbot, library_path, settings):
    first = open_window(library_path, settings)
    qtbot.addWidget(first)
    first.show()
    post = first.library.posts.create(first.library.posts.get("glp1-what-to-know").replace(
        id=None, slug="", title="Second post"))
    first.open_post(post.slug)
    first.docks["problems"].hide()
    first.close()
    first.library.close()
    second = open_window(library_path, settings)
    qtbot.addWidget(second)
    second.show()
    try:
        assert second.session.post.slug == post.slug
        assert second.findChild(QDockWidget, "problemsDock").isHidden()
    finally:
        second.close()
        second.library.close()


def test_outline_and_problems_navigate_editor_and_preview(qtbot, window):
    wait_for_render(qtbot, window)
    index = next(i for i, s in enumerate(window.navigator.sections) if s.title == "Side effects")
    window.outline.sectionActivated.emit(index)
    cursor = window.editor.textCursor()
    assert window.editor.toPlainText()[cursor.position():].startswith("## Side effects")

    def section_near_top() -> bool:
        top = page_value(qtbot, window, "document.getElementById('side-effects').getBoundingClientRect().top")
        return abs(top) < 80

    qtbot.waitUntil(section_near_top, timeout=5000)
    window.hub.jumpToPosition.emit(3, 5)
    assert (window.editor.textCursor().blockNumber(), window.editor.textCursor().positionInBlock()) == (2, 4)


def test_a_properties_edit_reaches_session_title_and_save_in_that_order(qtbot, window, library_path):
    """The session takes the edit first (its own signal), then the window shows and saves it."""
    post = window.session.post
    seen: list[str] = []
    window.session.metadataApplied.connect(lambda applied: seen.append(applied.title))
    window.hub.postEdited.emit(post.replace(title="Renamed from the properties panel"))
    assert seen == ["Renamed from the properties panel"]
    assert window.windowTitle().startswith("Renamed from the properties panel")
    assert window.session.flush()
    with Library.open(library_path) as other:
        assert other.posts.get(post.slug).title == "Renamed from the properties panel"


def test_add_to_dictionary_stores_the_word_in_the_library(window, library_path):
    window.editor.spelling.add_to_dictionary("tirzepatide")
    with Library.open(library_path) as other:
        assert "tirzepatide" in other.dictionary.words()


def test_a_blocked_export_shows_its_first_error_in_the_editor(qtbot, window, monkeypatch):
    from editor.gui.dialogs.export_dialog import ExportDialog

    wait_for_render(qtbot, window)
    text = window.editor.toPlainText()
    window.editor.setPlainText(text.replace("## Side effects\n\n", "## Side effects\n\nHer MRN is 00482913. "))
    window.session.flush()
    shown: list = []

    def run_dialog(dialog) -> int:  # what the author sees: the dialog refuses and points at the error
        dialog.destination_edit.setText(str(Path(window.library.path).parent / "blocked.html"))
        dialog.export()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        shown.extend(dialog.findings())
        return 0

    monkeypatch.setattr(ExportDialog, "exec", run_dialog)
    window.export_post()
    assert any(f.code == "phi-suspected" for f in shown)
    first_error = next(f for f in shown if f.severity == "error")
    cursor = window.editor.textCursor()
    assert (cursor.blockNumber() + 1, cursor.positionInBlock() + 1) == (first_error.line, first_error.column)


def test_a_metadata_edit_patches_the_page_around_its_sections(qtbot, window):
    wait_for_render(qtbot, window)
    page_value(qtbot, window, "(document.getElementById('post-body').dataset.mark = 'kept', true)")
    shells = []
    window.preview.shellLoaded.connect(shells.append)
    post = window.session.post
    window.hub.postEdited.emit(post.replace(title="A renamed post", summary="New summary."))
    qtbot.waitUntil(lambda: page_value(qtbot, window, "document.querySelector('h1').textContent")
                    == "A renamed post", timeout=10000)
    assert page_value(qtbot, window, "document.getElementById('post-body').dataset.mark") == "kept"  # no reload
    assert page_value(qtbot, window, "document.title").startswith("A renamed post")
    assert page_value(qtbot, window, "document.querySelectorAll('article > header').length") == 1
    order = page_value(qtbot, window, "Array.from(document.querySelector('article').children)"
                                      ".map(e => e.id || e.className)")
    assert order.index("post-header") < order.index("post-body") < order.index("references-section")
    assert shells == []


def test_opening_a_post_checks_it_once_its_preview_has_loaded(qtbot, window):
    """The preview comes first: the checks (and the highlighting below the first screens)
    wait for the opened post's page, then run without anyone asking."""
    from editor.core.post.model import Post

    body = "Intro.\n\n## Results\n\nIn one trial 45% of adults lost weight.\n"
    post = window.library.posts.create(Post(title="Checked after its preview", body=body))
    loads: list[bool] = []
    window.preview.shellLoaded.connect(loads.append)
    submitted_with_page: list[bool] = []
    submit = window.check_pipeline._submit

    def recording_submit(*args):
        submitted_with_page.append(window.preview.is_ready())
        submit(*args)

    window.check_pipeline._submit = recording_submit
    assert window.open_post(post.slug)
    assert window.check_pipeline.held
    assert window.editor.highlighter._sweep_held  # the sweep waits too
    window.on_text_changed()  # typing before the page loads schedules no check for it
    assert not window.check_pipeline._timer.isActive()
    # The opened post's findings (the sample opened with the window may finish its own check first).
    with qtbot.waitSignal(window.check_pipeline.finished, timeout=20000,
                          check_params_cb=lambda findings: any(f.code == "uncited-claim" for f in findings)):
        qtbot.waitUntil(lambda: bool(loads), timeout=20000)
    assert loads == [True] and submitted_with_page == [True]
    assert not window.check_pipeline.held and not window.editor.highlighter._sweep_held
