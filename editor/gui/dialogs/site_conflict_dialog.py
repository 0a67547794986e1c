"""A publish conflict: the post was edited on the website since it was last published from here.

Both sides are in our own Markdown form — the site's version read back through the same
import as a pull, with its citations under our reference keys, its images as our
``asset:N`` and a lead image sent as the featured image back in its place
(``content.comparable_post``) — so the diff shows what the reviewer changed, word by
word, and nothing else. The author pulls the site's version in, keeps ours
(overwriting the site's edit) or publishes ours as a new draft; none of these is the
default button: Enter and Escape cancel, and nothing was sent or changed. The choice
is in ``choice``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QWidget

from editor.core.foundation.errors import PublishConflictError
from editor.core.post.model import Post
from editor.gui.dialogs.choice_dialog import VersionChoiceDialog


class SiteConflictDialog(VersionChoiceDialog):
    def __init__(self, error: PublishConflictError, parent: QWidget | None = None) -> None:
        super().__init__("siteConflictDialog", "Edited on the Website", str(error), parent)
        theirs = error.theirs if isinstance(error.theirs, Post) else None
        ours = error.ours if isinstance(error.ours, Post) else None
        self.diff.set_texts(_text(theirs), _text(ours),
                            "On the website" + (f": “{theirs.title}”" if theirs else ""),
                            "In Postwright" + (f": “{ours.title}”" if ours else ""))
        self.add_choice("Pull Theirs", "theirs", "Bring the website's version into the library (a new revision)")
        self.add_choice("Keep Ours", "ours", "Publish this version over the edit made on the website")
        self.add_choice("Publish as New Draft", "new-draft",
                        "Leave the website's post alone and send this version as a new draft")
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        cancel.setDefault(True)
        self.lay_out()


def _text(post: Post | None) -> str:
    """Title, summary and text: a reviewer's edit to the title or the summary is a difference too."""
    if post is None:
        return ""
    return f"# {post.title}\n\n{post.summary}\n\n{post.body}".replace("\n\n\n", "\n\n")
