"""Work that fills in a newly opened post starts after the editor has painted it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel

from editor.gui.first_paint import after_next_paint


class PaintLog(QObject):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self._log = log

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._log.append("paint")
        return False


def test_the_action_runs_after_the_widget_has_painted(qtbot) -> None:
    label = QLabel("Opened post")
    qtbot.addWidget(label)
    log: list[str] = []
    painted = PaintLog(log)
    label.installEventFilter(painted)
    after_next_paint(label, lambda: log.append("action"), limit_ms=10_000)
    assert log == []
    label.show()
    qtbot.waitUntil(lambda: "action" in log, timeout=5000)
    assert log.index("paint") < log.index("action")
    assert log.count("action") == 1


def test_a_widget_that_is_never_shown_gets_the_action_after_the_limit(qtbot) -> None:
    label = QLabel("Hidden")
    qtbot.addWidget(label)
    ran: list[bool] = []
    after_next_paint(label, lambda: ran.append(True), limit_ms=50)
    qtbot.waitUntil(lambda: bool(ran), timeout=5000)
    label.show()
    label.repaint()  # a later paint must not run it again
    QApplication.processEvents()
    QApplication.processEvents()
    assert ran == [True]


def test_each_action_waits_for_its_own_paint_or_limit(qtbot) -> None:
    from editor.gui.first_paint import _AfterPaint

    label = QLabel("Opened twice")
    qtbot.addWidget(label)
    ran: list[str] = []
    after_next_paint(label, lambda: ran.append("first"), limit_ms=30)
    after_next_paint(label, lambda: ran.append("second"), limit_ms=60_000)
    qtbot.waitUntil(lambda: ran == ["first"], timeout=5000)  # the first's limit does not start the second
    label.show()
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=5000)
    assert len(label.findChildren(_AfterPaint)) == 1  # one helper per widget, however often it is used
