"""Questions about which library file to use: a missing one at start, a new one, another one.

Small functions, so the start-up and the File menu read simply and tests can answer them.
Every file dialog is ``file_dialogs``' own (it never opens the library file to learn its type).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import LIBRARY_FILE_NAME
from editor.core.library.registry import refuse_companion_name
from editor.gui import file_dialogs

LIBRARY_SUFFIX = Path(LIBRARY_FILE_NAME).suffix
LIBRARY_FILTER = f"Postwright libraries (*{LIBRARY_SUFFIX});;All files (*)"
Answer = Literal["create", "locate", "quit"]


def missing_library_box(parent: QWidget | None, path: Path, missing: Literal["named", "gone"]) -> QMessageBox:
    """The question shown when the library to open is not there (built apart from asking, for tests)."""
    box = QMessageBox(parent)
    box.setObjectName("missingLibraryBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Library not found")
    if missing == "named":
        box.setText(f"There is no library at\n{path}")
        box.setInformativeText("Check the path for a typing mistake, open another library, or create a new, "
                               "empty library there. Nothing has been created yet.")
        create = box.addButton("Create Library There", QMessageBox.ButtonRole.AcceptRole)
        locate = box.addButton("Open Another Library…", QMessageBox.ButtonRole.ActionRole)
    else:
        box.setText(f"The library you used last is not where it was:\n{path}")
        box.setInformativeText("It may have been moved, renamed or deleted, or it is on a drive that is not "
                               "connected. Locate it to go on with your posts, or create a new, empty library. "
                               "Nothing has been created in its place.")
        locate = box.addButton("Locate It…", QMessageBox.ButtonRole.AcceptRole)
        create = box.addButton("Create a New Library…", QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(locate)
    box.setEscapeButton(quit_button)
    box.setProperty("answers", {"create": create, "locate": locate, "quit": quit_button})
    return box


def ask_about_missing(parent: QWidget | None, path: Path, missing: Literal["named", "gone"]) -> Answer:
    """Create a library, locate one, or quit?"""
    box = missing_library_box(parent, path, missing)
    box.exec()
    clicked = box.clickedButton()
    answers: dict[str, object] = box.property("answers")
    box.deleteLater()
    for answer in ("create", "locate"):
        if clicked is answers[answer]:
            return answer
    return "quit"


def choose_existing_library(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """A library file to open; None when cancelled."""
    chosen = file_dialogs.open_file_name(parent, "Open Library", LIBRARY_FILTER, str(directory or ""))
    return Path(chosen) if chosen else None


def choose_new_library(parent: QWidget | None, directory: Path | None = None) -> Path | None:
    """Where to create a new library; None when cancelled. Never an existing file: a new library
    replaces nothing, so choosing one asks for another name."""
    start = str((directory or Path.home()) / f"new-library{LIBRARY_SUFFIX}")
    while True:
        chosen = file_dialogs.save_file_name(parent, "New Library", LIBRARY_FILTER, start, confirm_overwrite=False)
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(LIBRARY_SUFFIX)
        try:
            refuse_companion_name(path)
        except PostwrightError as error:
            QMessageBox.warning(parent, "New Library", str(error))
            continue
        if not os.path.lexists(path):  # decided by name: nothing but SQLite opens what may be a library
            return path
        QMessageBox.warning(parent, "New Library", f"There is already a file at {path}. A new library never "
                            "replaces a file: choose another name, or open that library with File → Open "
                            "Library….")
        start = str(path)
