"""Posts: create, load, conflict-safe save, list, full-text search, trash."""

from __future__ import annotations

import builtins
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from editor.core.foundation.errors import ConflictError, NotFoundError, PostTrashedError, ValidationError
from editor.core.foundation.suggest import end_of_not_found
from editor.core.library.timeutil import utc_now
from editor.core.post.model import STATUSES, Post, PostSummary
from editor.core.post.slugs import slugify, unique_slug

if TYPE_CHECKING:
    from editor.core.library import Library

_FIELDS = (
    "id", "slug", "title", "summary", "body", "status", "author_id", "reviewer_id", "last_reviewed", "tags",
    "series", "series_number", "banner", "show_banner", "related", "citation_display", "created_at", "updated_at",
    "published_at", "version", "deleted_at",
)
_JSON_FIELDS = ("tags", "related")
_EDITABLE = tuple(f for f in _FIELDS if f not in ("id", "created_at", "version", "deleted_at"))
_SUMMARY_COLUMNS = "id, slug, title, status, updated_at, tags"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# What ``PostStore.list`` can sort by (``{direction}``: ASC or DESC); ties go by id.
ORDERS = {
    "edited": "updated_at {direction}",
    "title": "title COLLATE NOCASE {direction}",
    "status": "CASE status WHEN 'draft' THEN 0 WHEN 'review' THEN 1 WHEN 'published' THEN 2 ELSE 9 END {direction}",
    # Which sites it is on and how: "clinic:publish; shop:draft", none first.
    "site": ("(SELECT group_concat(sites.name || ':' || remote_posts.status, '; ') FROM remote_posts "
             "JOIN sites ON sites.address = remote_posts.address WHERE remote_posts.post_id = posts.id) {direction}"),
}
SEARCH_CANDIDATES = 1000  # matches ranked per search (the newest, when a query matches more)
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _row_to_post(row: tuple[Any, ...]) -> Post:
    values = dict(zip(_FIELDS, row, strict=True))
    for field in _JSON_FIELDS:
        values[field] = json.loads(values[field] or "[]")
    values["summary"] = values["summary"] or ""
    values["body"] = values["body"] or ""
    values["show_banner"] = bool(values["show_banner"]) if values["show_banner"] is not None else True
    return Post(**values)


def _summaries(rows: Iterable[tuple[Any, ...]]) -> list[PostSummary]:
    """Rows of ``_SUMMARY_COLUMNS`` as summaries of posts outside the trash.

    The library list reads all 10,000 rows of a large library at once: one loop with no
    function call per row, and each distinct tags text decoded once.
    """
    decoded: dict[str | None, tuple[str, ...]] = {}
    summaries: list[PostSummary] = []
    append, new = summaries.append, tuple.__new__
    for id_, slug, title, status, updated, encoded in rows:
        tags = decoded.get(encoded)
        if tags is None:
            tags = decoded[encoded] = tuple(json.loads(encoded or "[]"))
        append(new(PostSummary, (id_, slug, title, status, updated, tags, None)))
    return summaries


def _trashed_summaries(rows: Iterable[tuple[Any, ...]]) -> list[PostSummary]:
    """Rows of ``_SUMMARY_COLUMNS`` and ``deleted_at`` as summaries."""
    return [PostSummary(id_, slug, title, status, updated, tuple(json.loads(encoded or "[]")), deleted)
            for id_, slug, title, status, updated, encoded, deleted in rows]


def fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word, as a prefix."""
    words = _WORD_RE.findall(text)
    return " ".join(f'"{word}"*' for word in words)


def validate(post: Post) -> None:
    if not post.title.strip():
        raise ValidationError("A post needs a title.")
    if post.status not in STATUSES:
        raise ValidationError(f"Unknown status {post.status!r}: use one of {', '.join(STATUSES)}.")
    if post.slug and not _SLUG_RE.match(post.slug):
        raise ValidationError(
            f"The slug {post.slug!r} is not valid: use lowercase letters, digits and single hyphens."
        )


class PostStore:
    def __init__(self, library: Library) -> None:
        self._library = library

    # -- reading ---------------------------------------------------------------
    def get(self, slug: str, *, include_deleted: bool = False) -> Post:
        row = self._library.db.execute(
            f"SELECT {', '.join(_FIELDS)} FROM posts WHERE slug = ?", [slug]
        ).fetchone()
        if row is None or (row[-1] is not None and not include_deleted):
            if row is not None:
                raise NotFoundError(f"No post with slug {slug!r} in the library (it is in the trash).")
            slugs = (found for (found,) in self._library.db.execute("SELECT slug FROM posts WHERE deleted_at IS NULL"))
            raise NotFoundError(f"No post with slug {slug!r} in the library{end_of_not_found(slug, slugs)}")
        return _row_to_post(row)

    def get_by_id(self, post_id: int) -> Post:
        row = self._library.db.execute(
            f"SELECT {', '.join(_FIELDS)} FROM posts WHERE id = ?", [post_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"No post with id {post_id} in the library.")
        return _row_to_post(row)

    def list(self, *, status: str | None = None, tag: str | None = None, deleted: bool = False,
             order: str = "edited", descending: bool = True, offset: int = 0,
             limit: int | None = None) -> list[PostSummary]:
        """Posts, most recently edited first; ``deleted=True`` lists the trash.

        ``order`` is one of ``ORDERS`` (``"edited"``, ``"title"``, ``"status"``, ``"site"``);
        ``offset``/``limit`` read one page of that order (the library panel reads a screenful
        at a time: a 10,000-post library is not read whole to show its first rows).
        """
        where, params = self._where(status, tag, deleted)
        columns = f"{_SUMMARY_COLUMNS}, deleted_at" if deleted else _SUMMARY_COLUMNS
        direction = "DESC" if descending else "ASC"
        sql = (f"SELECT {columns} FROM posts WHERE {where} "
               f"ORDER BY {ORDERS[order].format(direction=direction)}, id {direction}")
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        rows = self._library.db.execute(sql, params)
        return _trashed_summaries(rows) if deleted else _summaries(rows)

    def count(self, *, status: str | None = None, tag: str | None = None, deleted: bool = False) -> int:
        """How many posts ``list`` with the same filters returns."""
        where, params = self._where(status, tag, deleted)
        return int(self._library.db.execute(f"SELECT count(*) FROM posts WHERE {where}", params).fetchone()[0])

    @staticmethod
    def _where(status: str | None, tag: str | None, deleted: bool) -> tuple[str, builtins.list[object]]:
        where = ["deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"]
        params: builtins.list[object] = []
        if status:
            where.append("status = ?")
            params.append(status)
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(posts.tags) WHERE value = ?)")
            params.append(tag)
        return " AND ".join(where), params

    def search(self, query: str, *, limit: int = 100) -> builtins.list[PostSummary]:
        """Full-text search over title, summary and body, best matches first.

        bm25 ranks at most ``SEARCH_CANDIDATES`` matches: all of them when there are no
        more, else the newest ones (a word found in every post would otherwise rank the
        whole library for the first screenful of results).
        """
        match = fts_query(query)
        if not match:
            return []
        db = self._library.db
        cutoff = db.execute(
            "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            [match, SEARCH_CANDIDATES - 1],
        ).fetchone()
        rows = db.execute(
            f"SELECT {', '.join('posts.' + c.strip() for c in _SUMMARY_COLUMNS.split(','))} "
            "FROM posts_fts JOIN posts ON posts.id = posts_fts.rowid "
            "WHERE posts_fts MATCH ? AND posts_fts.rowid >= ? AND posts.deleted_at IS NULL "
            "ORDER BY bm25(posts_fts, 10.0, 3.0, 1.0) LIMIT ?",
            [match, cutoff[0] if cutoff else 0, limit],
        )
        return _summaries(rows)

    def titles(self, slugs: Iterable[str]) -> dict[str, str]:
        """``{slug: title}`` of those of ``slugs`` that are posts outside the trash."""
        return dict(self._library.db.select_in(
            "SELECT slug, title FROM posts WHERE deleted_at IS NULL AND slug IN ({marks})",
            builtins.list(dict.fromkeys(slugs))))

    def slugs(self) -> set[str]:
        return {row[0] for row in self._library.db.execute("SELECT slug FROM posts")}

    def tags(self) -> builtins.list[str]:
        """Every tag used by a post outside the trash, in alphabetical order."""
        rows = self._library.db.execute(
            "SELECT DISTINCT value FROM posts, json_each(posts.tags) WHERE deleted_at IS NULL ORDER BY value"
        )
        return [row[0] for row in rows]

    def free_slug(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``… whichever is free (the trash counts as taken).

        Reads only the slugs that start with ``base`` (a range of the unique slug index),
        so creating a post costs the same in a library of ten posts or a hundred thousand.
        """
        rows = self._library.db.execute(
            "SELECT slug FROM posts WHERE slug = ? OR (slug > ? AND slug < ?)", [base, f"{base}-", f"{base}-\uffff"]
        )
        return unique_slug(base, {row[0] for row in rows})

    def _slug_taken(self, slug: str, *, other_than: int) -> bool:
        row = self._library.db.execute("SELECT 1 FROM posts WHERE slug = ? AND id != ?", [slug, other_than]).fetchone()
        return row is not None

    # -- writing ---------------------------------------------------------------
    def create(self, post: Post, *, reason: str = "created") -> Post:
        """Insert ``post`` as a new post (a free slug is chosen from the title if needed)."""
        validate(post)
        now = utc_now()
        with self._library.transaction():
            slug = self.free_slug(post.slug or slugify(post.title))
            new = post.replace(
                id=None, slug=slug, version=1, created_at=post.created_at or now, updated_at=now, deleted_at=None,
                published_at=post.published_at or (now if post.status == "published" else None),
            )
            values = self._values(new)
            cursor = self._library.db.execute(
                f"INSERT INTO posts ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                list(values.values()),
            )
            new = new.replace(id=cursor.lastrowid)
            self._library.revisions.record(new, reason)
        return new

    def save(self, post: Post, *, reason: str = "autosave") -> Post:
        """Store ``post`` if nobody changed it since it was loaded; returns the saved post.

        Raises ConflictError (carrying the stored post) when the stored version is not
        ``post.version``: another window or process saved in between.
        """
        if post.id is None:
            raise ValidationError("Only a post that is already in the library can be saved; create it first.")
        validate(post)
        now = utc_now()
        with self._library.transaction():
            if self._slug_taken(post.slug, other_than=post.id):
                raise ValidationError(f"Another post already has the slug {post.slug!r}.")
            published_at = post.published_at or (now if post.status == "published" else None)
            saved = post.replace(version=post.version + 1, updated_at=now, published_at=published_at)
            values = {k: v for k, v in self._values(saved).items() if k in _EDITABLE}
            cursor = self._library.db.execute(
                f"UPDATE posts SET {', '.join(f'{k} = ?' for k in values)}, version = ? "
                "WHERE id = ? AND version = ? AND deleted_at IS NULL",
                [*values.values(), saved.version, post.id, post.version],
            )
            if cursor.rowcount == 0:
                stored = self.get_by_id(post.id)
                if stored.deleted_at is not None:
                    raise PostTrashedError(
                        f"“{post.title}” was moved to the trash elsewhere (at {stored.deleted_at}) since this copy "
                        "was loaded; it was not saved into the trash.", stored=stored, mine=post,
                    )
                raise ConflictError(
                    f"“{post.title}” was changed elsewhere (version {stored.version}, saved {stored.updated_at}) "
                    f"since this copy (version {post.version}) was loaded; it was not overwritten.",
                    stored=stored, mine=post,
                )
            self._library.revisions.record(saved, reason)
        return saved

    def delete(self, slug: str) -> Post:
        """Move a post to the trash."""
        with self._library.transaction():
            post = self.get(slug)
            self._library.db.execute("UPDATE posts SET deleted_at = ? WHERE id = ?", [utc_now(), post.id])
        return post

    def undelete(self, slug: str) -> Post:
        with self._library.transaction():
            post = self.get(slug, include_deleted=True)
            if post.deleted_at is None:
                raise ValidationError(f"The post {slug!r} is not in the trash.")
            self._library.db.execute("UPDATE posts SET deleted_at = NULL WHERE id = ?", [post.id])
        return post.replace(deleted_at=None)

    def empty_trash(self) -> int:
        """Delete the posts in the trash for good, with their history; returns how many."""
        with self._library.transaction():
            ids = [row[0] for row in self._library.db.execute("SELECT id FROM posts WHERE deleted_at IS NOT NULL")]
            for post_id in ids:
                self._library.db.execute("DELETE FROM revisions WHERE post_id = ?", [post_id])
                self._library.db.execute("DELETE FROM dismissed_findings WHERE post_id = ?", [post_id])
                self._library.db.execute("DELETE FROM posts WHERE id = ?", [post_id])
        return len(ids)

    @staticmethod
    def _values(post: Post) -> dict[str, object]:
        values = {field: getattr(post, field) for field in _FIELDS if field != "id"}
        for field in _JSON_FIELDS:
            values[field] = json.dumps(values[field])
        values["show_banner"] = int(bool(values["show_banner"]))
        return values
