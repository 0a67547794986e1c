"""Pick one or more library posts (related posts): a filter box over the titles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.post.model import PostSummary


class PostPickerDialog(QDialog):
    """Lists ``posts`` (minus ``exclude``); after accept, ``chosen`` holds the picked slugs."""

    def __init__(self, posts: list[PostSummary], exclude: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postPickerDialog")
        self.setWindowTitle("Add related posts")
        self.chosen: list[str] = []
        self.filter_edit = QLineEdit(placeholderText="Filter by title…", clearButtonEnabled=True)
        self.filter_edit.setAccessibleName("Filter by title")
        self.list = QListWidget(objectName="postPickerList")
        self.list.setAccessibleName("Posts")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for post in sorted(posts, key=lambda p: p.title.casefold()):
            if post.slug in exclude:
                continue
            item = QListWidgetItem(post.title)
            item.setData(Qt.ItemDataRole.UserRole, post.slug)
            item.setToolTip(post.slug)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.resize(440, 420)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def select_slugs(self, slugs: list[str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in slugs)

    def accept(self) -> None:
        self.chosen = [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
                       if self.list.item(row).isSelected() and not self.list.item(row).isHidden()]
        super().accept()
