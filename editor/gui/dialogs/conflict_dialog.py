"""A save conflict: the post was changed elsewhere since this window loaded it.

Both versions are shown side by side with their differences; the user picks one of
"mine" (overwrite the stored version), "stored" (drop my changes) or "copy" (keep
both: mine becomes a new post). The choice is in ``choice``. Closing the dialog
without choosing is refused, so text is never dropped by accident.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from editor.core.post.model import Post
from editor.gui.dialogs.choice_dialog import VersionChoiceDialog
from editor.gui.panels.common import MessageLabel, local_time

CHOICES = ("mine", "stored", "copy")


class ConflictDialog(VersionChoiceDialog):
    def __init__(self, mine: Post, stored: Post, parent: QWidget | None = None) -> None:
        saved_at = local_time(stored.updated_at)
        super().__init__(
            "conflictDialog", "This post was changed elsewhere",
            f"“{stored.title}” was saved by another window or program ({saved_at}, version {stored.version}) "
            f"after this window loaded version {mine.version}. Nothing has been overwritten. "
            "Compare the two versions and choose which to keep.",
            parent,
        )
        self.mine = mine
        self.stored = stored
        stored_label = f"Stored version ({saved_at})" + (f": “{stored.title}”" if stored.title != mine.title else "")
        mine_label = "My version (this window)" + (f": “{mine.title}”" if stored.title != mine.title else "")
        self.diff.set_texts(stored.body, mine.body, stored_label, mine_label)
        self.message = MessageLabel(self)
        self.mine_button = self.add_choice("Keep Mine (Overwrite)", "mine",
                                           "Save this window's version over the one stored elsewhere")
        self.stored_button = self.add_choice("Use the Stored Version", "stored",
                                             "Drop this window's changes and show the stored version")
        self.copy_button = self.add_choice("Save Mine as a Copy", "copy",
                                           "Keep the stored version and save this window's text as a new post")
        self.copy_button.setDefault(True)
        self.lay_out(self.message)

    def choose(self, choice: str) -> None:
        if choice not in CHOICES:
            raise ValueError(f"Unknown conflict choice {choice!r}.")
        super().choose(choice)

    def reject(self) -> None:
        """Escape and the close button: ask for a choice instead of silently dropping a version."""
        self.message.show_warning("Choose one of the three buttons: each keeps your text or says it will not.")
