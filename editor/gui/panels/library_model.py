"""The table behind the library browser: one row per PostSummary (title, status, last edit, on which site)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from editor.core.post.model import PostSummary
from editor.gui.panels.common import BAD, GOOD, WARN, local_time
from editor.gui.panels.rows_model import Index, RowsTableModel

SLUG_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Title", "Status", "Last edit", "On site")
_STATUS_COLORS = {"draft": WARN, "review": BAD, "published": GOOD}
_STATUS_ORDER = {"draft": 0, "review": 1, "published": 2}


_REMOTE_LABELS = {"publish": "published", "pending": "pending review", "draft": "draft", "future": "scheduled",
                  "private": "private", "trash": "in the trash"}


_SHORT_REMOTE_LABELS = {"publish": "Live", "pending": "In review", "draft": "Draft", "future": "Scheduled",
                        "private": "Private", "trash": "In trash"}


def remote_text(entries: list[tuple[str, str]], *, one_site: bool = False) -> str:
    """``[("clinic", "pending")]`` → ``"clinic: in review"`` (``"In review"`` when every post is on the
    same one site, which the column's header then names: the titles keep the room)."""
    if one_site:
        return "; ".join(_SHORT_REMOTE_LABELS.get(status, status) for _site, status in entries)
    return "; ".join(f"{site}: {_SHORT_REMOTE_LABELS.get(status, status).lower()}" for site, status in entries)


def only_site(remote: dict[int, list[tuple[str, str]]]) -> str | None:
    """The one site every published post is on, or None (none, or several)."""
    sites = {site for entries in remote.values() for site, _status in entries}
    return next(iter(sites)) if len(sites) == 1 else None


Fetch = Callable[[str, bool, int, int], list[PostSummary]]  # (order, descending, offset, limit) → a page
PAGE = 256  # rows read at a time; the view asks for more as it is scrolled towards the end
ORDER_OF_COLUMN = {0: "title", 1: "status", 2: "edited", 3: "site"}  # PostStore.list orders
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # SQLite's NOCASE


class PostListModel(RowsTableModel):
    """The posts, a page at a time, in the order the header asks for (sorted by the library).

    A 10,000-post library is not read whole to show its first rows: ``set_source(fetch, total)``
    reads the first ``PAGE`` and Qt's view asks for more (``fetchMore``) as it is scrolled.
    ``set_posts`` shows a fixed list (search results) the same way, sorted here. Column -1 is
    the library's own order: the most recently edited first.
    """

    columns = COLUMNS
    remote: dict[int, list[tuple[str, str]]] = {}  # post id → [(site, status on the site)]
    one_site: str | None = None  # the one site all of them are on (the column is headed "On <site>")
    _sort_column = -1
    _sort_order = Qt.SortOrder.AscendingOrder
    _fetch: Fetch | None = None
    total = 0  # rows the source has, loaded or not

    def set_remote(self, remote: dict[int, list[tuple[str, str]]]) -> None:
        self.remote = remote
        self.one_site = only_site(remote)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 3, 3)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 3), self.index(self.rowCount() - 1, 3))

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if section == 3 and orientation == Qt.Orientation.Horizontal and self.one_site is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"On {self.one_site}"
        return super().headerData(section, orientation, role)

    # -- content ---------------------------------------------------------------------
    def set_source(self, fetch: Fetch, total: int) -> None:
        self._fetch, self.total = fetch, total
        self.set_rows(self._page(0))

    def set_posts(self, posts: list[PostSummary]) -> None:
        fixed = list(posts)

        def fetch(order: str, descending: bool, offset: int, limit: int) -> list[PostSummary]:
            ordered = sorted(fixed, key=lambda post: (self._key(order, post), post.id), reverse=descending)
            return ordered[offset:offset + limit]

        self.set_source(fetch, len(fixed))

    def posts(self) -> list[PostSummary]:
        """The rows loaded so far, top to bottom."""
        return self.rows()

    def post_at(self, row: int) -> PostSummary:
        return self.row_at(row)

    def row_of(self, slug: str, *, load: bool = False) -> int:
        """The row of ``slug``; with ``load``, pages are read until it is found."""
        while True:
            for row, post in enumerate(self._rows):
                if post.slug == slug:
                    return row
            if not (load and self.canFetchMore()):
                return -1
            self.fetchMore()

    def row_of_id(self, post_id: int | None) -> int:
        for row, post in enumerate(self._rows):
            if post.id == post_id:
                return row
        return -1

    def canFetchMore(self, parent: Index = QModelIndex(), /) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex(), /) -> None:  # noqa: B008
        if parent.isValid():
            return
        page = self._page(len(self._rows))
        if not page:
            self.total = len(self._rows)  # the source shrank meanwhile
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def update_post(self, row: int, post: PostSummary) -> None:
        """Replace ``row`` with ``post`` (just saved) and move it to where the order puts it:
        among the loaded rows, or out of them if it now belongs further down."""
        self._rows[row] = post
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        others = self._rows[:row] + self._rows[row + 1:]
        target = self._position_among(others, post)
        if target == len(others) and len(self._rows) < self.total:
            self.beginRemoveRows(QModelIndex(), row, row)  # it comes back with a later page
            del self._rows[row]
            self.endRemoveRows()
        elif target != row:
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target if target < row else target + 1)
            self._rows.insert(target, self._rows.pop(row))
            self.endMoveRows()

    # -- order -----------------------------------------------------------------------
    def _order(self) -> tuple[str, bool]:
        if self._sort_column < 0:
            return "edited", True
        return ORDER_OF_COLUMN[self._sort_column], self._sort_order == Qt.SortOrder.DescendingOrder

    def _page(self, offset: int) -> list[PostSummary]:
        if self._fetch is None:
            return []
        order, descending = self._order()
        return self._fetch(order, descending, offset, PAGE)

    def _key(self, order: str, post: PostSummary) -> Any:
        """``post``'s place in ``order``, as ``PostStore.list`` sorts (ties by id)."""
        if order == "title":
            return post.title.translate(_ASCII_LOWER)
        if order == "status":
            return _STATUS_ORDER.get(post.status, 9)
        if order == "site":
            return "; ".join(f"{site}:{status}" for site, status in self.remote.get(post.id, []))
        return post.updated_at

    def _position_among(self, others: list[PostSummary], post: PostSummary) -> int:
        """Where ``post`` goes among ``others`` (already in order)."""
        order, descending = self._order()
        mine = (self._key(order, post), post.id)
        keys = [(self._key(order, other), other.id) for other in others]
        if descending:
            return sum(1 for key in keys if key > mine)
        return sum(1 for key in keys if key < mine)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's header asks for it (column -1: the sort indicator was cleared): read the
        first page again in that order (the view's selection is restored by its owner)."""
        self._sort_column, self._sort_order = column, order
        if self._fetch is not None:
            self.set_rows(self._page(0))

    # -- Qt model interface ---------------------------------------------------------
    def cell(self, post: PostSummary, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 3:
                return remote_text(self.remote.get(post.id, []), one_site=self.one_site is not None)
            return (post.title, post.status.capitalize(), local_time(post.deleted_at or post.updated_at))[column]
        if role == SLUG_ROLE:
            return post.slug
        if role == Qt.ItemDataRole.ToolTipRole:
            tags = ", ".join(post.tags)
            lines = [post.title, post.slug, f"{post.status.capitalize()}, edited {local_time(post.updated_at)}"]
            lines += [f"Tags: {tags}"] * bool(tags)
            lines += [f"On {site}: {_REMOTE_LABELS.get(status, status)}"
                      for site, status in self.remote.get(post.id, [])]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return _STATUS_COLORS.get(post.status)
        return None
