"""File → Export → Patient Handout (PDF): paper size, large print, where to save.

The gate and the print page are made on a worker (``editor.core.export.handout``); Chromium
prints the page asynchronously (``editor.gui.printing.PdfPrinter``); the PDF is written on a
worker. The dialog stays responsive throughout. What blocked the handout is listed as the
export dialog lists it (``gate_findings``); what the printed page will lack (the clinic's
name, phone, address, a link for the QR code) is said before printing, with a button to
Settings → Site Identity.
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
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.gate import PublishBlockedError
from editor.core.export.handout import HandoutDocument, prepare_handout, published_link, write_pdf
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.output_paths import OverwriteNotConfirmed, overwriting
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.render.handout import LARGE_PRINT_SETTING, PAPER_SETTING, HandoutOptions
from editor.core.render.site_identity import SiteIdentity
from editor.core.render.site_settings import ExportSettings
from editor.gui import file_dialogs
from editor.gui.dialogs.export_dialog import FOLDER_SETTING, last_export_folder
from editor.gui.dialogs.gate_findings import GateFindingsView
from editor.gui.panels.common import MessageLabel, run_with_library
from editor.gui.printing import PdfPrinter
from editor.gui.workers import run_in_background


def missing_identity(library: Library, post: Post) -> str:
    """What the printed page will lack, as one sentence; "" when it has everything."""
    lacking = [part.removeprefix("clinic ") for part in
               SiteIdentity.from_settings(library.settings).missing_for_print()]
    no_link = not ExportSettings.from_settings(library.settings).site_base_url and not published_link(library, post)
    if not lacking and not no_link:
        return ""
    parts = []
    if lacking:
        listed = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " and " + lacking[-1]
        parts.append(f"the clinic's {listed}")
    if no_link:
        parts.append("a QR code (there is no canonical base URL and the post is not live on a site)")
    return (f"The handout will print without {' and without '.join(parts)}. Set them in Settings → Site "
            "Identity (or with postwright-cli identity).")


class HandoutDialog(QDialog):
    saved = Signal(str)  # the PDF's path
    findingRequested = Signal(object)  # a Finding to show in the editor
    identityRequested = Signal()  # open Settings → Site Identity

    def __init__(self, library: Library, post: Post, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutDialog")
        self.setWindowTitle(f"Patient Handout — {post.title}")
        self._library = library
        self._post = post
        self._busy = False
        self._replace_ok: set[str] = set()  # destinations the person agreed to replace
        self._printed_data = b""
        options = HandoutOptions.from_settings(library.settings)
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
        self.gate_view = GateFindingsView(library, post, self.message, "handout", self)
        self.gate_view.findingRequested.connect(self.findingRequested)
        self.identity_note = QLabel(objectName="handoutIdentityNote", wordWrap=True)
        self.identity_button = QPushButton("Site &Identity…", objectName="handoutIdentity")
        self.identity_button.setToolTip("The clinic's name, phone, address and web address, printed on every handout")
        self.identity_button.clicked.connect(self._edit_identity)
        self._document: HandoutDocument | None = None
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
        save_as = QLabel("Save &as:")  # a label with a buddy shows "&a" as the shortcut, not a literal "&"
        save_as.setBuddy(self.destination_edit)
        form.addRow(save_as, destination)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity_note, 1)
        identity_row.addWidget(self.identity_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(identity_row)
        layout.addWidget(self.message)
        layout.addWidget(self.gate_view, 1)
        layout.addWidget(self.buttons)
        self.refresh_identity_note()
        self.resize(max(600, self.sizeHint().width()), self.sizeHint().height())

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
        self.gate_view.show_rows([])
        self._set_busy(True, "Checking the post and laying out the pages…")

        def job(lib: Library) -> HandoutDocument:
            lib.settings.set(PAPER_SETTING, options.paper)
            lib.settings.set(LARGE_PRINT_SETTING, options.large_print)
            lib.settings.set(FOLDER_SETTING, str(Path(target).expanduser().parent))
            return prepare_handout(lib, post, options)

        run_with_library(self._library, job, self._prepared, self._failed, owner=self)

    def refresh_identity_note(self) -> None:
        note = missing_identity(self._library, self._post)
        self.identity_note.setText(note)
        self.identity_note.setVisible(bool(note))
        self.identity_button.setVisible(bool(note))

    def _edit_identity(self) -> None:
        self.identityRequested.emit()  # the window's Site Identity dialog, modal: done when this returns
        self.refresh_identity_note()

    def _prepared(self, document: HandoutDocument) -> None:
        self._document = document
        self.message.show_info("Printing…")
        self.printer.print_html(document.html, document.paper)

    def _printed(self, data: bytes) -> None:
        text = self.destination_edit.text().strip()
        target, consent = Path(text).expanduser(), text in self._replace_ok
        self._printed_data = data
        document = self._document

        def job() -> Path:
            with overwriting(consent):
                return write_pdf(target, data, document)

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
            self.gate_view.show_refusal(error, "The handout was not made")
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
