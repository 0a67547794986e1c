"""When a newly loaded preview is whole: the signal the work held back for it waits for.

Opening a post puts the preview first: the checks and the highlighting sweep need the
interpreter too, so they start only once the page shows the post. A long post's preview
arrives in drafts (see ``pipelines.DRAFT_FIRST_CHARS``): a shell with its first sections,
patches with more, and the whole post last. :class:`PreviewFill` emits ``complete`` once
the page has loaded and taken the last of them, or as soon as a page could not load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from editor.gui.pipelines import RenderResult
    from editor.gui.preview.view import PreviewView


class PreviewFill(QObject):
    complete = Signal()

    def __init__(self, preview: PreviewView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._drafting = False  # drafts given to the page, the whole post not yet
        self._finishing = False  # the whole post given as a patch that has not reached the page yet
        preview.shellLoaded.connect(self._on_shell_loaded)
        preview.patchApplied.connect(self._on_patch_applied)

    def given(self, result: RenderResult) -> None:
        """``result`` is about to be handed to the preview."""
        if result.patch is None:  # a new page: whole once it has loaded (and, for a draft, taken the rest)
            self._drafting, self._finishing = result.draft, False
        elif result.draft:
            return  # more sections of the draft run under way
        elif self._drafting:
            self._drafting = False
            self._finishing = not result.patch.is_empty
            if not self._finishing and self._preview.is_ready():
                self.complete.emit()

    def _on_shell_loaded(self, ok: bool) -> None:
        if not ok:
            self._drafting = self._finishing = False
        if not (self._drafting or self._finishing):
            self.complete.emit()

    def _on_patch_applied(self) -> None:
        if self._finishing and self._preview.is_settled():
            self._finishing = False
            self.complete.emit()
