"""Starting work once a widget has been painted.

Worker threads share the interpreter with the GUI thread. While a render thread converts
a long post, each of the GUI thread's calls into Python (event filters, overrides, the
highlighter) waits for the interpreter, and showing the window took about 60 ms longer
(cold start, 50k-word post: first paint 445 → 382 ms with the render started after it).
So the work that fills in a newly opened post starts just after the editor shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

LIMIT_MS = 150  # a widget that does not paint by then (hidden, minimised) waits no longer


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, action: Callable[[], None], limit_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._action: Callable[[], None] | None = action
        widget.installEventFilter(self)
        QTimer.singleShot(limit_ms, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._run)  # after this paint, and whatever came with it
        return False

    def _run(self) -> None:
        action, self._action = self._action, None
        if action is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        action()


def after_next_paint(widget: QWidget, action: Callable[[], None], *, limit_ms: int = LIMIT_MS) -> None:
    """Run ``action`` on the GUI thread just after ``widget`` next paints (a window about to
    be shown included), and after ``limit_ms`` at the latest (one that is never shown)."""
    _AfterPaint(widget, action, limit_ms)
