"""Revision history. Autosaves coalesce: typing for an hour makes a handful of revisions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import NotFoundError
from editor.core.library.timeutil import parse_timestamp, utc_now
from editor.core.post.model import Post, Revision

if TYPE_CHECKING:
    from editor.core.library import Library

COALESCE_WINDOW = dt.timedelta(minutes=10)
_META_EXCLUDED = ("id", "title", "body", "version", "created_at", "updated_at", "deleted_at")


class RevisionStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    def record(self, post: Post, reason: str) -> None:
        """Snapshot ``post``; an autosave within the window of the last autosave replaces it."""
        db = self._library.db
        meta = json.dumps({k: v for k, v in dataclasses.asdict(post).items() if k not in _META_EXCLUDED})
        now = utc_now()
        if reason == "autosave":
            last = db.execute(
                "SELECT id, reason, created_at FROM revisions WHERE post_id = ? ORDER BY id DESC LIMIT 1", [post.id]
            ).fetchone()
            if last and last[1] == "autosave" and parse_timestamp(now) - parse_timestamp(last[2]) < COALESCE_WINDOW:
                db.execute(
                    "UPDATE revisions SET version = ?, updated_at = ?, title = ?, body = ?, meta = ? WHERE id = ?",
                    [post.version, now, post.title, post.body, meta, last[0]],
                )
                return
        db.execute(
            "INSERT INTO revisions (post_id, version, created_at, updated_at, reason, title, body, meta) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [post.id, post.version, now, now, reason, post.title, post.body, meta],
        )

    def list(self, post_id: int) -> list[Revision]:
        rows = self._library.db.execute(
            "SELECT id, post_id, version, updated_at, title, body, reason FROM revisions "
            "WHERE post_id = ? ORDER BY id DESC",
            [post_id],
        )
        return [Revision(*row) for row in rows]

    def get(self, post_id: int, revision_id: int) -> tuple[Revision, dict[str, Any]]:
        row = self._library.db.execute(
            "SELECT id, post_id, version, updated_at, title, body, reason, meta FROM revisions "
            "WHERE post_id = ? AND id = ?",
            [post_id, revision_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"The post has no revision {revision_id}; see its history for the numbers.")
        return Revision(*row[:7]), json.loads(row[7] or "{}")

    def restore(self, slug: str, revision_id: int) -> Post:
        """Make the post look as it did at ``revision_id`` (itself recorded as a new revision)."""
        posts = self._library.posts
        with self._library.transaction():
            current = posts.get(slug)
            assert current.id is not None  # a stored post has an id
            revision, meta = self.get(current.id, revision_id)
            known = {f.name for f in dataclasses.fields(Post)}
            meta = {k: v for k, v in meta.items() if k in known and k != "slug"}
            restored = current.replace(**meta, title=revision.title, body=revision.body)
            return posts.save(restored, reason=f"restore of revision {revision_id}")
