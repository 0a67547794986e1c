"""File → Export → Patient Handout (PDF): paper size, large print, where to save.

The gate and the print page are made on a worker (``editor.core.export.handout``); Chromium
prints the page asynchronously (``editor.gui.printing.PdfPrinter``); the PDF is written on a
worker. The dialog stays responsive throughout and shows what blocked the handout, if anything.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.gate import PublishBlockedError
from editor.core.export.handout import HandoutDocument, prepare_handout, write_pdf
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.output_paths import OverwriteNotConfirmed, overwriting
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.render.handout import LARGE_PRINT_SETTING, PAPER_SETTING, HandoutOptions
from editor.gui import file_dialogs
from editor.gui.dialogs.export_dialog import FOLDER_SETTING, last_export_folder
from editor.gui.panels.common import MessageLabel, run_with_library
from editor.gui.printing import PdfPrinter
from editor.gui.workers import run_in_background


class HandoutDialog(QDialog):
    saved = Signal(str)  # the PDF's path

    def __init__(self, library: Library, post: Post, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutDialog")
        self.setWindowTitle(f"Patient Handout — {post.title}")
        self._library = library
        self._post = post
        self._busy = False
        self._replace_ok: set[str] = set()  # destinations the person agreed to replace
        self._printed_data = b""
        options = HandoutOptions.from_library(library)
        folder = last_export_folder(library)

        self.paper_combo = QComboBox(objectName="handoutPaper")
        self.paper_combo.addItem("US Letter", "letter")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(options.paper)))
        self.paper_combo.setAccessibleName("Paper size")
        self.large_print = QCheckBox("&Large print (16 pt text instead of 12 pt)", objectName="handoutLargePrint")
        self.large_print.setChecked(options.large_print)
        self.destination_edit = QLineEdit(str(folder / f"{post.slug}.pdf"), objectName="handoutDestination")
        self.destination_edit.setAccessibleName("Save the PDF as")
        self.browse_button = QPushButton("&Browse…", objectName="handoutBrowse")
        self.message = MessageLabel(self)
        self.message.setObjectName("handoutMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("&Save PDF", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("handoutSave")
        self.save_button.setDefault(True)
        self.printer = PdfPrinter(self)

        destination = QHBoxLayout()
        destination.addWidget(self.destination_edit, 1)
        destination.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("&Paper:", self.paper_combo)
        form.addRow("", self.large_print)
        form.addRow("Save &as:", destination)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

        self.browse_button.clicked.connect(self._browse)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.printer.finished.connect(self._printed)
        self.printer.failed.connect(self._failed)

    @property
    def busy(self) -> bool:
        return self._busy

    def options(self) -> HandoutOptions:
        return HandoutOptions(paper=str(self.paper_combo.currentData()), large_print=self.large_print.isChecked())

    def save(self) -> None:
        if self._busy:
            return
        target = self.destination_edit.text().strip()
        if not target:
            self.message.show_error("Choose where to save the PDF.")
            return
        options = self.options()
        post = self._post
        self._set_busy(True, "Checking the post and laying out the pages…")

        def job(lib: Library) -> HandoutDocument:
            lib.settings.set(PAPER_SETTING, options.paper)
            lib.settings.set(LARGE_PRINT_SETTING, options.large_print)
            lib.settings.set(FOLDER_SETTING, str(Path(target).expanduser().parent))
            return prepare_handout(lib, post, options)

        run_with_library(self._library, job, self._prepared, self._failed, owner=self)

    def _prepared(self, document: HandoutDocument) -> None:
        self.message.show_info("Printing…")
        self.printer.print_html(document.html, document.paper)

    def _printed(self, data: bytes) -> None:
        text = self.destination_edit.text().strip()
        target, consent = Path(text).expanduser(), text in self._replace_ok
        self._printed_data = data

        def job() -> Path:
            with overwriting(consent):
                return write_pdf(target, data)

        run_in_background(job, self._written, self._failed)

    def _written(self, path: Path) -> None:
        self._set_busy(False, "")
        self.saved.emit(str(path))
        self.accept()

    def _failed(self, error: PostwrightError) -> None:
        self._set_busy(False, "")
        if isinstance(error, OverwriteNotConfirmed) and self._printed_data and \
                file_dialogs.confirm_replace(self, error):
            self._replace_ok.add(self.destination_edit.text().strip())
            self._set_busy(True, "Saving…")
            self._printed(self._printed_data)
            return
        if isinstance(error, PublishBlockedError):
            self.message.show_error("The handout was not made: fix or dismiss these first.\n" + str(error))
        else:
            self.message.show_error(str(error))

    def _browse(self) -> None:
        path = file_dialogs.save_file_name(self, "Save Patient Handout", "PDF documents (*.pdf)",
                                           self.destination_edit.text())
        if path:
            self.destination_edit.setText(path)
            if path.lower().endswith(".pdf"):  # the save dialog asked before choosing an existing file
                self._replace_ok.add(path)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        for widget in (self.save_button, self.paper_combo, self.large_print, self.destination_edit,
                       self.browse_button):
            widget.setEnabled(not busy)
        if text:
            self.message.show_info(text)
        elif busy is False and not self.message.isHidden() and self.message.text().endswith("…"):
            self.message.hide()
