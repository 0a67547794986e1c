"""The table behind the library browser: one row per PostSummary (title, status, last edit, on which site)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from editor.core.post.model import PostSummary
from editor.gui.panels.common import BAD, GOOD, WARN, local_time
from editor.gui.panels.rows_model import RowsTableModel

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Title", "Status", "Last edit", "On site")
_STATUS_COLORS = {"draft": WARN, "review": BAD, "published": GOOD}
_STATUS_ORDER = {"draft": 0, "review": 1, "published": 2}


_REMOTE_LABELS = {"publish": "published", "pending": "pending review", "draft": "draft", "future": "scheduled",
                  "private": "private", "trash": "in the trash"}


def remote_text(entries: list[tuple[str, str]]) -> str:
    """``[("clinic", "pending")]`` → ``"clinic: pending review"``."""
    return "; ".join(f"{site}: {_REMOTE_LABELS.get(status, status)}" for site, status in entries)


class PostListModel(RowsTableModel):
    columns = COLUMNS
    remote: dict[int, list[tuple[str, str]]] = {}  # post id → [(site, status on the site)]

    def set_remote(self, remote: dict[int, list[tuple[str, str]]]) -> None:
        self.remote = remote
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))

    # -- content ---------------------------------------------------------------------
    def set_posts(self, posts: list[PostSummary]) -> None:
        self.set_rows(posts)

    def posts(self) -> list[PostSummary]:
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

    def update_to_top(self, row: int, post: PostSummary) -> None:
        """Replace ``row`` with ``post`` and move it first (the list is newest-edit first)."""
        self._rows[row] = post
        if row > 0:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), 0)
            self._rows.insert(0, self._rows.pop(row))
            self.endMoveRows()
        self.dataChanged.emit(self.index(0, 0), self.index(max(row, 0), len(COLUMNS) - 1))

    # -- Qt model interface ---------------------------------------------------------
    def cell(self, post: PostSummary, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 3:
                return remote_text(self.remote.get(post.id, []))
            return (post.title, post.status.capitalize(), local_time(post.deleted_at or post.updated_at))[column]
        if role == SORT_ROLE:
            if column == 3:
                return remote_text(self.remote.get(post.id, []))
            return (post.title.casefold(), _STATUS_ORDER.get(post.status, 9), post.updated_at)[column]
        if role == SLUG_ROLE:
            return post.slug
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = ", ".join(post.tags)
            return f"{post.title}\n{post.slug}" + (f"\nTags: {tags}" if tags else "")
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return _STATUS_COLORS.get(post.status)
        return None
