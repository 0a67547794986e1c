"""Atomic file writes: write a temporary file beside the target, fsync, then rename.

``atomic_write_bytes``/``atomic_write_text`` write the files a person asked for (exports,
handouts, reports, saved text): the target first passes ``output_paths.check_output``
(never a library, never someone else's file without consent), and is then remembered
as our own output. A failure is one :class:`ExportError` sentence (disk full, read-only
folder...). ``write_private_file`` is for Postwright's own records in its data folder.

A reader (or a crash) sees either the old file or the new one, never half of one,
and a failed write leaves no partial file behind. ``mkstemp`` creates owner-only
(0600) files; the result gets the mode an ordinary new file would have (0644 under
the usual umask), or keeps the mode of the file it replaces, so a web server running
as another user can read an export.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from editor.core.foundation.errors import ExportError
from editor.core.foundation.output_paths import check_output, record_output


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to the file ``path`` leads to, whole or not at all; returns that file."""
    target = check_output(path, data)
    try:
        write_private_file(target, data)
    except OSError as error:
        raise ExportError(write_failure(target, error)) from error
    record_output(target)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    return atomic_write_bytes(path, text.encode(encoding))


def write_failure(target: Path, error: OSError) -> str:
    """One sentence saying why ``target`` could not be written, and that nothing was."""
    folder = target.parent
    reasons = {
        errno.ENOSPC: f"the disk holding {folder} is full; free some space and try again",
        errno.EDQUOT: f"your disk quota on {folder} is used up; free some space and try again",
        errno.EROFS: f"{folder} is on a read-only disk; choose a folder on a writable disk",
        errno.EACCES: f"you may not write in {folder}; choose a folder you can write to",
        errno.EPERM: f"you may not write in {folder}; choose a folder you can write to",
        errno.ENOENT: f"the folder {folder} does not exist and could not be made",
        errno.ENOTDIR: f"a part of {folder} is a file, not a folder",
        errno.ENAMETOOLONG: "the file name is too long",
    }
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"Cannot write {target}: {reason}. Nothing was written."


def write_private_file(path: str | os.PathLike[str], data: bytes) -> None:
    """The atomic write itself, unchecked: for Postwright's own files (records, recovery journal)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the classic swap (briefly process-wide)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~current_umask()
