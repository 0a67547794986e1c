"""The library files this process has open, and how to tell that a path is one of them.

Only SQLite may open a library file: SQLite's locks are POSIX locks, held per process,
and a plain ``open()``/``close()`` of the file anywhere in the process drops all of them
(another process may then delete the write-ahead log under us), while a write replaces
the posts with something else. So every path a person gives us to read or write is
compared with the open libraries *before* anything opens it: by resolved name (symbolic
links, ``..`` and relative paths followed) and by (device, inode), so a hard link or a
second mount is caught too. The library's companions count as the library: its
write-ahead log (``-wal``), shared memory (``-shm``) and rollback journal (``-journal``).

``core/library/registry.py`` reports each library file as it opens and closes it; this
module imports nothing from the library room, so every room can ask it.
"""

from __future__ import annotations

import errno
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from editor.core.foundation.errors import PostwrightError

SIDECARS = ("-wal", "-shm", "-journal")
_ROLES = {"": "the library", "-wal": "the write-ahead log of the library",
          "-shm": "the shared-memory file of the library", "-journal": "the rollback journal of the library"}

_lock = threading.Lock()
_open: dict[Path, int] = {}  # resolved path → how many times it is registered


@dataclass(frozen=True)
class LibraryMatch:
    """``path`` is ``library`` (suffix ``""``) or one of its companion files (``-wal``…)."""

    library: Path
    suffix: str

    @property
    def role(self) -> str:
        """"the library" / "the write-ahead log of the library"… (followed by its path)."""
        return f"{_ROLES[self.suffix]} {self.library}"


def opened(path: Path) -> None:
    """Record that this process opened the library file at ``path`` (resolved)."""
    with _lock:
        _open[path] = _open.get(path, 0) + 1


def closed(path: Path) -> None:
    with _lock:
        count = _open.get(path, 0) - 1
        if count > 0:
            _open[path] = count
        else:
            _open.pop(path, None)


def open_libraries() -> list[Path]:
    with _lock:
        return list(_open)


def resolve_path(path: Path | str, error: type[PostwrightError], what: str = "") -> Path:
    """``path`` made absolute with every symbolic link followed (a missing file is fine);
    a link that leads back to itself, or a path the system cannot follow, is ``error``
    naming it (``what`` says what the path was for, e.g. "the library")."""
    given = Path(path).expanduser()
    try:
        return given.resolve()
    except RuntimeError:  # Python 3.11 reports a loop this way; later versions raise OSError(ELOOP)
        reason = "it is a symbolic link that leads back to itself (a link loop)"
    except OSError as failure:
        reason = ("it is a symbolic link that leads back to itself (a link loop)" if failure.errno == errno.ELOOP
                  else f"it cannot be followed ({failure.strerror or failure})")
    subject = f"{what} {given}" if what else str(given)
    raise error(f"Cannot use {subject}: {reason}.")


def identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` leads to; ``stat`` opens no file descriptor."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def open_library_behind(path: Path, resolved: Path | None = None) -> LibraryMatch | None:
    """The open library ``path`` is (or whose companion file it is), else None.

    ``resolved`` is ``path`` with its links followed, when the caller has it. Nothing
    here opens ``path``: names are compared, then ``stat`` identities.
    """
    libraries = open_libraries()
    if not libraries:
        return None
    names = {str(path), str(resolved)} if resolved is not None else {str(path)}
    wanted = identity(resolved or path)
    for library in libraries:
        for suffix in ("", *SIDECARS):
            companion = f"{library}{suffix}"
            if companion in names:
                return LibraryMatch(library, suffix)
            if wanted is not None and identity(companion) == wanted:
                return LibraryMatch(library, suffix)
    return None
