"""Opening a library file safely, and the one way to write to it: a transaction.

A file is checked read-only before anything writes to it, so a corrupt file, a
non-SQLite file or a library from a newer Postwright is refused and left
byte-for-byte untouched.

Writes happen inside ``Library.transaction()``. The connection runs in autocommit
mode and the transaction issues ``BEGIN IMMEDIATE``/``COMMIT`` itself (nested calls
use savepoints; IMMEDIATE takes the write lock up front, so two processes never
deadlock upgrading a read lock). sqlite-utils 4 sees ``conn.in_transaction`` and
nests its own writes in savepoints, so its helpers are safe inside one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from editor.core.foundation.errors import CorruptLibraryError, LibraryError, LibraryLockedError

SQLITE_HEADER = b"SQLite format 3\x00"
APPLICATION_ID = 0x50575254  # "PWRT": marks a file as a Postwright library
BUSY_TIMEOUT_MS = 5000


class LibraryConnection(sqlite3.Connection):
    """A connection that knows how deeply library transactions are nested on it."""

    transaction_depth = 0


def inspect_file(path: Path) -> tuple[int, int, set[str]] | None:
    """Read ``(application_id, user_version, applied migration names)`` without writing.

    Returns ``None`` for a file that does not exist. Raises CorruptLibraryError for
    anything that is not a readable SQLite database or not a Postwright library.
    """
    if not path.exists():
        return None
    if path.is_dir():
        raise CorruptLibraryError(f"{path} is a folder, not a Postwright library file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise LibraryError(f"Cannot read the library {path}: {error.strerror or error}.") from error
    if header != SQLITE_HEADER:
        raise CorruptLibraryError(
            f"{path} is not a Postwright library (it is not an SQLite database); it was left unchanged."
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            applied: set[str] = set()
            if "migrations" in tables:
                applied = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise LibraryLockedError(f"The library {path} is locked by another program; try again.") from error
        raise CorruptLibraryError(f"The library {path} cannot be read ({error}); it was left unchanged.") from error
    except sqlite3.DatabaseError as error:
        raise CorruptLibraryError(f"The library {path} is damaged ({error}); it was left unchanged.") from error
    if app_id != APPLICATION_ID and (tables or app_id):
        raise CorruptLibraryError(
            f"{path} is an SQLite database but not a Postwright library; it was left unchanged."
        )
    return app_id, user_version, applied


def connect(path: Path | str) -> LibraryConnection:
    conn = sqlite3.connect(
        str(path), factory=LibraryConnection, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )
    conn.execute("PRAGMA foreign_keys=ON")
    if str(path) != ":memory:":
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    return conn


@contextmanager
def transaction(conn: LibraryConnection) -> Iterator[None]:
    """One transaction (outermost) or a savepoint (nested); rolled back on any error."""
    depth = conn.transaction_depth
    savepoint = f"sp{depth}"
    try:
        conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise LibraryLockedError("The library is busy in another program; try again.") from error
        raise
    conn.transaction_depth = depth + 1
    try:
        yield
    except BaseException:
        conn.transaction_depth = depth
        if depth == 0:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        else:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
        raise
    conn.transaction_depth = depth
    if depth == 0:
        if not conn.in_transaction:
            raise LibraryError("A write ended the library transaction early; nothing after it was saved.")
        conn.execute("COMMIT")
    else:
        conn.execute(f"RELEASE {savepoint}")
