"""Ask for a new author or medical reviewer: name, credentials, job title and bio."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.post.model import Author
from editor.gui.panels.common import MessageLabel


class NewAuthorDialog(QDialog):
    """On accept, ``author`` holds the stored author (an existing one with that name is reused)."""

    def __init__(self, library: Library, parent: QWidget | None = None, *, title: str = "New author") -> None:
        super().__init__(parent)
        self.setObjectName("newAuthorDialog")
        self.setWindowTitle(title)
        self._library = library
        self.author: Author | None = None
        self.name_edit = QLineEdit(placeholderText="Jordan Ellis", objectName="authorName")
        self.credentials_edit = QLineEdit(placeholderText="PA-C", objectName="authorCredentials")
        self.job_title_edit = QLineEdit(placeholderText="Physician Assistant, Family Medicine",
                                        objectName="authorJobTitle")
        self.bio_edit = QPlainTextEdit(objectName="authorBio")
        self.bio_edit.setPlaceholderText("A sentence or two shown in the author box under each post.")
        self.bio_edit.setFixedHeight(90)
        self.message = MessageLabel(self)
        form = QFormLayout()
        form.addRow("Name:", self.name_edit)
        form.addRow("Credentials:", self.credentials_edit)
        form.addRow("Job title:", self.job_title_edit)
        form.addRow("Bio:", self.bio_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.author = self._library.authors.find_or_create(
                self.name_edit.text(), credentials=self.credentials_edit.text().strip(),
                job_title=self.job_title_edit.text().strip(), bio=self.bio_edit.toPlainText().strip(),
            )
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        super().accept()
