"""A process killed mid-typing keeps what autosave had time to store.

Autosave stores a pause in typing after IDLE_MS and a burst of typing after MAX_WAIT_MS at the
latest; the process is killed well after that (a busy machine delays timers and the write).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from editor.core.library import Library
from editor.gui.session import IDLE_MS, MAX_WAIT_MS

SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QTextCursor
    from editor.app import open_window

    library, ini, KILL_AFTER_MS = sys.argv[1], sys.argv[2], int(sys.argv[3])
    window = open_window(library, QSettings(ini, QSettings.Format.IniFormat))
    window.show()

    def type_some():
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.insertPlainText("\\n\\nTyped just before the crash.")

    def type_then_arm_the_kill():
        type_some()
        QTimer.singleShot(KILL_AFTER_MS, lambda: os.kill(os.getpid(), signal.SIGKILL))

    QTimer.singleShot(300, type_then_arm_the_kill)
    window.library  # keep a reference
    from PySide6.QtWidgets import QApplication
    QApplication.instance().exec()
    """
)


# The latest autosave is due MAX_WAIT_MS after typing; the write then has this much time to land.
MARGIN_MS = 4000


def test_killed_process_keeps_what_autosave_stored(library_path, tmp_path):
    Library.open(library_path).close()
    kill_after = max(IDLE_MS, MAX_WAIT_MS) + MARGIN_MS
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(library_path), str(tmp_path / "settings.ini"), str(kill_after)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == -9, result.stderr[-2000:]  # really killed, no clean shutdown
    with Library.open(library_path) as lib:
        assert lib.posts.get("glp1-what-to-know").body.endswith("Typed just before the crash.")
