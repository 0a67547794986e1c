"""Help → About: which Postwright this is and where it keeps the user's files.

Shows the version and the build (the git commit a bundle was built from, or "development"),
the library file, the log and the settings file, with buttons that open their folders in the
system's file manager, and "Copy Details" for a support e-mail.
"""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation import paths
from editor.core.foundation.build_info import DEVELOPMENT, build_info
from editor.core.foundation.paths import resource

ICON_SIZE = 64


class AboutDialog(QDialog):
    def __init__(self, library_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="aboutDialog", windowTitle="About Postwright")
        info = build_info()
        self.places = {
            "library": library_path if library_path is not None else paths.default_library_path(),
            "log": paths.log_file(),
            "settings": paths.settings_file(),
        }
        self.details = self._details_text()

        icon = QLabel(objectName="aboutIcon")
        icon.setPixmap(QIcon(str(resource("app", "postwright.svg"))).pixmap(ICON_SIZE, ICON_SIZE))
        title = QLabel(f"<h2>Postwright {info.version}</h2>", objectName="aboutTitle")
        build = "development (run from the source)" if info.build == DEVELOPMENT else info.build
        blurb = QLabel(
            "A writing studio for patient-facing medical posts: sections, numbered citations, a reference "
            "library, writing checks, a live preview and website-ready HTML.", wordWrap=True)
        header = QHBoxLayout()
        header.addWidget(icon)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(QLabel(f"Build: {build}", objectName="aboutBuild"))
        text.addWidget(blurb)
        runtime = QLabel(f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}",
                         objectName="aboutRuntime")
        runtime.setEnabled(False)  # drawn in the palette's quieter text colour
        text.addWidget(runtime)
        header.addLayout(text, 1)

        grid = QGridLayout()
        rows = (("library", "Library", "Open the folder holding the library file"),
                ("log", "Log", "Open the folder holding postwright.log (send it with a problem report)"),
                ("settings", "Settings", "Open the folder holding the app's settings file"))
        for row, (key, label, tip) in enumerate(rows):
            place = QLabel(str(self.places[key]), objectName=f"aboutPath{key.title()}")
            place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            place.setWordWrap(True)
            button = QPushButton("Open Folder", objectName=f"aboutOpen{key.title()}", toolTip=tip)
            button.setAccessibleName(f"Open the {label.lower()} folder")
            button.clicked.connect(lambda _checked=False, k=key: self.open_folder(k))
            grid.addWidget(QLabel(f"<b>{label}</b>"), row, 0)
            grid.addWidget(place, row, 1)
            grid.addWidget(button, row, 2)
        grid.setColumnStretch(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("&Copy Details", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setObjectName("aboutCopyDetails")
        copy.setToolTip("Copy the version, build and folders, to paste into a problem report")
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def folder_of(self, key: str) -> Path:
        """The folder to open for ``key``; made if missing (a log folder before the first entry)."""
        folder = self.places[key].parent
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def open_folder(self, key: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder_of(key))))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)

    def _details_text(self) -> str:
        info = build_info()
        lines = [
            f"Postwright {info.describe()}",
            f"Running from: {'a built bundle' if info.bundled else 'a Python install'}",
            f"System: {platform.platform(terse=True)}; Python {platform.python_version()}; Qt {qVersion()}",
            *(f"{key.title()}: {place}" for key, place in self.places.items()),
        ]
        return "\n".join(lines)
