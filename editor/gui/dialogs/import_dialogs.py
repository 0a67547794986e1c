"""Importing posts: File → Import files, and "Import from text" (pasted from a web page).

Each import runs ``editor.core.importers.import_path`` / ``import_text`` in a worker
with its own library connection, one file after another, and the dialog lists what
each produced: the post's slug, its sections, citations and references, the citation
numbers that had no reference, and the importer's warnings. Below the list, the import
report of the selected source says where its text went (body, references, author box,
related posts, banner) and what was left out as site chrome. A file that fails is
listed with its error; the others still import. A source imported before is not
duplicated silently: the person chooses to update that post, import a copy, or skip it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import ImportCancelled, PostAlreadyImported, PostwrightError
from editor.core.importers import ImportResult, import_path, import_text
from editor.core.importers.report import reference_lines, summarize
from editor.core.library import Library
from editor.gui import file_dialogs
from editor.gui.dialogs.import_matches import MatchesPanel
from editor.gui.hub import SignalHub
from editor.gui.panels.common import BAD, WARN, MessageLabel, run_with_library

if TYPE_CHECKING:
    from collections.abc import Sequence

POST_FILE_FILTER = "Posts (*.md *.markdown *.txt *.html *.htm *.docx);;All files (*)"
SLUG_ROLE = Qt.ItemDataRole.UserRole + 1
REPORT_ROLE = Qt.ItemDataRole.UserRole + 2
_COLUMNS = ("Source", "Post", "Sections", "Citations", "References", "Unresolved", "Warnings")


def ask_update(parent: QWidget | None, error: PostAlreadyImported) -> bool | None:
    """Ask what to do with a source imported before: True update, False a copy, None skip."""
    box = QMessageBox(QMessageBox.Icon.Question, "Imported before",
                      f"\u201c{error.title}\u201d was imported before (post {error.slug}).", parent=parent)
    box.setInformativeText("Update that post with this file (its previous text stays in the history), "
                           "import a second copy, or skip this file?")
    update = box.addButton("Update Post", QMessageBox.ButtonRole.AcceptRole)
    copy = box.addButton("Import Copy", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(update)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is update else False if clicked is copy else None


def report_text(result: ImportResult) -> str:
    """The import report of one result, as a few readable lines."""
    verb = "Updated" if result.updated else "Created"
    lines = [
        f"{verb} {result.slug}: {result.citations} citations, {result.references} references "
        f"({result.references_created} new, {result.references_matched} already in the library), "
        f"{result.orphans} orphan citations, {result.sections} sections, {result.words:,} words.",
        *(f"\u2022 {line}" for line in ([f"Author: {result.author}"] if result.author else [])),
        *(f"\u2022 {line}" for line in summarize(result.report)),
        *(f"\u2022 {line}" for line in reference_lines(result.reference_status, commands=False)),
        *(f"\u2022 Warning: {warning}" for warning in result.warnings),
    ]
    return "\n".join(lines)


class ImportResultsTable(QTreeWidget):
    """One row per imported source; a failed source shows its error in red.

    Every column stays in view: the counts fit their headings, the source and the post take at most
    a share of the width (cut in the middle, whole in their tooltips), the warnings the rest; the
    report below the table shows the selected row's warnings or error whole.
    """

    WARNINGS_SHARE = 0.22  # the warnings column keeps at least this share of the width

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importResults")
        self.setHeaderLabels(list(_COLUMNS))
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # both ends of a file name are what tell it
        header = self.header()
        header.setStretchLastSection(True)
        for column in range(len(_COLUMNS) - 1):
            mode = QHeaderView.ResizeMode.Interactive if column < 2 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        header, room = self.header(), self.viewport().width()
        counts = sum(header.sectionSize(column) for column in range(2, len(_COLUMNS) - 1))
        left = max(160, room - counts - max(120, int(room * self.WARNINGS_SHARE)))  # for the source and the post
        source = min(self.sizeHintForColumn(0), int(left * 0.55))
        header.resizeSection(0, source)
        header.resizeSection(1, min(self.sizeHintForColumn(1), left - source))

    def add_result(self, result: ImportResult) -> QTreeWidgetItem:
        unresolved = ", ".join(f"({n})" for n in result.unresolved)
        warnings = " ".join(result.warnings)
        item = QTreeWidgetItem([
            Path(result.source).name or result.source, result.slug, str(result.sections), str(result.citations),
            str(result.references), unresolved or "—", warnings or "—",
        ])
        item.setData(0, SLUG_ROLE, result.slug)
        item.setData(0, REPORT_ROLE, report_text(result))
        item.setToolTip(0, result.source)
        item.setToolTip(1, f"{result.title} ({result.slug}{', updated' if result.updated else ''})")
        if unresolved:
            item.setForeground(5, BAD)
            item.setToolTip(5, "Cited in the text but missing from the reference list: left as [@missing-N].")
        if warnings:
            item.setForeground(6, WARN)
            item.setToolTip(6, "\n".join(result.warnings))
        self.addTopLevelItem(item)
        self._fit()
        return item

    def add_error(self, source: str, error: PostwrightError) -> QTreeWidgetItem:
        item = QTreeWidgetItem([Path(source).name or source, "Not imported", "", "", "", "", str(error)])
        item.setData(0, SLUG_ROLE, None)
        item.setData(0, REPORT_ROLE, f"Not imported: {error}")
        for column in (1, 6):
            item.setForeground(column, BAD)
        item.setToolTip(0, source)
        item.setToolTip(6, str(error))
        self.addTopLevelItem(item)
        self._fit()
        return item

    def rows(self) -> list[list[str]]:
        items = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        return [[item.text(c) for c in range(len(_COLUMNS))] for item in items if item is not None]


class _ImportDialog(QDialog):
    """The shared part: online option, progress, results and "Open Post"."""

    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._library = library
        self._hub = hub
        self.results: list[ImportResult] = []
        self.errors: list[tuple[str, str]] = []
        self.online_check = QCheckBox("Look up reference details online (slower)", objectName="importOnline")
        self.online_check.setToolTip("Fetch titles and authors for the references' DOIs, PubMed IDs and links")
        self.progress = QProgressBar(objectName="importProgress")
        self.progress.hide()
        self.table = ImportResultsTable()
        self.table.hide()
        self.report = QPlainTextEdit(objectName="importReport", readOnly=True)
        self.report.setPlaceholderText("Where each part of the selected source went.")
        self.report.setAccessibleName("Import report")
        self.report.setMaximumHeight(220)
        self.report.hide()
        self.matches = MatchesPanel(library, self)
        self.matches.accepted.connect(lambda _count: self._hub.referencesChanged.emit())
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("importStart")
        self.import_button.setDefault(True)
        self.open_button = self.buttons.addButton("Open Post", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("importOpen")
        self.open_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton("Stop Import", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.setToolTip("Stop reading the file now; the files already imported stay")
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        self._cancel = threading.Event()
        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(lambda: self.start())
        self.open_button.clicked.connect(self.open_selected)
        self.table.itemSelectionChanged.connect(self._update_open)
        self.table.itemSelectionChanged.connect(self._show_report)
        self.table.itemActivated.connect(lambda _item, _column: self.open_selected())
        self._busy = False

    def start(self) -> None:
        """Begin importing (each kind of import dialog says what from)."""
        raise NotImplementedError

    @property
    def busy(self) -> bool:
        return self._busy

    def cancel(self) -> None:
        """Stop the import: the file being read is dropped at once, the rest are not started."""
        self._cancel.set()

    def reject(self) -> None:
        self.cancel()  # closing while a file is read stops it; what was imported stays
        super().reject()

    def _begin(self, total: int) -> None:
        self._busy = True
        self._cancel.clear()
        self.cancel_button.show()
        self.import_button.setEnabled(False)
        self.online_check.setEnabled(False)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.message.clear_message()

    def _record(self, source: str, outcome: ImportResult | PostwrightError) -> None:
        self.table.show()
        if isinstance(outcome, PostwrightError):
            self.errors.append((source, str(outcome)))
            self.table.add_error(source, outcome)
        else:
            self.results.append(outcome)
            self.matches.add_result(outcome)
            item = self.table.add_result(outcome)
            if len(self.results) == 1:
                self.table.setCurrentItem(item)
        self.progress.setValue(self.progress.value() + 1)

    def _end(self) -> None:
        self._busy = False
        self.cancel_button.hide()
        self.progress.hide()
        done, failed = len(self.results), len(self.errors)
        text = f"Imported {done} post{'s' if done != 1 else ''}"
        text += f"; {failed} could not be imported." if failed else "."
        (self.message.show_warning if failed else self.message.show_info)(text)
        if self.results:
            self._hub.libraryChanged.emit()
            self._hub.statusMessage.emit(text)
        self._update_open()

    def _show_report(self) -> None:
        item = self.table.currentItem()
        text = item.data(0, REPORT_ROLE) if item is not None else None
        self.report.setPlainText(text or "")
        self.report.setVisible(bool(text))

    def _already_imported(self, error: PostAlreadyImported) -> bool | None:
        return ask_update(self, error)

    def _update_open(self) -> None:
        self.open_button.setEnabled(not self._busy and self.selected_slug() is not None)

    def selected_slug(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, SLUG_ROLE) if item is not None else None

    def open_selected(self) -> None:
        slug = self.selected_slug()
        if slug:
            self._hub.requestOpenPost.emit(slug)
            self.accept()


class ImportFilesDialog(_ImportDialog):
    """Imports the chosen files one after another; the list shows each file's outcome."""

    def __init__(self, library: Library, hub: SignalHub, paths: Sequence[str | Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(library, hub, parent)
        self.setObjectName("importFilesDialog")
        self.setWindowTitle("Import posts")
        self.paths = [Path(p) for p in paths]
        names = "\n".join(f"• {p.name}" for p in self.paths)
        self.files_label = QLabel(f"Import {len(self.paths)} file{'s' if len(self.paths) != 1 else ''}:\n{names}")
        self.files_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files_label)
        layout.addWidget(self.online_check)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.matches)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 460)

    def start(self) -> None:
        if self._busy or not self.paths:
            return
        self._begin(len(self.paths))
        self._queue: list[tuple[Path, bool | None]] = [(path, None) for path in self.paths]
        self._offline = not self.online_check.isChecked()
        self._next()

    def _next(self) -> None:
        if self._cancel.is_set():
            for path, _update in self._queue:
                self._record(str(path), ImportCancelled(f"{path.name}: not imported; the import was stopped."))
            self._queue = []
        if not self._queue:
            self._end()
            return
        path, update = self._queue.pop(0)
        offline, cancel = self._offline, self._cancel
        run_with_library(
            self._library, lambda lib: import_path(lib, path, offline=offline, update=update, cancel=cancel),
            lambda result: self._step(path, result), lambda error: self._step(path, error), owner=self,
        )

    def _step(self, path: Path, outcome: ImportResult | PostwrightError) -> None:
        if isinstance(outcome, PostAlreadyImported):
            choice = self._already_imported(outcome)
            if choice is not None:
                self._queue.insert(0, (path, choice))
                self._next()
                return
            outcome = PostAlreadyImported(f"Skipped: already imported as {outcome.slug}.", slug=outcome.slug,
                                          title=outcome.title)
        self._record(str(path), outcome)
        self._next()


class ImportTextDialog(_ImportDialog):
    """Paste the text of a post (copied from a web page, a document or Markdown) and import it."""

    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None = None) -> None:
        super().__init__(library, hub, parent)
        self.setObjectName("importTextDialog")
        self.setWindowTitle("Import from text")
        self.text_edit = QPlainTextEdit(objectName="importText")
        self.text_edit.setAccessibleName("Text to import")
        self.text_edit.setPlaceholderText(
            "Paste the whole post here: title, text, the numbered reference list and the author box. "
            "Numbered citations such as (1) become [@key] citations."
        )
        self.import_button.setEnabled(False)
        self.text_edit.textChanged.connect(
            lambda: self.import_button.setEnabled(not self._busy and bool(self.text_edit.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit, 2)
        layout.addWidget(self.online_check)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.matches)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(760, 660)

    def start(self, update: bool | None = None) -> None:
        text = self.text_edit.toPlainText()
        if (self._busy and update is None) or not text.strip():
            return
        if update is None:
            self._begin(1)
        offline = not self.online_check.isChecked()
        run_with_library(
            self._library, lambda lib: import_text(lib, text, "pasted text", offline=offline, update=update),
            lambda result: self._finish("pasted text", result), lambda error: self._finish("pasted text", error),
            owner=self,
        )

    def _finish(self, source: str, outcome: ImportResult | PostwrightError) -> None:
        if isinstance(outcome, PostAlreadyImported):
            choice = self._already_imported(outcome)
            if choice is not None:
                self.start(update=choice)
                return
        self._record(source, outcome)
        self._end()
        self.import_button.setEnabled(isinstance(outcome, PostwrightError))  # retry after fixing the text


def import_files_interactively(library: Library, hub: SignalHub, parent: QWidget | None = None) -> None:
    """File → Import Posts…: pick files, then import them with the results dialog."""
    paths = file_dialogs.open_file_names(parent, "Import posts", POST_FILE_FILTER)
    if paths:
        ImportFilesDialog(library, hub, paths, parent).exec()
