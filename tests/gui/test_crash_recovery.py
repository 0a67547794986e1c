"""A process killed mid-typing loses at most the last two seconds of work."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from editor.core.library import Library

SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QTextCursor
    from editor.app import open_window

    library, ini = sys.argv[1], sys.argv[2]
    window = open_window(library, QSettings(ini, QSettings.Format.IniFormat))
    window.show()

    def type_some():
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.insertPlainText("\\n\\nTyped just before the crash.")

    QTimer.singleShot(300, type_some)
    QTimer.singleShot(300 + 2600, lambda: os.kill(os.getpid(), signal.SIGKILL))
    window.library  # keep a reference
    from PySide6.QtWidgets import QApplication
    QApplication.instance().exec()
    """
)


def test_killed_process_keeps_what_was_typed_two_seconds_earlier(library_path, tmp_path):
    Library.open(library_path).close()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(library_path), str(tmp_path / "settings.ini")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == -9, result.stderr[-2000:]  # really killed, no clean shutdown
    with Library.open(library_path) as lib:
        assert lib.posts.get("glp1-what-to-know").body.endswith("Typed just before the crash.")
