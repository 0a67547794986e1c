"""Section findings kept in the library, so reopening a post shows its problems at once.

A section's findings depend on its text, title and level, on what every section check
depends on (``CheckContext.section_dependency``: settings, author) and on the checks
themselves. The key is a hash of all of these, with ``checks_version()`` standing for the
checks: a hash of the check modules, the ``editor.core`` modules they import and the data
files they read (``version.py``), so any change to a rule leaves the old entries unused.
Findings are stored with the line their section started on and shifted on reuse, as ``CheckSession`` does in memory.

The cache is an optimisation: a library that cannot be written (read-only, newer,
locked) simply gets no new entries.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from editor.core.checks.finding import Finding
from editor.core.checks.version import checks_version
from editor.core.foundation.errors import PostwrightError
from editor.core.library.timeutil import utc_now

if TYPE_CHECKING:
    from editor.core.library import Library

log = logging.getLogger(__name__)
MAX_ENTRIES = 50_000  # about 200 long posts; the least recently used go first


def cache_key(dependency: object, section_key: object) -> str:
    text = repr((checks_version(), dependency, section_key))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class FindingCache:
    """Reads and writes ``check_cache`` rows on one library connection."""

    def __init__(self, lib: Library) -> None:
        self._lib = lib

    def load(self, keys: Iterable[str]) -> dict[str, tuple[int, list[Finding]]]:
        wanted = list(keys)
        found: dict[str, tuple[int, list[Finding]]] = {}
        try:
            rows = self._lib.db.select_in("SELECT key, start_line, findings FROM check_cache WHERE key IN ({marks})",
                                          wanted)
            for key, start_line, findings in rows:
                found[key] = (start_line, [Finding(**item) for item in json.loads(findings)])
        except (sqlite3.Error, TypeError, ValueError) as error:
            log.info("Check cache not read: %s", error)
            return {}
        return found

    def save(self, entries: Mapping[str, tuple[int, list[Finding]]]) -> None:
        if not entries:
            return
        now = utc_now()
        rows = [(key, start, json.dumps([f.to_dict() for f in findings]), now)
                for key, (start, findings) in entries.items()]
        try:
            with self._lib.transaction():
                self._lib.db.conn.executemany(
                    "INSERT OR REPLACE INTO check_cache (key, start_line, findings, used_at) VALUES (?, ?, ?, ?)", rows
                )
                count = self._lib.db.execute("SELECT count(*) FROM check_cache").fetchone()[0]
                if count > MAX_ENTRIES:
                    self._lib.db.execute(
                        "DELETE FROM check_cache WHERE key IN "
                        "(SELECT key FROM check_cache ORDER BY used_at LIMIT ?)", [count - MAX_ENTRIES]
                    )
        except (sqlite3.Error, PostwrightError) as error:
            log.info("Check cache not written: %s", error)
