"""The handout dialog: the gate and print page on a worker, Chromium printing, the PDF written."""

from __future__ import annotations

import pytest

from editor.gui.dialogs.handout_dialog import HandoutDialog

SAMPLE = "glp1-what-to-know"


@pytest.fixture
def dialog(qtbot, sample_library):
    widget = HandoutDialog(sample_library, sample_library.posts.get(SAMPLE))
    qtbot.addWidget(widget)
    return widget


def test_choices_start_from_the_library(qtbot, sample_library):
    sample_library.settings.set("handout_paper", "a4")
    sample_library.settings.set("handout_large_print", True)
    widget = HandoutDialog(sample_library, sample_library.posts.get(SAMPLE))
    qtbot.addWidget(widget)
    assert widget.paper_combo.currentData() == "a4" and widget.large_print.isChecked()
    assert widget.destination_edit.text().endswith(f"{SAMPLE}.pdf")


def test_saves_a_pdf_and_remembers_the_choices(qtbot, dialog, tmp_path, sample_library):
    target = tmp_path / "handouts" / "glp1.pdf"
    dialog.destination_edit.setText(str(target))
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("a4"))
    with qtbot.waitSignal(dialog.saved, timeout=60000) as blocker:
        dialog.save_button.click()
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert not dialog.busy and dialog.result() == dialog.DialogCode.Accepted
    assert sample_library.settings.get("handout_paper") == "a4"
    assert sample_library.settings.get("last_export_folder") == str(target.parent)


def test_an_empty_destination_is_refused_in_the_dialog(dialog):
    dialog.destination_edit.setText("  ")
    dialog.save_button.click()
    assert "Choose where to save" in dialog.message.text() and not dialog.busy
