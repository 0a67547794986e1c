"""The outline's item model: an "Introduction" row for the text before the first heading,
then one row per ``##``/``###`` heading, nested, with word counts and a marker for sections
that have problems. Rebuilt only when the heading structure
changes; otherwise counts and markers are updated in place so the view keeps its state."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from editor.core.post.sections import Section, subtree_words

SECTION_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_LEVEL = 3
INTRODUCTION = "Introduction"


class OutlineModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Section", "Words", "⚠"])
        self._structure: tuple[tuple[int, str], ...] = ()
        self._rows: dict[int, list[QStandardItem]] = {}
        self._shown: dict[int, tuple[str, str, str]] = {}  # row -> (words, problems, anchor) on screen

    def update(self, sections: list[Section], section_words: tuple[int, ...], problems: Counter[str]) -> bool:
        """Show ``sections`` (``section_words``: words in each one's own text); returns True
        if the tree was rebuilt because the heading structure changed."""
        visible = [(i, s) for i, s in enumerate(sections)
                   if 0 < s.level <= MAX_LEVEL or (s.level == 0 and section_words and section_words[i])]
        structure = tuple((s.level, s.title) for _, s in visible)
        rebuilt = structure != self._structure
        if rebuilt:
            self._rebuild(visible)
            self._structure = structure
        # Each item change would make the view re-measure its fitted columns over every row
        # (about 1 ms a change at 270 sections): change them quietly, then announce once.
        changed: list[QStandardItem] = []
        was_blocked = self.blockSignals(True)
        try:
            self._update_rows(visible, sections, section_words, problems, changed)
        finally:
            self.blockSignals(was_blocked)
        self._announce(changed)
        return rebuilt

    def _update_rows(self, visible: list[tuple[int, Section]], sections: list[Section],
                     section_words: tuple[int, ...], problems: Counter[str], changed: list[QStandardItem]) -> None:
        totals = subtree_words(sections, section_words) if section_words else None
        for i, section in visible:
            words = "" if totals is None else str(section_words[i] if section.level == 0 else totals[i])
            count = problems.get(section.title, 0)  # the introduction's findings have no section title: ""
            shown = (words, str(count) if count else "", section.anchor)
            if self._shown.get(i) == shown:
                continue  # typing changes one row's count: the others are not touched
            self._shown[i] = shown
            items = self._rows[i]
            changed.append(items[0])
            _set_if_changed(items[1], shown[0])
            _set_if_changed(items[2], shown[1])
            tip = f"{count} problem(s) in this section" if count else ""
            if items[2].toolTip() != tip:
                items[2].setToolTip(tip)
            if items[0].data(SECTION_INDEX_ROLE) != i:  # every changed item signals the view
                items[0].setData(i, SECTION_INDEX_ROLE)
            if items[0].data(ANCHOR_ROLE) != section.anchor:
                items[0].setData(section.anchor, ANCHOR_ROLE)

    def _announce(self, changed: list[QStandardItem]) -> None:
        """One ``dataChanged`` per parent, spanning the rows changed under it."""
        spans: dict[int, tuple[QStandardItem | None, int, int]] = {}
        for item in changed:
            owner = item.parent()
            key = id(owner) if owner is not None else 0
            row = item.row()
            _, low, high = spans.get(key, (owner, row, row))
            spans[key] = (owner, min(low, row), max(high, row))
        last_column = self.columnCount() - 1
        for owner_item, low, high in spans.values():
            parent_index = owner_item.index() if owner_item is not None else QModelIndex()
            self.dataChanged.emit(self.index(low, 0, parent_index), self.index(high, last_column, parent_index))

    def _rebuild(self, visible: list[tuple[int, Section]]) -> None:
        # One reset instead of a removal and an insertion signal per row: each signal has the view
        # lay its rows out again.
        self.beginResetModel()
        was_blocked = self.blockSignals(True)
        try:
            self._build(visible)
        finally:
            self.blockSignals(was_blocked)
            self.endResetModel()

    def _build(self, visible: list[tuple[int, Section]]) -> None:
        self.removeRows(0, self.rowCount())
        self._rows = {}
        self._shown = {}
        parents: list[tuple[int, QStandardItem]] = []
        for i, section in visible:
            intro = section.level == 0
            title = QStandardItem(INTRODUCTION if intro else section.title)
            # The introduction has no heading to rename and always comes first.
            title.setEditable(not intro)
            title.setDragEnabled(not intro)
            title.setDropEnabled(not intro)
            if intro:
                font = title.font()
                font.setItalic(True)
                title.setFont(font)
                title.setToolTip("The text before the first heading")
            words, marker = QStandardItem(""), QStandardItem("")
            for item in (words, marker):
                item.setEditable(False)
                item.setDragEnabled(not intro)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            marker.setForeground(Qt.GlobalColor.darkYellow)
            while parents and parents[-1][0] >= section.level:
                parents.pop()
            (parents[-1][1] if parents else self.invisibleRootItem()).appendRow([title, words, marker])
            if not intro:
                parents.append((section.level, title))
            self._rows[i] = [title, words, marker]

    def longest_text(self, column: int) -> str:
        """The longest text shown in count ``column`` (1: words, 2: problems)."""
        return max((texts[column - 1] for texts in self._shown.values()), key=len, default="")

    def item_for_section(self, index: int) -> QStandardItem | None:
        row = self._rows.get(index)
        return row[0] if row else None


def _set_if_changed(item: QStandardItem, text: str) -> None:
    if item.text() != text:
        item.setText(text)
