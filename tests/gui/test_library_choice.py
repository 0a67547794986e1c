"""Which library the app opens: the first start makes one, a mistyped or vanished one is asked
about and never silently replaced, and File → New/Open Library… move the window to another."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from file_guard_helpers import opened_library_files, python_opens
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from editor.core.foundation.paths import default_library_path
from editor.core.library import Library
from editor.core.post.model import Post
from editor.gui import file_dialogs, library_chooser
from editor.gui.dialogs import library_dialogs
from editor.gui.library_start import LibraryStart, plan_start, record_library, recorded_library


@pytest.fixture
def app_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "Postwright.ini"), QSettings.Format.IniFormat)


def test_the_first_start_makes_the_library_in_the_data_folder(app_settings):
    assert plan_start(None, app_settings) == LibraryStart(default_library_path(), first_start=True)
    Library.open(default_library_path()).close()
    assert plan_start(None, app_settings) == LibraryStart(default_library_path())  # an older install: no record


def test_the_library_used_last_is_opened_and_a_vanished_one_is_not_made_again(app_settings, library_path):
    Library.open(library_path).close()
    record_library(app_settings, library_path)
    assert recorded_library(app_settings) == library_path
    assert plan_start(None, app_settings) == LibraryStart(library_path)
    library_path.unlink()
    assert plan_start(None, app_settings) == LibraryStart(library_path, missing="gone")
    record_library(app_settings, default_library_path())  # even the data folder's one: used before, now gone
    assert plan_start(None, app_settings).missing == "gone"


def test_a_library_named_on_the_command_line_is_never_made_unasked(app_settings, tmp_path):
    typo = tmp_path / "clinc.postwright"
    assert plan_start(typo, app_settings) == LibraryStart(typo, missing="named")


def _answers(monkeypatch, *answers: str) -> list[tuple[Path, str]]:
    asked: list[tuple[Path, str]] = []
    queue = list(answers)

    def ask(_parent, path, missing):
        asked.append((path, missing))
        return queue.pop(0)

    monkeypatch.setattr(library_dialogs, "ask_about_missing", ask)
    return asked


def test_a_mistyped_path_is_made_only_when_the_person_says_so(qtbot, monkeypatch, tmp_path):
    typo = tmp_path / "clinc.postwright"
    asked = _answers(monkeypatch, "quit")
    assert library_chooser.open_at_start(typo, "named") is None
    assert asked == [(typo, "named")] and not typo.exists()
    _answers(monkeypatch, "create")
    library = library_chooser.open_at_start(typo, "named")
    assert library is not None and library.path == typo and library.posts.list() == []  # empty: no sample post
    library.close()


def test_a_vanished_library_can_be_located(qtbot, monkeypatch, tmp_path):
    moved = tmp_path / "moved" / "library.postwright"
    moved.parent.mkdir()
    with Library.open(moved, seed=False) as lib:
        lib.posts.create(Post(title="Still here", slug="still-here", body="Text.\n"))
    gone = tmp_path / "library.postwright"
    folders: list[Path] = []
    _answers(monkeypatch, "locate", "locate")
    choices = iter([None, moved])  # cancelled once (asked again), then the file chosen
    monkeypatch.setattr(library_dialogs, "choose_existing_library",
                        lambda _parent, folder: folders.append(folder) or next(choices))
    library = library_chooser.open_at_start(gone, "gone")
    assert library is not None and library.path == moved and library.posts.get("still-here")
    assert folders == [tmp_path, tmp_path] and not gone.exists()
    library.close()


def test_a_vanished_library_can_be_replaced_by_a_new_one_elsewhere(qtbot, monkeypatch, tmp_path):
    fresh = tmp_path / "fresh.postwright"
    _answers(monkeypatch, "create")
    monkeypatch.setattr(library_dialogs, "choose_new_library", lambda _parent, _folder: fresh)
    library = library_chooser.open_at_start(tmp_path / "gone.postwright", "gone")
    assert library is not None and library.path == fresh and not (tmp_path / "gone.postwright").exists()
    library.close()


def test_choosing_a_file_that_is_not_a_library_says_why_and_asks_again(qtbot, monkeypatch, tmp_path):
    notes = tmp_path / "notes.postwright"
    notes.write_text("my notes\n")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _answers(monkeypatch, "locate", "quit")
    monkeypatch.setattr(library_dialogs, "choose_existing_library", lambda *_args: notes)
    assert library_chooser.open_at_start(tmp_path / "gone.postwright", "gone") is None
    assert len(warnings) == 1 and "not a Postwright library" in warnings[0]
    assert notes.read_text() == "my notes\n"


def test_the_question_names_the_path_and_offers_no_destructive_default(qtbot, tmp_path):
    path = tmp_path / "library.postwright"
    for missing, default in (("named", "Open Another Library…"), ("gone", "Locate It…")):
        box = library_dialogs.missing_library_box(None, path, missing)
        qtbot.addWidget(box)
        assert str(path) in box.text() and "Nothing has been created" in box.informativeText()
        assert box.defaultButton().text() == default and box.escapeButton().text() == "Quit"


def test_a_new_library_never_replaces_a_file_nor_takes_a_companion_name(qtbot, monkeypatch, library, library_path):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    picks = iter([str(library_path), f"{library_path}-wal", str(library_path.parent / "second"), ""])
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *_args, **_kwargs: next(picks))
    with python_opens() as opened:
        chosen = library_dialogs.choose_new_library(None, library_path.parent)
    assert chosen == library_path.parent / "second.postwright"  # the suffix added
    assert "already a file" in warnings[0] and "wal file" in warnings[1]
    assert opened_library_files(opened, library_path) == []
    assert library_dialogs.choose_new_library(None) is None  # cancelled


def test_file_new_library_moves_the_window_to_an_empty_library(qtbot, monkeypatch, tmp_path, settings, library_path):
    fresh = tmp_path / "second.postwright"
    monkeypatch.setattr(library_dialogs, "choose_new_library", lambda _parent, folder: fresh)
    switcher = library_chooser.WindowSwitcher(_open_window(settings), settings)
    first = switcher.show(Library.open(library_path))
    qtbot.waitUntil(first.preview.is_ready, timeout=20000)
    assert recorded_library(settings) == library_path
    old_library = first.library
    with qtbot.waitSignal(first.libraryChosen, timeout=20000):
        first.actions_by_name["actionNewLibrary"].trigger()
    new = switcher.window
    assert new is not None and new is not first and new.library.path == fresh
    qtbot.addWidget(new)
    assert new.library.posts.list() == [] and recorded_library(settings) == fresh
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        old_library.posts.list()
    new.close()
    new.library.close()


def test_file_open_library_knows_the_one_already_open(qtbot, window, monkeypatch):
    monkeypatch.setattr(library_dialogs, "choose_existing_library", lambda *_args: window.library.path)
    emitted: list[object] = []
    window.libraryChosen.connect(emitted.append)
    window.actions_by_name["actionOpenLibrary"].trigger()
    assert emitted == [] and "is the library open now" in window.status.currentMessage()


def _open_window(settings: QSettings):
    from editor.app import open_window

    return lambda library: open_window(library, settings)
