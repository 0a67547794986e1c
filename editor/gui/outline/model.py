"""The outline's item model: an "Introduction" row for the text before the first heading,
then one row per ``##``/``###`` heading, nested, with word counts and a marker for sections
that have problems. Rebuilt only when the heading structure
changes; otherwise counts and markers are updated in place so the view keeps its state."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from editor.core.post.outline_rows import OutlineRow, OutlineRows

SECTION_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
ANCHOR_ROLE = Qt.ItemDataRole.UserRole + 2
INTRODUCTION = "Introduction"


class OutlineModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(["Section", "Words", "⚠"])
        # Row k is the k-th visible section (a "####" heading or an empty introduction is not
        # shown, so k and the section's index differ). Per row: its items, where it sits (parent
        # item, row under it) and what it shows (words, problems, anchor, section index).
        self._rows: list[list[QStandardItem]] = []
        self._places: list[tuple[QStandardItem | None, int]] = []
        self._shown: list[tuple[str, str, str, int] | None] = []
        self._row_of_section: dict[int, int] = {}
        self._outline = OutlineRows()  # as last shown
        self._problems: Counter[str] = Counter()

    def update(self, outline: OutlineRows, problems: Counter[str]) -> bool:
        """Show ``outline``'s rows with ``problems`` (findings per section title); returns True if
        the tree was rebuilt because the heading structure changed."""
        rebuilt = outline.structure != self._outline.structure
        if rebuilt:
            self._rebuild(outline.rows)
        rows: Iterable[int]
        if rebuilt or problems is not self._problems:
            rows = range(len(outline.rows))  # every row's marker may differ
        else:  # typing: the one or two rows whose words changed, found by C-level tuple comparisons
            rows = [k for k, (new, old) in enumerate(zip(outline.rows, self._outline.rows, strict=True)) if new != old]
        self._outline, self._problems = outline, problems
        # Each item change would make the view re-measure its fitted columns over every row
        # (about 1 ms a change at 270 sections): change them quietly, then announce once.
        was_blocked = self.blockSignals(True)
        try:
            changed = self._update_rows(outline.rows, rows, problems)
        finally:
            self.blockSignals(was_blocked)
        self._announce(changed)
        return rebuilt

    def _update_rows(self, rows: tuple[OutlineRow, ...], which: Iterable[int], problems: Counter[str]) -> list[int]:
        """Set what differs from what each of the rows ``which`` shows; returns the rows changed.

        While typing this runs after every key, and each call into Qt may wait for a worker thread
        to hand the interpreter back: only setters are called, and only for what changed."""
        changed: list[int] = []
        renumbered = False
        for row in which:
            _level, title, anchor, index, words = rows[row]
            count = problems.get(title, 0)  # the introduction's findings have no section title: ""
            shown = ("" if words is None else str(words), str(count) if count else "", anchor, index)
            old = self._shown[row]
            if old == shown:
                continue
            self._shown[row] = shown
            changed.append(row)
            title_item, words_item, marker = self._rows[row]
            if old is None or old[0] != shown[0]:
                words_item.setText(shown[0])
            if old is None or old[1] != shown[1]:
                marker.setText(shown[1])
                marker.setToolTip(f"{count} problem(s) in this section" if count else "")
            if old is None or old[2] != anchor:
                title_item.setData(anchor, ANCHOR_ROLE)
            if old is None or old[3] != index:
                title_item.setData(index, SECTION_INDEX_ROLE)  # every changed item signals the view
                renumbered = True
        if renumbered:
            self._row_of_section = {shown[3]: row for row, shown in enumerate(self._shown) if shown is not None}
        return changed

    def _announce(self, changed: list[int]) -> None:
        """One ``dataChanged`` per parent, spanning the rows changed under it."""
        spans: dict[int, tuple[QStandardItem | None, int, int]] = {}
        for row in changed:
            owner, place = self._places[row]
            key = id(owner) if owner is not None else 0
            _, low, high = spans.get(key, (owner, place, place))
            spans[key] = (owner, min(low, place), max(high, place))
        last_column = self.columnCount() - 1
        for owner_item, low, high in spans.values():
            parent_index = owner_item.index() if owner_item is not None else QModelIndex()
            self.dataChanged.emit(self.index(low, 0, parent_index), self.index(high, last_column, parent_index))

    def _rebuild(self, visible: tuple[OutlineRow, ...]) -> None:
        # One reset instead of a removal and an insertion signal per row: each signal has the view
        # lay its rows out again.
        self.beginResetModel()
        was_blocked = self.blockSignals(True)
        try:
            self._build(visible)
        finally:
            self.blockSignals(was_blocked)
            self.endResetModel()

    def _build(self, visible: tuple[OutlineRow, ...]) -> None:
        self.removeRows(0, self.rowCount())
        self._rows, self._places = [], []
        self._shown = [None] * len(visible)
        self._row_of_section = {}
        parents: list[tuple[int, QStandardItem]] = []
        for section in visible:
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
            owner = parents[-1][1] if parents else None
            under = owner if owner is not None else self.invisibleRootItem()
            self._places.append((owner, under.rowCount()))
            under.appendRow([title, words, marker])
            if not intro:
                parents.append((section.level, title))
            self._rows.append([title, words, marker])

    def longest_text(self, column: int) -> str:
        """The longest text shown in count ``column`` (1: words, 2: problems)."""
        texts = [shown[0] if column == 1 else shown[1] for shown in self._shown if shown is not None]
        return max(texts, key=len, default="")

    def item_for_section(self, index: int) -> QStandardItem | None:
        """The title item of the section at ``index`` in the sections shown, None if it has no row."""
        row = self._row_of_section.get(index)
        return self._rows[row][0] if row is not None else None
