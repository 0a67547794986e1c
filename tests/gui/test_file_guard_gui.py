"""Every dialog that writes or reads a file the person chooses refuses the open library, keeps this
process's SQLite locks on it, and asks before replacing a file Postwright did not write.

The entry points are enumerated from the code: every call of a ``file_dialogs`` function in
the GUI must be listed here with its test, so a new dialog that picks a file cannot slip by.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from file_guard_helpers import held_locks, opened_library_files, python_opens
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox

import editor
from editor.core.foundation.errors import ValidationError
from editor.core.library import Library
from editor.core.media.image_refs import prepare_image
from editor.gui import file_dialogs
from editor.gui.dialogs import save_dialogs
from editor.gui.dialogs.export_dialog import ExportDialog
from editor.gui.dialogs.handout_dialog import HandoutDialog
from editor.gui.dialogs.identity_dialog import SiteIdentityDialog
from editor.gui.dialogs.import_dialogs import ImportFilesDialog, import_files_interactively
from editor.gui.dialogs.reference_dialogs import ReferenceImportDialog
from editor.gui.panels.references_panel import ReferencesPanel
from editor.gui.writing.paste import image_sources

SAMPLE = "glp1-what-to-know"
GUI = Path(editor.__file__).parent / "gui"
# module → the file_dialogs functions it calls; each is exercised by a test below
ENTRY_POINTS = {
    "dialogs/export_dialog.py": {"save_file_name", "existing_directory", "confirm_replace"},
    "dialogs/handout_dialog.py": {"save_file_name", "confirm_replace"},
    "dialogs/save_dialogs.py": {"save_file_name"},
    "dialogs/import_dialogs.py": {"open_file_names"},
    "panels/references_panel.py": {"open_file_names"},
    "dialogs/identity_dialog.py": {"open_file_name"},
    "writing/images.py": {"open_file_name"},
    "dialogs/library_dialogs.py": {"open_file_name", "save_file_name"},
}


def test_every_file_dialog_goes_through_file_dialogs_and_is_tested_here():
    calls: dict[str, set[str]] = {}
    for path in GUI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(GUI))
        if name != "file_dialogs.py":
            assert "QFileDialog" not in text, f"{name} makes its own file dialog"
            found = set(re.findall(r"\bfile_dialogs\.(\w+)\(", text))
            if found:
                calls[name] = found
    assert calls == ENTRY_POINTS


@pytest.fixture
def seeded(library_path: Path):
    lib = Library.open(library_path)
    lib.posts.list()
    yield lib
    lib.close()


def _locks_kept(library_path: Path) -> bool:
    return any(lock.startswith("READ") for lock in held_locks(library_path))


def test_qt_file_dialogs_never_open_the_library_to_learn_its_type(qtbot, seeded, library_path):
    """Qt's own dialog opens files to pick icons (it drops our locks); ours decides by name only."""
    assert _locks_kept(library_path)
    dialog = file_dialogs._dialog(None, "Import", str(library_path.parent), "All files (*)",
                                  QFileDialog.FileMode.ExistingFiles)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: _listed(dialog, library_path.name), timeout=10000)
    dialog.selectFile(str(library_path))
    qtbot.wait(50)
    assert _locks_kept(library_path)
    dialog.close()


def _listed(dialog: QFileDialog, name: str) -> bool:
    from PySide6.QtWidgets import QFileSystemModel

    model = dialog.findChild(QFileSystemModel)
    if model is None:
        return False
    root = model.index(dialog.directory().absolutePath())
    names = [model.index(row, 0, root).data() for row in range(model.rowCount(root))]
    if name in names:  # the type column is what made Qt read the file: ask for it too
        for row in range(model.rowCount(root)):
            model.index(row, 2, root).data()
            model.index(row, 0, root).data(1)  # DecorationRole: the icon
        return True
    return False


@pytest.fixture
def disguised(library_path: Path, tmp_path: Path) -> dict[str, Path]:
    links = tmp_path / "links"
    links.mkdir()
    (links / "library.pdf").symlink_to(library_path)
    (links / "library.png").symlink_to(library_path)
    (links / "library.ris").symlink_to(library_path)
    return {"itself": library_path, "wal": Path(f"{library_path}-wal"), "pdf link": links / "library.pdf",
            "png link": links / "library.png", "ris link": links / "library.ris"}


def _no_reads(opened: list[str], library_path: Path) -> None:
    assert opened_library_files(opened, library_path) == []
    assert _locks_kept(library_path)


def test_export_dialog_refuses_the_library_and_asks_before_replacing(qtbot, seeded, library_path, tmp_path,
                                                                     monkeypatch, disguised):
    asked: list[Path] = []
    monkeypatch.setattr(file_dialogs, "confirm_replace", lambda _parent, refusal: asked.append(refusal.path) or True)
    dialog = ExportDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(dialog)
    for target in (disguised["itself"], disguised["wal"]):
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("markdown"))
        dialog.destination_edit.setText(str(target))
        with python_opens() as opened:
            dialog.export()
            qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
        assert "nothing was written" in dialog.message.text(), dialog.message.text()
        _no_reads(opened, library_path)
    dialog.site_folder_edit.setText(f"{library_path}-journal")
    dialog.export_site()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert "nothing was written" in dialog.message.text() and not Path(f"{library_path}-journal").exists()
    assert asked == []  # a library is refused, never asked about
    theirs = tmp_path / "theirs.md"
    theirs.write_text("their notes")
    dialog.destination_edit.setText(str(theirs))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy and "Exported" in dialog.message.text(), timeout=20000)
    assert asked == [theirs] and theirs.read_text().startswith("---")
    assert seeded.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_export_dialog_keeps_a_file_when_the_person_says_keep(qtbot, seeded, tmp_path, monkeypatch):
    monkeypatch.setattr(file_dialogs, "confirm_replace", lambda *_args: False)
    dialog = ExportDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(dialog)
    theirs = tmp_path / "theirs.html"
    theirs.write_text("their page")
    dialog.destination_edit.setText(str(theirs))
    dialog.export()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    assert theirs.read_text() == "their page" and "already exists" in dialog.message.text()


def test_export_dialog_file_pickers_are_ours(qtbot, seeded, tmp_path, monkeypatch):
    chosen = tmp_path / "picked.md"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_args: str(chosen))
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *_args: str(tmp_path / "site"))
    dialog = ExportDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("markdown"))
    dialog._browse_file()
    dialog._browse_folder()
    assert dialog.destination_edit.text() == str(chosen) and dialog.site_folder_edit.text() == str(tmp_path / "site")


def test_handout_dialog_refuses_the_library(qtbot, seeded, library_path, monkeypatch, disguised):
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_args: str(disguised["pdf link"]))
    monkeypatch.setattr(file_dialogs, "confirm_replace", lambda *_args: pytest.fail("a library is never asked about"))
    dialog = HandoutDialog(seeded, seeded.posts.get(SAMPLE))
    qtbot.addWidget(dialog)
    dialog._browse()  # the picker's answer counts as consent to replace, never for a library
    with python_opens() as opened:
        dialog.save_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=60000)
    assert "nothing was written" in dialog.message.text(), dialog.message.text()
    _no_reads(opened, library_path)
    assert seeded.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_saving_the_text_to_a_file_refuses_the_library(qtbot, seeded, library_path, monkeypatch, disguised):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_args: str(disguised["itself"]))
    with python_opens() as opened:
        assert save_dialogs.save_text_to_file(None, seeded.posts.get(SAMPLE)) is False
    assert len(warnings) == 1 and "nothing was written" in warnings[0]
    _no_reads(opened, library_path)


def test_importing_posts_refuses_the_library(qtbot, seeded, library_path, hub, monkeypatch, disguised):
    monkeypatch.setattr(file_dialogs, "open_file_names", lambda *_args: [str(p) for p in disguised.values()])
    shown: list[ImportFilesDialog] = []

    def run(dialog: ImportFilesDialog) -> int:
        shown.append(dialog)
        dialog.start()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        return 0

    monkeypatch.setattr(ImportFilesDialog, "exec", run)
    with python_opens() as opened:
        import_files_interactively(seeded, hub)
    table = shown[0].table
    errors = [table.topLevelItem(row).text(6) for row in range(table.topLevelItemCount())]
    assert len(errors) == len(disguised) and all("nothing was read" in error for error in errors), errors
    _no_reads(opened, library_path)


def test_importing_reference_files_refuses_the_library(qtbot, seeded, library_path, hub, monkeypatch, disguised):
    monkeypatch.setattr(file_dialogs, "open_file_names", lambda *_args: [str(disguised["ris link"])])
    dialogs: list[ReferenceImportDialog] = []

    def run(dialog: ReferenceImportDialog) -> int:
        dialogs.append(dialog)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30000)
        return 0

    monkeypatch.setattr(ReferenceImportDialog, "exec", run)
    panel = ReferencesPanel(seeded, hub)
    qtbot.addWidget(panel)
    with python_opens() as opened:
        panel.import_files()
    assert "nothing was read" in dialogs[0].message.text()
    _no_reads(opened, library_path)


def test_a_logo_or_a_dropped_picture_is_never_the_library(qtbot, seeded, library_path, monkeypatch, disguised):
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_args: str(disguised["png link"]))
    dialog = SiteIdentityDialog(seeded)
    qtbot.addWidget(dialog)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(disguised["png link"]))])
    with python_opens() as opened:
        dialog._choose_logo()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)  # the logo is read on a worker
        [dropped] = image_sources(mime)  # named only; the worker that reads it is refused
        with pytest.raises(ValidationError, match="nothing was read"):
            prepare_image(path=dropped.path)
    assert "nothing was read" in dialog.message.text() and dialog.logo_asset_id is None
    _no_reads(opened, library_path)


def test_insert_image_never_reads_the_library(qtbot, seeded, library_path, monkeypatch, disguised):
    from editor.gui.writing import MarkdownEditor

    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_args: str(disguised["png link"]))
    stored: list[object] = []
    editor = MarkdownEditor(store_prepared=stored.append, spell_check=False)
    qtbot.addWidget(editor)
    with python_opens() as opened, qtbot.waitSignal(editor.statusMessage, timeout=20000) as said:
        editor.action("actionImage").trigger()
    assert "nothing was read" in said.args[0] and stored == [] and editor.toPlainText() == ""
    _no_reads(opened, library_path)


def test_open_library_never_reads_the_open_one(qtbot, window, library_path, monkeypatch, disguised):
    """File → Open Library… on the library in any disguise: said to be open, or refused by SQLite alone."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    switched: list[object] = []
    window.libraryChosen.connect(switched.append)
    for how, target in disguised.items():
        monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_args, t=target: str(t))
        count = len(warnings)
        with python_opens() as opened:
            window.actions_by_name["actionOpenLibrary"].trigger()
            qtbot.waitUntil(lambda c=count: len(warnings) > c or "open now" in window.status.currentMessage(),
                            timeout=20000)
        _no_reads(opened, library_path)
        assert switched == [], how
        window.status.clearMessage()
    assert window.library.posts.get(SAMPLE)  # the window still works on its library


def test_new_library_refuses_the_open_one_by_name(qtbot, seeded, library_path, monkeypatch, disguised):
    from editor.gui.dialogs import library_dialogs

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    picks = iter([*(str(target) for target in disguised.values()), ""])
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_args, **_kwargs: next(picks))
    with python_opens() as opened:
        assert library_dialogs.choose_new_library(None, library_path.parent) is None
    assert len(warnings) == len(disguised)
    _no_reads(opened, library_path)
