"""The app's own recovery file: text typed while the library could not take it.

A save waits for SQLite's write lock; while another program holds it (a long import, a
backup, a sync tool), the open post's newest text would live only in the window, and a
crash would lose all of it however long the lock lasted. So the app also writes the
newest snapshot here, at most two seconds after typing, whenever a save is waiting or has
failed: one small JSON file per library (``recovery/<hash of the library's path>.json`` in
the user's Postwright data folder — never the library, so no lock can stop it), written
atomically. A save that stores the text clears its entry. On the next start the app
offers every entry whose text the library does not hold (``pending``).
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from editor.core.foundation.atomic import write_private_file
from editor.core.foundation.paths import data_dir

MAX_FILE_BYTES = 256 * 1024 * 1024  # a recovery file larger than this is not ours to read


@dataclass(frozen=True)
class PendingEdit:
    post_id: int
    slug: str
    title: str
    version: int  # the stored version the text was typed on
    body: str
    saved_at: float  # when it was written here (seconds since the epoch)
    generation: int = 0  # the session's edit count: a save of this generation or later makes it obsolete
    newest_version: int | None = None  # the stored version once a save in flight when written lands

    def typed_on(self, version: int) -> bool:
        """Whether the stored post at ``version`` is what this text was typed on (nobody else changed it)."""
        return self.version <= version <= (self.newest_version if self.newest_version is not None else self.version)


class PendingEdits:
    """The recovery entries of one library file (one entry per post)."""

    def __init__(self, library_path: Path, folder: Path | None = None) -> None:
        key = hashlib.sha256(str(Path(library_path).resolve()).encode("utf-8")).hexdigest()[:24]
        self.path = (folder or data_dir() / "recovery") / f"{key}.json"
        self.library_path = Path(library_path)
        self._lock = threading.Lock()
        # The entries as this object last wrote them, and the file's stamp then: while the file
        # still has that stamp, nobody else wrote it and it is not read again.
        self._written: tuple[tuple[int, int, int], dict[str, dict[str, object]]] | None = None

    def _read(self) -> dict[str, dict[str, object]]:
        try:
            status = self.path.stat()
            if self._written is not None and self._written[0] == _stamp(status):
                return dict(self._written[1])
            if status.st_size > MAX_FILE_BYTES:
                return {}
            import msgspec  # only with a file to read: not before the window's first paint (test_startup_imports)

            # msgspec, not json: this runs after every autosave on a thread of the app, and the
            # stdlib's holds the interpreter ~13 ms a round trip for a 200k-word post (msgspec: 3 ms).
            data = msgspec.json.decode(self.path.read_bytes())
        except (OSError, ValueError):  # msgspec.DecodeError is a ValueError
            return {}
        entries = data.get("posts") if isinstance(data, dict) else None
        return entries if isinstance(entries, dict) else {}

    def _write(self, entries: dict[str, dict[str, object]]) -> None:
        import msgspec

        self._written = None
        if not entries:
            self.path.unlink(missing_ok=True)
            return
        write_private_file(self.path, msgspec.json.encode({"library": str(self.library_path), "posts": entries}))
        self._written = (_stamp(self.path.stat()), dict(entries))

    def record(self, edit: PendingEdit) -> None:
        """Keep ``edit`` (replacing the post's older entry); raises OSError if it cannot be written."""
        with self._lock:
            entries = self._read()
            entries[str(edit.post_id)] = asdict(edit)
            self._write(entries)

    def clear(self, post_id: int, up_to_generation: int | None = None) -> None:
        """Forget the post's entry (only one of ``up_to_generation`` or older, when given: a newer one stays)."""
        with self._lock:
            entries = self._read()
            entry = entries.get(str(post_id))
            if entry is None:
                return
            generation = entry.get("generation")
            if up_to_generation is not None and isinstance(generation, int) and generation > up_to_generation:
                return
            del entries[str(post_id)]
            try:
                self._write(entries)
            except OSError:
                pass  # a stale entry is offered once more and then found already saved

    def pending(self) -> list[PendingEdit]:
        """Every entry, oldest first (malformed ones are left out)."""
        found = []
        with self._lock:
            entries = self._read()
        for entry in entries.values():
            try:
                newest = entry.get("newest_version")
                found.append(PendingEdit(int(str(entry["post_id"])), str(entry["slug"]), str(entry["title"]),
                                         int(str(entry["version"])), str(entry["body"]),
                                         float(str(entry["saved_at"])), int(str(entry.get("generation", 0))),
                                         int(str(newest)) if newest is not None else None))
            except (KeyError, TypeError, ValueError):
                continue
        return sorted(found, key=lambda edit: edit.saved_at)


def _stamp(status: os.stat_result) -> tuple[int, int, int]:
    """What changes when any program replaces or rewrites the file."""
    return status.st_ino, status.st_mtime_ns, status.st_size
