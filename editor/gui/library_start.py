"""Which library the app opens, and when it may make one.

The app remembers the library it used last (``library/last`` in its settings). At start:

- a library named on the command line (``--library`` or ``$POSTWRIGHT_LIBRARY``) is opened if
  it is there; if not, the app says so and offers to create it there or open another one —
  a mistyped path never turns silently into a new, empty library;
- otherwise the library used last is opened; if it is gone (moved, renamed, deleted, on a
  drive that is not connected) the app says where it was and offers to locate it or to create
  a new one — it never makes an empty one in its place;
- with no library ever used (nothing remembered), this is the first start: the library in the
  user's data folder is opened, or made with the sample post if it is not there yet.

Only QtCore is imported here: the start is planned before the app's widgets load.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QSettings

from editor.core.foundation.paths import default_library_path, settings_file

LAST_LIBRARY_KEY = "library/last"
Missing = Literal["named", "gone"]


@dataclass(frozen=True)
class LibraryStart:
    path: Path
    missing: Missing | None = None  # "named": given on the command line; "gone": the one used last
    first_start: bool = False  # nothing used before and nothing there: make it, with the sample post


def start_settings() -> QSettings:
    """The app's settings file, readable before the QApplication exists."""
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def recorded_library(settings: QSettings) -> Path | None:
    value = settings.value(LAST_LIBRARY_KEY, "", str)
    return Path(value) if isinstance(value, str) and value else None


def record_library(settings: QSettings, path: Path) -> None:
    """Remember ``path`` as the library to open next time (the settings file is written only
    when that changes: an ordinary start, on the library used last, writes nothing)."""
    value = str(Path(path).expanduser().absolute())
    if settings.value(LAST_LIBRARY_KEY, "", str) == value:
        return
    settings.setValue(LAST_LIBRARY_KEY, value)
    settings.sync()


def plan_start(named: Path | None, settings: QSettings) -> LibraryStart:
    """What to open: ``named`` (from the command line) or the library used last or the first one."""
    if named is not None:
        return LibraryStart(named, None if _there(named) else "named")
    last = recorded_library(settings)
    if last is not None:
        return LibraryStart(last, None if _there(last) else "gone")
    default = default_library_path()
    return LibraryStart(default, first_start=not _there(default))


def _there(path: Path) -> bool:
    """Something is at ``path`` (a file, or anything that opening would have to refuse)."""
    path = path.expanduser()
    return path.exists() or path.is_symlink()
