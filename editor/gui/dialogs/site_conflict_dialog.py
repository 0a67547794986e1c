"""A publish conflict: the post was edited on the website since it was last published from here.

The site's version and ours are shown side by side (the same diff view as a save
conflict); the author pulls the site's version in, keeps ours (overwriting the
site's edit), or publishes ours as a new draft. Cancel is allowed: nothing was sent
and nothing in the library changed. The choice is in ``choice``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from editor.core.foundation.errors import PublishConflictError
from editor.core.post.model import Post
from editor.gui.dialogs.choice_dialog import VersionChoiceDialog


class SiteConflictDialog(VersionChoiceDialog):
    def __init__(self, error: PublishConflictError, parent: QWidget | None = None) -> None:
        super().__init__("siteConflictDialog", "Edited on the website", str(error), parent)
        theirs = error.theirs if isinstance(error.theirs, Post) else None
        ours = error.ours if isinstance(error.ours, Post) else None
        self.diff.set_texts(theirs.body if theirs else "", ours.body if ours else "",
                            "On the website" + (f": “{theirs.title}”" if theirs else ""),
                            "In Postwright" + (f": “{ours.title}”" if ours else ""))
        self.add_choice("Pull Theirs", "theirs", "Bring the website's version into the library (a new revision)")
        self.add_choice("Keep Ours", "ours", "Publish this version over the edit made on the website")
        self.add_choice("Publish as New Draft", "new-draft",
                        "Leave the website's post alone and send this version as a new draft")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.lay_out()
