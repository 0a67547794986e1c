"""SQLite's error codes turned into one sentence naming the library file and what to do.

A person seeing "database or disk is full" or "attempt to write a readonly database"
does not know which file, whether anything was lost, or what to do next; these
messages say all three. Nothing half-written is ever left: the transaction that
failed was rolled back, so the library holds what it held before.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from editor.core.foundation.errors import CorruptLibraryError, LibraryError, LibraryLockedError

_NOTHING_CHANGED = "nothing was changed in it"
LOW_SPACE_BYTES = 256 * 1024  # below this, an I/O error while writing is the disk filling up


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of ``path``, or None if it is gone: ``stat`` opens no file descriptor."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def moved_or_deleted(path: Path) -> str:
    return (f"The library file {path} was moved, replaced or deleted while Postwright had it open, so nothing "
            "more can be saved into it; put it back (or restore it from a backup) and reopen Postwright. "
            "The text stays in the editor.")


def _on_read_only_disk(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _disk_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def _writable_here(path: Path) -> bool:
    """The file and its folder may be written and the disk is not mounted read-only."""
    folder = path.parent
    return (path.exists() and os.access(path, os.W_OK) and os.access(folder, os.W_OK)
            and not _on_read_only_disk(folder))


def _why_read_only(path: Path) -> str:
    folder = path.parent
    if _on_read_only_disk(folder):
        return (f"it is on a disk mounted read-only ({folder}); copy the library to a folder on a writable disk "
                "and open that copy")
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only; make it writable (or copy it to a folder you can write to)"
    if not os.access(folder, os.W_OK):
        return (f"its folder {folder} is read-only (SQLite needs to create its log files beside the library); "
                "make the folder writable or move the library to one you can write to")
    return (f"the file {path} or its folder is read-only (or on a read-only disk); make it writable or move "
            "the library to a folder you can write to")


def storage_error(error: sqlite3.Error, path: Path | None, action: str = "write") -> LibraryError:
    """A LibraryError (or subclass) for ``error`` raised while trying to ``action`` (open/read/write)."""
    name = str(path) if path is not None else "the library"
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    verb = {"open": "open", "read": "read", "write": "save to"}.get(action, action)
    if path is not None and action != "open" and not path.exists():
        return LibraryError(moved_or_deleted(path))
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return LibraryLockedError(
            f"The library {name} is busy in another program (it held the library for more than a few seconds); "
            f"{_NOTHING_CHANGED}. Try again in a moment, or close the other program."
        )
    io_failure = primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
    filling = io_failure and path is not None and _disk_full(path.parent)
    if primary == sqlite3.SQLITE_FULL or "disk is full" in text or filling:
        return LibraryError(
            f"Could not {verb} the library {name}: the disk is full. Free some space on it and try again; "
            f"{_NOTHING_CHANGED}."
        )
    if primary == sqlite3.SQLITE_READONLY or "readonly" in text:
        if code == sqlite3.SQLITE_READONLY and path is not None and _writable_here(path):
            # Nothing on the disk stops the write: SQLite refuses because the file's own header says so (its
            # format-version byte is past what SQLite writes): a damaged header, not a read-only file.
            return CorruptLibraryError(
                f"The library {name} is damaged (its header marks it unwritable although the file and its folder "
                f"are writable); {_NOTHING_CHANGED}. Close Postwright and run `postwright recover --library {name}` "
                "to recover its posts into a new file, or restore a backup.")
        why = _why_read_only(path) if path is not None else "it is read-only"
        return LibraryError(f"Could not {verb} the library {name}: {why}. {_NOTHING_CHANGED.capitalize()}.")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return CorruptLibraryError(
            f"The library {name} is damaged ({text}); {_NOTHING_CHANGED}. Close Postwright and run "
            f"`postwright recover --library {name}` to recover its posts into a new file."
        )
    if primary == sqlite3.SQLITE_CANTOPEN:
        if path is not None and path.parent.exists() and not os.access(path.parent, os.W_OK):
            return LibraryError(f"Could not {verb} the library {name}: {_why_read_only(path)}.")
        return LibraryError(
            f"Could not {verb} the library {name}: the file or its folder cannot be opened (moved, deleted, or no "
            "permission); check that the folder exists and that you can write to it."
        )
    if primary == sqlite3.SQLITE_IOERR:
        return LibraryError(
            f"Could not {verb} the library {name}: the disk reported an error ({text}); {_NOTHING_CHANGED}. "
            "Check the disk (is it full, removed or failing?) and try again."
        )
    return LibraryError(f"Could not {verb} the library {name}: {text}; {_NOTHING_CHANGED}.")
