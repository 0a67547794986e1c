"""The open post: what is loaded, what changed, and autosaving it.

Autosave writes the post to the library at most ``IDLE_MS`` after typing stops and
at most ``MAX_WAIT_MS`` after the first unsaved change even while typing goes on, so
a killed process loses at most the last two seconds. ``flush()`` saves at once: the
main window calls it on switching posts, on focus loss and on close. A save refused
as a conflict is reported through ``conflict`` and never retried blindly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.foundation.errors import ConflictError, PostwrightError
from editor.core.library import Library
from editor.core.post.model import Post
from editor.gui.hub import SignalHub

IDLE_MS = 1000
MAX_WAIT_MS = 2000
_METADATA_FIELDS = (
    "title", "slug", "summary", "status", "author_id", "reviewer_id", "last_reviewed", "tags", "series",
    "series_number", "banner", "show_banner", "related", "citation_display",
)


class PostSession(QObject):
    conflict = Signal(object, object)  # mine: Post, stored: Post
    metadataApplied = Signal(object)  # Post: the open post after a properties edit was taken in

    def __init__(self, library: Library, hub: SignalHub, body_provider: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._hub = hub
        self._body_provider = body_provider
        self.post: Post | None = None
        self._dirty = False
        self._in_conflict = False
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self.flush)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS, timeout=self.flush)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def open(self, slug: str) -> Post:
        """Save the current post if needed, then load ``slug`` (raises NotFoundError)."""
        self.flush()
        post = self._library.posts.get(slug)
        self.post = post
        self._dirty = False
        self._in_conflict = False
        self._hub.saveStateChanged.emit("saved")
        return post

    def close_post(self) -> None:
        self.flush()
        self.post = None

    def mark_body_changed(self) -> None:
        """Called on every edit: cheap, just (re)arms the timers."""
        if self.post is None:
            return
        if not self._dirty:
            self._dirty = True
            self._max_wait.start()
            self._hub.saveStateChanged.emit("unsaved")
        self._idle.start()

    def apply_metadata(self, edited: Post) -> None:
        """Take the properties panel's edit of the open post (saved with the next autosave)."""
        if self.post is None or edited.id != self.post.id:
            return
        self.post = self.post.replace(**{name: getattr(edited, name) for name in _METADATA_FIELDS})
        self.mark_body_changed()
        self.metadataApplied.emit(self.post)

    def flush(self, reason: str = "autosave") -> bool:
        """Save now if anything changed; returns False if the save failed or conflicted."""
        self._idle.stop()
        self._max_wait.stop()
        if self.post is None or (not self._dirty and reason == "autosave") or self._in_conflict:
            return not self._in_conflict
        candidate = self.post.replace(body=self._body_provider())
        self._hub.saveStateChanged.emit("saving")
        try:
            saved = self._library.posts.save(candidate, reason=reason)
        except ConflictError as error:
            self._in_conflict = True
            self._hub.saveStateChanged.emit("conflict")
            self.conflict.emit(candidate, error.stored)
            return False
        except PostwrightError as error:
            self._hub.saveStateChanged.emit("error")
            self._hub.statusMessage.emit(f"Not saved: {error}")
            self._idle.start()  # try again soon; the text stays in the editor meanwhile
            return False
        self.post = saved
        self._dirty = False
        self._hub.saveStateChanged.emit("saved")
        self._hub.postSaved.emit(saved)
        return True

    def resolve_conflict(self, choice: str, mine: Post, stored: Post) -> Post:
        """Apply the user's answer to a conflict: "mine", "stored" or "copy"; returns the post to show."""
        self._in_conflict = False
        self._dirty = False
        if choice == "mine":
            saved = self._library.posts.save(mine.replace(version=stored.version), reason="save")
        elif choice == "copy":
            copy = self._library.posts.create(mine.replace(slug="", title=f"{mine.title} (my copy)"))
            self._hub.libraryChanged.emit()
            saved = copy
        else:
            saved = stored
        self.post = saved
        self._hub.saveStateChanged.emit("saved")
        self._hub.postSaved.emit(saved)
        return saved
