"""The library's ``http_cache`` table as a response cache for the lookup client.

Bounded: an answer is kept for ``max_age_days``; the table holds at most
``max_entries`` answers and ``max_bytes`` of bodies (the oldest go first), and an answer
larger than a tenth of ``max_bytes`` is not kept at all.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from editor.core.foundation.limits import CACHE_MAX_AGE_DAYS, CACHE_MAX_BYTES, CACHE_MAX_ENTRIES

if TYPE_CHECKING:
    from editor.core.foundation.storage import Storage


class LibraryHttpCache:
    """Responses kept for ``max_age_days`` (bibliographic metadata rarely changes)."""

    def __init__(
        self, library: Storage, max_age_days: float = CACHE_MAX_AGE_DAYS, *,
        max_entries: int = CACHE_MAX_ENTRIES, max_bytes: int = CACHE_MAX_BYTES,
    ) -> None:
        self.library = library
        self.max_age = dt.timedelta(days=max_age_days)
        self.max_entries = max_entries
        self.max_bytes = max_bytes

    def get(self, url: str) -> tuple[int, str] | None:
        row = self.library.db.execute(
            "SELECT status, body, fetched_at FROM http_cache WHERE url = ?", [url]
        ).fetchone()
        if row is None:
            return None
        try:
            fetched = dt.datetime.fromisoformat(row[2])
        except (TypeError, ValueError):
            return None
        if fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=dt.UTC)
        if dt.datetime.now(dt.UTC) - fetched > self.max_age:
            return None
        return int(row[0]), str(row[1])

    def put(self, url: str, status: int, body: str) -> None:
        if len(body.encode("utf-8")) > self.max_bytes // 10:
            return
        now = dt.datetime.now(dt.UTC)
        oldest = (now - self.max_age).isoformat(timespec="seconds")
        db = self.library.db
        with self.library.transaction():
            db.execute(
                "INSERT OR REPLACE INTO http_cache (url, status, body, fetched_at) VALUES (?, ?, ?, ?)",
                [url, status, body, now.isoformat(timespec="seconds")],
            )
            db.execute("DELETE FROM http_cache WHERE fetched_at < ?", [oldest])
            db.execute(
                "DELETE FROM http_cache WHERE url IN (SELECT url FROM ("
                "  SELECT url, ROW_NUMBER() OVER newest AS place, SUM(length(CAST(body AS BLOB))) OVER newest AS total"
                "  FROM http_cache WINDOW newest AS (ORDER BY fetched_at DESC, rowid DESC)"
                ") WHERE place > ? OR total > ?)",
                [self.max_entries, self.max_bytes],
            )
