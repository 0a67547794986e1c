"""Both import dialogs can stop a file that is still being read: the child is killed, nothing is imported."""

from __future__ import annotations

from pathlib import Path

from editor.gui.dialogs.import_dialogs import ImportFilesDialog
from editor.gui.dialogs.reference_dialogs import ReferenceImportDialog


def _slow_page(path: Path) -> Path:
    paragraphs = "".join(f"<p>Paragraph {n} of a very long page about sleep and weight.</p>" for n in range(30_000))
    path.write_text(f"<html><body><article><h1>Long</h1>{paragraphs}</article></body></html>", encoding="utf-8")
    return path


def test_stopping_a_post_import_kills_the_parse(qtbot, library, hub, tmp_path):
    dialog = ImportFilesDialog(library, hub, [_slow_page(tmp_path / "long.html"), tmp_path / "never.md"])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.cancel_button.isHidden(), timeout=5000)
    qtbot.wait(300)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    rows = dialog.table.rows()
    assert [row[1] for row in rows] == ["Not imported", "Not imported"]
    assert "cancelled" in rows[0][6] and "stopped" in rows[1][6]
    assert library.posts.list() == [] and dialog.cancel_button.isHidden()


def test_stopping_a_reference_import_kills_the_parse(qtbot, library, tmp_path):
    source = tmp_path / "huge.bib"
    source.write_text("@article{big, title={" + "word " * 4_000_000 + "}, year={2020}}\n", encoding="utf-8")
    dialog = ReferenceImportDialog(library, [source])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.wait(300)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=15000)
    assert "cancelled" in dialog.message.text() and dialog.status_label.text() == "Nothing was imported."
    assert library.references.list() == []
