"""Reference dialogs: add by identifier (online lookup in a worker), import reference
files (in a worker, with progress and the per-record errors), and edit one reference.

Each dialog calls the reference store (``lib.references``) and shows the store's own
error messages; nothing here parses or formats references itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.references.model import IdentifierResult, ImportReport, Reference
from editor.core.references.normalize import CSL_TYPES, name_to_text
from editor.core.references.writers.dates import iso
from editor.gui.panels.common import MessageLabel, run_with_library

if TYPE_CHECKING:
    from collections.abc import Sequence

REFERENCE_FILE_FILTER = "Reference files (*.ris *.nbib *.txt *.bib *.json);;All files (*)"


class AddIdentifierDialog(QDialog):
    """Add a reference from a DOI, PMID, PMCID or web address.

    The lookup runs in a worker; ``added`` is emitted with the stored Reference. When
    the online lookup failed the reference is still added from the identifier alone
    (marked incomplete) and the dialog stays open to say why. "Cancel lookup" (or closing
    the dialog) stops the lookup at once and adds nothing.
    """

    added = Signal(object)  # Reference

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addIdentifierDialog")
        self.setWindowTitle("Add reference by identifier")
        self._library = library
        self.result_value: IdentifierResult | None = None
        self._busy = False
        self._cancel: threading.Event | None = None
        self.identifier_edit = QLineEdit(objectName="identifierEdit",
                                         placeholderText="10.1056/NEJMoa2032183, PMID 33567185, PMC… or https://…")
        self.identifier_edit.setAccessibleName("DOI, PMID, PMCID or URL")
        self.online_check = QCheckBox("Look up the details online (PubMed, Crossref, the web page)", checked=True)
        self.progress = QProgressBar(objectName="identifierProgress", minimum=0, maximum=0, textVisible=False)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox()
        self.add_button = self.buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self.cancel_button = self.buttons.addButton("Cancel lookup", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setObjectName("cancelLookupButton")
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.add_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("DOI, PubMed ID, PubMed Central ID or web address:"))
        layout.addWidget(self.identifier_edit)
        layout.addWidget(self.online_check)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self) -> None:
        text = self.identifier_edit.text().strip()
        if not text:
            self.message.show_error("Type or paste an identifier first.")
            return
        offline = not self.online_check.isChecked()
        cancel = self._cancel = threading.Event()
        self._set_busy(True)
        self.message.show_info("Looking up…" if not offline else "Adding…")
        run_with_library(
            self._library, lambda lib: lib.references.add_identifier_with_status(text, offline, cancel=cancel),
            lambda result: self._done(result) if self._current(cancel) else None,
            lambda error: self._failed(error) if self._current(cancel) else None, owner=self,
        )

    def cancel(self) -> None:
        """Stop the running lookup: the worker ends at once and nothing is added."""
        if self._cancel is None:
            return
        self._cancel.set()
        self._cancel = None
        self._set_busy(False)
        self.message.show_info("Lookup cancelled; nothing was added.")

    def reject(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
        super().reject()

    def _current(self, cancel: threading.Event) -> bool:
        """Whether a worker's answer belongs to the lookup still shown (not a cancelled one)."""
        if cancel is not self._cancel:
            return False
        self._cancel = None
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        for widget in (self.identifier_edit, self.online_check, self.add_button):
            widget.setEnabled(not busy)

    def _done(self, result: IdentifierResult) -> None:
        self._set_busy(False)
        self.result_value = result
        self.added.emit(result.reference)
        reference = result.reference
        what = f"“{reference.title or reference.citekey}” as [@{reference.citekey}]"
        verb = "Merged into the existing reference" if result.merged else "Added"
        if result.lookup_error and result.lookup_error != "offline":
            self.message.show_warning(
                f"{verb} {what}, from the identifier alone: the online lookup failed ({result.lookup_error}). "
                "It is marked incomplete; edit it or try again later."
            )
            self.identifier_edit.clear()
            return
        self.message.show_info(f"{verb} {what}.")
        self.accept()

    def _failed(self, error: PostwrightError) -> None:
        self._set_busy(False)
        self.message.show_error(str(error))


class ReferenceImportDialog(QDialog):
    """Imports reference files in a worker; shows progress, then what was added and each bad record."""

    imported = Signal(object)  # ImportReport

    def __init__(self, library: Library, paths: Sequence[str | Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceImportDialog")
        self.setWindowTitle("Import references")
        self._library = library
        self._paths = [Path(p) for p in paths]
        self.report: ImportReport | None = None
        names = ", ".join(p.name for p in self._paths)
        self.status_label = QLabel(f"Importing {names}…", wordWrap=True)
        self.progress = QProgressBar(minimum=0, maximum=0, textVisible=False)
        self.message = MessageLabel(self)
        self.errors = QTreeWidget(objectName="referenceImportErrors")
        self.errors.setHeaderLabels(["File", "Line", "Problem"])
        self.errors.setRootIsDecorated(False)
        self.errors.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.errors.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        self._cancel = threading.Event()
        self.cancel_button = QPushButton("Stop Import", objectName="referenceImportCancel")
        self.cancel_button.setToolTip("Stop reading the files now; nothing is imported")
        self.cancel_button.clicked.connect(self._cancel.set)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.buttons)
        self.resize(560, 200)

    def start(self) -> None:
        paths, cancel = list(self._paths), self._cancel
        cancel.clear()
        self.cancel_button.setEnabled(True)
        run_with_library(self._library, lambda lib: lib.references.import_files(paths, cancel=cancel), self._done,
                         self._failed, owner=self)

    def reject(self) -> None:
        self._cancel.set()  # closing stops a file still being read
        super().reject()

    def exec(self) -> int:
        self.start()
        return super().exec()

    def _finish(self) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.buttons.setEnabled(True)

    def _done(self, report: ImportReport) -> None:
        self._finish()
        self.report = report
        added, merged = len(report.added), len(report.merged)
        parts = [f"{added} reference{'s' if added != 1 else ''} added"]
        if merged:
            parts.append(f"{merged} already in the library (completed with new details)")
        if report.errors:
            parts.append(f"{len(report.errors)} record{'s' if len(report.errors) != 1 else ''} skipped")
        self.status_label.setText("Import finished: " + "; ".join(parts) + ".")
        if report.errors:
            self.errors.show()
            for error in report.errors:
                item = QTreeWidgetItem([Path(str(error.get("file", ""))).name, str(error.get("line", "")),
                                        str(error.get("message", ""))])
                item.setToolTip(0, str(error.get("file", "")))
                item.setToolTip(2, str(error.get("message", "")))
                self.errors.addTopLevelItem(item)
            self.errors.resizeColumnToContents(0)
            self.resize(self.width(), 380)
        self.imported.emit(report)

    def _failed(self, error: PostwrightError) -> None:
        self._finish()
        self.status_label.setText("Nothing was imported.")
        self.message.show_error(str(error))


_TEXT_FIELDS = (
    ("title", "Title"), ("container-title", "Journal / site"), ("volume", "Volume"), ("issue", "Issue"),
    ("page", "Pages"), ("publisher", "Publisher"), ("DOI", "DOI"), ("PMID", "PMID"), ("PMCID", "PMCID"),
    ("URL", "URL"),
)


class EditReferenceDialog(QDialog):
    """A form for the main CSL fields of one reference, and its citekey (renamed with an alias)."""

    def __init__(self, library: Library, citekey: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editReferenceDialog")
        self._library = library
        self.reference: Reference = library.references.require(citekey)
        self.setWindowTitle(f"Edit reference {self.reference.citekey}")
        csl = self.reference.csl
        self.key_edit = QLineEdit(self.reference.citekey, objectName="referenceKey")
        self.type_combo = QComboBox(objectName="referenceType")
        self.type_combo.addItems(sorted(CSL_TYPES))
        self.type_combo.setCurrentText(str(csl.get("type", "article-journal")))
        self.authors_edit = QPlainTextEdit("; ".join(name_to_text(n) for n in csl.get("author", [])),
                                           objectName="referenceAuthors")
        self.authors_edit.setPlaceholderText("Family, Given; Family, Given")
        self.authors_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.issued_edit = QLineEdit(iso(csl.get("issued")), objectName="referenceIssued",
                                     placeholderText="2021-03-18, 2021-03 or 2021")
        self.accessed_edit = QLineEdit(iso(csl.get("accessed")), objectName="referenceAccessed",
                                       placeholderText="for web pages")
        self.text_edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow("Citekey:", self.key_edit)
        form.addRow("Type:", self.type_combo)
        form.addRow("Authors:", self.authors_edit)
        for field_name, label in _TEXT_FIELDS:
            edit = QLineEdit(str(csl.get(field_name, "")), objectName=f"reference_{field_name}")
            self.text_edits[field_name] = edit
            form.addRow(f"{label}:", edit)
            if field_name == "container-title":
                form.addRow("Published:", self.issued_edit)
        form.addRow("Accessed:", self.accessed_edit)
        self.message = MessageLabel(self)
        if self.reference.incomplete:
            self.message.show_warning("This reference is incomplete: fill in at least the authors or title and "
                                      "the year.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def changed_fields(self) -> dict[str, str | None]:
        """The CSL fields whose text differs from the stored reference (None or "" removes)."""
        csl = self.reference.csl
        values: dict[str, str] = {field: edit.text().strip() for field, edit in self.text_edits.items()}
        values["type"] = self.type_combo.currentText()
        values["author"] = self.authors_edit.toPlainText().strip()
        values["issued"] = self.issued_edit.text().strip()
        values["accessed"] = self.accessed_edit.text().strip()
        before = {field: str(csl.get(field, "")) for field in self.text_edits}
        before["type"] = str(csl.get("type", "article-journal"))
        before["author"] = "; ".join(name_to_text(n) for n in csl.get("author", []))
        before["issued"] = iso(csl.get("issued"))
        before["accessed"] = iso(csl.get("accessed"))
        return {field: value for field, value in values.items() if value != before[field]}

    def accept(self) -> None:
        references = self._library.references
        new_key = self.key_edit.text().strip()
        try:
            with self._library.transaction():
                key = self.reference.citekey
                fields = self.changed_fields()
                updated = references.update(key, fields) if fields else self.reference
                if new_key != key:
                    updated = references.rename(key, new_key)
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        self.reference = updated
        super().accept()

