"""Starting work once a widget has been painted.

Worker threads share the interpreter with the GUI thread. While a render thread converts
a long post, each of the GUI thread's calls into Python (event filters, overrides, the
highlighter) waits for the interpreter, and showing the window took about 60 ms longer
(cold start, 50k-word post: first paint 445 → 382 ms with the render started after it).
So the work that fills in a newly opened post starts just after the editor shows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

LIMIT_MS = 150  # a widget that does not paint by then (hidden, minimised) waits no longer
_HELPER = "postwright-after-paint"


class _AfterPaint(QObject):
    """One per widget, kept for the widget's life: it holds the actions waiting for the next
    paint and watches the widget's events only while one waits. (Deleting a helper after each
    use raced with the widget's own deletion: a deferred delete of a child of a widget being
    destroyed crashed the interpreter.)"""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(_HELPER)
        self._widget = widget
        self._waiting: dict[int, Callable[[], None]] = {}
        self._armed = 0

    def arm(self, action: Callable[[], None], limit_ms: int) -> None:
        if not self._waiting:
            self._widget.installEventFilter(self)
        self._armed += 1
        key = self._armed
        self._waiting[key] = action
        # The limit counts from the event loop's next pass, not from now: a window built and
        # shown before the loop runs (a cold start) gets its first paint in first.
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(limit_ms, self, lambda: self._run([key])))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, lambda: self._run(list(self._waiting)))  # after this paint and what came with it
        return False

    def _run(self, keys: list[int]) -> None:
        actions = [self._waiting.pop(key) for key in keys if key in self._waiting]
        if actions and not self._waiting:
            self._widget.removeEventFilter(self)
        for action in actions:
            action()


def after_next_paint(widget: QWidget, action: Callable[[], None], *, limit_ms: int = LIMIT_MS) -> None:
    """Run ``action`` on the GUI thread just after ``widget`` next paints (a window about to
    be shown included), and after ``limit_ms`` at the latest (one that is never shown)."""
    helper = widget.findChild(_AfterPaint, _HELPER, Qt.FindChildOption.FindDirectChildrenOnly)
    if helper is None:
        helper = _AfterPaint(widget)
    helper.arm(action, limit_ms)
