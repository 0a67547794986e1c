"""Import Posts and Import from Text: real importers in a worker, results listed per source."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from editor.gui.dialogs import import_dialogs
from editor.gui.dialogs.import_dialogs import ImportFilesDialog, ImportTextDialog


def test_import_files_lists_each_result_and_announces_the_change(qtbot, library, hub, dialog_data, tmp_path):
    broken = tmp_path / "empty.md"
    broken.write_text("", encoding="utf-8")
    paths = [dialog_data / "legacy-pasted-semaglutide.txt", broken, dialog_data / "sleep-and-weight.md"]
    dialog = ImportFilesDialog(library, hub, paths)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(hub.libraryChanged, timeout=20000):
        dialog.import_button.click()
        assert dialog.busy
    rows = dialog.table.rows()
    assert [row[0] for row in rows] == ["legacy-pasted-semaglutide.txt", "empty.md", "sleep-and-weight.md"]
    legacy, failed, sleep = rows
    assert library.posts.get(legacy[1]).title == dialog.results[0].title
    assert legacy[5] == "(5), (6)"  # cited but not in the four-entry list
    assert legacy[4] == "4" and int(legacy[3]) > 0
    assert failed[1] == "Not imported" and "empty" in failed[6]
    assert sleep[1] == "sleep-and-weight" and library.posts.get("sleep-and-weight").series_number == 9
    assert dialog.message.text() == "Imported 2 posts; 1 could not be imported."
    assert not dialog.busy and dialog.progress.isHidden()


def test_open_post_asks_the_window_to_open_it(qtbot, library, hub, dialog_data):
    dialog = ImportFilesDialog(library, hub, [dialog_data / "glp1-what-to-know.md"])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert dialog.open_button.isEnabled()  # the first result is selected
    with qtbot.waitSignal(hub.requestOpenPost) as blocker:
        dialog.open_button.click()
    assert blocker.args == ["glp1-what-to-know"]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_import_files_interactively_uses_the_chosen_files(qtbot, library, hub, dialog_data, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(dialog_data / "sleep-and-weight.md")], ""))
    shown: list[ImportFilesDialog] = []

    def run(dialog: ImportFilesDialog) -> int:
        shown.append(dialog)
        dialog.start()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
        return 0

    monkeypatch.setattr(ImportFilesDialog, "exec", run)
    import_dialogs.import_files_interactively(library, hub)
    assert [p.name for p in shown[0].paths] == ["sleep-and-weight.md"]
    assert library.posts.get("sleep-and-weight").title.startswith("Sleep Less")


def test_cancelling_the_file_picker_imports_nothing(library, hub, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    import_dialogs.import_files_interactively(library, hub)
    assert library.posts.list() == []


def test_import_from_text(qtbot, library, hub, dialog_data):
    dialog = ImportTextDialog(library, hub)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.text_edit.setPlainText((dialog_data / "legacy-pasted-semaglutide.txt").read_text(encoding="utf-8"))
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(hub.libraryChanged, timeout=20000):
        dialog.import_button.click()
    [result] = dialog.results
    post = library.posts.get(result.slug)
    assert "[@" in post.body and result.unresolved == [5, 6]
    assert dialog.table.rows()[0][0] == "pasted text"
    assert not dialog.import_button.isEnabled()  # imported once; not twice by a second click


def test_import_from_text_reports_an_error_and_allows_a_retry(qtbot, library, hub):
    dialog = ImportTextDialog(library, hub)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("bad\x00binary")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert dialog.errors and "binary data" in dialog.errors[0][1]
    assert dialog.table.rows()[0][1] == "Not imported"
    assert dialog.import_button.isEnabled()
    assert library.posts.list() == []
