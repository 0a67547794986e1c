"""One record per library file per process: the file is checked once, connections are many.

The first ``Library.open`` of a file in a process inspects it through SQLite (see
``inspection``), backs it up and migrates it if needed, or creates it; every later
open, and every worker's :meth:`Library.connection`, finds the file here and only
adds an SQLite connection. Nothing in this module reads the library's bytes.

A new library is built completely under a temporary name and then linked into
place, so a crash while creating one never leaves a half-made file that would later
be refused as foreign.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from editor.core.foundation import library_files
from editor.core.foundation.errors import LibraryError, LibraryMissingError, PostwrightError
from editor.core.foundation.output_paths import OutputRefused, check_output
from editor.core.library import migrations, wal_check
from editor.core.library.database import Database, connect, read_only_uri
from editor.core.library.inspection import check_integrity, inspect_file
from editor.core.library.integrity import IntegrityCheck
from editor.core.library.storage_errors import file_identity


@dataclass(eq=False)
class LibraryFile:
    """A library file open in this process, and how many connections use it."""

    path: Path  # resolved
    users: int = 0
    identity: tuple[int, int] | None = None  # (device, inode) when it was checked
    integrity: IntegrityCheck | None = None  # a check still running (or its verdict); None: checked on opening
    notice: str | None = None  # something the person must be told on opening (changes lost in a damaged log)


_lock = threading.RLock()
_open: dict[Path, LibraryFile] = {}


def acquire(path: Path, *, create: bool, seed: bool, background_check: bool = False) -> LibraryFile:
    """The file's record, checking (and migrating or creating) the file if this process has
    not opened it yet. ``background_check``: see :mod:`editor.core.library.integrity`."""
    resolved = library_files.resolve_path(path, LibraryError, "the library")
    with _lock:
        file = _open.get(resolved)
        if file is None or file.identity != file_identity(resolved):
            # Not open yet, or the file at this path was replaced since: check it afresh.
            loss = wal_check.inspect_wal(resolved)  # before SQLite replays (and would drop) a damaged log
            integrity = _first_open(resolved, create=create, seed=seed, background_check=background_check)
            if file is not None:
                library_files.closed(file.path)
            file = _open[resolved] = LibraryFile(resolved, identity=file_identity(resolved), integrity=integrity)
            if loss is not None:
                file.notice = loss.notice(resolved, _newest_change(resolved))
            library_files.opened(resolved)
        file.users += 1
        return file


def retain(file: LibraryFile) -> None:
    with _lock:
        file.users += 1
        if file.path not in _open:
            _open[file.path] = file
            library_files.opened(file.path)


def release(file: LibraryFile) -> None:
    with _lock:
        file.users -= 1
        if file.users <= 0 and _open.get(file.path) is file:
            del _open[file.path]
            library_files.closed(file.path)


def open_files() -> list[Path]:
    with _lock:
        return list(_open)


def _first_open(path: Path, *, create: bool, seed: bool, background_check: bool) -> IntegrityCheck | None:
    known = {m.__name__ for m in migrations.MIGRATIONS}
    found = inspect_file(path, known=known, schema_version=migrations.schema_version(), integrity=not background_check)
    if found is None:
        if not create:
            raise LibraryMissingError(f"There is no library at {path}.", path=path)
        _create(path, seed=seed)
        return None
    if not migrations.pending(found.applied):
        return IntegrityCheck(path) if background_check else None
    if background_check:
        check_integrity(path)  # a migration writes: only into a file known to be sound
    _migrate(path, found.user_version)
    return None


def _newest_change(path: Path) -> float | None:
    """When the newest post change the library kept was made (seconds since the epoch), read through SQLite."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT max(m) FROM (SELECT max(updated_at) AS m FROM posts "
                               "UNION ALL SELECT max(created_at) FROM revisions)").fetchone()
        finally:
            conn.close()
        stamp = dt.datetime.fromisoformat(str(row[0]).replace("Z", "+00:00"))
    except (sqlite3.Error, ValueError, TypeError):
        return None
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)).timestamp()


def _migrate(path: Path, user_version: int) -> None:
    backup(path, f"v{user_version}")
    conn = connect(path)
    try:
        migrations.apply_pending(Database(conn))
    finally:
        conn.close()


def refuse_companion_name(path: Path) -> None:
    """A new library is never made at the name of another file's ``-wal``, ``-shm`` or ``-journal``:
    SQLite would take it for that database's companion. Decided by the names alone (nothing is read)."""
    for suffix in library_files.SIDECARS:
        if not (path.name.endswith(suffix) and len(path.name) > len(suffix)):
            continue
        base = path.with_name(path.name[: -len(suffix)])
        if os.path.lexists(base):
            raise OutputRefused(f"{path} is the name of the {suffix[1:]} file of {base}; a library is never made "
                                "there. Choose another name.")


def _create(path: Path, *, seed: bool) -> None:
    from editor.core.library import Library

    refuse_companion_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(f"Cannot create the folder for the library {path}: {error.strerror or error}.") from error
    temp = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    _remove_with_logs(temp)
    try:
        lib = Library(Database(connect(temp, create=True)), temp)
        try:
            migrations.apply_pending(lib.db)
            if seed:
                from editor.core.library.seed import seed_sample

                seed_sample(lib)
        finally:
            lib.db.conn.close()  # the last connection: SQLite folds the log into the file
        try:
            os.link(temp, path)
        except FileExistsError:
            # Another process created it meanwhile: use theirs, after the same checks.
            known = {m.__name__ for m in migrations.MIGRATIONS}
            inspect_file(path, known=known, schema_version=migrations.schema_version())
        except OSError:
            if path.exists():
                raise
            os.replace(temp, path)  # a file system without hard links
    except OSError as error:
        raise LibraryError(f"Cannot create the library {path}: {error.strerror or error}.") from error
    finally:
        _remove_with_logs(temp)


def _remove_with_logs(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup(path: Path, label: str) -> Path:
    """Copy the library consistently through SQLite's backup API (never by reading its
    bytes) to ``<name>.backup-<label>-<time><suffix>``; returns the copy."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{path.suffix}")
    number = 1
    while os.path.lexists(target):  # two backups within a second: never one over the other
        number += 1
        target = path.with_name(f"{path.stem}.backup-{label}-{stamp}-{number}{path.suffix}")
    try:
        check_output(target)
    except PostwrightError as error:
        raise LibraryError(f"Could not back up {path}: {error}") from error
    temp = target.with_name(target.name + ".tmp")
    try:
        source = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise LibraryError(f"Could not back up {path}: {error}. Nothing was changed.") from error
    try:
        destination = sqlite3.connect(temp)
        try:
            source.backup(destination)
        finally:
            destination.close()
        temp.replace(target)
    except (sqlite3.Error, OSError) as error:
        temp.unlink(missing_ok=True)
        raise LibraryError(f"Could not back up {path} before changing it: {error}. Nothing was changed.") from error
    finally:
        source.close()
    return target
