"""Settings → Site identity: the clinic's name, logo, colour, header and footer, base URL, default author.

Values are checked by ``SiteIdentity.validated`` (colour ``#rrggbb``, lengths) before
anything is stored; the logo is stored like a pasted image (metadata stripped). After
saving, the preview reloads so the frame shows at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError, ValidationError
from editor.core.foundation.input_paths import read_source_bytes
from editor.core.library import Library
from editor.core.media.images import strip_metadata
from editor.core.render.site_identity import SiteIdentity
from editor.core.render.site_settings import safe_base_url
from editor.gui import file_dialogs
from editor.gui.panels.common import MessageLabel

MAX_LOGO_BYTES = 5 * 1024 * 1024


class SiteIdentityDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site Identity")
        self.library = library
        identity = SiteIdentity.from_library(library)
        self.logo_asset_id = identity.logo_asset_id
        self.clinic_name = QLineEdit(identity.clinic_name, self)
        self.colour = QLineEdit(identity.primary_colour, self)
        self.colour.setPlaceholderText("#0b6e99")
        self.colour.setAccessibleName("Primary colour")
        pick = QPushButton("Choose…", self)
        pick.clicked.connect(self._pick_colour)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addWidget(pick)
        self.logo_label = QLabel(self._logo_text(), self)
        choose_logo = QPushButton("Choose Logo…", self)
        choose_logo.clicked.connect(self._choose_logo)
        clear_logo = QPushButton("Remove", self)
        clear_logo.clicked.connect(self._clear_logo)
        logo_row = QHBoxLayout()
        for widget in (self.logo_label, choose_logo, clear_logo):
            logo_row.addWidget(widget)
        self.header_text = QPlainTextEdit(identity.header_text, self)
        self.footer_text = QPlainTextEdit(identity.footer_text, self)
        self.footer_text.setPlaceholderText("12 Harbor Street, Riverside\nPhone 555-201-3344")
        self.base_url = QLineEdit(str(library.settings.get("site_base_url", "") or ""), self)
        self.base_url.setPlaceholderText("https://clinic.example/blog")
        self.default_author = QComboBox(self)
        self.default_author.addItem("None", None)
        for author in library.authors.list():
            self.default_author.addItem(author.display_name, author.id)
        self.default_author.setCurrentIndex(max(0, self.default_author.findData(identity.default_author_id)))
        form = QFormLayout()
        form.addRow("Clinic name", self.clinic_name)
        form.addRow("Logo", logo_row)
        form.addRow("Primary colour", colour_row)
        form.addRow("Header text", self.header_text)
        form.addRow("Footer (address, phone)", self.footer_text)
        form.addRow("Canonical base URL", self.base_url)
        form.addRow("Default author box", self.default_author)
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("The footer's address and phone number are the clinic's public contact: the privacy "
                                "check does not report them when a post repeats them.", wordWrap=True))
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _logo_text(self) -> str:
        return f"Image {self.logo_asset_id}" if self.logo_asset_id else "No logo"

    def _pick_colour(self) -> None:
        current = QColor(self.colour.text()) if QColor.isValidColorName(self.colour.text()) else QColor("#0b6e99")
        chosen = QColorDialog.getColor(current, self, "Primary Colour")
        if chosen.isValid():
            self.colour.setText(chosen.name())

    def _choose_logo(self) -> None:
        name = file_dialogs.open_file_name(self, "Logo", "Images (*.png *.jpg *.jpeg *.gif *.webp)")
        if name:
            self.set_logo_file(Path(name))

    def set_logo_file(self, path: Path) -> None:
        try:
            data, mime = strip_metadata(read_source_bytes(path, ValidationError, limit=MAX_LOGO_BYTES,
                                                          what="the logo"))
            self.logo_asset_id = self.library.assets.add(data, mime, path.name)
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        self.logo_label.setText(self._logo_text())

    def _clear_logo(self) -> None:
        self.logo_asset_id = None
        self.logo_label.setText(self._logo_text())

    def identity(self) -> SiteIdentity:
        return SiteIdentity(
            clinic_name=self.clinic_name.text(), logo_asset_id=self.logo_asset_id,
            primary_colour=self.colour.text(), header_text=self.header_text.toPlainText(),
            footer_text=self.footer_text.toPlainText(), default_author_id=self.default_author.currentData(),
        )

    def save(self) -> None:
        url = self.base_url.text().strip()
        try:
            if url and not safe_base_url(url):
                raise ValidationError(f"{url!r} is not a web address (https://…).")
            with self.library.transaction():
                self.identity().save(self.library)
                self.library.settings.set("site_base_url", safe_base_url(url))
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        self.accept()
