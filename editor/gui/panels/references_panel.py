"""The references panel [referencesView].

Top: the open post's citations in number order with their formatted entries, taken
from each ``hub.rendered`` RenderedPost (``citation_order`` and ``references_html``),
then the cited keys the library does not have. Bottom: the whole reference library,
searchable, with Insert citation, Add by identifier, Import file and Edit.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPalette, QTextDocumentFragment
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.references.model import Reference
from editor.gui import file_dialogs
from editor.gui.hub import SignalHub
from editor.gui.panels.common import BAD, WARN
from editor.gui.panels.rows_model import RowsTableModel, table_view

if TYPE_CHECKING:
    from editor.core.render.renderer import RenderedPost

SEARCH_DELAY_MS = 150
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTRY = re.compile(r'<li id="ref-([^"]*)">(.*?)</li>', re.S)


def cited_entries(rendered: RenderedPost) -> list[tuple[int, str, str]]:
    """``[(number, citekey, entry HTML)]`` of a RenderedPost, in number order."""
    entries = {html.unescape(key): entry for key, entry in _ENTRY.findall(rendered.references_html)}
    return [(number, key, entries.get(key, "")) for number, key in enumerate(rendered.citation_order, start=1)]


def plain_text(entry_html: str) -> str:
    return QTextDocumentFragment.fromHtml(entry_html).toPlainText().strip()


class ReferenceListModel(RowsTableModel):
    columns = ("Key", "Title", "Year", "Authors")

    def set_references(self, references: list[Reference]) -> None:
        self.set_rows(references)

    def keys(self) -> list[str]:
        return [reference.citekey for reference in self._rows]

    def cell(self, ref: Reference, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            authors = ref.authors_text.split("; ")
            first = authors[0].split(",")[0] + (" et al." if len(authors) > 1 else "") if ref.authors_text else ""
            return (ref.citekey, ref.title or ref.url or "(no title)", "" if ref.year is None else str(ref.year),
                    first)[column]
        if role == KEY_ROLE:
            return ref.citekey
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [ref.title, ref.authors_text, ref.container]
            if ref.incomplete:
                lines.append("Incomplete: edit it to add the missing details.")
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.ForegroundRole and ref.incomplete and column == 0:
            return WARN
        return None


class ReferencesPanel(QWidget):
    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None = None, *, fill: bool = True) -> None:
        """``fill=False``: the library's list is read at the first ``refresh()`` (the window
        calls it once it has shown the post), not here."""
        super().__init__(parent)
        self.setObjectName("referencesView")
        self.setAccessibleName("References")
        self._library = library
        self._hub = hub

        self.cited_label = QLabel("Cited in this post", objectName="citedHeading")
        self.cited = QTextBrowser(objectName="citedList")
        self.cited.setAccessibleName("References cited in this post")
        self.cited.setOpenLinks(False)
        self.cited.setToolTip("Click a citekey to edit that reference")
        self._cited_rows: list[tuple[str, str]] = []
        self._shown: tuple | None = None
        self._cited_source: tuple[list[tuple[int, str, str]], list[str]] | None = None
        self.cited_empty = QLabel("This post cites nothing yet. Pick a reference below and click Insert Citation.",
                                  wordWrap=True, objectName="citedEmpty")
        self.cited_empty.setEnabled(False)

        self.search_box = QLineEdit(placeholderText="Search the reference library…", clearButtonEnabled=True,
                                    objectName="referencesSearch")
        self.search_box.setAccessibleName("Search the reference library")
        self.model = ReferenceListModel(self)
        self.view = table_view(self.model, "referencesList")
        self.view.setAccessibleName("Reference library")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 110)
        header.resizeSection(3, 90)
        self.library_label = QLabel(objectName="referencesCount")
        self.insert_button = QPushButton("Insert Citation", objectName="referencesInsert",
                                         toolTip="Insert [@key] for the selected reference at the cursor")
        self.add_button = QPushButton("Add by ID…", objectName="referencesAdd",
                                      toolTip="Add a reference from a DOI, PMID, PMCID or web address")
        self.import_button = QPushButton("Import File…", objectName="referencesImport",
                                         toolTip="Import RIS, PubMed (MEDLINE), BibTeX or CSL-JSON files")
        self.edit_button = QPushButton("Edit…", objectName="referencesEdit",
                                       toolTip="Edit the selected reference's details or citekey")
        self._build_layout()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.refresh)
        self._connect()
        self._show_cited([], [])
        if fill:
            self.refresh()

    def _build_layout(self) -> None:
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.cited_label)
        top_layout.addWidget(self.cited, 1)
        top_layout.addWidget(self.cited_empty)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(QLabel("Reference library"))
        heading.addStretch(1)
        heading.addWidget(self.library_label)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.search_box)
        bottom_layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        for button in (self.insert_button, self.add_button, self.import_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        bottom_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._update_buttons())
        self.view.activated.connect(lambda _index: self.insert_selected())
        self.cited.anchorClicked.connect(lambda url: self.edit_reference(url.fragment() or None))
        self.insert_button.clicked.connect(self.insert_selected)
        self.add_button.clicked.connect(self.add_by_identifier)
        self.import_button.clicked.connect(self.import_files)
        self.edit_button.clicked.connect(lambda: self.edit_reference(self.selected_key()))

    # -- the post's citations ---------------------------------------------------------
    def show_rendered(self, rendered: RenderedPost) -> None:
        shown = (rendered.citation_order, rendered.references_html, tuple(getattr(rendered, "unresolved", ())))
        if shown == self._shown:  # most edits do not change the citations: skip re-laying out the list
            return
        self._shown = shown
        self._cited_source = (cited_entries(rendered), list(shown[2]))
        self._show_cited(*self._cited_source)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The list's colours are written into its HTML: draw it again in the new light/dark palette.
        if event.type() == QEvent.Type.PaletteChange and self._cited_source is not None:
            self._show_cited(*self._cited_source)

    def _show_cited(self, entries: list[tuple[int, str, str]], unresolved: list[str]) -> None:
        """Numbered entries as formatted (italics kept), then the keys with no reference, in red."""
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        link = self.palette().color(QPalette.ColorRole.Link).name()
        self.cited.document().setDefaultStyleSheet(f"a {{ color: {link}; }}")
        number_style = "padding:2px 6px 2px 0; vertical-align:top; text-align:right;"
        entry_style = "padding:2px 0 6px 0; vertical-align:top;"
        rows = ['<table width="100%" cellspacing="0" cellpadding="0">']
        self._cited_rows = []
        for number, key, entry in entries:
            self._cited_rows.append((str(number), plain_text(entry) or key))
            rows.append(
                f'<tr><td style="{number_style}">{number}.</td><td style="{entry_style}">{entry or html.escape(key)}'
                f' <a href="#{html.escape(key, quote=True)}" style="color:{dim};">[@{html.escape(key)}]</a></td></tr>'
            )
        for key in unresolved:
            text = f"[@{key}] is not in the reference library"
            self._cited_rows.append(("?", text))
            rows.append(f'<tr><td style="{number_style} color:{BAD.name()};">?</td>'
                        f'<td style="{entry_style} color:{BAD.name()};">{html.escape(text)}</td></tr>')
        rows.append("</table>")
        has_any = bool(entries or unresolved)
        self.cited.setHtml("".join(rows) if has_any else "")
        self.cited.setVisible(has_any)
        self.cited_empty.setVisible(not has_any)
        count = len(entries)
        self.cited_label.setText(f"Cited in this post ({count})" if count else "Cited in this post")

    def cited_rows(self) -> list[tuple[str, str]]:
        """``[(number, text)]`` as shown in the top list."""
        return list(self._cited_rows)

    # -- the library ------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        selected = self.selected_key()
        query = self.search_box.text().strip()
        try:
            references = self._library.references.search(query) if query else self._library.references.list()
        except PostwrightError as error:
            self._hub.statusMessage.emit(str(error))
            return
        self.model.set_references(references)
        if selected in self.model.keys():
            self.select_key(selected)
        total = len(references)
        self.library_label.setText(f"{total} found" if query else f"{total} reference{'s' if total != 1 else ''}")
        self._update_buttons()

    def selected_key(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def select_key(self, key: str) -> None:
        keys = self.model.keys()
        if key in keys:
            self.view.setCurrentIndex(self.model.index(keys.index(key), 0))

    def _update_buttons(self) -> None:
        has = self.selected_key() is not None
        self.insert_button.setEnabled(has)
        self.edit_button.setEnabled(has)

    # -- commands ---------------------------------------------------------------------
    def insert_selected(self) -> None:
        key = self.selected_key()
        if key:
            self._hub.insertCitation.emit(key)

    def add_by_identifier(self) -> None:
        from editor.gui.dialogs.reference_dialogs import AddIdentifierDialog

        dialog = AddIdentifierDialog(self._library, self)
        dialog.added.connect(self._on_added)
        dialog.exec()

    def _on_added(self, reference: Reference) -> None:
        self._hub.referencesChanged.emit()  # refreshes this panel too
        self.search_box.clear()
        self.refresh()
        self.select_key(reference.citekey)

    def import_files(self) -> None:
        from editor.gui.dialogs.reference_dialogs import REFERENCE_FILE_FILTER, ReferenceImportDialog

        paths = file_dialogs.open_file_names(self, "Import references", REFERENCE_FILE_FILTER)
        if not paths:
            return
        dialog = ReferenceImportDialog(self._library, paths, self)
        dialog.imported.connect(lambda report: self._hub.referencesChanged.emit()
                                if report.added or report.merged else None)
        dialog.exec()

    def edit_reference(self, key: str | None) -> None:
        from editor.gui.dialogs.reference_dialogs import EditReferenceDialog

        if not key:
            return
        try:
            dialog = EditReferenceDialog(self._library, key, self)
        except PostwrightError as error:
            self._hub.statusMessage.emit(str(error))
            return
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._hub.referencesChanged.emit()
            self.select_key(dialog.reference.citekey)
