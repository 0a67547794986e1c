"""The references panel: the post's numbered citations from a real render, the searchable
library, Insert Citation, and the add/import/edit dialogs against the real reference store."""

from __future__ import annotations

import pytest
from crossref_server import crossref_server
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog

from editor.core.render.renderer import render_post
from editor.gui import file_dialogs
from editor.gui.dialogs.reference_dialogs import AddIdentifierDialog, EditReferenceDialog, ReferenceImportDialog
from editor.gui.panels.references_panel import ReferencesPanel, cited_entries


@pytest.fixture
def panel(qtbot, sample_library, hub) -> ReferencesPanel:
    widget = ReferencesPanel(sample_library, hub)
    hub.rendered.connect(widget.show_rendered)  # as editor.gui.wiring connects it in the app
    hub.referencesChanged.connect(widget.refresh)
    qtbot.addWidget(widget)
    widget.resize(420, 640)
    widget.show()
    return widget


def rendered_glp1(library):
    post = library.posts.get("glp1-what-to-know")
    return render_post(post.body + "\nSee also [@unknown2020].\n", library.references.resolve_many)


def test_lists_the_library_and_searches_it(qtbot, panel, sample_library):
    assert panel.objectName() == "referencesView"
    assert sorted(panel.model.keys()) == sorted(r.citekey for r in sample_library.references.list())
    assert panel.library_label.text() == f"{len(sample_library.references.list())} references"
    qtbot.keyClicks(panel.search_box, "tirzepatide")
    qtbot.waitUntil(lambda: panel.model.keys() == ["jastreboff2022"], timeout=2000)
    assert panel.library_label.text() == "1 found"


def test_shows_the_posts_citations_in_number_order(panel, hub, sample_library):
    assert panel.cited_empty.isVisible()
    rendered = rendered_glp1(sample_library)
    hub.rendered.emit(rendered)
    rows = panel.cited_rows()
    keys = list(rendered.citation_order)
    assert keys == ["wilding2021", "jastreboff2022", "cdc-obesity"]
    assert [number for number, _text in rows[: len(keys)]] == [str(i) for i in range(1, len(keys) + 1)]
    assert rows[0][1].startswith("Wilding JPH, Batterham RL, Calanna S, et al. Once-weekly semaglutide")
    assert "<" not in rows[0][1]  # entries are shown as text, not markup
    missing = rows[len(keys):]
    assert missing == [("?", f"[@{key}] is not in the reference library") for key in rendered.unresolved]
    assert {"lincoff2023", "unknown2020"} <= set(rendered.unresolved)
    assert panel.cited_label.text() == f"Cited in this post ({len(keys)})"
    assert [key for _n, key, _e in cited_entries(rendered)] == keys


def test_insert_citation_emits_the_selected_key(qtbot, panel, hub):
    panel.select_key("jastreboff2022")
    with qtbot.waitSignal(hub.insertCitation) as blocker:
        panel.insert_button.click()
    assert blocker.args == ["jastreboff2022"]


def test_insert_is_disabled_without_a_selection(panel):
    assert not panel.insert_button.isEnabled() and not panel.edit_button.isEnabled()


def test_add_by_identifier_offline_adds_an_incomplete_reference(qtbot, library, hub):
    dialog = AddIdentifierDialog(library)
    qtbot.addWidget(dialog)
    added: list = []
    dialog.added.connect(added.append)
    dialog.identifier_edit.setText("https://doi.org/10.1001/jama.2021.3224")
    dialog.online_check.setChecked(False)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: bool(added), timeout=5000)
    assert dialog.result() == QDialog.DialogCode.Accepted
    reference = library.references.get(added[0].citekey)
    assert reference is not None and reference.doi == "10.1001/jama.2021.3224" and reference.incomplete


def test_add_by_identifier_online_through_a_loopback_crossref(qtbot, library):
    with crossref_server() as base:
        library.settings.set("crossref_base_url", base)
        dialog = AddIdentifierDialog(library)
        qtbot.addWidget(dialog)
        dialog.identifier_edit.setText("10.1056/NEJMoa2032183")
        dialog.add_button.click()
        assert dialog.busy
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10000)
    reference = dialog.result_value.reference
    assert reference.title == "Once-Weekly Semaglutide in Adults with Overweight or Obesity"
    assert not reference.incomplete and dialog.result_value.lookup_error is None
    assert library.references.get(reference.citekey) is not None


def test_a_failed_lookup_still_adds_and_says_why(qtbot, library):
    with crossref_server() as base:
        library.settings.set("crossref_base_url", base)
        dialog = AddIdentifierDialog(library)
        qtbot.addWidget(dialog)
        dialog.identifier_edit.setText("10.9999/does-not-exist")
        dialog.add_button.click()
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=10000)
    assert dialog.result() != QDialog.DialogCode.Accepted  # stays open to show the reason
    assert "404" in dialog.message.text() and "incomplete" in dialog.message.text()
    assert dialog.result_value.reference.incomplete


def test_a_lookup_can_be_cancelled_from_the_dialog(qtbot, library):
    with crossref_server() as base:
        library.settings.set("crossref_base_url", f"{base}/stall")
        dialog = AddIdentifierDialog(library)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.identifier_edit.setText("10.1056/NEJMoa2032183")
        dialog.add_button.click()
        assert dialog.busy and dialog.cancel_button.isVisible()
        dialog.cancel_button.click()
        assert not dialog.busy and not dialog.cancel_button.isVisible() and dialog.add_button.isEnabled()
        assert dialog.message.text() == "Lookup cancelled; nothing was added."
        assert QThreadPool.globalInstance().waitForDone(5000)  # the worker stopped, not left hanging
    assert dialog.result_value is None and library.references.list() == []
    assert dialog.message.text() == "Lookup cancelled; nothing was added."


def test_a_bad_identifier_is_reported_in_the_dialog(qtbot, library):
    dialog = AddIdentifierDialog(library)
    qtbot.addWidget(dialog)
    dialog.identifier_edit.setText("not an identifier")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    assert "is not a DOI, PMID, PMCID or web address" in dialog.message.text()
    assert library.references.list() == []


def test_add_button_opens_the_dialog_and_refreshes(qtbot, panel, hub, sample_library, monkeypatch):
    def add_offline(dialog: AddIdentifierDialog) -> int:
        dialog.identifier_edit.setText("PMID: 12345678")
        dialog.online_check.setChecked(False)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=5000)
        return dialog.result()

    monkeypatch.setattr(AddIdentifierDialog, "exec", add_offline)
    with qtbot.waitSignal(hub.referencesChanged):
        panel.add_button.click()
    key = sample_library.references.find_same({"PMID": "12345678"}).citekey
    assert panel.selected_key() == key and key in panel.model.keys()


def test_import_files_reports_added_and_bad_records(qtbot, library, panel_data):
    dialog = ReferenceImportDialog(library, [panel_data / "glp1.ris", panel_data / "bad-records.ris"])
    qtbot.addWidget(dialog)
    reports: list = []
    dialog.imported.connect(reports.append)
    dialog.start()
    qtbot.waitUntil(lambda: bool(reports), timeout=10000)
    report = reports[0]
    assert report.added and len(library.references.list()) == len(report.added)
    assert report.errors and dialog.errors.topLevelItemCount() == len(report.errors)
    assert dialog.errors.topLevelItem(0).text(0) == "bad-records.ris"
    assert dialog.status_label.text().startswith(f"Import finished: {len(report.added)} references added")
    assert dialog.buttons.isEnabled()


def test_import_of_an_unreadable_file_shows_the_error(qtbot, library, tmp_path):
    dialog = ReferenceImportDialog(library, [tmp_path / "missing.ris"])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5000)
    assert "missing.ris" in dialog.message.text() and "cannot be read" in dialog.message.text()
    assert dialog.status_label.text() == "Nothing was imported."


def test_import_button_merges_duplicates_and_announces_the_change(qtbot, panel, hub, sample_library, panel_data,
                                                                   monkeypatch):
    assert len(sample_library.references.list()) == 3
    monkeypatch.setattr(file_dialogs, "open_file_names",
                        lambda *a, **k: [str(panel_data / "glp1.ris"), str(panel_data / "glp1.bib")])
    reports: list = []

    def run(dialog: ReferenceImportDialog) -> int:
        dialog.start()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
        reports.append(dialog.report)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReferenceImportDialog, "exec", run)
    with qtbot.waitSignal(hub.referencesChanged):
        panel.import_button.click()
    # Two papers are new; the two already in the library (same DOI) merge instead of duplicating.
    assert sorted(reports[0].merged) == ["jastreboff2022", "wilding2021"] and len(reports[0].added) == 2
    assert len(sample_library.references.list()) == 5
    assert panel.model.rowCount() == 5



def test_edit_reference_changes_fields_and_renames_the_key(qtbot, panel, hub, sample_library, monkeypatch):
    def edit(dialog: EditReferenceDialog) -> int:
        assert dialog.text_edits["title"].text().lower().startswith("once-weekly semaglutide")
        dialog.text_edits["volume"].setText("385")
        dialog.issued_edit.setText("2021-03-18")
        dialog.key_edit.setText("step1")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EditReferenceDialog, "exec", edit)
    panel.select_key("wilding2021")
    with qtbot.waitSignal(hub.referencesChanged):
        panel.edit_button.click()
    reference = sample_library.references.get("step1")
    assert reference.csl["volume"] == "385" and reference.csl["issued"] == {"date-parts": [[2021, 3, 18]]}
    assert sample_library.references.get("wilding2021").citekey == "step1"  # the old key still resolves
    assert panel.selected_key() == "step1"


def test_edit_reference_shows_store_errors_inline(qtbot, sample_library):
    dialog = EditReferenceDialog(sample_library, "wilding2021")
    qtbot.addWidget(dialog)
    dialog.key_edit.setText("jastreboff2022")
    dialog.text_edits["volume"].setText("999")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "already used" in dialog.message.text()
    assert sample_library.references.get("wilding2021").csl.get("volume") != "999"  # nothing half-saved


def test_the_cited_list_is_redrawn_in_a_new_palette(qapp, panel, hub, sample_library):
    from editor.gui.theme import palette_for

    hub.rendered.emit(rendered_glp1(sample_library))
    dark = palette_for(qapp, True)
    panel.setPalette(dark)  # what switching to the dark appearance does to every widget
    link = dark.color(dark.ColorRole.Link).name()
    dim = dark.color(dark.ColorRole.PlaceholderText).name()
    assert f"color: {link}" in panel.cited.document().defaultStyleSheet()
    assert dim in panel.cited.toHtml()  # the [@key] after each entry
