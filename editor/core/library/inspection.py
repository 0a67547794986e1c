"""Looking at a library file before anything writes to it, through SQLite only.

``inspect_file`` opens a read-only SQLite connection (``mode=ro``), asks for the
application id, schema version and applied migrations, and runs ``PRAGMA
integrity_check`` (``quick_check`` above ``FULL_CHECK_MAX_BYTES``). A file that is
not SQLite, is another program's database (even an empty one), is damaged, or comes
from a newer Postwright is refused with a message naming it; the file is left
byte-for-byte unchanged. The bytes of the file are never read by Python itself (see
``database``: that would drop the process's locks).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.foundation.errors import CorruptLibraryError, LibraryError, LibraryVersionError
from editor.core.library.database import APPLICATION_ID, BUSY_TIMEOUT_MS, read_only_uri, storage_error

QUICK_CHECK_LINES = 5  # enough to know it is damaged and where; the rest is noise for a person
# Up to this size the full integrity_check (which also compares every index with its table)
# costs little more than quick_check: measured 9 ms at 6 MB, 28 ms at 43 MB, 82 ms at 193 MB
# against 21/63 ms for quick_check on warm caches. Above it, quick_check alone keeps opening quick.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Inspection:
    user_version: int
    applied: set[str] = field(default_factory=set)


def inspect_file(path: Path, *, known: set[str], schema_version: int, integrity: bool = True) -> Inspection | None:
    """What the file at ``path`` is; None if there is no file. Raises LibraryError (a
    subclass saying why) for anything that must not be opened for writing.

    ``integrity=False`` leaves out the integrity check, which reads every page of the
    file: the caller must then run :func:`check_integrity` before anything writes.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _unreadable(path, error) from error
    if path.is_dir():
        raise CorruptLibraryError(f"{path} is a folder, not a Postwright library file.")
    if info.st_size == 0:
        raise CorruptLibraryError(
            f"{path} is an empty file, not a Postwright library; it was left unchanged. Remove it, or choose "
            "another file, to start a new library."
        )
    with _read_only(path) as conn:
        return _inspect(conn, path, known, schema_version, check=_check_pragma(info.st_size) if integrity else None)


def check_integrity(path: Path) -> None:
    """Read every page of the library through SQLite (``integrity_check``, or ``quick_check``
    above ``FULL_CHECK_MAX_BYTES``); raises CorruptLibraryError (or a storage error) if it is
    damaged or unreadable."""
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise _unreadable(path, error) from error
    with _read_only(path) as conn:
        _run_check(conn, path, _check_pragma(size))


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only SQLite connection to ``path``; whatever goes wrong while reading through it
    comes out as a LibraryError sentence (damaged, not SQLite, or a storage error)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        raise storage_error(error, path, "open") from error
    conn.text_factory = _lenient_text  # a damaged page can hold any bytes, in quick_check's report too
    try:
        yield conn
    except UnicodeDecodeError as error:
        raise damaged(path, f"unreadable text: {error.reason}") from error
    except sqlite3.Error as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code == sqlite3.SQLITE_NOTADB:
            raise CorruptLibraryError(
                f"{path} is not a Postwright library (it is not an SQLite database); it was left unchanged. If it "
                f"was one, it is damaged: restore a backup, or try `postwright recover --library {path}`."
            ) from error
        if code == sqlite3.SQLITE_CORRUPT:
            raise damaged(path, str(error)) from error
        raise storage_error(error, path, "open") from error
    finally:
        conn.close()


def _unreadable(path: Path, error: OSError) -> LibraryError:
    return LibraryError(f"Cannot read the library {path}: {error.strerror or error}.")


def _check_pragma(size: int) -> str:
    return "integrity_check" if size <= FULL_CHECK_MAX_BYTES else "quick_check"


def _run_check(conn: sqlite3.Connection, path: Path, pragma: str) -> None:
    problems = [row[0] for row in conn.execute(f"PRAGMA {pragma}").fetchmany(QUICK_CHECK_LINES)]
    if problems != ["ok"]:
        raise damaged(path, "; ".join(problems))


def _inspect(conn: sqlite3.Connection, path: Path, known: set[str], schema_version: int, *,
             check: str | None) -> Inspection:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise CorruptLibraryError(
            f"{path} is an SQLite database but not a Postwright library; it was left unchanged."
        )
    if check is not None:
        _run_check(conn, path, check)
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    applied: set[str] = set()
    if "migrations" in tables:
        applied = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    unknown = sorted(applied - known)
    if user_version > schema_version or unknown:
        detail = (f"its schema is version {user_version}, this Postwright knows up to {schema_version}"
                  if user_version > schema_version else
                  f"it records {len(unknown)} change{'s' if len(unknown) != 1 else ''} this Postwright does not "
                  f"know: {', '.join(unknown[:3])}{'…' if len(unknown) > 3 else ''}")
        raise LibraryVersionError(
            f"The library {path} was written by a newer version of Postwright ({detail}); update Postwright to "
            "open it. The file was left unchanged."
        )
    return Inspection(user_version, applied)


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def damaged(path: Path, detail: str) -> CorruptLibraryError:
    """The refusal for a damaged library, offering the newest good backup and a recovery."""
    backup = newest_good_backup(path)
    offer = (f"restore the newest good backup, {backup}, by copying it over the damaged file while Postwright is "
             "closed, or " if backup is not None else "")
    return CorruptLibraryError(
        f"The library {path} is damaged ({detail.strip()}); Postwright will not write to it and left it "
        f"unchanged. To go on, {offer}recover what can still be read into a new file with "
        f"`postwright recover --library {path}`."
    )


def backups_of(path: Path) -> list[Path]:
    """The library's backups (``library.backup-*``), newest first."""
    candidates = path.parent.glob(f"{path.stem}.backup-*{path.suffix}")
    found = []
    for candidate in candidates:
        try:
            found.append((candidate.stat().st_mtime, candidate))
        except OSError:
            continue
    return [candidate for _mtime, candidate in sorted(found, reverse=True)]


def is_good(path: Path) -> bool:
    """Whether ``path`` is a readable Postwright library that passes ``quick_check``."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=1)
    except sqlite3.Error:
        return False
    conn.text_factory = _lenient_text
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return False
        return [row[0] for row in conn.execute("PRAGMA quick_check").fetchmany(2)] == ["ok"]
    except (sqlite3.Error, UnicodeDecodeError):
        return False
    finally:
        conn.close()


def newest_good_backup(path: Path) -> Path | None:
    return next((backup for backup in backups_of(path) if is_good(backup)), None)
