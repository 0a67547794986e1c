"""Questions the app asks when the open post cannot be saved where it was.

Kept as small functions so the main window stays short and tests can answer them.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from editor.core.foundation.atomic import atomic_write_text
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.output_paths import overwriting
from editor.core.library.pending_edits import PendingEdit
from editor.core.post.model import Post
from editor.gui import file_dialogs


def ask_keep_trashed(parent: QWidget | None, mine: Post) -> bool:
    """The open post was moved to the trash elsewhere: keep its text as a new post?"""
    box = QMessageBox(QMessageBox.Icon.Warning, "Post moved to the trash",
                      f"“{mine.title}” was moved to the trash in another window or program. The text in the "
                      "editor was not saved into the trash.\n\nKeep this text as a new post?", parent=parent)
    keep = box.addButton("Keep as New Post", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard My Text", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is keep


def ask_unsaved_on_close(parent: QWidget | None, title: str, reason: str) -> str:
    """The last changes could not be saved while closing: "retry", "file", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Not saved",
                      f"The last changes to “{title}” could not be saved:\n\n{reason}\n\nThe text is still in the "
                      "editor. Try again, save the text to a file of its own, or close and lose the changes?",
                      parent=parent)
    buttons = {
        box.addButton("Try Again", QMessageBox.ButtonRole.AcceptRole): "retry",
        box.addButton("Save Text to a File…", QMessageBox.ButtonRole.ActionRole): "file",
        box.addButton("Close Without Saving", QMessageBox.ButtonRole.DestructiveRole): "discard",
        box.addButton(QMessageBox.StandardButton.Cancel): "cancel",
    }
    box.exec()
    return buttons.get(box.clickedButton(), "cancel")


def ask_restore_pending(parent: QWidget | None, edit: PendingEdit) -> bool:
    """Text typed in a post was not saved in the library last time (the app stopped while another program
    held the library): put it back?"""
    when = dt.datetime.fromtimestamp(edit.saved_at).strftime("%Y-%m-%d %H:%M")
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved text found",
                      f"Text typed in “{edit.title}” up to {when} was not saved in the library when Postwright "
                      "last stopped.", parent=parent)
    box.setInformativeText("Restore it (the post gets this text, and its previous text stays in the history), or "
                           "discard it?")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def save_text_to_file(parent: QWidget | None, mine: Post) -> bool:
    """Write the editor's text to a Markdown file the user picks; True if written."""
    path = file_dialogs.save_file_name(parent, "Save the text to a file", "Markdown (*.md);;Text (*.txt)",
                                       f"{mine.slug or 'post'}.md")
    if not path:
        return False
    try:
        with overwriting():  # the save dialog asked before choosing an existing file; never a library
            atomic_write_text(path, mine.body)
    except PostwrightError as error:
        QMessageBox.warning(parent, "Not saved", str(error))
        return False
    return True
