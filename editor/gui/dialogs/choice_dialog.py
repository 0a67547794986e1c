"""A dialog that shows two versions side by side and asks which to keep.

The save conflict (``conflict_dialog``) and the publish conflict (``site_conflict_dialog``)
are this shape: an explanation, the diff, one button per choice; the choice is in ``choice``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from editor.gui.dialogs.diff_view import DiffView


class VersionChoiceDialog(QDialog):
    def __init__(self, object_name: str, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.choice: str | None = None
        self.explanation = QLabel(explanation, wordWrap=True)
        self.diff = DiffView()
        self.buttons = QDialogButtonBox()
        self._button_prefix = object_name.removesuffix("Dialog")

    def add_choice(self, text: str, choice: str, tip: str) -> QPushButton:
        """A button that ends the dialog with ``choice`` (objectName ``<prefix>_<choice>``)."""
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(f"{self._button_prefix}_{choice}")
        button.setToolTip(tip)
        button.setAutoDefault(False)  # Enter never picks a version by accident; a dialog sets its own default
        button.clicked.connect(lambda: self.choose(choice))
        return button

    def lay_out(self, *extra: QWidget) -> None:
        """Explanation, the diff (taking the room), ``extra`` widgets, then the buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.diff, 1)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.resize(1000, 620)

    def choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
