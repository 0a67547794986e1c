"""One measuring protocol for Postwright and its peer (ReText), in either Qt binding.

What a person feels is measured from the action to the pixels:

* ``PagePoller``: after an action, ask the page every 10 ms whether ``marker`` is in its
  DOM (``resources/preview/shows_text.js``: a look at the whole text once, then a
  MutationObserver that reads only what changes, so a 200,000-word page is not read
  whole on every poll). When it is, the same script forces a layout and asks for an
  animation frame; the three page-side clock readings (``performance.timeOrigin +
  performance.now()``, the same wall clock as ``time.time()``) give the stages ``dom``
  (text in the DOM), ``layout`` and ``frame`` (the next frame after it, i.e. it is on
  screen).
* ``LagProbe``: a 1 ms precise timer on the GUI thread; the gap between two of its ticks
  is the longest the event loop could not answer (a key press would have waited that
  long). The GUI thread's own CPU time in each gap tells its work from the machine's
  other load.
* ``TaskTimer``: wraps named methods to record the GUI-thread time of each call.

Every figure is then the median over separate processes, with the min–max, and the
machine's load average is reported next to it. Only the standard library and Qt are
imported here, so the peer's own interpreter can use this file too; what only the parent
needs (``statistics``, ``subprocess``) is imported where it is used, so the cold-start
instrument adds as little as it can to the start it measures.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

POLL_MS = 10
FRAME_BUDGET_MS = 16.0

# The page-side waiting, shared with the app's own probe (editor.gui.startup_probe).
_PROBE_JS = (Path(__file__).resolve().parent.parent / "resources" / "preview" / "shows_text.js").read_text(
    encoding="utf-8")


def qt_core() -> Any:
    """QtCore of whichever binding the process has imported."""
    if "PyQt6" in sys.modules:
        from PyQt6 import QtCore
    else:
        from PySide6 import QtCore
    return QtCore


def load_average() -> str:
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            return " ".join(handle.read().split()[:3])
    except OSError:
        return "n/a"


class LagProbe:
    """Records how long the GUI thread's event loop was unable to run a 1 ms timer."""

    def __init__(self) -> None:
        core = qt_core()
        self._timer = core.QTimer()
        self._timer.setTimerType(core.Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self.gaps: list[tuple[float, float]] = []  # (wall ms, GUI-thread CPU ms)
        self._last: tuple[float, float] | None = None

    def start(self) -> None:
        self.gaps.clear()
        self._last = (time.perf_counter(), time.thread_time())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def _tick(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        if self._last is not None:
            self.gaps.append(((now[0] - self._last[0]) * 1000, (now[1] - self._last[1]) * 1000))
        self._last = now

    def summary(self) -> dict[str, float]:
        walls = sorted(gap[0] for gap in self.gaps) or [0.0]
        cpus = sorted(gap[1] for gap in self.gaps) or [0.0]
        return {
            "lag_max": walls[-1],
            "lag_p99": walls[min(len(walls) - 1, int(0.99 * len(walls)))],
            "lag_over_frame": float(sum(1 for wall in walls if wall > FRAME_BUDGET_MS)),
            "busy_max": cpus[-1],
            "busy_over_frame": float(sum(1 for cpu in cpus if cpu > FRAME_BUDGET_MS)),
        }


class TaskTimer:
    """GUI-thread time of named methods (wrapped on their class before the objects exist)."""

    def __init__(self) -> None:
        self.calls: dict[str, list[float]] = {}

    def wrap(self, owner: type, method: str, label: str) -> None:
        original = getattr(owner, method)  # a renamed method must fail here, not go unmeasured
        calls = self.calls.setdefault(label, [])

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                calls.append((time.perf_counter() - started) * 1000)

        setattr(owner, method, timed)

    def reset(self) -> None:
        for calls in self.calls.values():
            calls.clear()

    def summary(self) -> dict[str, dict[str, float]]:
        import statistics

        return {label: {"count": float(len(calls)), "max": max(calls), "median": statistics.median(calls)}
                for label, calls in self.calls.items() if calls}


class PagePoller:
    """Poll ``page`` every 10 ms until ``marker`` is in its DOM and the next frame has run.

    ``page`` is the page, or a function giving it (None while there is none to ask yet).
    ``done(stages)`` receives ``{"dom", "layout", "frame"}`` in ms after ``started`` (a
    ``time.time()`` reading), ``frame`` None if no frame came within ``frame_timeout``.
    """

    def __init__(self, page: Any, world: int, marker: str, started: float, done: Callable[[dict], None],
                 timeout: float = 60.0, frame_timeout: float = 2.0) -> None:
        core = qt_core()
        self._page, self._world, self._marker = page, world, marker
        self._started, self._done = started, done
        self._deadline = time.time() + timeout
        self._frame_deadline: float | None = None
        self._frame_timeout = frame_timeout
        self._asked = False
        self._finished = False
        self._timer = core.QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self._poll()

    def _poll(self) -> None:
        if self._finished or self._asked:
            return
        if time.time() > self._deadline:
            self._finish(None)
            return
        page = self._page() if callable(self._page) else self._page
        if page is None:
            return
        self._asked = True
        page.runJavaScript(_PROBE_JS.replace("MARKER", json.dumps(self._marker)), self._world, self._answer)

    def _answer(self, result: object) -> None:
        self._asked = False
        if self._finished or not isinstance(result, str) or not result.startswith("{"):
            return
        state = json.loads(result)
        if state.get("frame") is None:
            if self._frame_deadline is None:
                self._frame_deadline = time.time() + self._frame_timeout
            elif time.time() > self._frame_deadline:
                self._finish(state)
            return
        self._finish(state)

    def _finish(self, state: dict | None) -> None:
        self._finished = True
        self._timer.stop()
        if state is None:
            self._done({"dom": None, "layout": None, "frame": None})
            return
        base = self._started * 1000
        self._done({stage: (state[stage] - base) if state.get(stage) is not None else None
                    for stage in ("dom", "layout", "frame")})


def wait_until(app: Any, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        time.sleep(0.001)


def settle(app: Any, seconds: float) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.002)


def process_tree(root: int) -> list[int]:
    """``root`` and every process below it (Linux ``/proc``), e.g. an app and its QtWebEngineProcess."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def pss_mb(root: int | None = None) -> float | None:
    """Proportional set size of ``root`` (default: this process) and all its descendants, in MB.

    PSS shares each page among the processes that map it, so the sum over a tree counts what
    the app costs the machine once (Qt's libraries in the app and in Chromium's processes are
    not counted twice). None where ``/proc/PID/smaps_rollup`` is missing."""
    import os

    total_kb = 0
    for pid in process_tree(os.getpid() if root is None else root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="ascii")
        except OSError:
            continue
        total_kb += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total_kb / 1024 if total_kb else None


MEMORY_FIRST_S = 2.0  # memory is read no sooner than this after the open
MEMORY_QUIET_MB = 1.0  # ... and once it has moved less than this
MEMORY_QUIET_S = 3.0  # ... over this long
MEMORY_LONGEST_S = 30.0  # ... or this long after the open, whichever comes first


def settled_pss_mb(app: Any) -> float | None:
    """The PSS of this process and its children (``pss_mb``) once it has stopped growing.

    Work that follows an open (checks, spelling, highlighting in the background, the browser's
    own) keeps allocating for seconds; a reading taken while it runs flatters the app. Reads
    every 0.5 s after ``MEMORY_FIRST_S`` until the last ``MEMORY_QUIET_S`` of readings lie
    within ``MEMORY_QUIET_MB``, or ``MEMORY_LONGEST_S`` have passed; returns the last reading.
    """
    started = time.perf_counter()
    settle(app, MEMORY_FIRST_S)
    readings: list[tuple[float, float]] = []
    while True:
        now = time.perf_counter()
        value = pss_mb()
        if value is None:
            return None
        readings.append((now, value))
        recent = [mb for at, mb in readings if at >= now - MEMORY_QUIET_S]
        spanned = now - readings[0][0] >= MEMORY_QUIET_S
        if (spanned and max(recent) - min(recent) < MEMORY_QUIET_MB) or now - started >= MEMORY_LONGEST_S:
            return value
        settle(app, 0.5)


NO_FRAME_STATUS = 4  # the instrument's exit status when the page never showed the text (instrument/sitecustomize.py)


class ChildFailed(RuntimeError):
    """A measuring process that ended with ``returncode`` (or printed no result)."""

    def __init__(self, message: str, returncode: int) -> None:
        super().__init__(message)
        self.returncode = returncode


def run_child(command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
              timeout: float = 900) -> dict[str, Any]:
    """Run one measuring process; its last stdout line is a JSON object."""
    import subprocess

    started = time.time()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=cwd)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        message = f"{' '.join(command[:3])}… failed ({done.returncode}):\n{done.stderr[-3000:]}"
        raise ChildFailed(message, done.returncode)
    result = json.loads(lines[-1])
    result["_seconds"] = time.time() - started
    return result


def median_range(values: list[float | None]) -> tuple[float, float, float] | None:
    import statistics

    present = [value for value in values if value is not None]
    if not present:
        return None
    return statistics.median(present), min(present), max(present)


def fmt(values: list[float | None], unit: str = "ms") -> str:
    """``median (min–max)`` of per-process figures."""
    stats = median_range(values)
    if stats is None:
        return "—"
    med, low, high = stats
    if len(values) == 1:
        return f"{med:,.0f} {unit}" if med >= 10 else f"{med:.1f} {unit}"
    pattern = "{:,.0f}" if med >= 10 else "{:.1f}"
    return f"{pattern.format(med)} {unit} ({pattern.format(low)}–{pattern.format(high)})"


def ratio(mine: list[float | None], peer: list[float | None]) -> str:
    a, b = median_range(mine), median_range(peer)
    if a is None or b is None or a[0] <= 0:
        return ""
    value = b[0] / a[0]
    return f"{value:.1f}× faster" if value >= 1 else f"{1 / value:.1f}× slower"


def pick(results: list[dict[str, Any]], *path: str) -> list[float | None]:
    out: list[float | None] = []
    for result in results:
        value: Any = result
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        out.append(float(value) if isinstance(value, int | float) else None)
    return out
