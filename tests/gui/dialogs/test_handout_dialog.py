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
    import pypdf

    post = seeded.posts.get(SAMPLE)
    assert pypdf.PdfReader(target).metadata.title == post.title  # labelled as the command line labels it
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
    assert "The handout was not made: 3 errors must be fixed" in widget.message.text()
    listed = [widget.gate_view.findings_list.item(row).text() for row in range(widget.gate_view.findings_list.count())]
    assert any("citation-unresolved" in text and "@lincoff2023" in text for text in listed)
    assert widget.gate_view.findings()[0].severity == "error" and widget.gate_view.dismiss_button.isVisibleTo(widget)
    assert not target.exists() and widget.result() != widget.DialogCode.Accepted


def test_the_save_as_label_shows_no_ampersand_and_points_at_the_field(dialog):
    from PySide6.QtWidgets import QLabel

    labels = {label.text(): label for label in dialog.findChildren(QLabel)}
    assert "Save &as:" in labels and labels["Save &as:"].buddy() is dialog.destination_edit


def test_a_handout_without_a_site_identity_says_what_it_lacks_and_where_to_set_it(qtbot, dialog, seeded):
    from editor.core.render.site_identity import SiteIdentity

    note = dialog.identity_note.text()
    assert dialog.identity_note.isVisibleTo(dialog) and dialog.identity_button.isVisibleTo(dialog)
    for lacking in ("the clinic's name, phone number and address", "QR code", "Settings → Site Identity"):
        assert lacking in note
    asked = []

    def set_identity() -> None:  # what the window's Site Identity dialog does when the person saves
        asked.append(True)
        seeded.settings.store(SiteIdentity(clinic_name="Riverside Family Clinic", phone="(555) 201-3300",
                                           address="12 Harbor Street"))
        seeded.settings.set("site_base_url", "https://riverside.example/blog")

    dialog.identityRequested.connect(set_identity)
    dialog.identity_button.click()
    assert asked and not dialog.identity_note.isVisibleTo(dialog) and not dialog.identity_button.isVisibleTo(dialog)


def test_an_empty_destination_is_refused_in_the_dialog(dialog):
    dialog.destination_edit.setText("  ")
    dialog.save_button.click()
    assert "Choose where to save" in dialog.message.text() and not dialog.busy
