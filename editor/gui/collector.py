"""When the garbage collector's full passes run: at pauses in typing, not between two keys.

A full pass scans every object Python tracks and holds the interpreter while it does, so
the GUI thread waits for it whichever thread set it off. With a 200k-word post open that is
13–17 ms (mostly the checks' analysis of every section: its sentences, citations and
links), and CPython starts one whenever enough objects have survived, which while typing
means between two keystrokes: a stall of more than a frame.

:class:`PauseCollector` takes the full passes over. It freezes what was built to show the
window (it lives as long as the app), leaves the young generations to CPython, and runs a
full pass itself once a pass is due and the text has not changed for ``pause_s``; someone
who types without a pause for ``longest_s`` gets one anyway.

After a pass it also hands the C heap's free pages back to the system (glibc's ``malloc_trim``,
where there is one): what the checks, the renderer and the spell checker freed would otherwise
stay in the process, ~17 MB with a 200k-word post open; it takes about a millisecond.

It also empties Python's cache of source lines (``linecache``): PySide6 reads the source of every
module imported after it into that cache (its ``__feature__`` check asks ``inspect.getsource``),
~13 MB of lines that nothing reads again; a traceback reads what it needs anew.

After each pass it freezes the survivors too, so the next pass scans only what is newer,
and once the checks have analysed a post (``request_pass``) it runs one at the next pause
whether or not CPython would: the post's structures are then frozen before typing starts.
Measured in one process with a 50k-word post: the first passes after opening it took 7 and
3 ms, those at later pauses in typing 0.4–0.5 ms (before: 12 ms each); at 200k words 8 and
13 ms, then 1.3 ms. A frozen object is still freed when its last reference goes; only one
caught in a reference cycle that becomes garbage later is kept, so every ``thaw_s`` a pause
pass first unfreezes everything and scans it all.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

PAUSE_S = 1.0
LONGEST_S = 60.0
THAW_S = 600.0
TICK_MS = 250
_NEVER = 2**31 - 1  # a third threshold CPython's count of middle-generation passes never reaches


class PauseCollector(QObject):
    def __init__(self, parent: QObject | None = None, *, pause_s: float = PAUSE_S,
                 longest_s: float = LONGEST_S, thaw_s: float = THAW_S) -> None:
        super().__init__(parent)
        self.pause_s = pause_s
        self.longest_s = longest_s
        self.thaw_s = thaw_s
        self.full_passes = 0
        self.thawed_passes = 0
        self._requested = False
        self._saved = gc.get_threshold()
        self._due = self._saved[2]  # CPython's own rule: after this many middle-generation passes
        self._last_activity = self._last_full = self._last_thaw = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.collect_if_due)

    def start(self) -> None:
        gc.freeze()
        young, middle, _full = self._saved
        gc.set_threshold(young, middle, _NEVER)
        self._timer.start()

    def stop(self) -> None:
        """CPython collects on its own again, everything included."""
        self._timer.stop()
        gc.set_threshold(*self._saved)
        gc.unfreeze()

    def note_activity(self, *_args: object) -> None:
        self._last_activity = time.monotonic()

    def request_pass(self, *_args: object) -> None:
        """Run a pass at the next pause even if CPython would not yet: e.g. once the checks
        have analysed a post just opened, so that its structures are frozen before typing
        starts and the passes between later keystrokes' pauses scan only what is new."""
        self._requested = True

    def collect_if_due(self) -> bool:
        if gc.get_count()[2] < self._due and not self._requested:
            return False
        now = time.monotonic()
        if now - self._last_activity < self.pause_s and now - self._last_full < self.longest_s:
            return False
        self.collect()
        return True

    def collect(self) -> None:
        """One full pass now, then the survivors frozen (everything thawed first when it is time)."""
        now = time.monotonic()
        if now - self._last_thaw >= self.thaw_s:
            gc.unfreeze()
            self._last_thaw = now
            self.thawed_passes += 1
        linecache.clearcache()
        gc.collect()
        gc.freeze()
        _return_free_memory()
        self._requested = False
        self._last_full = time.monotonic()
        self.full_passes += 1


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (Linux), or None where the C library has no such call."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # musl and other C libraries
        return None
    return trim


_TRIM = _malloc_trim()


def _return_free_memory() -> None:
    if _TRIM is not None:
        _TRIM(0)
