"""Observe a desktop app's cold start from inside, without changing how it starts.

``benchmarks/cold_start.py`` runs an app's installed command (``postwright``, ReText's
``retext``) with this folder on ``PYTHONPATH``, so Python imports this module as it starts,
before the command's own code. It only installs an import hook: when the app's window module
has run (``editor.app`` / ``ReText.window``) it wraps the function that builds the window, and
once the window holds the post it watches

* the editor's viewport for its first paint with the post (a document of more than 1,000
  characters): ``editor``;
* the preview page for the post's last line (``benchmarks.protocol.PagePoller``: text in the
  DOM, a forced layout, the next animation frame): ``preview``.

Each mark records the wall clock since ``PW_BENCH_STARTED`` (taken by the parent just before
it started the command), the process's CPU time, the GUI thread's CPU time and the number of
modules imported. When the preview shows the last line the marks are printed as one JSON line
and the process ends at once (only the start is measured). Settings come from the environment
(``PW_BENCH_STARTED``, ``PW_BENCH_MARKER``; optional ``PW_BENCH_MODULES=1`` to list the
top-level modules imported by the first paint, ``PW_BENCH_PROFILE=FILE`` to write a cProfile
of the GUI thread from here to the first paint, for ``python -m pstats FILE``,
``PW_BENCH_STOP=MARK`` to end the process at a mark (``qapplication``, ``editor``…), e.g. to
count its instructions with ``valgrind --tool=callgrind``, ``PW_BENCH_TRACE=1`` to note when
each step from the paint to the preview ran) and are removed from it, so processes the app starts
(ReText's converter, Postwright's import server) run unobserved.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_STARTED = os.environ.pop("PW_BENCH_STARTED", None)
_MARKER = os.environ.pop("PW_BENCH_MARKER", "")
_LIST_MODULES = os.environ.pop("PW_BENCH_MODULES", "") == "1"
_PROFILE = os.environ.pop("PW_BENCH_PROFILE", "")
_STOP = os.environ.pop("PW_BENCH_STOP", "")
_TRACE = os.environ.pop("PW_BENCH_TRACE", "") == "1"
_ROOT = Path(__file__).resolve().parents[2]
_MAIN_THREAD = threading.get_ident()
_MIN_CHARACTERS = 1000
marks: dict[str, Any] = {}
_alive: list[Any] = []  # the watchers, kept until the process ends


def _snapshot() -> dict[str, float]:
    """Wall ms since the command was started, CPU ms of the process and of the GUI thread, modules."""
    assert _STARTED is not None
    on_main = threading.get_ident() == _MAIN_THREAD
    return {
        "wall": (time.time() - float(_STARTED)) * 1000,
        "cpu": time.process_time() * 1000,
        "gui_cpu": time.thread_time() * 1000 if on_main else -1.0,
        "modules": float(len(sys.modules)),
    }


def mark(name: str) -> None:
    if name not in marks:
        marks[name] = _snapshot()
        if name == _STOP:
            _finish({})


def _finish(stages: dict[str, Any]) -> None:
    import json

    marks["preview" if not _STOP else "stopped"] = _snapshot() | {"stages": stages}
    print(json.dumps(marks), flush=True)
    os._exit(0 if stages.get("frame") is not None or _STOP else 4)  # 4: protocol.NO_FRAME_STATUS


def _watch(viewport: Any, document: Any, page: Any, world: int) -> None:
    """Mark the editor's first paint with the post, and poll the page (or ``page()``) for the last line."""
    sys.path.insert(0, str(_ROOT))
    from benchmarks.protocol import PagePoller, qt_core

    core = qt_core()

    class FirstPaint(core.QObject):
        def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 (Qt override)
            if event.type() == core.QEvent.Type.Paint and document.characterCount() > _MIN_CHARACTERS:
                if _profiler:
                    _profiler[0].disable()
                    _profiler[0].dump_stats(_PROFILE)
                if _LIST_MODULES:
                    marks["names"] = sorted({name.split(".")[0] for name in sys.modules})
                mark("editor")
                watched.removeEventFilter(self)
            return False

    watcher = FirstPaint()
    viewport.installEventFilter(watcher)
    _alive.extend((watcher, PagePoller(page, world, _MARKER, float(_STARTED or 0), _finish, timeout=120.0)))


def _postwright(module: Any) -> None:
    mark("app_imported")
    build_app, build_window = module.ensure_application, module.open_window

    def ensure_application(*args: Any, **kwargs: Any) -> Any:
        mark("qapplication_starts")
        app = build_app(*args, **kwargs)
        mark("qapplication")
        return app

    def open_window(*args: Any, **kwargs: Any) -> Any:
        window = build_window(*args, **kwargs)
        mark("window")
        from editor.gui.preview.bridge import SCRIPT_WORLD

        preview = window.preview  # asked only once it shows a page: asking earlier would start it early
        _watch(window.editor.viewport(), window.editor.document(),
               lambda: preview.page() if preview.is_ready() else None, SCRIPT_WORLD)
        return window

    module.ensure_application, module.open_window = ensure_application, open_window
    if _TRACE:
        _trace_postwright()


def _trace_postwright() -> None:
    """``PW_BENCH_TRACE=1``: when each step between the first paint and the last line happened."""
    from editor.gui import pipelines
    from editor.gui.main_window import MainWindow
    from editor.gui.preview.view import PreviewView

    for owner, name in ((pipelines.RenderPipeline, "_submit"), (MainWindow, "start_preview"),
                        (MainWindow, "on_rendered"), (PreviewView, "load_shell"), (PreviewView, "_on_load_finished"),
                        (PreviewView, "_send_next_patch"), (PreviewView, "_on_patch_done"),
                        (pipelines._RenderJob, "__call__"), (pipelines._RenderJob, "_send_drafts")):
        _traced(owner, name)


def _traced(owner: Any, name: str) -> None:
    original = getattr(owner, name)

    def traced(*args: Any, **kwargs: Any) -> Any:
        started = (time.time() - float(_STARTED or 0)) * 1000
        try:
            return original(*args, **kwargs)
        finally:
            ended = (time.time() - float(_STARTED or 0)) * 1000
            marks.setdefault("trace", []).append((f"{owner.__name__}.{name}", round(started), round(ended)))

    setattr(owner, name, traced)


def _retext(module: Any) -> None:
    window_class = module.ReTextWindow
    build, open_file = window_class.__init__, window_class.openFileWrapper

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        mark("qapplication")  # ReText's main makes the QApplication just before its window
        build(self, *args, **kwargs)

    def open_file_wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = open_file(self, *args, **kwargs)
        if "window" not in marks:
            mark("window")
            from PyQt6.QtWebEngineCore import QWebEngineScript

            edit = self.currentTab.editBox
            _watch(edit.viewport(), edit.document(), self.currentTab.previewBox.page(),
                   QWebEngineScript.ScriptWorldId.ApplicationWorld)
        return result

    window_class.__init__, window_class.openFileWrapper = init, open_file_wrapper


_HOOKS: dict[str, Callable[[Any], None]] = {
    "editor.cli": lambda _module: mark("cli_imported"), "PySide6.QtCore": lambda _module: mark("qtcore_imported"),
    "editor.app": _postwright, "ReText.window": _retext,
}


class _AfterImport:
    """An import finder that runs ``_HOOKS[name](module)`` right after the module ``name`` has run."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name not in _HOOKS:
            return None
        import importlib.util

        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader, hook = spec.loader, _HOOKS[name]
        execute = loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            hook(module)

        loader.exec_module = exec_module
        return spec


_profiler: list[Any] = []
if _STARTED is not None:
    mark("interpreter")
    sys.meta_path.insert(0, _AfterImport())
    if _PROFILE:
        import cProfile

        _profiler.append(cProfile.Profile())
        _profiler[0].enable()
