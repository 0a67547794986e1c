"""The citation completion list and the Problems panel never fight over the mouse (#30).

Real mouse events (QTest) on the whole window: while the ``[@`` list is open, the first
double-click on a problem goes to that problem, and the list closes. The clicks go to the
top-level window (``QTest.mouseDClick`` on its QWindow), so they pass through Qt's window
system layer as a user's do: that is where a popup grabs the mouse and used to swallow the
first click.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def double_click(widget, point) -> None:
    window = widget.window().windowHandle()
    at = widget.mapTo(widget.window(), point)
    QTest.mouseDClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)


def _type_at_end(window, qtbot, text: str) -> None:
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, text)


def test_the_first_double_click_on_a_problem_is_not_swallowed_by_the_completion_list(window, qtbot):
    view = window.problems_panel.view
    model = window.problems_panel.model
    _type_at_end(window, qtbot, "Weight fell [@nosuchkey2020].")  # a problem with a line to go to
    qtbot.waitUntil(lambda: any(model.finding_at(r).line for r in range(model.rowCount())), timeout=20000)
    _type_at_end(window, qtbot, "Typing a citation [@")
    qtbot.waitUntil(window.editor.completer.is_visible, timeout=5000)
    assert window.editor.completer.keys_shown()
    # the checks have read the unfinished "[@" too: the list of problems holds still from here
    qtbot.waitUntil(lambda: "citation-malformed" in {model.finding_at(r).code for r in range(model.rowCount())},
                    timeout=20000)
    assert window.editor.completer.is_visible()
    jumps: list[tuple[int, int]] = []
    window.hub.jumpToPosition.connect(lambda line, column: jumps.append((line, column)))
    row = next(r for r in range(model.rowCount()) if model.finding_at(r).code == "citation-unresolved")
    finding = model.finding_at(row)
    double_click(view.viewport(), view.visualRect(model.index(row, 0)).center())
    qtbot.waitUntil(lambda: bool(jumps), timeout=3000)
    assert jumps == [(finding.line, finding.column or 1)]
    assert not window.editor.completer.is_visible()
