"""Rendered sections and reference entries kept on disk, so a post opened again — after a restart
too — reaches the preview without converting its Markdown or formatting its references again.

A cold start spends most of the time between the editor's paint and the preview's last line
converting the post's sections and formatting its reference list (a 50,000-word post: ~0.4 s of
the render thread's CPU, which also slows Chromium's start on a 2-core laptop). The preview's
renderer asks this cache before converting and adds what it converted; exports never use it.

An entry's key is a hash of everything its value depends on: the render code's version
(``render_version``: the render package, the ``editor.core`` modules it imports, the data it
reads, and the Markdown and citeproc-py releases) with, for a section, its Markdown and
sub-heading anchors, and for a reference entry, the style and the item's JSON. So an entry is
either exactly what a fresh render would give or never found. Values are JSON (``msgspec``).

It is derived data in the user's cache folder, never in the library. A file that is damaged,
foreign or from a newer version is set aside (renamed, the last one kept) and a new one made; any other error
turns the cache off for the session: the renderer simply converts, and nothing reaches the
person but a line in the log. Bounded: at most ``MAX_ROWS`` entries, the least recently used
go first. Not thread-safe: one cache per thread, like the renderer.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

APPLICATION_ID = 0x50575243  # "PWRC"
SCHEMA_VERSION = 1
MAX_ROWS = 50_000  # ~ 250 posts of 200 sections; a few hundred MB at most, typically tens
BUSY_TIMEOUT_S = 0.2  # another window writing: skip the cache rather than wait
SECTION, ENTRY = "s", "e"
FILE_NAME = "render-cache.sqlite"


def preview_cache() -> RenderCache:
    """The preview's cache in the user's cache folder, under the render code's version (which reads the
    code's files: call it on the render thread)."""
    from editor.core.foundation.code_version import render_version
    from editor.core.foundation.paths import cache_dir

    return RenderCache(cache_dir() / FILE_NAME, render_version())


class RenderCache:
    """``get(kind, keys)`` / ``put(kind, values)`` over one SQLite file; see the module's docstring."""

    def __init__(self, path: Path, version: str, *, max_rows: int = MAX_ROWS) -> None:
        self.path = path
        self._version = version
        self._max_rows = max_rows
        self._conn: sqlite3.Connection | None = None
        self._failed = False
        self.hits = self.misses = 0  # for tests and benchmarks

    def key(self, kind: str, *parts: object) -> str:
        text = repr((self._version, kind, parts))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The stored values of those ``keys`` found (marked as used now)."""
        wanted = list(dict.fromkeys(keys))
        conn = self._connection()
        if conn is None or not wanted:
            return {}
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start: start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(conn.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", chunk).fetchall())
            if found:
                with conn:
                    conn.executemany("UPDATE entries SET used = ? WHERE key = ?",
                                     [(_now(), key) for key in found])
        except sqlite3.Error as error:
            self._give_up(error)
            return {}
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put(self, values: Mapping[str, bytes]) -> None:
        """Store ``values`` (key → JSON) in one transaction; the oldest go beyond ``max_rows``."""
        conn = self._connection()
        if conn is None or not values:
            return
        now = _now()
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)",
                                 [(key, value, now) for key, value in values.items()])
                excess = conn.execute("SELECT count(*) FROM entries").fetchone()[0] - self._max_rows
                if excess > 0:
                    conn.execute("DELETE FROM entries WHERE key IN "
                                 "(SELECT key FROM entries ORDER BY used LIMIT ?)", (excess,))
        except sqlite3.Error as error:
            self._give_up(error)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._failed:
            try:
                self._conn = self._open()
            except (sqlite3.Error, OSError) as error:
                self._give_up(error)
        return self._conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = _connect(self.path)
        try:
            usable = _usable(conn)
        except sqlite3.DatabaseError:  # not a database at all
            usable = False
        if not usable:
            conn.close()
            _set_aside(self.path)
            conn = _connect(self.path)
        conn.execute("PRAGMA journal_mode = WAL")  # windows read while another writes
        conn.execute("PRAGMA synchronous = NORMAL")  # derived data: losing the last writes costs a render
        with conn:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("CREATE TABLE IF NOT EXISTS entries "
                         "(key TEXT PRIMARY KEY, value BLOB NOT NULL, used REAL NOT NULL) WITHOUT ROWID")
            conn.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries (used)")
        return conn

    def _give_up(self, error: BaseException) -> None:
        """Off for this session; a damaged file is also set aside, so the next session starts a new one
        (a file is not checked whole when opened: that would read all of it on the way to the preview)."""
        log.warning("render cache %s turned off for this session: %s", self.path, error)
        self._failed = True
        self.close()
        if type(error) is sqlite3.DatabaseError:  # "malformed", "not a database": not busy, not I/O
            try:
                _set_aside(self.path)
            except OSError as failure:
                log.warning("render cache %s could not be set aside: %s", self.path, failure)


def _connect(path: Path) -> sqlite3.Connection:
    # One thread uses it; the pipeline closes it from the GUI thread once that thread has ended.
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)


def _usable(conn: sqlite3.Connection) -> bool:
    """An empty file, or a cache of this schema (not another program's database, not a newer cache)."""
    application = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if application == 0 and version == 0:
        return int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) == 0
    return application == APPLICATION_ID and version == SCHEMA_VERSION


def _set_aside(path: Path) -> None:
    """Move an unusable cache out of the way, kept for a look (one: a later one replaces it)."""
    aside = path.with_name(f"{path.name}.set-aside")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            source.replace(Path(f"{aside}{suffix}"))
    log.warning("render cache %s could not be used; set aside as %s", path, aside.name)


def _now() -> float:
    return time.time()
