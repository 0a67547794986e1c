"""Import Posts and Import from Text: real importers in a worker, results listed per source."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import Qt

from editor.gui import file_dialogs
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
    monkeypatch.setattr(file_dialogs, "open_file_names",
                        lambda *a, **k: [str(dialog_data / "sleep-and-weight.md")])
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
    monkeypatch.setattr(file_dialogs, "open_file_names", lambda *a, **k: [])
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


def test_the_report_says_where_the_text_went(qtbot, library, hub, dialog_data):
    dialog = ImportFilesDialog(library, hub, [dialog_data / "legacy-pasted-semaglutide.txt"])
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    report = dialog.report.toPlainText()
    assert not dialog.report.isHidden()
    assert "6 citations, 4 references (4 new, 0 already in the library), 2 orphan citations, 6 sections" in report
    assert "Body: " in report and "Reference list (4)" in report and "Author: Jordan Ellis, PA-C" in report
    assert "Banner (kept as a property, not shown until you choose to)" in report
    assert "Left out, site chrome" in report and "Skip to main content" in report


def test_importing_again_asks_and_updates_the_post(qtbot, library, hub, dialog_data, monkeypatch):
    path = dialog_data / "legacy-pasted-semaglutide.txt"
    asked: list[str] = []

    def answer(_parent, error):
        asked.append(error.slug)
        return choices.pop(0)

    monkeypatch.setattr(import_dialogs, "ask_update", answer)
    choices: list[bool | None] = [True, None, False]
    for _ in range(4):
        dialog = ImportFilesDialog(library, hub, [path])
        qtbot.addWidget(dialog)
        dialog.start()
        qtbot.waitUntil(lambda dialog=dialog: not dialog.busy, timeout=20000)
        rows = dialog.table.rows()
    slugs = [summary.slug for summary in library.posts.list()]
    first = "does-weight-come-back-after-semaglutide-what-the-research-says"
    assert asked == [first, first, first]
    assert sorted(slugs) == [first, f"{first}-2"]  # updated once, skipped once, one copy
    assert rows[0][1] == f"{first}-2"
    assert len(library.references.list()) == 4


def test_import_from_text_asks_before_a_second_copy(qtbot, library, hub, dialog_data, monkeypatch):
    monkeypatch.setattr(import_dialogs, "ask_update", lambda _parent, _error: None)
    text = (dialog_data / "legacy-pasted-semaglutide.txt").read_text(encoding="utf-8")
    for _ in range(2):
        dialog = ImportTextDialog(library, hub)
        qtbot.addWidget(dialog)
        dialog.text_edit.setPlainText(text)
        dialog.start()
        qtbot.waitUntil(lambda dialog=dialog: not dialog.busy, timeout=20000)
    assert len(library.posts.list()) == 1
    assert dialog.errors and dialog.errors[0][1].startswith("pasted text: already imported")


SPIEGEL = ("Spiegel K, Tasali E, Penev P, Van Cauter E. Brief communication: Sleep curtailment in healthy young "
           "men is associated with decreased leptin levels, elevated ghrelin levels, and increased hunger and "
           "appetite. Ann Intern Med. 2004;141(11):846-850.")
SPIEGEL_DOI = "10.7326/0003-4819-141-11-200412070-00008"


@pytest.fixture
def crossref(dialog_data: Path) -> Iterator[str]:
    """A loopback server answering like Crossref from recorded answers (search and one work)."""
    answers = {"/works": (dialog_data / "crossref_search_spiegel.json").read_bytes(),
               f"/works/{SPIEGEL_DOI}": (dialog_data / "crossref_work_spiegel.json").read_bytes()}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
            return

        def do_GET(self) -> None:  # http.server's name
            body = answers.get(unquote(urlsplit(self.path).path))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_an_online_match_is_offered_unchecked_and_applied_only_when_accepted(qtbot, library, hub, crossref):
    library.settings.set("crossref_base_url", crossref)
    library.settings.set("ncbi_base_url", crossref)
    dialog = ImportTextDialog(library, hub)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("# Sleep and appetite\n\n## Why\n\nShort sleep raises hunger (1).\n\n"
                                  f"## References\n\n1. {SPIEGEL}\n")
    dialog.online_check.setChecked(True)
    with qtbot.waitSignal(hub.libraryChanged, timeout=20000):
        dialog.import_button.click()
    matches = dialog.matches
    assert not matches.isHidden() and matches.tree.topLevelItemCount() == 1
    item = matches.tree.topLevelItem(0)
    assert item.text(2) == "148.6" and "Annals of Internal Medicine" in item.text(1)
    assert item.checkState(0) == Qt.CheckState.Unchecked and not matches.accept_button.isEnabled()
    key = dialog.results[0].reference_status[0]["key"]
    assert library.references.get(key).doi is None  # nothing applied yet
    item.setCheckState(0, Qt.CheckState.Checked)
    assert matches.accept_button.isEnabled()
    with qtbot.waitSignal(hub.referencesChanged, timeout=20000):
        matches.accept_button.click()
    accepted = library.references.get(key)
    assert accepted.doi == SPIEGEL_DOI.lower() and accepted.csl["note"] == SPIEGEL
    assert item.text(2) == "Accepted" and not matches.accept_button.isEnabled()
