"""A read-only table model over a list of rows, and the view the panels show it in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
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
