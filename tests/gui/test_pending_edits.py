"""While another program holds the library's write lock, the typed text is kept in the app's recovery file
within two seconds, cleared once the library has it, and offered back on the next start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtGui import QTextCursor

from editor.core.library import Library
from editor.core.library.pending_edits import PendingEdit, PendingEdits
from editor.gui.dialogs import save_dialogs

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
""")


def _type(window, text: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText(text)


def test_text_typed_while_the_library_is_locked_reaches_the_recovery_file(qtbot, window, library_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(library_path), "12"], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        typed_at = time.monotonic()
        _type(window, "\n\nTyped while another program held the library.")
        edits = window.session.journal.edits
        qtbot.waitUntil(lambda: any("another program held" in e.body for e in edits.pending()), timeout=6000)
        assert time.monotonic() - typed_at < 2.0 + 1.5  # the 2 s bound, plus a loaded machine's slack
        assert window.session.dirty  # the library has not got it yet: the lock is still held
        _type(window, " And more.")
        qtbot.waitUntil(lambda: any(e.body.endswith("And more.") for e in edits.pending()), timeout=6000)
    finally:
        holder.kill()
        holder.wait(10)
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=20000)  # saved once the lock is gone
    qtbot.waitUntil(lambda: edits.pending() == [], timeout=5000)  # and the recovery entry cleared
    with Library.open(library_path) as lib:
        assert lib.posts.get(window.session.post.slug).body.endswith("And more.")


def test_the_next_start_offers_the_text_back(qtbot, library_path, settings, monkeypatch):
    from editor.app import open_window

    with Library.open(library_path) as lib:
        post = lib.posts.get("glp1-what-to-know")
    PendingEdits(library_path).record(PendingEdit(post.id, post.slug, post.title, post.version,
                                                  post.body + "\n\nThe lost sentence.", time.time()))
    asked: list[str] = []
    monkeypatch.setattr(save_dialogs, "ask_restore_pending", lambda _parent, edit: asked.append(edit.title) or True)
    window = open_window(library_path, settings)
    qtbot.addWidget(window)
    try:
        assert asked == [post.title]
        assert window.editor.toPlainText().endswith("The lost sentence.")
        qtbot.waitUntil(lambda: not window.session.dirty, timeout=20000)
        qtbot.waitUntil(lambda: PendingEdits(library_path).pending() == [], timeout=5000)
        assert window.library.posts.get(post.slug).body.endswith("The lost sentence.")
    finally:
        window.close()
        window.library.close()


@pytest.mark.parametrize("answer", [False])
def test_discarding_or_already_saved_text_is_forgotten(qtbot, library_path, settings, monkeypatch, answer):
    from editor.app import open_window

    with Library.open(library_path) as lib:
        post = lib.posts.get("glp1-what-to-know")
    edits = PendingEdits(library_path)
    edits.record(PendingEdit(post.id, post.slug, post.title, post.version, post.body + " Discarded.", time.time()))
    monkeypatch.setattr(save_dialogs, "ask_restore_pending", lambda *_args: answer)
    window = open_window(library_path, settings)
    qtbot.addWidget(window)
    try:
        assert edits.pending() == [] and not window.editor.toPlainText().endswith("Discarded.")
    finally:
        window.close()
        window.library.close()
