"""Take the README's and docs/screenshots/'s pictures from the real window.

Run on a screen (or a virtual one):

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py

Each picture is of a fresh library (the sample post), driven the way a new user would:
write, cite, check, export; then the whole window in the light and the dark appearance.
The screen is grabbed (not the window), so pop-ups such as the citation completer show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("screenshots: needs a screen; run it under xvfb-run (see the docstring).", file=sys.stderr)
        return 1
    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtGui import QGuiApplication, QTextCursor
    from PySide6.QtTest import QTest

    from editor.app import ensure_application, open_window
    from editor.gui.theme import apply_theme

    app = ensure_application()
    folder = Path(tempfile.mkdtemp(prefix="postwright-shots-"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(folder / "library.postwright", settings)
    screen = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(screen)
    window.show()

    def settle(ms: int = 800, until: Callable[[], bool] | None = None, timeout_ms: int = 15000) -> None:
        waited = 0
        while until is not None and not until() and waited < timeout_ms:
            QTest.qWait(50)
            waited += 50
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shoot(name: str) -> None:
        picture = QGuiApplication.primaryScreen().grabWindow(0)
        picture.save(str(OUT / name))
        print("wrote", OUT / name)

    settle(1500, until=window.preview.is_ready)
    editor = window.editor
    text = editor.toPlainText()

    # 1. Write: a sentence added to a section; the preview follows.
    cursor = editor.textCursor()
    sentence = "Your dose goes up slowly, over a few months, to limit stomach side effects."
    cursor.setPosition(text.index(sentence) + len(sentence))
    editor.setTextCursor(cursor)
    editor.setFocus()
    QTest.keyClicks(editor, " Eating smaller meals helps too.")
    settle(1200)
    shoot("first-write.png")

    # 2. Cite: typing "[@" offers the reference library's keys.
    QTest.keyClicks(editor, " [@ru")
    settle(1200)
    shoot("first-cite.png")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    for _ in range(5):
        QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClicks(editor, " About 1 in 3 people notice it")
    editor.moveCursor(QTextCursor.MoveOperation.EndOfBlock)

    # 3. Check: F7 runs the writing checks; the Problems list names what to fix and where.
    QTest.keyClick(window, Qt.Key.Key_F7)
    settle(2500)
    window.problems_panel.setFocus()
    shoot("first-check.png")

    # 4. Export: the post as a web page, a fragment, Markdown or a patient handout.
    from editor.gui.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window.library, window.library.posts.get(window.session.post.slug), window)
    dialog.show()
    settle(800)
    shoot("first-export.png")
    dialog.close()

    for appearance in ("light", "dark"):
        apply_theme(app, appearance)
        settle(1000)
        shoot(f"main-window-{appearance}.png")
    apply_theme(app, "light")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
