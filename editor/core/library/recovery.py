"""Recovering what can still be read from a damaged library into a new file.

The damaged file is only ever read. Two ways in, best first:

1. the ``sqlite3`` command-line program's ``.recover`` (SQLite's own recovery, which
   reads pages directly and gets around damaged b-tree structure), run on the damaged
   file opened read-only, into a scratch database;
2. without a working one, the damaged file itself (opened read-only), read table by
   table and, where a stretch is damaged, row by row (a row that cannot be read is
   skipped and counted). Debian's sqlite3 3.40 lists ``.recover`` but cannot run it
   (it lacks ``sqlite_dbpage``), so there this second way is the one used.

Either way the rows are then copied into a freshly created, fully migrated library
(so the result always has Postwright's schema, triggers and search indexes), which
is written beside the damaged one as ``<name>.recovered-<time><suffix>``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.foundation import library_files
from editor.core.foundation.errors import LibraryError, LibraryMissingError, ValidationError
from editor.core.foundation.output_paths import OverwriteNotConfirmed, check_output
from editor.core.library.database import read_only_uri

# Tables copied, parents before children. The HTTP cache is not worth recovering.
TABLES = ("authors", "assets", "posts", "revisions", "settings", "refs", "ref_aliases", "dismissed_findings",
          "dictionary_words")
RECOVER_TIMEOUT_S = 600
_CHUNK = 200


@dataclass
class RecoveryReport:
    target: Path
    method: str  # "sqlite3 .recover" or "row by row"
    copied: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{table}: {count}" + (f" ({self.skipped[table]} unreadable)" if self.skipped.get(table) else "")
                 for table, count in self.copied.items()]
        return f"Recovered into {self.target} ({self.method}): " + ", ".join(parts) + "."


def sqlite3_recover_available() -> bool:
    """Whether an ``sqlite3`` program is installed whose ``.recover`` really works.

    Some builds list ``.recover`` in their help but lack the ``sqlite_dbpage`` table
    it reads pages through (Debian's 3.40 CLI prints "no such table: sqlite_dbpage"),
    so the probe recovers a one-row database and looks for the row.
    """
    program = shutil.which("sqlite3")
    if program is None:
        return False
    with tempfile.TemporaryDirectory(prefix="postwright-probe-") as scratch:
        probe = Path(scratch) / "probe.sqlite"
        conn = sqlite3.connect(probe)
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES ('recover-probe')")
        conn.commit()
        conn.close()
        try:
            result = subprocess.run([program, "-readonly", str(probe), ".recover"], capture_output=True,
                                    text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return False
    return "recover-probe" in result.stdout


def recover(damaged: Path, target: Path | None = None, *, use_cli: bool | None = None) -> RecoveryReport:
    """Copy every readable post, revision, reference, author and asset of ``damaged`` into a new library."""

    damaged = library_files.resolve_path(damaged, LibraryError, "the library")
    if not damaged.is_file():
        raise LibraryMissingError(f"There is no library file at {damaged} to recover.", path=damaged)
    library_files.opened(damaged)  # read through SQLite from here on: no other code path may open it
    try:
        return _recover(damaged, target, use_cli)
    finally:
        library_files.closed(damaged)


def _recover(damaged: Path, target: Path | None, use_cli: bool | None) -> RecoveryReport:
    from editor.core.library import Library

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = Path(target) if target is not None else damaged.with_name(
        f"{damaged.stem}.recovered-{stamp}{damaged.suffix}")
    try:
        target = check_output(target)  # OutputRefused (the library itself, a database, a folder) goes out as is
    except OverwriteNotConfirmed:
        raise ValidationError(f"{target} already exists; choose another file for the recovered library.") from None
    if use_cli is None:
        use_cli = sqlite3_recover_available()
    with tempfile.TemporaryDirectory(prefix="postwright-recover-") as scratch:
        if use_cli:
            source_path = Path(scratch) / "recovered.sqlite"
            _run_cli_recover(damaged, source_path)
            source = sqlite3.connect(source_path)
            method = "sqlite3 .recover"
        else:
            source = sqlite3.connect(read_only_uri(damaged), uri=True)
            method = "row by row"
        try:
            with Library.open(target, seed=False) as fresh:
                report = RecoveryReport(target, method)
                for table in TABLES:
                    copied, skipped = _copy_table(source, fresh, table)
                    report.copied[table] = copied
                    report.skipped[table] = skipped
                with fresh.transaction():
                    fresh.db.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")
                    _rebuild_reference_index(fresh)
        finally:
            source.close()
    return report


def _run_cli_recover(damaged: Path, scratch_db: Path) -> None:
    program = shutil.which("sqlite3")
    assert program is not None
    try:
        dump = subprocess.run([program, "-readonly", str(damaged), ".recover"], capture_output=True,
                              timeout=RECOVER_TIMEOUT_S)
        load = subprocess.run([program, str(scratch_db)], input=dump.stdout, capture_output=True,
                              timeout=RECOVER_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError) as error:
        raise LibraryError(f"Recovering {damaged} with the sqlite3 program failed: {error}.") from error
    if not scratch_db.exists() or load.returncode not in (0, 1):
        raise LibraryError(f"Recovering {damaged} with the sqlite3 program failed: "
                           f"{load.stderr.decode(errors='replace').strip()[:300]}.")


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.Error:
        return []


def _copy_table(source: sqlite3.Connection, fresh: object, table: str) -> tuple[int, int]:
    from editor.core.library import Library

    assert isinstance(fresh, Library)
    wanted = [c for c in _columns(fresh.db.conn, table) if c in set(_columns(source, table))]
    if not wanted:
        return 0, 0
    names = ", ".join(wanted)
    rows, skipped = _read_rows(source, table, names)
    copied = 0
    with fresh.transaction():
        if table == "posts":  # the sample row a new library may hold would clash with real ones
            fresh.db.execute("DELETE FROM posts")
        for row in rows:
            try:
                fresh.db.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})",
                                 list(row))
                copied += 1
            except sqlite3.Error:
                skipped += 1
    return copied, skipped


def _read_rows(source: sqlite3.Connection, table: str, names: str) -> tuple[list[tuple[object, ...]], int]:
    """Every row that can be read, in rowid order; a damaged stretch is retried row by row."""
    try:
        return list(source.execute(f"SELECT {names} FROM {table}")), 0
    except sqlite3.Error:
        pass
    rows: list[tuple[object, ...]] = []
    skipped = 0
    try:
        last = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.Error:
        last = 0
    for start in range(0, last + 1, _CHUNK):
        try:
            rows.extend(source.execute(f"SELECT {names} FROM {table} WHERE rowid >= ? AND rowid < ?",
                                       [start, start + _CHUNK]))
            continue
        except sqlite3.Error:
            pass
        for rowid in range(start, start + _CHUNK):
            try:
                rows.extend(source.execute(f"SELECT {names} FROM {table} WHERE rowid = ?", [rowid]))
            except sqlite3.Error:
                skipped += 1
    return rows, skipped


def _rebuild_reference_index(fresh: object) -> None:
    """The reference search index holds text derived from each reference's CSL-JSON."""
    from editor.core.library import Library

    assert isinstance(fresh, Library)
    fresh.references.rebuild_search_index()
