"""Settings → Writing Checks: whether each claim family blocks publishing for this clinic.

The claims a medical editor must sign off (uncited statistics, regulatory and coverage claims,
promotion, possible patient details) block the website exits until they are cited, reworded or
dismissed with a reason. A clinic may lower a family to a warning: it is still reported, but no
longer stops publishing. The choice is kept in this library (the ``checks`` setting, as
``postwright-cli check --lower``), and the site audit report names the lowered families.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLayout, QVBoxLayout, QWidget

from editor.core.checks.settings import CLAIM_FAMILIES
from editor.core.checks.store import load_settings, save_settings
from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.gui.panels.common import MessageLabel


class CheckSettingsDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkSettingsDialog")
        self.setWindowTitle("Writing Checks")
        self.library = library
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # the wrapped text is never clipped
        intro = QLabel(
            "These claims need a medical editor's sign-off. While a box is ticked, a post that has one "
            "cannot be published, exported for the web or copied for the website until the claim is "
            "cited, reworded or dismissed with a reason. Unticked, it is reported as a warning only. "
            "Drafts and the preview are never blocked.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message = MessageLabel(self)
        lowered = self._lowered()
        self.boxes: dict[str, QCheckBox] = {}
        for code, what in CLAIM_FAMILIES.items():
            box = QCheckBox(f"Block publishing on {what}", self, objectName=f"block-{code}")
            box.setChecked(code not in lowered)
            box.setToolTip(f"Check code: {code}")
            layout.addWidget(box)
            self.boxes[code] = box
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _lowered(self) -> dict[str, str]:
        try:
            return load_settings(self.library).lowered()
        except PostwrightError as error:  # a damaged setting: say so, show the defaults
            self.message.show_error(str(error))
            return {}

    def save(self) -> None:
        try:
            blocked = [code for code, box in self.boxes.items() if box.isChecked()]
            lowered = [code for code in self.boxes if code not in blocked]
            save_settings(self.library, load_settings(self.library).with_families(lower=lowered, restore=blocked))
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        self.accept()
