"""The handout dialog: the gate and print page on a worker, Chromium printing, the PDF written."""

from __future__ import annotations

import pytest

from editor.core.library import Library
from editor.gui.dialogs.handout_dialog import HandoutDialog

SAMPLE = "glp1-what-to-know"


@pytest.fixture
def seeded(library_path):
    """A new library as a user gets it: the sample post, citing only references the library has."""
    lib = Library.open(library_path)
    yield lib
    lib.close()


@pytest.fixture
def dialog(qtbot, seeded):
    widget = HandoutDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(widget)
    return widget


def test_choices_start_from_the_library(qtbot, seeded):
    seeded.settings.set("handout_paper", "a4")
    seeded.settings.set("handout_large_print", True)
    widget = HandoutDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(widget)
    assert widget.paper_combo.currentData() == "a4" and widget.large_print.isChecked()
    assert widget.destination_edit.text().endswith(f"{SAMPLE}.pdf")


def test_saves_a_pdf_and_remembers_the_choices(qtbot, dialog, tmp_path, seeded):
    target = tmp_path / "handouts" / "glp1.pdf"
    dialog.destination_edit.setText(str(target))
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("a4"))
    with qtbot.waitSignal(dialog.saved, timeout=60000) as blocker:
        dialog.save_button.click()
    assert blocker.args == [str(target)]
    assert target.read_bytes().startswith(b"%PDF")
    assert not dialog.busy and dialog.result() == dialog.DialogCode.Accepted
    assert seeded.settings.get("handout_paper") == "a4"
    assert seeded.settings.get("last_export_folder") == str(target.parent)


def test_a_post_the_gate_blocks_is_not_printed_and_the_dialog_says_why(qtbot, tmp_path, sample_library):
    """The dialogs' sample library lacks three of the post's references: unresolved citations block."""
    widget = HandoutDialog(sample_library, sample_library.posts.get(SAMPLE))
    qtbot.addWidget(widget)
    target = tmp_path / "blocked.pdf"
    widget.destination_edit.setText(str(target))
    widget.save_button.click()
    qtbot.waitUntil(lambda: not widget.busy, timeout=30000)
    assert "The handout was not made" in widget.message.text()
    assert "citation-unresolved" in widget.message.text() and "@lincoff2023" in widget.message.text()
    assert not target.exists() and widget.result() != widget.DialogCode.Accepted


def test_an_empty_destination_is_refused_in_the_dialog(dialog):
    dialog.destination_edit.setText("  ")
    dialog.save_button.click()
    assert "Choose where to save" in dialog.message.text() and not dialog.busy
