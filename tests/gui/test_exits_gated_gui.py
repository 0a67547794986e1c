"""Every way out of the window is gated, and every refusal looks the same.

The window's actions are enumerated: each is a known exit (run here on a post with patient
details and an unresolved citation) or known not to be one; a new action fails the test until
it is classified. Each exit must refuse, list the gate's errors as the export dialog lists them,
write and copy nothing, and send nothing to a site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exit_samples import BLOCKING_CODES, SLUG, make_blocked_library, recording_site
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from editor.gui.dialogs.export_dialog import ExportDialog
from editor.gui.dialogs.handout_dialog import HandoutDialog
from editor.gui.dialogs.publish_dialog import PublishDialog

GUI_EXITS = {
    "actionCopyForWebsite": "Edit → Copy for Website",
    "actionExport": "File → Export → Web Page, Fragment or Markdown (Export, Copy HTML, Export All)",
    "actionExportHandout": "File → Export → Patient Handout (PDF)",
    "actionPublish": "File → Publish",
}
GUI_NOT_EXITS = {
    "actionNewPost", "actionSave", "actionImport", "actionImportText", "actionImportSite", "actionHistory",
    "actionQuit", "actionMoveSectionUp", "actionMoveSectionDown", "actionAddSection", "actionCheck",
    "actionTogglePreview", "actionAbout", "actionNextPanel", "actionPreviousPanel", "actionToolbarLabels",
    "actionSiteIdentity", "actionSites", "actionCheckSettings", "actionAppearanceSystem", "actionAppearanceLight",
    "actionAppearanceDark",
    "actionUndo", "actionRedo", "actionBold", "actionItalic", "actionCode", "actionLink", "actionHeading2",
    "actionHeading3", "actionBulletList", "actionNumberedList", "actionQuote", "actionInsertCitation",
    "actionImage", "actionFind", "actionReplace", "actionFindNext", "actionFindPrevious", "actionPastePlain",
    "actionNewLibrary", "actionOpenLibrary",
    "actionFetchWebImages",  # pictures into the library, nothing out
}
SENTINEL = "what the person copied before"


@pytest.fixture
def blocked_window(qtbot, tmp_path: Path, settings):
    from editor.app import open_window

    with recording_site() as (url, requests):
        path = make_blocked_library(tmp_path / "lib.postwright", url)
        window = open_window(path, settings)
        qtbot.addWidget(window)
        window.show()
        assert window.open_post(SLUG)
        qtbot.waitUntil(window.preview.is_ready, timeout=20000)
        window.requests = requests
        yield window
        window.close()
        window.library.close()


def listed(widget: QWidget) -> list[str]:
    view = widget.gate_view if hasattr(widget, "gate_view") else widget.view
    return [view.findings_list.item(row).text() for row in range(view.findings_list.count())]


def assert_refused(rows: list[str]) -> None:
    for code in BLOCKING_CODES:
        assert any(row.startswith("Error — " + code) for row in rows), rows


def test_every_window_action_is_known_as_an_exit_or_not(blocked_window) -> None:
    names = {action.objectName() for action in blocked_window.findChildren(QAction)
             if action.objectName().startswith("action")}
    assert not set(GUI_EXITS) & GUI_NOT_EXITS
    assert names == set(GUI_EXITS) | GUI_NOT_EXITS, (
        f"unknown: {sorted(names - set(GUI_EXITS) - GUI_NOT_EXITS)}; "
        f"gone: {sorted((set(GUI_EXITS) | GUI_NOT_EXITS) - names)}")


def test_every_exit_refuses_and_shows_the_gates_errors_the_same_way(qtbot, blocked_window, tmp_path, monkeypatch):
    window = blocked_window
    QGuiApplication.clipboard().setText(SENTINEL)
    shown: dict[str, list[str]] = {}

    # Edit → Copy for Website: no dialog of its own, so the refusal opens one.
    window.findChild(QAction, "actionCopyForWebsite").trigger()
    qtbot.waitUntil(lambda: _refusal_dialog() is not None, timeout=30000)
    refusal = _refusal_dialog()
    shown["copy"] = listed(refusal)
    assert refusal.message.text().startswith("Not copied: ")
    first = refusal.findings()[0]
    assert window.editor.textCursor().blockNumber() == first.line - 1  # the editor went to the first error
    refusal.close()

    # File → Export: Export (each format), Copy HTML and Export All, all in the export dialog.
    def drive_export(dialog: ExportDialog) -> int:
        for fmt in ("page", "fragment", "markdown"):
            dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
            dialog.destination_edit.setText(str(tmp_path / "out" / f"post.{fmt}"))
            dialog.export_button.click()
            qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
            shown[f"export {fmt}"] = listed(dialog)
            assert dialog.message.text().startswith("Not exported: ")
        dialog.copy_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        shown["copy html"] = listed(dialog)
        assert dialog.message.text().startswith("Not copied: ")
        dialog.site_folder_edit.setText(str(tmp_path / "site"))
        dialog.site_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        assert any(f"{SLUG}: not exported" in row for row in listed(dialog))
        return 0

    monkeypatch.setattr(ExportDialog, "exec", drive_export)
    window.findChild(QAction, "actionExport").trigger()

    # File → Export → Patient Handout.
    def drive_handout(dialog: HandoutDialog) -> int:
        dialog.destination_edit.setText(str(tmp_path / "out" / "handout.pdf"))
        dialog.save_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        shown["handout"] = listed(dialog)
        assert dialog.message.text().startswith("The handout was not made: ")
        return 0

    monkeypatch.setattr(HandoutDialog, "exec", drive_handout)
    window.findChild(QAction, "actionExportHandout").trigger()

    # File → Publish (the site cannot even be asked; publishing is refused before any request).
    def drive_publish(dialog: PublishDialog) -> int:
        qtbot.waitUntil(dialog.publish_button.isEnabled, timeout=30000)
        dialog.publish_button.click()
        qtbot.waitUntil(lambda: bool(dialog.gate_view.findings()), timeout=30000)
        shown["publish"] = listed(dialog)
        assert dialog.message.text().startswith("Not published: ")
        return 0

    monkeypatch.setattr(PublishDialog, "exec", drive_publish)
    window.findChild(QAction, "actionPublish").trigger()

    assert set(shown) == {"copy", "export page", "export fragment", "export markdown", "copy html", "handout",
                          "publish"}
    assert_refused(shown["copy"])
    for exit_name, rows in shown.items():
        assert rows == shown["copy"], f"{exit_name} lists the refusal differently"
    assert QGuiApplication.clipboard().text() == SENTINEL  # nothing was copied
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]  # no page, fragment, Markdown or PDF
    site_files = {p.name for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert site_files <= {"index.html", "site.css"}  # an index listing no post, and the stylesheet
    assert not [request for request in window.requests if request[0] == "POST"]  # nothing sent to the site


def _refusal_dialog() -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "gateRefusalDialog" and widget.isVisible():
            return widget
    return None
