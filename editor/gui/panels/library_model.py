"""The table behind the library browser: one row per PostSummary (title, status, last edit)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from editor.core.model import PostSummary
from editor.gui.panels.common import BAD, GOOD, WARN, local_time

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Title", "Status", "Last edit")
_STATUS_COLORS = {"draft": WARN, "review": BAD, "published": GOOD}
_STATUS_ORDER = {"draft": 0, "review": 1, "published": 2}

_Index = QModelIndex | QPersistentModelIndex


class PostListModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._rows: list[PostSummary] = []

    # -- content ---------------------------------------------------------------------
    def set_posts(self, posts: list[PostSummary]) -> None:
        self.beginResetModel()
        self._rows = list(posts)
        self.endResetModel()

    def posts(self) -> list[PostSummary]:
        return list(self._rows)

    def post_at(self, row: int) -> PostSummary:
        return self._rows[row]

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
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        post = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (post.title, post.status.capitalize(), local_time(post.deleted_at or post.updated_at))[column]
        if role == SORT_ROLE:
            return (post.title.casefold(), _STATUS_ORDER.get(post.status, 9), post.updated_at)[column]
        if role == SLUG_ROLE:
            return post.slug
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = ", ".join(post.tags)
            return f"{post.title}\n{post.slug}" + (f"\nTags: {tags}" if tags else "")
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return _STATUS_COLORS.get(post.status)
        return None
