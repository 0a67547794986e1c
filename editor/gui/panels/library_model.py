"""The table behind the library browser: one row per PostSummary (title, status, last edit, on which site)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from editor.core.post.model import PostSummary
from editor.gui.panels.common import BAD, GOOD, WARN, local_time
from editor.gui.panels.rows_model import RowsTableModel

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Title", "Status", "Last edit", "On site")
_STATUS_COLORS = {"draft": WARN, "review": BAD, "published": GOOD}
_STATUS_ORDER = {"draft": 0, "review": 1, "published": 2}


class _Reversed:
    """A sort key that orders the other way round (for bisecting a descending list)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)


_REMOTE_LABELS = {"publish": "published", "pending": "pending review", "draft": "draft", "future": "scheduled",
                  "private": "private", "trash": "in the trash"}


def remote_text(entries: list[tuple[str, str]]) -> str:
    """``[("clinic", "pending")]`` → ``"clinic: pending review"``."""
    return "; ".join(f"{site}: {_REMOTE_LABELS.get(status, status)}" for site, status in entries)


class PostListModel(RowsTableModel):
    """The posts, sorted by the model itself (a sort proxy mapped all 10,000 rows of a large
    library through Python calls again on every refresh: about 25 ms of the GUI thread).

    Column -1 is the order the library lists them in: the most recently edited first.
    """

    columns = COLUMNS
    remote: dict[int, list[tuple[str, str]]] = {}  # post id → [(site, status on the site)]
    _sort_column = -1
    _sort_order = Qt.SortOrder.AscendingOrder

    def set_remote(self, remote: dict[int, list[tuple[str, str]]]) -> None:
        self.remote = remote
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))

    # -- content ---------------------------------------------------------------------
    def set_posts(self, posts: list[PostSummary]) -> None:
        self.set_rows(self._sorted(posts))

    def posts(self) -> list[PostSummary]:
        """The rows as shown (sorted), top to bottom."""
        return self.rows()

    def post_at(self, row: int) -> PostSummary:
        return self.row_at(row)

    def row_of(self, slug: str) -> int:
        for row, post in enumerate(self._rows):
            if post.slug == slug:
                return row
        return -1

    def row_of_id(self, post_id: int | None) -> int:
        for row, post in enumerate(self._rows):
            if post.id == post_id:
                return row
        return -1

    def update_post(self, row: int, post: PostSummary) -> None:
        """Replace ``row`` with ``post`` (just saved) and move it to where the sort puts it."""
        self._rows[row] = post
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        others = self._rows[:row] + self._rows[row + 1:]
        target = self._position_among(others, post)
        if target != row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
            self._rows.insert(target, self._rows.pop(row))
            self.endMoveRows()

    # -- sorting ---------------------------------------------------------------------
    def _key(self, column: int) -> Callable[[PostSummary], Any]:
        if column == 0:
            return lambda post: post.title.casefold()
        if column == 1:
            return lambda post: _STATUS_ORDER.get(post.status, 9)
        if column == 3:
            return lambda post: remote_text(self.remote.get(post.id, []))
        return lambda post: post.updated_at  # column 2, and -1 (newest first)

    def _descending(self) -> bool:
        return self._sort_column < 0 or self._sort_order == Qt.SortOrder.DescendingOrder

    def _sorted(self, posts: list[PostSummary]) -> list[PostSummary]:
        return sorted(posts, key=self._key(self._sort_column), reverse=self._descending())

    def _position_among(self, others: list[PostSummary], post: PostSummary) -> int:
        """Where ``post`` goes among ``others`` (already in order): first among its equals."""
        key = self._key(self._sort_column)
        if self._descending():
            return bisect.bisect_left(others, _Reversed(key(post)), key=lambda other: _Reversed(key(other)))
        return bisect.bisect_left(others, key(post), key=key)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's header asks for it (column -1: the sort indicator was cleared)."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in before]
        self._rows = self._sorted(self._rows)
        rows = {post.id: row for row, post in enumerate(self._rows)}
        moved = [self.index(rows[post_id], index.column()) for post_id, index in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, moved)
        self.layoutChanged.emit()

    # -- Qt model interface ---------------------------------------------------------
    def cell(self, post: PostSummary, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 3:
                return remote_text(self.remote.get(post.id, []))
            return (post.title, post.status.capitalize(), local_time(post.deleted_at or post.updated_at))[column]
        if role == SLUG_ROLE:
            return post.slug
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = ", ".join(post.tags)
            return f"{post.title}\n{post.slug}" + (f"\nTags: {tags}" if tags else "")
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return _STATUS_COLORS.get(post.status)
        return None
