"""``POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS``: start the app, wait until the preview shows a text, quit.

Used by the installed bundle's smoke test and the cold-start benchmark, which cannot reach
into a built app's Python objects. With the variable set to a piece of text (the last line
of the post the app opens on), ``editor.app.run`` watches the preview: once the page's text
holds it and the next frame has been drawn, the app prints one JSON line on stdout,

    {"preview_shows": "<the text>", "editor_ms": <wall-clock ms>, "dom_ms": <wall-clock ms>,
     "frame_ms": <wall-clock ms>}

(``editor_ms``: Python's ``time.time()`` when the editor began painting the post it opened on;
the others ``performance.timeOrigin + performance.now()``, the same clock) and closes its
window as a user would; the exit status is 0. If the text has not appeared
after ``POSTWRIGHT_PROBE_TIMEOUT`` seconds (default 120) it prints why on stderr and the app
ends with status 3. The probe only reads the page's text: it changes nothing and opens nothing.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from editor.core.foundation.paths import resource
from editor.gui.preview.bridge import SCRIPT_WORLD

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

PROBE_ENV = "POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS"
TIMEOUT_ENV = "POSTWRIGHT_PROBE_TIMEOUT"
DEFAULT_TIMEOUT_S = 120.0
POLL_MS = 20
TIMED_OUT_STATUS = 3



class PreviewProbe(QObject):
    """Polls the preview of ``window`` for ``marker``; see the module's docstring."""

    def __init__(self, window: MainWindow, marker: str, timeout_s: float) -> None:
        super().__init__(window)
        self._window, self._marker = window, marker
        self._deadline = time.monotonic() + timeout_s
        self._asking = False
        self.status: int | None = None  # None while waiting, then 0 or TIMED_OUT_STATUS
        self._editor_ms: float | None = None
        window.editor.viewport().installEventFilter(self)  # until its first paint, then removed
        self._timer = QTimer(self, interval=POLL_MS, timeout=self._poll)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._editor_ms is None:
            self._editor_ms = time.time() * 1000
            watched.removeEventFilter(self)
        return False

    def _poll(self) -> None:
        if self.status is not None or self._asking:
            return
        if time.monotonic() > self._deadline:
            print(f"postwright: the preview did not show {self._marker!r} in time", file=sys.stderr, flush=True)
            self._finish(TIMED_OUT_STATUS)
            return
        if not self._window.preview.is_ready():
            return  # no page to ask yet (and asking for one would start it early)
        self._asking = True
        script = _probe_script().replace("MARKER", json.dumps(self._marker))
        self._window.preview.page().runJavaScript(script, SCRIPT_WORLD, self._answer)

    def _answer(self, result: object) -> None:
        self._asking = False
        if self.status is not None or not isinstance(result, str) or not result.startswith("{"):
            return  # not in the page yet (null), or the page is still loading
        state = json.loads(result)
        if state.get("frame") is None:
            return  # in the DOM; the next poll sees the frame drawn after it
        print(json.dumps({"preview_shows": self._marker, "editor_ms": self._editor_ms, "dom_ms": state["dom"],
                          "frame_ms": state["frame"]}), flush=True)
        self._finish(0)

    def _finish(self, status: int) -> None:
        self.status = status
        self._timer.stop()
        self._window.close()


@functools.lru_cache(maxsize=1)
def _probe_script() -> str:
    """The page-side waiting (shared with the benchmarks): it watches the page's changes, not its whole text."""
    return resource("preview", "shows_text.js").read_text(encoding="utf-8")


def probe_from_environment(window: MainWindow) -> PreviewProbe | None:
    """A probe when ``POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS`` names a text, else None."""
    marker = os.environ.get(PROBE_ENV, "").strip()
    if not marker:
        return None
    try:
        timeout = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S))
    except ValueError:
        timeout = DEFAULT_TIMEOUT_S
    return PreviewProbe(window, marker, timeout)
