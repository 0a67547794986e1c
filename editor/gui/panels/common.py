"""Small helpers shared by the side panels and the dialogs.

``run_with_library`` runs slow library work on the thread pool with a connection of
its own (one SQLite connection must never carry two transactions at once), and
delivers the result or the PostwrightError on the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.gui.workers import run_in_background

# Status colours that read on both the light and the dark palette.
GOOD = QColor("#2e8b57")
WARN = QColor("#c77c02")
BAD = QColor("#d64545")


def thread_library(library: Library) -> tuple[Library, bool]:
    """A library for a worker thread and whether the caller must close it.

    A library in a file gets a connection of its own; an in-memory one cannot be
    reopened, so it is shared (tests, dry runs).
    """
    if library.path is None:
        return library, False
    return library.connection(), True


def run_with_library(
    library: Library,
    job: Callable[[Library], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[PostwrightError], None] | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Run ``job(lib)`` off the GUI thread on its own connection to ``library``.

    With ``owner``, the callbacks are skipped once that widget is gone (a dialog
    closed before its work finished).
    """

    def task() -> Any:
        lib, owned = thread_library(library)
        try:
            return job(lib)
        finally:
            if owned:
                lib.close()

    if owner is not None:
        on_done, on_error = _while_alive(owner, on_done), _while_alive(owner, on_error)
    run_in_background(task, on_done, on_error)


def _while_alive(owner: QObject, callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    if callback is None:
        return None

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


def show_error(parent: QWidget | None, title: str, error: BaseException | str) -> None:
    """A warning box with the error's own message (never a traceback)."""
    QMessageBox.warning(parent, title, str(error))


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(parent, title, text, buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def local_time(stamp: str | None, *, now: dt.datetime | None = None) -> str:
    """A stored UTC timestamp as a short local time: "14:02", "Yesterday", "12 Mar 2025"."""
    if not stamp:
        return ""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    when = when.astimezone()
    now = (now or dt.datetime.now(dt.UTC)).astimezone()
    if when.date() == now.date():
        return when.strftime("%H:%M")
    if when.date() == (now - dt.timedelta(days=1)).date():
        return "Yesterday " + when.strftime("%H:%M")
    return f"{when.day} {when.strftime('%b %Y')}"


def time_exemplars(stamps: list[str]) -> list[str]:
    """The widest texts ``local_time`` can give for ``stamps`` (stored UTC timestamps), one
    per shape and month, for sizing a column without formatting every stamp."""
    months = (dt.date(2028, month, 28).strftime("%b") for month in range(1, 13))
    shapes = ["23:58", *(f"28 {month} 2028" for month in months)]
    today = dt.datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    start, end = ((today - dt.timedelta(days=days)).astimezone(dt.UTC).isoformat() for days in (1, 0))
    if any(start <= stamp < end for stamp in stamps):  # edited yesterday (ISO stamps sort in time order)
        shapes.append("Yesterday 23:58")
    return shapes


def grow_to_fit(dialog: QWidget) -> None:
    """Make the dialog tall enough for its wrapped text at its width (a layout's minimum size does not
    count the extra lines of a label that wraps, so a long message would be cut off)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = layout.totalHeightForWidth(dialog.width()) if layout.hasHeightForWidth() \
        else layout.totalSizeHint().height()
    screen = dialog.screen()
    if screen is not None:  # never taller than the screen (its title bar allowed for): the rest scrolls
        needed = min(needed, screen.availableGeometry().height() - 48)
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


class MessageLabel(QLabel):
    """An inline message under a form: hidden when empty, red for errors. In a dialog, a message longer
    than the room left for it makes the dialog taller, so it is never cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._normal = self.palette().color(QPalette.ColorRole.WindowText)
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, BAD)

    def show_info(self, text: str) -> None:
        self._show(text, None)

    def show_warning(self, text: str) -> None:
        self._show(text, WARN)

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def _show(self, text: str, color: QColor | None) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color if color is not None else self._normal)
        self.setPalette(palette)
        self.setText(text)
        self.setVisible(bool(text))
        window = self.window()
        if text and isinstance(window, QDialog) and window.isVisible():
            grow_to_fit(window)
