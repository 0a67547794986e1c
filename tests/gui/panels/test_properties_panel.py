"""The properties panel: filling is silent, each user edit emits postEdited with the change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from editor.gui.dialogs.author_dialog import NewAuthorDialog
from editor.gui.dialogs.post_picker import PostPickerDialog
from editor.gui.panels.common import BAD, GOOD, WARN
from editor.gui.panels.properties_panel import PropertiesPanel
from editor.gui.panels.property_widgets import summary_color


@pytest.fixture
def panel(qtbot, sample_library, hub) -> PropertiesPanel:
    widget = PropertiesPanel(sample_library, hub)
    hub.postOpened.connect(widget.set_post)  # as editor.gui.wiring connects it in the app
    hub.postSaved.connect(widget.on_post_saved)
    qtbot.addWidget(widget)
    widget.resize(380, 700)
    widget.show()
    hub.postOpened.emit(sample_library.posts.get("sleep-and-weight"))
    return widget


@pytest.fixture
def edits(hub) -> list:
    received: list = []
    hub.postEdited.connect(received.append)
    return received


def test_filling_shows_the_post_and_emits_nothing(qtbot, panel, edits, sample_library):
    assert panel.objectName() == "propertiesPanel"
    assert panel.title_edit.text() == "Sleep Less, Weigh More? How Sleep Shapes Appetite"
    assert panel.slug_edit.text() == "sleep-and-weight"
    assert panel.status_combo.currentData() == "published"
    assert panel.tags_edit.text() == "sleep, weight loss"
    assert panel.series_edit.text() == "Weight Loss Program" and panel.chapter_spin.value() == 9
    author = sample_library.authors.get(panel.post.author_id)
    assert panel.author_combo.currentText() == author.display_name == "Jordan Ellis, PA-C"
    assert panel.reviewer_combo.currentText() == "Not set"
    assert panel.reviewed_edit.iso_date() is None and panel.reviewed_edit.edit.text() == "Not set"
    # Had filling started an edit, it would be sent when the panel's edit timer fires.
    qtbot.waitUntil(lambda: not panel._edit_timer.isActive(), timeout=2000)
    assert edits == []


def test_typing_a_title_emits_one_edit_after_a_pause(qtbot, panel, edits):
    panel.title_edit.selectAll()
    qtbot.keyClicks(panel.title_edit, "Sleep and weight")
    assert edits == []
    qtbot.waitUntil(lambda: len(edits) == 1, timeout=2000)
    assert edits[0].title == "Sleep and weight"
    assert edits[0].slug == "sleep-and-weight" and edits[0].id == panel.post.id


def test_summary_counter_counts_and_colors(qtbot, panel, edits):
    panel.summary_edit.setPlainText("Short.")
    assert panel.summary_counter.text().startswith("6 characters")
    assert summary_color(6) == WARN and summary_color(120) == GOOD and summary_color(161) == BAD
    assert panel.summary_counter.palette().color(panel.summary_counter.foregroundRole()) == WARN
    qtbot.waitUntil(lambda: bool(edits), timeout=2000)
    assert edits[-1].summary == "Short."


def test_invalid_slug_is_reported_inline_and_not_passed_on(qtbot, panel, edits, sample_library):
    panel.slug_edit.setFocus()
    panel.slug_edit.selectAll()
    qtbot.keyClicks(panel.slug_edit, "Bad Slug!")
    assert panel.slug_message.isVisible() and "not valid" in panel.slug_message.text()
    panel.slug_edit.setText("glp1-what-to-know")
    panel.slug_edit.textEdited.emit("glp1-what-to-know")
    assert "already has the slug" in panel.slug_message.text()
    panel.commit()
    assert all(edit.slug == "sleep-and-weight" for edit in edits)
    panel.slug_edit.setText("sleep-weight")
    panel.slug_edit.textEdited.emit("sleep-weight")
    assert not panel.slug_message.isVisible()
    panel.commit()
    assert edits[-1].slug == "sleep-weight"


def test_status_tags_series_and_date_edits(qtbot, panel, edits):
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("review"))
    panel.status_combo.activated.emit(panel.status_combo.currentIndex())
    assert edits[-1].status == "review"
    panel.tags_edit.setText("sleep,  hormones, sleep, ")
    panel.tags_edit.textEdited.emit(panel.tags_edit.text())
    panel.tags_edit.editingFinished.emit()
    assert edits[-1].tags == ["sleep", "hormones"]
    panel.chapter_spin.setValue(10)
    assert edits[-1].series_number == 10
    panel.reviewed_edit.edit.setDate(QDate(2025, 3, 18))
    assert edits[-1].last_reviewed == "2025-03-18"
    panel.reviewed_edit.clear_button.click()
    assert edits[-1].last_reviewed is None
    assert len({id(e) for e in edits}) == len(edits) == 5


def test_new_author_is_created_and_chosen_as_reviewer(qtbot, panel, edits, sample_library, monkeypatch):
    def fill_and_accept(dialog: NewAuthorDialog) -> int:
        dialog.name_edit.setText("Priya Shah")
        dialog.credentials_edit.setText("MD")
        dialog.job_title_edit.setText("Endocrinologist")
        dialog.bio_edit.setPlainText("Reviews our diabetes posts.")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewAuthorDialog, "exec", fill_and_accept)
    combo = panel.reviewer_combo
    combo.activated.emit(combo.count() - 1)  # "New author…"
    reviewer = sample_library.authors.find("Priya Shah")
    assert reviewer is not None and reviewer.credentials == "MD" and reviewer.job_title == "Endocrinologist"
    assert edits[-1].reviewer_id == reviewer.id
    assert combo.currentText() == "Priya Shah, MD"
    assert panel.author_combo.findData(reviewer.id) >= 0  # offered as author too


def test_new_author_needs_a_name(qtbot, sample_library):
    dialog = NewAuthorDialog(sample_library)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "needs a name" in dialog.message.text()


def test_choosing_an_existing_author(panel, edits):
    combo = panel.author_combo
    combo.setCurrentIndex(0)
    combo.activated.emit(0)  # "Not set"
    assert edits[-1].author_id is None


def test_related_posts_picked_from_the_library(qtbot, panel, edits, monkeypatch):
    def pick(dialog: PostPickerDialog) -> int:
        titles = [dialog.list.item(row).text() for row in range(dialog.list.count())]
        assert "Sleep Less, Weigh More? How Sleep Shapes Appetite" not in titles  # not itself
        dialog.select_slugs(["glp1-what-to-know"])
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PostPickerDialog, "exec", pick)
    panel.related_editor.add_button.click()
    assert edits[-1].related == ["glp1-what-to-know"]
    assert panel.related_editor.list.item(0).text().startswith("GLP-1 Medications")
    panel.related_editor.list.item(0).setSelected(True)
    panel.related_editor.remove_button.click()
    assert edits[-1].related == []


def test_no_post_shows_a_placeholder(qtbot, sample_library, hub):
    widget = PropertiesPanel(sample_library, hub)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.placeholder.isVisible() and not widget._scroll.isVisible()


def test_the_banner_is_shown_only_when_the_author_says_so(qtbot, panel, edits, hub, sample_library):
    post = sample_library.posts.get("sleep-and-weight").replace(banner="20% off this month!", show_banner=False)
    hub.postOpened.emit(post)
    assert panel.banner_edit.text() == "20% off this month!" and not panel.banner_check.isChecked()
    assert edits == []
    panel.banner_check.click()
    qtbot.waitUntil(lambda: len(edits) == 1, timeout=2000)
    assert edits[0].show_banner and edits[0].banner == "20% off this month!"
