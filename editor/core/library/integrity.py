"""Checking a library's pages beside the opening instead of before it.

``integrity_check`` reads every page of the file: about 70 ms for a library of 10,000
posts (180 MB), most of the time it takes to open one. ``Library.open(path,
integrity="background")`` (the app) identifies the file at once (a foreign, newer or
unreadable file is still refused before anything is shown) and runs the check in a
thread while the window is built. Nothing is written before its verdict: every
transaction waits for it, and a damaged library is refused for writing with the same
sentence as before. An SQLite authorizer on each connection holds back any write made
outside a transaction too.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from editor.core.foundation.errors import LibraryError
from editor.core.library.inspection import check_integrity

# What a connection may do before the verdict (or on a damaged file): read.
_READING = frozenset({sqlite3.SQLITE_READ, sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_PRAGMA,
                      sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT, sqlite3.SQLITE_RECURSIVE})


class IntegrityCheck:
    """One check of one file, started at once in a thread of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: LibraryError | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="library integrity check", daemon=True).start()

    def _run(self) -> None:
        try:
            check_integrity(self.path)
        except LibraryError as error:
            self.error = error
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def require_sound(self) -> None:
        """Wait for the verdict; raise the refusal if the file is damaged."""
        self._done.wait()
        if self.error is not None:
            raise self.error

    def authorize(self, action: int, *_details: object) -> int:
        """An SQLite authorizer: reads pass; a write waits for the verdict and is denied on a damaged file."""
        if action in _READING:
            return sqlite3.SQLITE_OK
        self._done.wait()
        return sqlite3.SQLITE_OK if self.error is None else sqlite3.SQLITE_DENY

    def guard(self, conn: sqlite3.Connection) -> None:
        """Hold back writes on ``conn`` until the verdict (nothing to do once the file is known sound)."""
        if not self.done or self.error is not None:
            conn.set_authorizer(self.authorize)
