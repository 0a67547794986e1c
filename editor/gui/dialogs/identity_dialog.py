"""Settings → Site Identity: the clinic's name, phone, address, logo, colour, header and footer,
the canonical base URL and the default author box.

The same checks as ``postwright-cli identity``: ``SiteIdentity.validated`` (colour ``#rrggbb``,
a phone number, lengths), ``check_base_url`` and ``store_logo`` (at most 2 MB, PNG/JPEG/
WebP/GIF, metadata stripped). Nothing is stored until Save, then everything in one
transaction. After saving, the preview reloads so the frame shows at once.

The GUI thread never waits on the disk: reading and storing a chosen logo, reading the
stored one for its preview, and saving run on a worker with their own library
connection (``run_with_library``); meanwhile the logo buttons and Save wait, and the
dialog says what it is doing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
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

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.media.image_refs import store_logo
from editor.core.render.site_identity import SiteIdentity, check_base_url
from editor.gui import file_dialogs
from editor.gui.panels.common import MessageLabel, run_with_library

LOGO_PREVIEW_HEIGHT = 40


@dataclass(frozen=True)
class LogoPreview:
    """A stored logo read on a worker: its asset id, its size and a preview already scaled (or none)."""

    asset_id: int | None
    preview: QImage | None = None
    width: int = 0
    height: int = 0


def read_logo(library: Library, asset_id: int | None) -> LogoPreview:
    """The stored logo's preview (worker thread: QImage, never QPixmap, away from the GUI thread)."""
    if asset_id is None:
        return LogoPreview(None)
    try:
        data = library.assets.get(asset_id)[0]
    except PostwrightError:
        return LogoPreview(asset_id)
    image = QImage.fromData(data)
    if image.isNull():
        return LogoPreview(asset_id)
    return LogoPreview(asset_id, image.scaledToHeight(LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation),
                       image.width(), image.height())


def store_logo_file(library: Library, path: Path) -> LogoPreview:
    """Read, check and store a chosen logo file, and its preview (worker thread)."""
    with library.transaction():
        asset_id = store_logo(library, path)
    return read_logo(library, asset_id)


class SiteIdentityDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteIdentityDialog")
        self.setWindowTitle("Site Identity")
        self.library = library
        identity = SiteIdentity.from_settings(library.settings)
        self.logo_asset_id = identity.logo_asset_id
        self.clinic_name = QLineEdit(identity.clinic_name, self, objectName="identityClinicName")
        self.clinic_name.setPlaceholderText("Riverside Family Clinic")
        self.phone = QLineEdit(identity.phone, self, objectName="identityPhone")
        self.phone.setPlaceholderText("(555) 201-3300")
        self.address = QPlainTextEdit(identity.address, self, objectName="identityAddress")
        self.address.setPlaceholderText("12 Harbor Street\nRiverside, OR 97000")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.colour = QLineEdit(identity.primary_colour, self)
        self.colour.setPlaceholderText("#0b6e99")
        self.colour.setAccessibleName("Primary colour")
        pick = QPushButton("Choose…", self)
        pick.setAccessibleName("Choose the primary colour")
        pick.clicked.connect(self._pick_colour)
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addWidget(pick)
        self.logo_preview = QLabel(self, objectName="identityLogoPreview")
        self.logo_label = QLabel(self)
        choose_logo = QPushButton("Choose Logo…", self)
        choose_logo.clicked.connect(self._choose_logo)
        clear_logo = QPushButton("Remove", self)
        clear_logo.setAccessibleName("Remove the logo")
        clear_logo.clicked.connect(self._clear_logo)
        self._waiting_buttons = [choose_logo, clear_logo]
        self.busy = False  # a worker is reading or storing the logo, or saving
        logo_row = QHBoxLayout()
        for widget in (self.logo_preview, self.logo_label):
            logo_row.addWidget(widget)
        logo_row.addStretch(1)
        logo_row.addWidget(choose_logo)
        logo_row.addWidget(clear_logo)
        self.header_text = QPlainTextEdit(identity.header_text, self)
        self.header_text.setTabChangesFocus(True)
        self.header_text.setFixedHeight(self.fontMetrics().lineSpacing() * 3)
        self.footer_text = QPlainTextEdit(identity.footer_text, self)
        self.footer_text.setTabChangesFocus(True)
        self.footer_text.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.footer_text.setPlaceholderText("Open Monday to Friday, 8 am to 6 pm")
        self.base_url = QLineEdit(str(library.settings.get("site_base_url", "") or ""), self)
        self.base_url.setPlaceholderText("https://clinic.example/blog")
        self.default_author = QComboBox(self)
        self.default_author.addItem("None", None)
        for author in library.authors.list():
            self.default_author.addItem(author.display_name, author.id)
        self.default_author.setCurrentIndex(max(0, self.default_author.findData(identity.default_author_id)))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget, QWidget | QHBoxLayout]] = [
            ("Clinic &name:", self.clinic_name, self.clinic_name), ("&Phone:", self.phone, self.phone),
            ("A&ddress:", self.address, self.address), ("&Logo:", choose_logo, logo_row),
            ("&Colour:", self.colour, colour_row), ("&Header text:", self.header_text, self.header_text),
            ("&Footer text:", self.footer_text, self.footer_text),
            ("Canonical &base URL:", self.base_url, self.base_url),
            ("Default &author box:", self.default_author, self.default_author)]
        for text, buddy, field in rows:
            label = QLabel(text, self)
            label.setBuddy(buddy)  # "&n" is a keyboard shortcut, never a literal "&"
            if isinstance(field, QHBoxLayout):  # addRow's layout and widget forms are separate overloads
                form.addRow(label, field)
            else:
                form.addRow(label, field)
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self._waiting_buttons.append(buttons.button(QDialogButtonBox.StandardButton.Save))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("The name, phone and address print on every page and patient handout; the base URL "
                                "makes each post's canonical address and the handout's QR code. The clinic's phone, "
                                "address, header and footer are its public contact: the privacy check does not report "
                                "them when a post repeats them. The same settings: postwright-cli identity.",
                                wordWrap=True))
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())
        self._show_logo(LogoPreview(None))
        if self.logo_asset_id is not None:
            asset_id = self.logo_asset_id
            self._work("Reading the logo…", lambda lib: read_logo(lib, asset_id), self._logo_read)

    def _work(self, doing: str, job: Callable[[Library], object], done: Callable[[object], None], *,
              job_is_logo: bool = True) -> None:
        """Run ``job`` on a worker; the logo buttons and Save wait until ``done`` (or the error) arrives."""
        self._set_busy(True)
        if job_is_logo:
            self.logo_label.setText(doing)
        else:
            self.message.show_info(doing)

        def finished(result: object) -> None:
            self._set_busy(False)
            done(result)

        def failed(error: PostwrightError) -> None:
            self._set_busy(False)
            self.message.show_error(str(error))
            self._show_logo(self._shown)

        run_with_library(self.library, job, finished, failed, owner=self)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self._waiting_buttons:
            button.setEnabled(not busy)

    def _logo_read(self, result: object) -> None:
        assert isinstance(result, LogoPreview)
        if result.asset_id == self.logo_asset_id:  # not removed meanwhile
            self._show_logo(result)

    def _show_logo(self, logo: LogoPreview) -> None:
        self._shown = logo
        if logo.preview is None:
            self.logo_preview.clear()
            self.logo_preview.hide()
            self.logo_label.setText("No logo" if logo.asset_id is None else "The logo image is missing")
            return
        self.logo_preview.setPixmap(QPixmap.fromImage(logo.preview))
        self.logo_preview.show()
        self.logo_label.setText(f"{logo.width} × {logo.height} pixels")

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
        """Store the chosen file as the logo on a worker (a small file: at most 2 MB, checked before it is
        read); the preview shows it when it is in."""
        self._work(f"Reading the logo {path.name}…", lambda lib: store_logo_file(lib, path), self._logo_stored)

    def _logo_stored(self, result: object) -> None:
        assert isinstance(result, LogoPreview)
        self.logo_asset_id = result.asset_id
        self.message.clear_message()
        self._show_logo(result)

    def _clear_logo(self) -> None:
        self.logo_asset_id = None
        self._show_logo(LogoPreview(None))

    def identity(self) -> SiteIdentity:
        return SiteIdentity(
            clinic_name=self.clinic_name.text(), phone=self.phone.text(), address=self.address.toPlainText(),
            logo_asset_id=self.logo_asset_id, primary_colour=self.colour.text(),
            header_text=self.header_text.toPlainText(), footer_text=self.footer_text.toPlainText(),
            default_author_id=self.default_author.currentData(),
        )

    def save(self) -> None:
        """Check what was typed at once; store it on a worker, then close."""
        if self.busy:
            return
        try:
            base_url = check_base_url(self.base_url.text())
            identity = self.identity().validated()
        except PostwrightError as error:
            self.message.show_error(str(error))
            return

        def store(lib: Library) -> None:
            with lib.transaction():
                lib.settings.store(identity)
                lib.settings.set("site_base_url", base_url)

        self._work("Saving…", store, lambda _result: self.accept(), job_is_logo=False)
