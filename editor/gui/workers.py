"""Running slow work off the GUI thread.

``run_in_background(fn, on_done, on_error)`` runs ``fn()`` on Qt's thread pool and
delivers its result (or its PostwrightError) back on the GUI thread. Work that keeps
state between runs (the renderer, the checks) lives in a :class:`CoalescingWorker`
instead: it always works on the newest request and drops the ones that went stale
while it was busy, so a burst of edits causes one more run, not many.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from editor.core.foundation.errors import PostwrightError


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except PostwrightError as error:
            self._relay.failed.emit(error)
        except Exception as error:  # noqa: BLE001 - an unexpected bug: report it instead of losing it in a thread
            traceback.print_exc()
            self._relay.failed.emit(PostwrightError(f"Unexpected error: {error}"))
        else:
            self._relay.done.emit(result)


_live_relays: set[_Relay] = set()


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[PostwrightError], None] | None = None,
) -> None:
    relay = _Relay()
    _live_relays.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _live_relays.discard(relay)
        if callback is not None:
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda error: finish(on_error, error))
    QThreadPool.globalInstance().start(_Task(fn, relay))


class _Job(QObject):
    """Lives in the worker thread; runs ``handler(request)`` for the newest request."""

    finished = Signal(object, object)  # request id, result or PostwrightError

    def __init__(self, handler: Callable[[Any], Any]) -> None:
        super().__init__()
        self._handler = handler

    @Slot(object, object)
    def run(self, request_id: object, request: object) -> None:
        try:
            result = self._handler(request)
        except PostwrightError as error:
            result = error
        except Exception as error:  # noqa: BLE001 - an unexpected bug: reported, never lost in a thread
            traceback.print_exc()
            result = PostwrightError(f"Unexpected error: {error}")
        self.finished.emit(request_id, result)


class CoalescingWorker(QObject):
    """One background thread that runs a stateful handler on the newest request only.

    ``submit(request)`` never blocks; ``resultReady(result)`` arrives on the GUI thread
    for each run. Requests submitted while a run is busy replace each other, so the
    worker is never more than one run behind the newest request.
    """

    resultReady = Signal(object)
    failed = Signal(object)
    _start = Signal(object, object)

    def __init__(self, handler: Callable[[Any], Any], name: str, parent: QObject | None = None, *,
                 merge: Callable[[Any, Any], Any] | None = None) -> None:
        """``merge(older, newer)``: what a waiting request becomes when a newer one replaces
        it (by default the newer one), e.g. to keep a flag the older one carried."""
        super().__init__(parent)
        self._merge = merge
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._job = _Job(handler)
        self._job.moveToThread(self._thread)
        self._start.connect(self._job.run)
        self._job.finished.connect(self._on_finished)
        self._thread.start()
        self._busy = False
        self._stopped = False
        self._pending: tuple[object] | None = None
        self._counter = 0

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self, request: object) -> None:
        if self._stopped:
            return
        if self._busy:
            if self._pending is not None and self._merge is not None:
                request = self._merge(self._pending[0], request)
            self._pending = (request,)
            return
        self._dispatch(request)

    def _dispatch(self, request: object) -> None:
        self._busy = True
        self._counter += 1
        self._start.emit(self._counter, request)

    @Slot(object, object)
    def _on_finished(self, request_id: object, result: object) -> None:
        self._busy = False
        if self._stopped:
            return
        if self._pending is not None:
            (request,), self._pending = self._pending, None
            self._dispatch(request)
        if isinstance(result, PostwrightError):
            self.failed.emit(result)
        else:
            self.resultReady.emit(result)

    def stop(self) -> None:
        """Finish the current run, then end the thread; later results are dropped."""
        self._stopped = True
        self._pending = None
        self._thread.quit()
        self._thread.wait(5000)
