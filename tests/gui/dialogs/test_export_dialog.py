"""The export dialog writes real files through the core exporter, in a worker."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from editor.gui.dialogs.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot, sample_library):
    widget = ExportDialog(sample_library, sample_library.posts.get("glp1-what-to-know"))
    qtbot.addWidget(widget)
    return widget


def wait_done(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_defaults_come_from_the_library(dialog):
    assert dialog.style_edit.text() == "american-medical-association"
    assert dialog.destination_edit.text().endswith("glp1-what-to-know.html")
    assert dialog.style_edit.completer().model().rowCount() > 1000
    assert not dialog.citations_combo.isEnabled()


def test_exports_a_page_with_its_assets(qtbot, dialog, tmp_path, sample_library):
    target = tmp_path / "out" / "glp1.html"
    dialog.destination_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    wait_done(qtbot, dialog)
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "GLP-1 Medications for Weight Loss" in html
    assert (tmp_path / "out" / "assets" / "site.css").exists()
    assert blocker.args[0].path == target
    assert "Exported to" in dialog.message.text() and str(target) in dialog.message.text()
    assert sample_library.settings.get("last_export_folder") == str(target.parent)


def test_markdown_with_numbered_citations(qtbot, dialog, tmp_path):
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("markdown"))
    assert dialog.citations_combo.isEnabled() and dialog.destination_edit.text().endswith(".md")
    dialog.citations_combo.setCurrentIndex(dialog.citations_combo.findData("numbers"))
    dialog.destination_edit.setText(str(tmp_path / "glp1.md"))
    dialog.export()
    wait_done(qtbot, dialog)
    text = (tmp_path / "glp1.md").read_text(encoding="utf-8")
    assert text.startswith("---\n") and "[@wilding2021]" not in text
    # Citations missing from the library are reported, not hidden.
    assert "citations without a reference" in dialog.message.text()


def test_an_unknown_style_is_reported_in_the_dialog(qtbot, dialog, tmp_path):
    dialog.style_edit.setText("no-such-style")
    dialog.destination_edit.setText(str(tmp_path / "x.html"))
    dialog.export()
    wait_done(qtbot, dialog)
    assert "no-such-style" in dialog.message.text()
    assert not (tmp_path / "x.html").exists()


def test_copy_html_puts_the_fragment_on_the_clipboard(qtbot, dialog):
    QGuiApplication.clipboard().clear()
    dialog.copy_button.click()
    wait_done(qtbot, dialog)
    html = QGuiApplication.clipboard().text()
    assert "<article" in html and "<html" not in html and "reference-list" in html
    assert dialog.message.text().startswith("Copied the article HTML")


def test_export_all_published_posts_with_progress(qtbot, dialog, tmp_path):
    steps: list[tuple[int, int, str]] = []
    dialog._progress.step.connect(lambda done, total, slug: steps.append((done, total, slug)))
    dialog.site_folder_edit.setText(str(tmp_path / "site"))
    dialog.site_button.click()
    wait_done(qtbot, dialog)
    assert steps == [(1, 1, "sleep-and-weight")]  # the only published post
    assert (tmp_path / "site" / "sleep-and-weight.html").exists()
    assert (tmp_path / "site" / "index.html").exists()
    assert dialog.message.text().startswith("Exported 1 published post and index.html")
    assert dialog.site_progress.isHidden()


def test_export_all_into_a_file_shows_the_error(qtbot, dialog, tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog.site_folder_edit.setText(str(blocker))
    dialog.export_site()
    wait_done(qtbot, dialog)
    assert "it is a file, not a folder" in dialog.message.text()
