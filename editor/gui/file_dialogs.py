"""Every file dialog of the app, made so that it never opens the library file.

Qt's file dialogs learn each listed file's type to pick its icon and fill the "Type"
column, and for a name without a known extension (``library.postwright``) they open
the file and read its first bytes (seen with ``strace``). Closing that descriptor drops
this process's SQLite locks on the library (see ``core/foundation/library_files.py``),
and the platform's own dialogs (GTK, the desktop portal) may do the same inside our
process. So the app uses Qt's own dialog with an icon provider that decides by the
name alone, never reading a file. Modules call these functions through the module
(``file_dialogs.save_file_name(...)``), so tests replace them in one place.

Replacing a file: the save dialog asks before it returns an existing file (Qt's own
question), and ``confirm_replace`` asks when an export finds a file Postwright did not
write at a path typed by hand.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QMessageBox, QWidget

from editor.core.foundation.output_paths import OverwriteNotConfirmed


class NameOnlyIcons(QFileIconProvider):
    """File icons and type names from the file's name only: never opens a listed file."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def icon(self, which: QFileInfo | QFileIconProvider.IconType) -> QIcon:
        if isinstance(which, QFileInfo):
            kind = QFileIconProvider.IconType.Folder if which.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(which)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        found = self._mime.mimeTypeForFile(info.fileName(), QMimeDatabase.MatchMode.MatchExtension)
        return found.comment() or "File"


def _dialog(parent: QWidget | None, caption: str, directory: str, name_filter: str,
            mode: QFileDialog.FileMode) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    provider = NameOnlyIcons()
    dialog.setIconProvider(provider)
    dialog.setProperty("_name_only_icons", provider)  # the dialog does not own its provider: keep it alive
    dialog.setFileMode(mode)
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file_names(parent: QWidget | None, caption: str, name_filter: str, directory: str = "") -> list[str]:
    """Files to read (import); empty when cancelled."""
    return _run(_dialog(parent, caption, directory, name_filter, QFileDialog.FileMode.ExistingFiles))


def open_file_name(parent: QWidget | None, caption: str, name_filter: str, directory: str = "") -> str:
    """One file to read; "" when cancelled."""
    chosen = _run(_dialog(parent, caption, directory, name_filter, QFileDialog.FileMode.ExistingFile))
    return chosen[0] if chosen else ""


def save_file_name(parent: QWidget | None, caption: str, name_filter: str, directory: str = "", *,
                   confirm_overwrite: bool = True) -> str:
    """A file to write; Qt's dialog asks before it returns one that exists (unless the caller never
    replaces a file and says so itself: ``confirm_overwrite=False``). "" when cancelled."""
    dialog = _dialog(parent, caption, directory, name_filter, QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """A folder to write into; "" when cancelled."""
    dialog = _dialog(parent, caption, directory, "", QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def confirm_replace(parent: QWidget | None, refusal: OverwriteNotConfirmed) -> bool:
    """Ask whether to replace a file Postwright did not write; the safe answer is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Replace the file?",
                      f"“{Path(refusal.path).name}” already exists in {Path(refusal.path).parent}.", parent=parent)
    box.setInformativeText("Postwright did not write it, or it was changed since. Replacing it overwrites its "
                           "contents.")
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep It", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is replace
