"""Choosing the library the window works on: at start when it is missing, and File → New
Library… / Open Library… while the app runs.

At start there is no window yet, so the library is opened where the question was answered;
from the File menu the library is opened (or created) on a worker thread, and the window is
replaced by one on the new library once the old one has saved and closed (``WindowSwitcher``).
The library in use is remembered (``library_start.record_library``) for the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import data_dir
from editor.core.library import Library
from editor.gui.dialogs import library_dialogs
from editor.gui.library_start import record_library
from editor.gui.workers import run_in_background

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


def _nearest_folder(path: Path) -> Path:
    """The folder the file dialog starts in: the missing library's own folder, or the nearest one there is."""
    for folder in (path.parent, *path.parents):
        if folder.is_dir():
            return folder
    return data_dir()


def open_at_start(path: Path, missing: Literal["named", "gone"]) -> Library | None:
    """The library the person chooses when the one to open is missing (None: they quit)."""
    folder = _nearest_folder(path)
    while True:
        answer = library_dialogs.ask_about_missing(None, path, missing)
        if answer == "quit":
            return None
        if answer == "create":
            target = path if missing == "named" else library_dialogs.choose_new_library(None, folder)
        else:
            target = library_dialogs.choose_existing_library(None, folder)
        if target is None:
            continue
        try:
            return Library.open(target, create=answer == "create", seed=False)
        except PostwrightError as error:
            QMessageBox.warning(None, "Postwright", str(error))


def new_library(window: MainWindow) -> None:
    """File → New Library…: an empty library where the person chooses, then the window on it."""
    target = library_dialogs.choose_new_library(window, _current_folder(window))
    if target is not None:
        _open_in_background(window, target, create=True)


def open_library(window: MainWindow) -> None:
    """File → Open Library…: another library file, then the window on it."""
    target = library_dialogs.choose_existing_library(window, _current_folder(window))
    if target is None:
        return
    current = window.library.path
    if current is not None and _same_file(current, target):
        window.status.showMessage(f"{target} is the library open now.", 8000)
        return
    _open_in_background(window, target, create=False)


def _current_folder(window: MainWindow) -> Path:
    return window.library.path.parent if window.library.path is not None else data_dir()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def _open_in_background(window: MainWindow, target: Path, *, create: bool) -> None:
    """Opening checks, and may migrate or create, the file: never on the GUI thread while a window shows."""
    verb = "Creating" if create else "Opening"
    window.status.showMessage(f"{verb} the library {target}…")

    def opened(library: Library) -> None:
        window.status.clearMessage()
        window.libraryChosen.emit(library)

    def failed(error: PostwrightError) -> None:
        window.status.clearMessage()
        QMessageBox.warning(window, "Postwright", str(error))

    run_in_background(lambda: Library.open(target, create=create, seed=False), opened, failed)


class WindowSwitcher(QObject):
    """Holds the app's one window and replaces it with one on another library when asked."""

    def __init__(self, build: Callable[[Library], MainWindow], settings: QSettings, *,
                 retire: Callable[[MainWindow], None] = lambda _window: None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._build = build  # the window on a library (may raise PostwrightError: a damaged library)
        self._retire = retire  # called with a window that has closed for good
        self._settings = settings
        self.window: MainWindow | None = None

    def show(self, library: Library) -> MainWindow:
        window = self._build(library)
        window.libraryChosen.connect(self.switch_to)
        if library.path is not None:
            record_library(self._settings, library.path)
        window.show()
        self.window = window
        return window

    def switch_to(self, library: Library) -> None:
        """Close the window (it saves the open post first; the person may cancel), then show one on ``library``."""
        old = self.window
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)  # the app goes on between the two windows
        try:
            if old is not None and not old.close():
                library.close()
                return
            if old is not None:
                self._retire(old)
                old.library.close()
                old.deleteLater()
                self.window = None
            try:
                self.show(library)
            except PostwrightError as error:  # refused once its check finished (damaged): say so and stop
                library.close()
                QMessageBox.critical(None, "Postwright", str(error))
        finally:
            app.setQuitOnLastWindowClosed(True)
