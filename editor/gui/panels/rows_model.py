"""A read-only table model over a list of rows, and the view the panels show it in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTreeView

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Subclasses set ``columns`` and implement ``cell(item, column, role)``."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def cell(self, item: Any, column: int, role: int) -> object:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)


def table_view(model: QAbstractItemModel, name: str) -> QTreeView:
    """A flat, read-only, single-selection list of rows with alternating colours."""
    view = QTreeView(objectName=name)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return view


def fit_column(view: QTreeView, column: int, texts: list[str], extra: int = 0) -> None:
    """Size ``column`` to the widest of ``texts`` and its header (plus ``extra`` pixels,
    e.g. for an icon), from the texts alone.

    Qt's ResizeToContents measures the rows through the view again after every change or
    reset, on the GUI thread; the callers know their texts and fit a column in microseconds.
    """
    header = view.header()
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 8
    widest = max((view.fontMetrics().horizontalAdvance(text) for text in texts), default=0)
    width = max(widest + extra + margins, header.sectionSizeHint(column))
    header.setSectionResizeMode(column, header.ResizeMode.Fixed)
    if header.sectionSize(column) != width:
        header.resizeSection(column, width)


READABLE_CHARS = 16  # a title cut shorter than this says too little to pick a post by


class _ReadableColumn(QObject):
    """Keeps a stretched column at least ``minimum`` wide (see ``keep_readable``)."""

    def __init__(self, view: QTreeView, column: int, minimum: int, give_way: tuple[int, ...]) -> None:
        super().__init__(view)
        self._view, self._column, self._minimum, self._give_way = view, column, minimum, give_way
        self._dropped: dict[int, int] = {}  # column → its width, hidden here for want of room (back when it comes)
        view.viewport().installEventFilter(self)
        view.header().sectionResized.connect(self._other_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.update()
        return False

    def _other_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self._column:
            self.update()

    def column_hidden_by_owner(self, column: int, hidden: bool) -> None:
        """The panel hides or shows a column itself (the "On site" column): not ours to bring back."""
        self._dropped.pop(column, None)
        self._view.setColumnHidden(column, hidden)
        self.update()

    def _room(self) -> int:
        header = self._view.header()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != self._column and not header.isSectionHidden(c))
        return self._view.viewport().width() - others

    def update(self) -> None:
        header = self._view.header()
        for column in sorted(self._dropped, key=self._give_way.index, reverse=True):  # the last dropped first
            if self._room() - self._dropped[column] < self._minimum:
                break
            del self._dropped[column]
            header.setSectionHidden(column, False)
        for column in self._give_way:
            if self._room() >= self._minimum:
                break
            if not header.isSectionHidden(column):
                self._dropped[column] = header.sectionSize(column)
                header.setSectionHidden(column, True)
        mode = header.ResizeMode.Stretch if self._room() >= self._minimum else header.ResizeMode.Fixed
        if header.sectionResizeMode(self._column) != mode:
            header.setSectionResizeMode(self._column, mode)
        if mode == header.ResizeMode.Fixed and header.sectionSize(self._column) != self._minimum:
            header.resizeSection(self._column, self._minimum)


def keep_readable(view: QTreeView, column: int, *, give_way: tuple[int, ...] = (),
                  chars: int = READABLE_CHARS) -> _ReadableColumn:
    """Let ``column`` stretch over the room the other columns leave, but never below ``chars``
    average characters. When a narrow panel leaves less, the columns in ``give_way`` are hidden
    in that order (and come back when it is widened); if that is still not enough the list
    scrolls sideways, rather than cutting every title to a few letters and "…"."""
    minimum = view.fontMetrics().averageCharWidth() * chars + 12
    keeper = _ReadableColumn(view, column, minimum, give_way)
    keeper.update()
    return keeper
