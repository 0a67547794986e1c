"""A publish conflict: the post was edited on the website since it was last published from here.

The site's version and ours are shown side by side (the same diff view as a save
conflict); the author pulls the site's version in, keeps ours (overwriting the
site's edit), or publishes ours as a new draft. Cancel is allowed: nothing was sent
and nothing in the library changed. The choice is in ``choice``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from editor.core.foundation.errors import PublishConflictError
from editor.core.post.model import Post
from editor.gui.dialogs.diff_view import DiffView


class SiteConflictDialog(QDialog):
    def __init__(self, error: PublishConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteConflictDialog")
        self.setWindowTitle("Edited on the website")
        self.choice: str | None = None
        theirs = error.theirs if isinstance(error.theirs, Post) else None
        ours = error.ours if isinstance(error.ours, Post) else None
        self.explanation = QLabel(str(error), wordWrap=True)
        self.diff = DiffView()
        self.diff.set_texts(theirs.body if theirs else "", ours.body if ours else "",
                            "On the website" + (f": “{theirs.title}”" if theirs else ""),
                            "In Postwright" + (f": “{ours.title}”" if ours else ""))
        self.buttons = QDialogButtonBox()
        self._button("Pull Theirs", "theirs", "Bring the website's version into the library (a new revision)")
        self._button("Keep Ours", "ours", "Publish this version over the edit made on the website")
        self._button("Publish as New Draft", "new-draft",
                     "Leave the website's post alone and send this version as a new draft")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.diff, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 620)

    def _button(self, text: str, choice: str, tip: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(f"siteConflict_{choice}")
        button.setToolTip(tip)
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
