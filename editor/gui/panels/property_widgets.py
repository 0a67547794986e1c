"""The special fields of the properties panel: author pickers, an optional date, related posts."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.library import Library
from editor.gui.panels.common import BAD, GOOD, WARN

NEW_AUTHOR = -1
SUMMARY_GOOD = (50, 160)  # characters of a meta description that search engines show whole


def summary_color(length: int) -> object:
    """Green inside 50–160 characters, amber when short, red when search engines would cut it."""
    low, high = SUMMARY_GOOD
    if length > high:
        return BAD
    return GOOD if length >= low else WARN


class AuthorCombo(QComboBox):
    """"Not set", every author of the library, and "New author…" (``newAuthorRequested``)."""

    newAuthorRequested = Signal()
    authorChosen = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._current: int | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.activated.connect(self._on_activated)
        self.reload()

    def reload(self) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("Not set", None)
        for author in self._library.authors.list():
            self.addItem(author.display_name, author.id)
            if author.job_title:
                self.setItemData(self.count() - 1, author.job_title, Qt.ItemDataRole.ToolTipRole)
        self.addItem("New author…", NEW_AUTHOR)
        self.blockSignals(False)
        self.set_author_id(self._current)

    def author_id(self) -> int | None:
        return self._current

    def set_author_id(self, author_id: int | None) -> None:
        index = self.findData(author_id) if author_id is not None else 0
        if index < 0:  # an author removed meanwhile: keep the id, say so
            self.addItem(f"Unknown author #{author_id}", author_id)
            index = self.count() - 1
        self._current = author_id
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        data = self.itemData(index)
        if data == NEW_AUTHOR:
            self.set_author_id(self._current)  # shown until a new author exists
            self.newAuthorRequested.emit()
            return
        if data != self._current:
            self._current = data
            self.authorChosen.emit()


class OptionalDateEdit(QWidget):
    """A date that may be "Not set": a QDateEdit whose minimum shows as the special text."""

    dateChanged = Signal()
    _UNSET = QDate(1900, 1, 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setAccessibleName("Date")
        self.edit.setMinimumDate(self._UNSET)
        self.edit.setSpecialValueText("Not set")
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(self._UNSET)
        self.today_button = QToolButton(text="Today", toolTip="Set to today's date")
        self.clear_button = QToolButton(text="Clear", toolTip="No review date")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.today_button)
        layout.addWidget(self.clear_button)
        self.edit.dateChanged.connect(lambda _date: self.dateChanged.emit())
        self.today_button.clicked.connect(lambda: self.edit.setDate(QDate.currentDate()))
        self.clear_button.clicked.connect(lambda: self.edit.setDate(self._UNSET))
        # The calendar opens on today rather than on 1900 when no date is set.
        self.edit.calendarWidget().setSelectedDate(QDate.currentDate())

    def iso_date(self) -> str | None:
        date = self.edit.date()
        return None if date == self._UNSET else date.toString(Qt.DateFormat.ISODate)

    def set_iso_date(self, value: str | None) -> None:
        date = QDate.fromString(value or "", Qt.DateFormat.ISODate)
        self.edit.blockSignals(True)
        self.edit.setDate(date if date.isValid() else self._UNSET)
        self.edit.blockSignals(False)


class RelatedPostsEditor(QWidget):
    """The related posts of a post, in order: slugs of library posts (or free titles)."""

    changed = Signal()
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(objectName="relatedList")
        self.list.setAccessibleName("Related posts")
        self.list.setFixedHeight(self.list.fontMetrics().lineSpacing() * 4 + 10)
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.add_button = QPushButton("Add…", objectName="relatedAdd", toolTip="Pick related posts from the library")
        self.remove_button = QPushButton("Remove", objectName="relatedRemove")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.addRequested)
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.model().rowsMoved.connect(lambda *_args: self.changed.emit())
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def slugs(self) -> list[str]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())]

    def set_related(self, slugs: list[str], titles: dict[str, str]) -> None:
        self.list.clear()
        for slug in slugs:
            self._append(slug, titles)
        self._update_buttons()

    def add(self, slugs: list[str], titles: dict[str, str]) -> None:
        present = set(self.slugs())
        added = [slug for slug in slugs if slug not in present]
        for slug in added:
            self._append(slug, titles)
        if added:
            self.changed.emit()

    def _append(self, slug: str, titles: dict[str, str]) -> None:
        item = QListWidgetItem(titles.get(slug, slug))
        item.setData(Qt.ItemDataRole.UserRole, slug)
        item.setToolTip(slug if slug in titles else f"{slug} (not a post in this library)")
        self.list.addItem(item)

    def _remove_selected(self) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
