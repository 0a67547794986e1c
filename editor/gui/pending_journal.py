"""The thread that writes the open post's unsaved text to the app's recovery file, and the offer to
restore it on the next start.

The library writer may wait on SQLite's lock for as long as another program holds it; this
thread never touches the library, so the recovery file (``core/library/pending_edits.py``)
gets the newest text within moments of each snapshot whatever the lock. Jobs run in order;
a newer snapshot of the same post replaces one not yet written.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor

from editor.core.foundation.errors import NotFoundError, PostwrightError
from editor.core.library.pending_edits import PendingEdit, PendingEdits
from editor.core.post.model import Post

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


@dataclass(frozen=True)
class _Clear:
    post_id: int
    up_to_generation: int | None


class PendingJournal:
    """Writes :class:`PendingEdit` snapshots (and clears them) on a thread of its own."""

    def __init__(self, edits: PendingEdits) -> None:
        self.edits = edits
        self._queue: deque[PendingEdit | _Clear] = deque()
        self._condition = threading.Condition()
        self._stopping = False
        self.written = threading.Event()  # set after each job (tests and the soak wait on it)
        self.last_error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="pending-journal", daemon=True)
        self._thread.start()

    def record(self, post: Post, body: str, generation: int, *, save_in_flight: bool) -> None:
        """Keep ``body`` (the post's text at edit ``generation``); a save in flight may land on top of it."""
        if post.id is None:
            return
        edit = PendingEdit(post.id, post.slug, post.title, post.version, body, time.time(), generation,
                           post.version + 1 if save_in_flight else None)
        with self._condition:
            self._queue = deque(job for job in self._queue
                                if not (isinstance(job, PendingEdit) and job.post_id == post.id))
            self._queue.append(edit)
            self._condition.notify()

    def clear(self, post_id: int | None, up_to_generation: int | None = None) -> None:
        """The library holds the text up to ``up_to_generation`` (None: forget the entry whatever it holds)."""
        if post_id is None:
            return
        with self._condition:
            self._queue.append(_Clear(post_id, up_to_generation))
            self._condition.notify()

    def stop(self, timeout: float = 5.0) -> None:
        """Write what is queued, then end the thread."""
        with self._condition:
            self._stopping = True
            self._condition.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._queue and not self._stopping:
                    self._condition.wait()
                if not self._queue:
                    return
                job = self._queue.popleft()
            try:
                if isinstance(job, _Clear):
                    self.edits.clear(job.post_id, job.up_to_generation)
                else:
                    self.edits.record(job)
                self.last_error = None
            except OSError as error:  # a full disk: the library save still runs; nothing else to do
                self.last_error = error
            self.written.set()


def offer_pending_edits(window: MainWindow) -> None:
    """On start: every entry of the recovery file whose text the library does not hold is offered back."""
    journal = window.session.journal
    if journal is None:
        return
    for edit in journal.edits.pending():
        try:
            stored: Post | None = window.library.posts.get_by_id(edit.post_id)
        except (NotFoundError, PostwrightError):
            stored = None
        if stored is not None and (stored.body == edit.body or stored.version > (edit.newest_version or edit.version)):
            journal.edits.clear(edit.post_id)  # saved after all, or the library moved on past it
            continue
        from editor.gui.dialogs import save_dialogs  # only when there is something to ask about

        if not save_dialogs.ask_restore_pending(window, edit):
            journal.edits.clear(edit.post_id)
            continue
        _restore(window, edit, stored)


def _restore(window: MainWindow, edit: PendingEdit, stored: Post | None) -> None:
    """The text back into its post (typed on the stored version), else into a new post beside it."""
    if stored is None or stored.deleted_at is not None or not edit.typed_on(stored.version):
        copy = window.library.posts.create(Post(title=f"{edit.title} (recovered)", body=edit.body))
        window.hub.libraryChanged.emit()
        window.open_post(copy.slug)
        if window.session.journal is not None:
            window.session.journal.edits.clear(edit.post_id)
        return
    if not window.open_post(stored.slug):
        return
    cursor = window.editor.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(edit.body)  # an edit like typing: one undo step, saved by the next autosave
    window.session.request_save("save")
