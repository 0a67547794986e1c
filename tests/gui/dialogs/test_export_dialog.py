"""The export dialog writes real files through the core exporter, in a worker."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from editor.gui.dialogs.export_dialog import ExportDialog

MISSING = {  # the sample post cites three works its reference file lacks: the gate blocks it until added
    "lincoff2023": ("Semaglutide and cardiovascular outcomes in obesity without diabetes", "N Engl J Med", 2023),
    "wilding2022": ("Weight regain and cardiometabolic effects after withdrawal of semaglutide",
                    "Diabetes Obes Metab", 2022),
    "rubino2021": ("Effect of continued weekly subcutaneous semaglutide vs placebo on weight loss maintenance",
                   "JAMA", 2021),
}


def add_missing(library) -> None:
    for key, (title, journal, year) in MISSING.items():
        library.references.add({"id": key, "type": "article-journal", "title": title, "container-title": journal,
                                "author": [{"family": key[:-4].capitalize(), "given": "A"}],
                                "issued": {"date-parts": [[year]]}})


@pytest.fixture
def blocked_dialog(qtbot, sample_library):
    widget = ExportDialog(sample_library, sample_library.posts.get("glp1-what-to-know"))
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def dialog(qtbot, sample_library):
    add_missing(sample_library)
    widget = ExportDialog(sample_library, sample_library.posts.get("glp1-what-to-know"))
    qtbot.addWidget(widget)
    return widget


def wait_done(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)


def test_defaults_come_from_the_library(dialog):
    assert dialog.style_edit.text() == "american-medical-association"
    assert dialog.destination_edit.text().endswith("glp1-what-to-know.html")
    assert dialog.style_edit.completer().model().rowCount() > 1000
    assert not dialog.citations_combo.isEnabled() and dialog.citations_combo.isHidden()


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
    assert dialog.citations_combo.isEnabled() and not dialog.citations_combo.isHidden()
    assert dialog.destination_edit.text().endswith(".md")
    dialog.citations_combo.setCurrentIndex(dialog.citations_combo.findData("numbers"))
    dialog.destination_edit.setText(str(tmp_path / "glp1.md"))
    dialog.export()
    wait_done(qtbot, dialog)
    text = (tmp_path / "glp1.md").read_text(encoding="utf-8")
    assert text.startswith("---\n") and "[@wilding2021]" not in text and "[?" not in text
    # Warnings never block; they are listed after the export.
    assert "warning" in dialog.message.text()
    assert {f.code for f in dialog.findings()} == {"reading-level", "review-overdue"}


def test_errors_block_the_export_are_listed_and_the_first_is_shown(qtbot, blocked_dialog, tmp_path,
                                                                   sample_library):
    dialog = blocked_dialog
    target = tmp_path / "blocked.html"
    dialog.destination_edit.setText(str(target))
    with qtbot.waitSignal(dialog.findingRequested, timeout=30000) as shown:
        dialog.export()
    wait_done(qtbot, dialog)
    assert not target.exists()
    errors = [f for f in dialog.findings() if f.severity == "error"]
    assert [f.code for f in errors] == ["citation-unresolved"] * 3
    assert shown.args[0] == errors[0] and errors[0].line == 15
    assert not dialog.findings_list.isHidden() and "Not exported: 3 errors" in dialog.message.text()
    assert "@lincoff2023" in dialog.findings_list.item(0).text()
    requested: list = []
    dialog.findingRequested.connect(requested.append)
    dialog.findings_list.itemActivated.emit(dialog.findings_list.item(1))
    assert requested == [errors[1]]
    add_missing(sample_library)
    dialog.export()
    wait_done(qtbot, dialog)
    assert target.exists() and "Exported to" in dialog.message.text()


def test_an_error_dismissed_in_the_dialog_lets_the_export_through(qtbot, dialog, tmp_path, sample_library,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from editor.core.checks import dismissals

    post = sample_library.posts.get("glp1-what-to-know")
    sample_library.posts.save(post.replace(body=post.body + "\nOur front desk: 555-201-3344.\n"))
    dialog._post = sample_library.posts.get("glp1-what-to-know")
    target = tmp_path / "d.html"
    dialog.destination_edit.setText(str(target))
    dialog.export()
    wait_done(qtbot, dialog)
    assert not target.exists() and [f.code for f in dialog.findings() if f.severity == "error"] == ["phi-suspected"]
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *args: ("This is the clinic's public front desk line.", True))
    dialog.findings_list.setCurrentRow(0)
    dialog.dismiss_button.click()
    assert "Dismissed phi-suspected" in dialog.message.text()
    [record] = dismissals(sample_library, post.id)
    assert record.reason == "This is the clinic's public front desk line." and record.code == "phi-suspected"
    dialog.export()
    wait_done(qtbot, dialog)
    assert target.exists() and "let through by a dismissal" in dialog.message.text()


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
    assert (tmp_path / "site" / "index.html").exists()
    assert dialog.message.text().startswith("Exported 0 of 1 published post and index.html")
    assert not (tmp_path / "site" / "sleep-and-weight.html").exists()  # it has a warning
    assert "sleep-and-weight: not exported — 1 warning(s)" in dialog.findings_list.item(0).text()
    dialog.site_warnings_check.setChecked(True)
    dialog.site_button.click()
    wait_done(qtbot, dialog)
    assert dialog.message.text().startswith("Exported 1 of 1 published post and index.html")
    assert dialog.site_progress.isHidden()
    assert (tmp_path / "site" / "sleep-and-weight.html").exists()


def test_export_all_into_a_file_shows_the_error(qtbot, dialog, tmp_path):
    blocker = tmp_path / "site"
    blocker.write_text("not a folder", encoding="utf-8")
    dialog.site_folder_edit.setText(str(blocker))
    dialog.export_site()
    wait_done(qtbot, dialog)
    assert "it is a file, not a folder" in dialog.message.text()
