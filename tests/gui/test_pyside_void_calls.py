"""Regression: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void
Qt call and aborts with "Fatal Python error: none_dealloc" after a few thousand calls.
pyproject.toml pins PySide6 so that combination cannot be installed; this makes sure."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    holder = QObject()
    refs_before = sys.getrefcount(None)
    for i in range(100_000):
        holder.setObjectName("n")  # a Qt call returning void

    class Highlighter(QSyntaxHighlighter):
        def highlightBlock(self, text):
            fmt = QTextCharFormat()
            for start in range(0, len(text), 2):
                self.setFormat(start, 1, fmt)

    document = QTextDocument()
    Highlighter(document)
    document.setPlainText("word " * 2000 + "\\n" + "more text\\n" * 200)
    print("ok", sys.getrefcount(None) >= refs_before - 10)
    """
)


def test_a_hundred_thousand_void_qt_calls_do_not_abort():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert "none_dealloc" not in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["ok", "True"]
