"""Starting the desktop app.

``open_window(library_path)`` builds the main window without entering the event loop
(``main.py`` and the tests use it); ``run(library_path)`` is the whole app.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from editor import __version__
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import resource
from editor.core.library import Library
from editor.gui.collector import PauseCollector
from editor.gui.library_chooser import WindowSwitcher, open_at_start
from editor.gui.library_start import Missing
from editor.gui.main_window import MainWindow
from editor.gui.pending_journal import offer_pending_edits
from editor.gui.preview import register_schemes
from editor.gui.qt_messages import route_qt_messages_to_log
from editor.gui.settings_file import use_settings_file
from editor.gui.startup_probe import probe_from_environment
from editor.gui.theme import follow_system_theme

GUI_SWITCH_INTERVAL_S = 0.001
log = logging.getLogger(__name__)


def ensure_application() -> QApplication:
    """The QApplication (created once, after the preview's URL schemes are registered)."""
    app = QApplication.instance()
    if app is None:
        # A worker thread (render, checks, spelling) holds the interpreter for up to this long
        # before the GUI thread gets it back; Python's default 5 ms would be felt while typing.
        sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        register_schemes()
        if getattr(os, "geteuid", lambda: -1)() == 0:
            # Chromium refuses to sandbox as root (containers, CI); the preview shows only our own content.
            flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
            if "--no-sandbox" not in flags:
                os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Postwright")
        app.setOrganizationName("Postwright")
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("postwright")
        app.setWindowIcon(QIcon(str(resource("app", "postwright.svg"))))
        use_settings_file()  # every QSettings() is now the INI file in the user's config folder
        follow_system_theme(app)
    return app  # type: ignore[return-value]


def open_window(library: str | Path | Library, settings: QSettings | None = None) -> MainWindow:
    """Build the main window on ``library`` (a path, or a library just opened with
    ``integrity="background"``), showing the last (or first) post.

    Nothing reads the library's posts before its integrity check has given its verdict: a
    damaged library is refused (CorruptLibraryError) and closed.
    """
    ensure_application()
    if not isinstance(library, Library):
        library = Library.open(library)
    if library.integrity is not None:
        try:
            library.integrity.require_sound()
        except PostwrightError:
            library.close()
            raise
    window = MainWindow(library, settings or QSettings())
    window.open_initial_post()
    offer_pending_edits(window)  # text a crash caught waiting for the library's lock
    if library.notice:
        log.warning("%s", library.notice)
        window.hub.statusMessage.emit(library.notice)
        QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Recent changes were lost", library.notice or ""))
    return window


def collect_at_pauses(window: MainWindow) -> PauseCollector:
    """Freeze what the window is built from and move the garbage collector's full passes to
    pauses in typing (see ``editor.gui.collector``): a full pass holds the interpreter, so
    the GUI thread waits for it even when a worker thread runs it."""
    collector = PauseCollector(window)
    window.editor.textChanged.connect(collector.note_activity)
    window.check_pipeline.finished.connect(collector.request_pass)  # the analyses are the bulk
    collector.start()
    return collector


def run(library: str | Path | Library, *, missing: Missing | None = None) -> int:
    """The app on ``library``: a library opened beforehand, or a path (opened here; when it is
    ``missing``, the person is asked what to open instead — see ``editor.gui.library_start``)."""
    route_qt_messages_to_log()
    app = ensure_application()
    if missing is not None:
        chosen = open_at_start(Path(library), missing) if not isinstance(library, Library) else library
        if chosen is None:
            return 2 if missing == "named" else 1  # no library: the command line named one that is not there
        library = chosen
    collectors: dict[MainWindow, PauseCollector] = {}

    def build(opened: Library) -> MainWindow:
        window = open_window(opened)
        collectors[window] = collect_at_pauses(window)
        return window

    switcher = WindowSwitcher(build, QSettings(), retire=lambda window: collectors.pop(window).stop())
    try:
        opened = library if isinstance(library, Library) else Library.open(library, create=False)
        window = switcher.show(opened)
    except PostwrightError as error:
        log.error("the library could not be opened: %s", error)
        QMessageBox.critical(None, "Postwright", str(error))
        return 1
    probe = probe_from_environment(window)  # POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS (tests, benchmarks)
    code = app.exec()
    for collector in collectors.values():
        collector.stop()
    if switcher.window is not None:
        switcher.window.library.close()
    if probe is not None and probe.status:
        return probe.status
    return code
