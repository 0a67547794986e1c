"""The open post: what is loaded, what changed, and autosaving it off the GUI thread.

Autosave takes a snapshot at most ``IDLE_MS`` after typing stops and at most
``MAX_WAIT_MS`` after the first unsaved change even while typing goes on, so a killed
process loses at most the last two seconds. The snapshot (one ``toPlainText``) is the
only work on the GUI thread; the :class:`LibraryWriter` thread stores it. While a
save is in flight, newer edits wait for it and then go in one newer snapshot, so the
version chain stays intact and revisions still coalesce.

A save that fails (full disk, read-only file, library locked elsewhere) leaves the
text in the editor, shows "Not saved" and is retried with a growing pause. A save
refused as a conflict is reported through ``conflict``, a post trashed elsewhere
through ``trashed``; neither is retried blindly. The writer also reports changes
made elsewhere: the open post reloads when it has no unsaved edits (``reloaded``).

``flush()`` saves now and waits (with a timeout) for the result: only for actions
that need the post stored first (switching posts, export, history, closing).

Every snapshot also goes to the app's recovery file (``pending_journal``), on a thread that
never touches the library, and is cleared there once the library has it; while a save waits
(another program holds the library's write lock) or has failed, newer typing goes there too
at most ``MAX_WAIT_MS`` later. So a crash loses at most two seconds of typing however long the
lock lasts; the next start offers it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor.core.foundation.errors import ConflictError, LibraryError, PostTrashedError, PostwrightError
from editor.core.library import Library
from editor.core.library.pending_edits import PendingEdits
from editor.core.post.model import Post
from editor.gui.hub import SignalHub
from editor.gui.library_writer import LibraryChange, LibraryWriter, SaveJob
from editor.gui.pending_journal import PendingJournal

IDLE_MS = 1000
MAX_WAIT_MS = 2000
RETRY_MS = (2000, 4000, 8000, 15000, 30000)  # after a failed save; the text stays in the editor meanwhile
FLUSH_TIMEOUT_S = 12.0  # longer than SQLite's 5 s busy timeout, so a lock held elsewhere is reported, not cut
_METADATA_FIELDS = (
    "title", "slug", "summary", "status", "author_id", "reviewer_id", "last_reviewed", "tags", "series",
    "series_number", "banner", "show_banner", "related", "citation_display",
)


class PostSession(QObject):
    conflict = Signal(object, object)  # mine: Post, stored: Post
    trashed = Signal(object)  # mine: Post (with the editor's text), moved to the trash elsewhere
    reloaded = Signal(object)  # Post: changed elsewhere while it had no unsaved edits; show it
    metadataApplied = Signal(object)  # Post: the open post after a properties edit was taken in

    def __init__(self, library: Library, hub: SignalHub, body_provider: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._hub = hub
        self._body_provider = body_provider
        self.post: Post | None = None
        self._generation = 0  # counts edits; a save covers the edits up to its snapshot's generation
        self._saved_generation = 0
        self._in_flight: SaveJob | None = None
        self._wanted: str | None = None  # a save asked for while another was in flight
        self._in_conflict = False
        self._failures = 0
        self.last_error: PostwrightError | None = None
        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS, timeout=self._autosave)
        self._max_wait = QTimer(self, singleShot=True, interval=MAX_WAIT_MS, timeout=self._autosave)
        self._retry = QTimer(self, singleShot=True, timeout=self._autosave)
        self._journal_due = QTimer(self, singleShot=True, interval=MAX_WAIT_MS, timeout=self._journal_if_waiting)
        self._journaled = 0  # the generation last written to the recovery file
        self._unsnapshotted_since: float | None = None  # when the first edit in no snapshot yet was made
        self.journal = PendingJournal(PendingEdits(library.file.path)) if library.file is not None else None
        self.writer = LibraryWriter(library, self)
        self.writer.finished.connect(self._on_finished)
        self.writer.changed.connect(self._on_library_changed)

    @property
    def dirty(self) -> bool:
        return self.post is not None and self._generation != self._saved_generation

    # -- opening and closing -----------------------------------------------------------
    def open(self, slug: str) -> Post:
        """Save the current post, then load ``slug`` (raises NotFoundError, or LibraryError
        when the current post could not be saved: it then stays open, its text kept)."""
        if not self.flush() and self.dirty:
            title = self.post.title if self.post is not None else ""
            raise LibraryError(f"“{title}” stays open because its last changes could not be saved: "
                               f"{self.last_error or 'the save did not finish'}")
        post = self._library.posts.get(slug)
        self._show(post)
        return post

    def _show(self, post: Post) -> None:
        self.post = post
        self._saved_generation = self._generation
        self._in_conflict = False
        self._failures = 0
        self._retry.stop()
        self.writer.watch(post.id)
        self._hub.saveStateChanged.emit("saved")

    def close_post(self) -> None:
        self.flush()
        self.post = None
        self.writer.watch(None)

    def discard(self) -> None:
        """Forget the open post and its unsaved changes (the user chose to)."""
        for timer in (self._idle, self._max_wait, self._retry, self._journal_due):
            timer.stop()
        if self.journal is not None and self.post is not None:
            self.journal.clear(self.post.id)
        self.post = None
        self._saved_generation = self._generation
        self._in_conflict = False
        self.writer.watch(None)

    def shutdown(self, timeout: float = FLUSH_TIMEOUT_S) -> bool:
        """Stop the writer after the save in hand; False if it did not stop in time."""
        for timer in (self._idle, self._max_wait, self._retry, self._journal_due):
            timer.stop()
        stopped = self.writer.stop(timeout)
        if self.journal is not None:
            if self.dirty:  # closing without the last text saved: it stays in the recovery file
                self._journal_now()
            self.journal.stop()
        return stopped

    # -- edits -------------------------------------------------------------------------
    def mark_body_changed(self) -> None:
        """Called on every edit: cheap, just counts it and (re)arms the timers."""
        if self.post is None:
            return
        was_dirty = self.dirty
        self._generation += 1
        if self._unsnapshotted_since is None:
            self._unsnapshotted_since = time.monotonic()
        if not was_dirty:
            self._max_wait.start(MAX_WAIT_MS)
            if self._in_flight is None and not self._in_conflict:
                self._hub.saveStateChanged.emit("unsaved")
        self._idle.start()
        if not self._journal_due.isActive():
            self._journal_due.start()

    def _journal_if_waiting(self) -> None:
        """Two seconds after unjournaled typing: if the library cannot take it now, the recovery file does."""
        waiting = self._in_flight is not None or self.last_error is not None or self._retry.isActive()
        if waiting and self.dirty and self._journaled != self._generation:
            self._journal_now()

    def _journal_now(self) -> None:
        if self.journal is None or self.post is None:
            return
        self._journaled = self._generation
        self._unsnapshotted_since = None
        self.journal.record(self.post, self._body_provider(), self._generation,
                            save_in_flight=self._in_flight is not None)

    def apply_metadata(self, edited: Post) -> None:
        """Take the properties panel's edit of the open post (saved with the next autosave)."""
        if self.post is None or edited.id != self.post.id:
            return
        self.post = self.post.replace(**{name: getattr(edited, name) for name in _METADATA_FIELDS})
        self.mark_body_changed()
        self.metadataApplied.emit(self.post)

    # -- saving ------------------------------------------------------------------------
    def _autosave(self) -> None:
        self.request_save("autosave")

    def request_save(self, reason: str = "autosave") -> None:
        """Hand a snapshot to the writer now (or right after the save in flight); never waits."""
        self._idle.stop()
        self._max_wait.stop()
        self._retry.stop()
        if self.post is None or self._in_conflict or (reason == "autosave" and not self.dirty):
            return
        if self._in_flight is not None:
            self._wanted = reason if self._wanted in (None, "autosave") else self._wanted
            return
        job = SaveJob(self.post.replace(body=self._body_provider()), reason, self._generation)
        self._unsnapshotted_since = None
        self._in_flight = job
        self._hub.saveStateChanged.emit("saving")
        self.writer.submit(job)
        if self.journal is not None:  # kept safe at once, in case the library makes this save wait
            self._journaled = job.generation
            self.journal.record(self.post, job.post.body, job.generation, save_in_flight=False)

    def flush(self, reason: str = "autosave", timeout: float = FLUSH_TIMEOUT_S) -> bool:
        """Save now if anything changed and wait for it; False if it failed, conflicted or timed out."""
        if self._in_flight is not None:
            job = self._in_flight
            if not self._wait(job, timeout):
                return False
            if not isinstance(job.result, Post) and job.result is not None:
                return False
        if self.post is None or self._in_conflict:
            return not self._in_conflict
        if self.dirty or reason != "autosave":
            self.request_save(reason)
            pending = self._in_flight
            if pending is not None:
                return self._wait(pending, timeout) and isinstance(pending.result, Post) and not self.dirty
        return not self.dirty

    def _wait(self, job: SaveJob, timeout: float) -> bool:
        if not job.done.wait(timeout):
            return False
        self._on_finished(job)
        return True

    def _on_finished(self, job: SaveJob) -> None:
        if job.handled or job is not self._in_flight:
            return
        job.handled = True
        self._in_flight = None
        result = job.result
        if self.post is None or job.post.id != self.post.id:
            if isinstance(result, PostwrightError):
                self._hub.statusMessage.emit(f"Not saved: {result}")
            return
        if isinstance(result, Post):
            self._saved(job, result)
        elif isinstance(result, PostTrashedError):
            self._in_conflict = True
            self._hub.saveStateChanged.emit("trashed")
            self.trashed.emit(self.post.replace(body=self._body_provider()))
        elif isinstance(result, ConflictError):
            self._in_conflict = True
            self._hub.saveStateChanged.emit("conflict")
            self.conflict.emit(self.post.replace(body=self._body_provider()), result.stored)
        elif isinstance(result, PostwrightError):
            self._failed(result)
        else:  # replaced by a newer snapshot before it started: nothing was written
            self._continue()

    def _saved(self, job: SaveJob, saved: Post) -> None:
        self.last_error = None
        self._failures = 0
        if self._generation == job.generation:
            self.post = saved
        else:  # edited meanwhile: keep the newer metadata, take the stored version
            assert self.post is not None
            self.post = self.post.replace(version=saved.version, updated_at=saved.updated_at,
                                          published_at=saved.published_at)
        self._saved_generation = job.generation
        if self.journal is not None:  # the library holds the text up to this generation now
            self.journal.clear(saved.id, job.generation)
        self._hub.postSaved.emit(saved)
        if job.reason == "save":
            self._hub.statusMessage.emit("Saved, with a revision in the history.")
        self._continue()

    def _failed(self, error: PostwrightError) -> None:
        self.last_error = error
        self._journal_now()  # kept safe until a retry stores it
        self._hub.saveStateChanged.emit("error")
        self._hub.statusMessage.emit(f"Not saved: {error}")
        delay = RETRY_MS[min(self._failures, len(RETRY_MS) - 1)]
        self._failures += 1
        self._wanted = None
        self._retry.start(delay)

    def _continue(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is not None and (self.dirty or wanted != "autosave"):
            self.request_save(wanted)
        elif self.dirty:  # edited while the save was in flight: due MAX_WAIT_MS after the first of those edits
            self._hub.saveStateChanged.emit("unsaved")
            if not self._idle.isActive():
                self._idle.start()
            if not self._max_wait.isActive():
                waited = (time.monotonic() - (self._unsnapshotted_since or time.monotonic())) * 1000
                self._max_wait.start(max(0, int(MAX_WAIT_MS - waited)))
        else:
            self._hub.saveStateChanged.emit("saved")

    # -- the library changing elsewhere ---------------------------------------------------
    def _on_library_changed(self, change: LibraryChange) -> None:
        if change.elsewhere:
            self._hub.libraryChanged.emit()
        post = self.post
        if post is None or change.post_id != post.id or self._in_flight is not None or self._in_conflict:
            return
        stored = change.stored
        if stored is None or stored.deleted_at is not None:
            self._in_conflict = True
            self._hub.saveStateChanged.emit("trashed")
            self.trashed.emit(post.replace(body=self._body_provider()))
        elif stored.version != post.version:
            if self.dirty:
                self.request_save("autosave")  # refused as a conflict: the dialog asks what to keep
            else:
                self._show(stored)
                self.reloaded.emit(stored)
                self._hub.statusMessage.emit(f"“{stored.title}” was changed elsewhere; showing the new version.")

    # -- answers to conflicts --------------------------------------------------------------
    def resolve_conflict(self, choice: str, mine: Post, stored: Post) -> Post:
        """Apply the user's answer to a conflict: "mine", "stored" or "copy"; returns the post to show."""
        if choice == "mine":
            saved = self._library.posts.save(mine.replace(version=stored.version), reason="save")
        elif choice == "copy":
            saved = self._library.posts.create(mine.replace(slug="", title=f"{mine.title} (my copy)"))
            self._hub.libraryChanged.emit()
        else:
            saved = stored
        self._show(saved)
        self._hub.postSaved.emit(saved)
        return saved

    def keep_as_new_post(self, mine: Post) -> Post:
        """The open post was trashed elsewhere: store the editor's text as a new post and switch to it."""
        copy = self._library.posts.create(mine.replace(slug="", status="draft", deleted_at=None))
        self._hub.libraryChanged.emit()
        self._show(copy)
        self._hub.postSaved.emit(copy)
        return copy
