"""The section outline [outlineView]: navigate, move, rename, add and delete sections.

The view never edits the text itself: it emits requests (``moveRequested``,
``renameRequested``…) that the main window turns into one undoable edit of the
editor's document, after which the outline is rebuilt from the new text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView

from editor.core.post.outline_rows import OutlineRows, outline_rows
from editor.core.post.sections import Section, subtree_end
from editor.gui.outline.model import SECTION_INDEX_ROLE, OutlineModel
from editor.gui.panels.rows_model import fit_column


class OutlineView(QTreeView):
    sectionActivated = Signal(int)  # section index (into split_sections of the body)
    moveRequested = Signal(int, int)  # section index, index to move it before
    moveStepRequested = Signal(int, int)  # section index, -1 (up) or +1 (down) past its sibling
    renameRequested = Signal(int, str)
    addRequested = Signal(int)  # add a new ## section after this section index
    deleteRequested = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("outlineView")
        self.setAccessibleName("Section outline")
        self._model = OutlineModel(self)
        self.setModel(self._model)
        self._sections: list[Section] = []
        self._outline = OutlineRows()
        self._problems: Counter[str] = Counter()  # findings per section title, as last shown
        self._updating = False
        self.setHeaderHidden(False)
        self.setUniformRowHeights(True)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.EditKeyPressed | triggers.SelectedClicked)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The count columns are fitted by _fit_count_columns: Qt's ResizeToContents would measure
        # every row again for each changed item (hundreds of ms when a check marks many sections).
        self._fitted: tuple[str, str] | None = None  # the widest counts the columns were fitted to
        self._fit_count_columns()
        self.clicked.connect(self._on_clicked)
        self.activated.connect(self._on_clicked)
        self._model.itemChanged.connect(self._on_item_changed)

    @property
    def sections(self) -> list[Section]:
        return self._sections

    @property
    def problems(self) -> Counter[str]:
        return self._problems

    def set_sections(self, sections: list[Section], section_words: tuple[int, ...],
                     problems: Counter[str] | None = None, outline: OutlineRows | None = None) -> None:
        """Show ``sections``; ``outline``: their rows, when the render thread has made them already."""
        self._updating = True
        try:
            self._sections = sections
            self._outline = outline_rows(sections, section_words) if outline is None else outline
            self._problems = problems if problems is not None else Counter()
            if self._model.update(self._outline, self._problems):
                self.expandAll()
            self._fit_count_columns()
        finally:
            self._updating = False

    def _fit_count_columns(self) -> None:
        # Only when the widest count changes: a fit asks Qt a dozen things, and while typing each
        # call may wait for a busy worker thread to hand the interpreter back.
        longest = (self._model.longest_text(1), self._model.longest_text(2))
        if longest == self._fitted:
            return
        self._fitted = longest
        for column, text in zip((1, 2), longest, strict=True):
            fit_column(self, column, [text])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fitted = None  # the same texts take another width
            self._fit_count_columns()
        super().changeEvent(event)

    def set_problems(self, problems: Counter[str]) -> None:
        self.set_sections(self._sections, (), problems, self._outline)

    def show_findings(self, findings: Sequence[object]) -> None:
        """Mark each section with its number of findings, counted once per list of findings (not on each
        render while typing: a 200,000-word post has thousands). Findings about the whole post (no line)
        belong to no row; the introduction's section title is ""."""
        self.set_problems(Counter(getattr(f, "section", "") or "" for f in findings
                                  if getattr(f, "line", None) is not None))

    def select_section(self, index: int) -> None:
        """Highlight the section the cursor is in (without emitting navigation)."""
        while index > 0 and index < len(self._sections) and self._model.item_for_section(index) is None:
            index -= 1
        item = self._model.item_for_section(index)
        if item is None:
            self.clearSelection()
            return
        self.blockSignals(True)
        self.setCurrentIndex(item.index())
        self.blockSignals(False)
        self.scrollTo(item.index())

    def _is_introduction(self, section: int | None) -> bool:
        return section == 0 and bool(self._sections) and self._sections[0].level == 0

    def _section_at(self, index: QModelIndex) -> int | None:
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(SECTION_INDEX_ROLE)
        return int(value) if value is not None else None

    def _on_clicked(self, index: QModelIndex) -> None:
        section = self._section_at(index)
        if section is not None:
            self.sectionActivated.emit(section)

    def _on_item_changed(self, item) -> None:
        if self._updating or item.column() != 0:
            return
        section = item.data(SECTION_INDEX_ROLE)
        title = item.text().strip()
        if section is not None and title and title != self._sections[int(section)].title:
            self.renameRequested.emit(int(section), title)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self._section_at(self.currentIndex())
        target = self._section_at(self.indexAt(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()  # the model is rebuilt from the edited text, not moved by Qt
        if source is None or self._is_introduction(source):
            return
        position = self.dropIndicatorPosition()
        if target is None:
            before = len(self._sections)
        elif self._is_introduction(target):
            before = 1  # nothing goes above the introduction: onto it means first after it
        elif position == QAbstractItemView.DropIndicatorPosition.AboveItem:
            before = target
        else:  # below or onto an item: after it and its subsections
            before = subtree_end(self._sections, target)
        if before != source:
            self.moveRequested.emit(source, before)

    def _context_menu(self, point) -> None:
        section = self._section_at(self.indexAt(point))
        if self._is_introduction(section):
            section = None  # no heading to rename, move or delete
        menu = QMenu(self)
        if section is not None:
            menu.addAction("Rename", lambda: self.edit(self.indexAt(point).siblingAtColumn(0)))
            menu.addAction("Move up", lambda: self.moveStepRequested.emit(section, -1))
            menu.addAction("Move down", lambda: self.moveStepRequested.emit(section, +1))
            menu.addSeparator()
        menu.addAction("Add section after" if section is not None else "Add section",
                       lambda: self.addRequested.emit(section if section is not None else len(self._sections) - 1))
        if section is not None:
            menu.addAction("Delete section…", lambda: self.deleteRequested.emit(section))
        menu.exec(self.viewport().mapToGlobal(point))
