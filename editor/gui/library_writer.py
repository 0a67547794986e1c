"""The thread that writes the open post to the library and watches the library for changes.

The GUI thread never waits on the disk: it hands a :class:`SaveJob` (a snapshot of
the post) to the writer and gets the job back through ``finished`` when it is done.
Only one job runs at a time; a job submitted while another waits replaces it
(newest wins). A lock held by another program makes the writer wait (SQLite's busy
timeout), never the window.

Between jobs the writer polls ``PRAGMA data_version`` on its own connection every
``POLL_S``: the number changes when any *other* connection (another process, another
window, a panel of this window) commits, never for the writer's own saves, so a
change means "the library changed elsewhere". It then reads the watched post and
reports it through ``changed``. The poll costs about 2 µs of SQLite time per second
(see docs/benchmarks.md) and happens on this thread, not the GUI's.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from itertools import count

from PySide6.QtCore import QObject, Signal

from editor.core.foundation.errors import NotFoundError, PostwrightError
from editor.core.library import Library
from editor.core.post.model import Post

POLL_S = 1.0

_tokens = count(1)


@dataclass(eq=False)
class SaveJob:
    post: Post  # the snapshot to store (its version is the one it was loaded at)
    reason: str
    generation: int  # the session's edit counter when the snapshot was taken
    token: int = field(default_factory=lambda: next(_tokens))
    done: threading.Event = field(default_factory=threading.Event)
    result: Post | PostwrightError | None = None
    handled: bool = False  # the GUI has applied the result (it may arrive twice: waited for, then signalled)


@dataclass(frozen=True)
class LibraryChange:
    """The library changed elsewhere; ``stored`` is the watched post as it is now (None if gone)."""

    post_id: int | None
    stored: Post | None
    elsewhere: bool = True  # False: only a check of a newly watched post (the library itself did not change)


class LibraryWriter(QObject):
    finished = Signal(object)  # SaveJob, on the GUI thread
    changed = Signal(object)  # LibraryChange, on the GUI thread

    def __init__(self, library: Library, parent: QObject | None = None, *, poll_s: float = POLL_S) -> None:
        super().__init__(parent)
        self._library = library
        self._poll_s = poll_s
        self._condition = threading.Condition()
        self._job: SaveJob | None = None
        self._watched: int | None = None
        self._recheck = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="library-writer", daemon=True)
        self._thread.start()

    def submit(self, job: SaveJob) -> None:
        with self._condition:
            replaced, self._job = self._job, job
            self._condition.notify()
        if replaced is not None:  # never started: the newer snapshot holds everything it had
            replaced.done.set()

    def watch(self, post_id: int | None) -> None:
        """Report changes to this post; its stored state is reported once at the next poll, so a
        change made between loading it and the writer's next look is never missed."""
        with self._condition:
            self._watched = post_id
            self._recheck = post_id is not None

    def stop(self, timeout: float = 10.0) -> bool:
        """Finish the job in hand, then end the thread; False if it did not end in time."""
        with self._condition:
            self._stopping = True
            self._condition.notify()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    # -- the thread ------------------------------------------------------------------
    def _run(self) -> None:
        lib = self._connect()
        version = self._data_version(lib)
        try:
            while True:
                with self._condition:
                    if self._job is None and not self._stopping:
                        self._condition.wait(self._poll_s)
                    job, self._job = self._job, None
                    stopping, watched, recheck = self._stopping, self._watched, self._recheck
                    self._recheck = False
                if lib is None:
                    lib = self._connect()
                    version = self._data_version(lib)
                if job is not None:
                    self._save(lib, job)
                if stopping:
                    return
                if lib is not None:
                    version = self._poll(lib, version, watched, recheck)
        finally:
            if lib is not None:
                lib.close()

    def _connect(self) -> Library | None:
        try:
            return self._library.connection()
        except PostwrightError:
            return None  # the save reports why; the next round tries again

    def _save(self, lib: Library | None, job: SaveJob) -> None:
        try:
            if lib is None:
                with self._library.connection() as fresh:  # raises the reason it cannot be opened
                    job.result = fresh.posts.save(job.post, reason=job.reason)
            else:
                job.result = lib.posts.save(job.post, reason=job.reason)
        except PostwrightError as error:
            job.result = error
        except Exception as error:  # noqa: BLE001 - a bug: report it as a failed save, never lose it in a thread
            traceback.print_exc()
            job.result = PostwrightError(f"The post was not saved because of an unexpected error: {error}.")
        job.done.set()
        self.finished.emit(job)

    @staticmethod
    def _data_version(lib: Library | None) -> int | None:
        if lib is None:
            return None
        try:
            return lib.data_version()
        except Exception:  # noqa: BLE001 (a poll that fails is retried next second; saves report errors)
            return None

    def _poll(self, lib: Library, last: int | None, watched: int | None, recheck: bool) -> int | None:
        version = self._data_version(lib)
        if version is None:
            return last
        elsewhere = last is not None and version != last
        if not elsewhere and not (recheck and watched is not None):
            return version if last is None else last
        stored: Post | None = None
        if watched is not None:
            try:
                stored = lib.posts.get_by_id(watched)
            except NotFoundError:
                stored = None
            except Exception:  # noqa: BLE001
                return last  # try again on the next poll
        self.changed.emit(LibraryChange(watched, stored, elsewhere))
        return version
