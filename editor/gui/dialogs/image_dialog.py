"""Describe the Image: the alt text asked for every picture that enters a post.

Pasting, dropping and Insert → Image… all open it before anything is inserted. The person
either describes what the picture shows (a screen reader reads it aloud to a patient who
cannot see it) or marks it decorative; "Insert" stays disabled until one of the two is
done. Cancel inserts nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

MAX_ALT = 250  # a sentence or two; a long description belongs in the text


class ImageDescriptionDialog(QDialog):
    def __init__(self, thumbnail: QImage, name: str, size: tuple[int, int], *, position: str = "", alt: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageDescriptionDialog")
        self.setWindowTitle(f"Describe the Image{position}")
        picture = QLabel(objectName="imagePreview", alignment=Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(QPixmap.fromImage(thumbnail))
        picture.setAccessibleName(f"The picture being added: {name}")
        details = QLabel(f"{name} · {size[0]} × {size[1]} pixels" if size[0] else name, objectName="imageDetails")
        explain = QLabel("Describe what the picture shows for readers who cannot see it; screen readers read "
                         "this aloud. One sentence is usually enough.", wordWrap=True)
        self.alt_edit = QLineEdit(" ".join(alt.split()), objectName="imageAlt")
        self.alt_edit.setMaxLength(MAX_ALT)
        self.alt_edit.setPlaceholderText("e.g. A pen injector held against the thigh")
        self.alt_edit.setAccessibleName("Alternative text")
        alt_label = QLabel("&Alternative text:")
        alt_label.setBuddy(self.alt_edit)
        self.decorative = QCheckBox("&Decorative: it adds nothing a reader needs (no description)",
                                    objectName="imageDecorative")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = self.buttons.addButton("&Insert", QDialogButtonBox.ButtonRole.AcceptRole)
        self.insert_button.setObjectName("imageInsert")
        self.insert_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(picture)
        layout.addWidget(details, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(explain)
        layout.addWidget(alt_label)
        layout.addWidget(self.alt_edit)
        layout.addWidget(self.decorative)
        layout.addWidget(self.buttons)
        self.alt_edit.textChanged.connect(self._update)
        self.decorative.toggled.connect(self._update)
        self.insert_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()
        self.setMinimumWidth(460)

    def alt_text(self) -> str:
        return "" if self.decorative.isChecked() else " ".join(self.alt_edit.text().split())

    def is_decorative(self) -> bool:
        return self.decorative.isChecked()

    def _update(self) -> None:
        self.alt_edit.setEnabled(not self.decorative.isChecked())
        self.insert_button.setEnabled(self.decorative.isChecked() or bool(self.alt_edit.text().strip()))
