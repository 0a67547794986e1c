"""The library's ``http_cache`` table as a response cache for the lookup client."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editor.core.library import Library


class LibraryHttpCache:
    """Responses kept for ``max_age_days`` (bibliographic metadata rarely changes)."""

    def __init__(self, library: Library, max_age_days: float = 90.0) -> None:
        self.library = library
        self.max_age = dt.timedelta(days=max_age_days)

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
        if dt.datetime.now(dt.UTC) - fetched > self.max_age:
            return None
        return int(row[0]), str(row[1])

    def put(self, url: str, status: int, body: str) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.library.transaction():
            self.library.db.execute(
                "INSERT OR REPLACE INTO http_cache (url, status, body, fetched_at) VALUES (?, ?, ?, ?)",
                [url, status, body, now],
            )
