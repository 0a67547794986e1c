"""Connections to a library file, and the one way to write to it: a transaction.

Only SQLite ever opens the library file. SQLite's locks are POSIX locks, held per
process: a plain ``open()``/``close()`` of the file anywhere in the process drops
all of them, and another process may then delete the write-ahead log under us. So
everything here asks SQLite (PRAGMAs on a connection) and never reads bytes itself;
``os.stat`` (no file descriptor) is the only other look at the file.

Writes happen inside ``Library.transaction()``. The connection runs in autocommit
mode and the transaction issues ``BEGIN IMMEDIATE``/``COMMIT`` itself (nested calls
use savepoints; IMMEDIATE takes the write lock up front, so two processes never
deadlock upgrading a read lock). The stores use the connection through :class:`Database`;
the schema migrations use sqlite-utils, which sees ``conn.in_transaction`` and nests its
own writes in savepoints, so its helpers are safe inside one.

Every SQLite error that leaves a transaction is turned into a ``LibraryError`` whose
message names the file and says what to do (:func:`storage_error`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from editor.core.foundation.errors import LibraryError
from editor.core.library.storage_errors import file_identity, moved_or_deleted, storage_error

APPLICATION_ID = 0x50575254  # "PWRT": marks a file as a Postwright library
BUSY_TIMEOUT_MS = 5000

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_MS", "Database", "LibraryConnection", "connect", "read_only_uri",
           "storage_error", "transaction"]


class LibraryConnection(sqlite3.Connection):
    """A connection that knows its file and how deeply library transactions are nested on it."""

    transaction_depth = 0
    path: Path | None = None
    identity: tuple[int, int] | None = None  # (st_dev, st_ino) of the file when it was opened
    before_write: Callable[[], None] | None = None  # raises if the file must not be written (see integrity)


class Database:
    """A library connection as the stores use it: ``execute`` and ``conn``.

    The schema migrations build tables with sqlite-utils (``migrations.apply_pending``),
    which is imported only when one is due: with its plugin system and date parser it
    took about 55 ms of every start.
    """

    def __init__(self, conn: LibraryConnection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None) -> sqlite3.Cursor:
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def select_in(self, sql: str, values: Sequence[Any], batch: int = 500) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (one ``IN ({marks})`` in it) for all of ``values``, asked in
        batches well under SQLite's limit on parameters."""
        for start in range(0, len(values), batch):
            chunk = list(values[start:start + batch])
            yield from self.conn.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]


def read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def connect(path: Path | str, *, create: bool = False) -> LibraryConnection:
    """A read-write connection; without ``create`` a missing file is an error, never a new empty file."""
    memory = str(path) == ":memory:"
    target = str(path) if memory else f"{Path(path).resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        conn = sqlite3.connect(
            target, factory=LibraryConnection, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False, uri=True,
        )
    except sqlite3.Error as error:
        raise storage_error(error, None if memory else Path(path), "open") from error
    assert isinstance(conn, LibraryConnection)
    if not memory:
        conn.path = Path(path)
        conn.identity = file_identity(conn.path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        # A REPLACE that deletes a row fires the delete trigger (the search index follows).
        conn.execute("PRAGMA recursive_triggers=ON")
        if not memory:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error as error:
        conn.close()
        raise storage_error(error, conn.path, "open") from error
    return conn


def _check_still_there(conn: LibraryConnection) -> None:
    """Refuse to write into a file that was deleted or replaced while it was open.

    SQLite would go on writing into the unlinked file, and every word would vanish
    when the app closes; one ``stat`` per transaction catches it.
    """
    if conn.path is None or conn.identity is None:
        return
    if file_identity(conn.path) != conn.identity:
        raise LibraryError(moved_or_deleted(conn.path))


@contextmanager
def transaction(conn: LibraryConnection) -> Iterator[None]:
    """One transaction (outermost) or a savepoint (nested); rolled back on any error.

    SQLite errors come out as LibraryError sentences naming the file; the cause of a
    failure is never hidden behind the failure of the rollback that follows it.
    """
    depth = conn.transaction_depth
    savepoint = f"sp{depth}"
    if depth == 0:
        _check_still_there(conn)
        if conn.before_write is not None:
            conn.before_write()
    try:
        conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
    except sqlite3.Error as error:
        raise storage_error(error, conn.path, "write") from error
    conn.transaction_depth = depth + 1
    try:
        yield
    except BaseException as error:
        conn.transaction_depth = depth
        _roll_back(conn, depth, savepoint)
        if isinstance(error, sqlite3.Error):
            raise storage_error(error, conn.path, "write") from error
        raise
    conn.transaction_depth = depth
    try:
        if depth == 0:
            if not conn.in_transaction:
                raise LibraryError("A write ended the library transaction early; nothing after it was saved.")
            conn.execute("COMMIT")
        else:
            conn.execute(f"RELEASE {savepoint}")
    except sqlite3.Error as error:
        _roll_back(conn, depth, savepoint)
        raise storage_error(error, conn.path, "write") from error


def _roll_back(conn: LibraryConnection, depth: int, savepoint: str) -> None:
    """Undo what the failed block wrote; SQLite may already have rolled back on its own
    (a full disk, an I/O error), and then there is nothing left to undo."""
    if not conn.in_transaction:
        return
    try:
        if depth == 0:
            conn.execute("ROLLBACK")
        else:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
    except sqlite3.Error:
        if depth == 0 or not conn.in_transaction:
            return
        # The savepoint is gone with an automatic rollback; end the outer transaction too.
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
