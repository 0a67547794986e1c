"""The window never waits on the disk, says when a post is not saved, and follows the library
when other programs change it: a lock held elsewhere, a file deleted under the app, a post
edited or trashed by another process, closing while the last save cannot finish."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QTextCursor

from editor.app import open_window
from editor.core.library import Library, database
from editor.core.post.model import Post
from editor.gui import session as session_module
from editor.gui.dialogs import save_dialogs

SLUG = "glp1-what-to-know"


@pytest.fixture
def window(qtbot, library_path, tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 400)  # a lock held elsewhere is reported quickly
    monkeypatch.setattr(session_module, "RETRY_MS", (300,))
    monkeypatch.setattr(session_module, "FLUSH_TIMEOUT_S", 3.0)
    # A test that leaves an unsaved post would otherwise be asked, in a real dialog, on closing.
    monkeypatch.setattr(save_dialogs, "ask_unsaved_on_close", lambda *args: "discard")
    window = open_window(library_path, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    window.library.close()


def stored(library_path: Path, slug: str = SLUG) -> Post:
    with Library.open(library_path) as other:
        return other.posts.get(slug, include_deleted=True)


def type_at_end(qtbot, window, text: str) -> None:
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor, text)


class Heartbeat:
    """The longest gap between 10 ms timer ticks: how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer(interval=10, timeout=self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last)
        self._last = now


def save_label(window) -> str:
    return window.status.save_label.text()


def test_a_lock_held_elsewhere_never_freezes_typing_and_the_save_is_retried(qtbot, window, library_path,
                                                                           monkeypatch):
    # SQLite waits 2 s for the lock: a GUI thread that waited on it would stall that long, far
    # beyond any scheduling noise of a busy machine.
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 2000)
    window.session.writer.stop()
    window.session.writer = session_module.LibraryWriter(window.library, window.session)
    window.session.writer.finished.connect(window.session._on_finished)
    window.session.writer.watch(window.session.post.id)
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing for a long time
    beat = Heartbeat()
    try:
        type_at_end(qtbot, window, " typed while locked")
        window.session.request_save()
        qtbot.waitUntil(lambda: save_label(window) == "Not saved", timeout=10000)
        assert "busy in another program" in str(window.session.last_error)
        assert str(library_path) in str(window.session.last_error)
        for _ in range(5):
            qtbot.keyClicks(window.editor, ".")
            qtbot.wait(150)
        assert window.editor.toPlainText().endswith(" typed while locked.....")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: save_label(window) == "Saved", timeout=5000)
    beat.timer.stop()
    assert stored(library_path).body.endswith(" typed while locked.....")
    assert beat.worst < 1.2, f"the GUI thread waited {beat.worst:.2f} s while the library was locked"


def test_a_library_deleted_under_the_app_keeps_the_text_and_says_so(qtbot, window, library_path):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{library_path}{suffix}").unlink(missing_ok=True)
    type_at_end(qtbot, window, " written after the file vanished")
    window.session.request_save()
    qtbot.waitUntil(lambda: save_label(window) == "Not saved", timeout=5000)
    assert "moved, replaced or deleted" in str(window.session.last_error)
    assert window.editor.toPlainText().endswith(" written after the file vanished")
    assert window.session.dirty


def test_a_post_changed_elsewhere_reloads_when_unedited(qtbot, window, library_path):
    with Library.open(library_path) as other:
        post = other.posts.get(SLUG)
        other.posts.save(post.replace(body=post.body + "\n\nAdded by the command line."))
        other.posts.create(Post(title="Imported elsewhere"))
    qtbot.waitUntil(lambda: window.editor.toPlainText().endswith("Added by the command line."), timeout=5000)
    titles = [p.title for p in window.library_panel.model.posts()]
    qtbot.waitUntil(lambda: "Imported elsewhere" in [p.title for p in window.library_panel.model.posts()],
                    timeout=5000)
    assert titles is not None
    type_at_end(qtbot, window, " and my own edit")
    assert window.session.flush()
    assert stored(library_path).body.endswith("Added by the command line. and my own edit")


def test_a_post_changed_elsewhere_with_unsaved_edits_asks(qtbot, window, library_path, monkeypatch):
    from editor.gui.dialogs import conflict_dialog

    asked: list[tuple[str, str]] = []

    def keep_mine(dialog):
        asked.append((dialog.mine.body, dialog.stored.body))
        dialog.choice = "mine"
        return 0

    monkeypatch.setattr(conflict_dialog.ConflictDialog, "exec", keep_mine)
    window.session._idle.setInterval(60_000)  # only the change elsewhere may trigger the save
    window.session._max_wait.setInterval(60_000)
    type_at_end(qtbot, window, " my unsaved words")
    with Library.open(library_path) as other:
        post = other.posts.get(SLUG)
        other.posts.save(post.replace(body="Rewritten in another window."))
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0][0].endswith(" my unsaved words") and asked[0][1] == "Rewritten in another window."
    assert stored(library_path).body.endswith(" my unsaved words")


@pytest.mark.parametrize("edited", [True, False])
def test_a_post_trashed_elsewhere_is_offered_as_a_new_post(qtbot, window, library_path, monkeypatch, edited):
    offered: list[Post] = []
    monkeypatch.setattr(save_dialogs, "ask_keep_trashed", lambda parent, mine: offered.append(mine) or True)
    if edited:
        type_at_end(qtbot, window, " kept from the trash")
    text = window.editor.toPlainText()
    with Library.open(library_path) as other:
        other.posts.delete(SLUG)
    window.session.request_save()
    qtbot.waitUntil(lambda: bool(offered), timeout=5000)
    qtbot.waitUntil(lambda: window.session.post is not None and window.session.post.slug != SLUG, timeout=5000)
    copy = stored(library_path, window.session.post.slug)
    assert copy.body == text and copy.deleted_at is None
    trashed = stored(library_path)
    assert trashed.deleted_at is not None and not trashed.body.endswith(" kept from the trash")
    assert window.editor.toPlainText() == text


def test_closing_waits_for_the_last_save(qtbot, window, library_path):
    type_at_end(qtbot, window, " the very last words")
    window.close()
    assert stored(library_path).body.endswith(" the very last words")


def test_closing_while_the_save_cannot_finish_asks_and_can_stay_open(qtbot, window, library_path, monkeypatch):
    answers = ["cancel", "retry"]
    reasons: list[str] = []

    def answer(parent, title, reason):
        reasons.append(reason)
        if answers[0] == "retry":
            holder.execute("ROLLBACK")
        return answers.pop(0)

    monkeypatch.setattr(save_dialogs, "ask_unsaved_on_close", answer)
    type_at_end(qtbot, window, " not yet stored")
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert window.close() is False and window.isVisible()  # "cancel": stays open, text kept
        assert window.close() is True  # "retry" after the other program let go
    finally:
        holder.close()
    assert "busy in another program" in reasons[0]
    assert stored(library_path).body.endswith(" not yet stored")
