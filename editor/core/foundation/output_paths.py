"""The one check every file Postwright writes passes first: never over a library, never
over someone else's file without consent.

``check_output(path)`` runs before any byte is written (``atomic.py``'s writers call it,
and so do the backup and the recovery, which write through SQLite):

1. The path is made absolute and its symbolic links are followed (a link loop is
   refused by name); the write goes to the file the link leads to.
2. A library open in this process, or its ``-wal``/``-shm``/``-journal``, is refused,
   by name and by (device, inode), so a symbolic or hard link to it is refused too.
   Nothing is opened to find this out.
3. Any other SQLite database, including a Postwright library or backup that is not open
   here, and its companion files, is refused: an export never replaces a database.
4. A folder or a device is refused.
5. Any other existing file is replaced only if it is one of our own outputs
   (:mod:`output_ledger`: written by us and unchanged since), or the person agreed
   (``--force``, or "Replace" in the app), which the caller says with
   ``with overwriting():``. Otherwise :class:`OverwriteNotConfirmed` is raised, and the
   app asks.

Refusals (2-4) are :class:`OutputRefused`, one sentence; nothing has been written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from editor.core.foundation import output_ledger
from editor.core.foundation.errors import ExportError
from editor.core.foundation.library_files import SIDECARS, open_library_behind, resolve_path

SQLITE_HEADER = b"SQLite format 3\x00"
_POSTWRIGHT_ID = (0x50575254).to_bytes(4, "big")  # "PWRT", the library's application_id at offset 68

_consent: ContextVar[bool] = ContextVar("postwright_overwrite_consent", default=False)


class OutputRefused(ExportError):
    """The path may never be written by an export (a library, a database, a folder)."""


class OverwriteNotConfirmed(ExportError):
    """The path holds a file that is not one of our outputs; the person must agree to replace it."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


@contextmanager
def overwriting(consent: bool = True) -> Iterator[None]:
    """Within this block, existing files the person chose may be replaced (never a library)."""
    token = _consent.set(consent)
    try:
        yield
    finally:
        _consent.reset(token)


def check_output(path: str | os.PathLike[str], data: bytes | None = None) -> Path:
    """The file to write for ``path`` (links followed), after the checks above.

    With ``data``, an existing file holding exactly those bytes counts as ours (writing
    it changes nothing), e.g. an image an earlier export wrote under the same name.
    """
    target, shown = _resolve_refusing_libraries(path, "file")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        _refuse_companion_of_database(target, shown)
        return target
    except OSError as error:
        raise OutputRefused(f"Cannot write {shown}: {error.strerror or error}; nothing was written.") from error
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{shown} is a folder, not a file; nothing was written. Give a file name.")
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused(f"{shown} is not an ordinary file (a device or a pipe); nothing was written.")
    _refuse_database(target, shown, info.st_size)
    _refuse_companion_of_database(target, shown)
    if _consent.get() or output_ledger.is_ours(target) or _same_bytes(target, info.st_size, data):
        return target
    raise OverwriteNotConfirmed(
        f"{shown} already exists and was not written by Postwright (or was changed since), so it was left as it "
        "is; choose another file, or confirm replacing it (--force on the command line).", path=target)


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """The folder an export of many files goes into (links followed): never a library's name, never a file."""
    target, shown = _resolve_refusing_libraries(path, "folder")
    _refuse_companion_of_database(target, shown)
    if target.exists() and not target.is_dir():
        raise OutputRefused(f"Cannot export into {shown}: it is a file, not a folder; nothing was written.")
    return target


def check_outputs(files: Mapping[Path, bytes | None]) -> None:
    """``check_output`` for every file (and its coming bytes) an export is about to write, before it writes any."""
    for path, data in files.items():
        check_output(path, data)


def _resolve_refusing_libraries(path: str | os.PathLike[str], kind: str) -> tuple[Path, str]:
    """(the path with its links followed, how to name it in a message); a library open here is refused."""
    given = Path(path).expanduser()
    target = resolve_path(given, OutputRefused, f"the output {kind}")
    shown = str(given) if str(given) == str(target) else f"{given} (which leads to {target})"
    match = open_library_behind(given, target)
    if match is not None:
        raise OutputRefused(f"{shown} is {match.role}, which only its database may change, so nothing was "
                            f"written; choose another {kind}.")
    return target, shown


def record_output(path: Path) -> None:
    """Remember ``path`` as our own output (call after writing it)."""
    output_ledger.record(path)


def _head(path: Path, size: int) -> bytes:
    """The first 100 bytes of a file no library of ours has open (step 2 ruled that out)."""
    if size < len(SQLITE_HEADER):
        return b""
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except OSError:
        return b""


def _refuse_database(target: Path, shown: str, size: int) -> None:
    head = _head(target, size)
    if not head.startswith(SQLITE_HEADER):
        return
    if head[68:72] == _POSTWRIGHT_ID:
        raise OutputRefused(f"{shown} is a Postwright library (or a backup of one), so nothing was written over "
                            "it; choose another file.")
    raise OutputRefused(f"{shown} is a database file, so nothing was written over it; choose another file.")


def _refuse_companion_of_database(target: Path, shown: str) -> None:
    """``x-wal``, ``x-shm`` or ``x-journal`` beside a database ``x`` belongs to that database."""
    for suffix in SIDECARS:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            base = target.with_name(target.name[: -len(suffix)])
            try:
                size = os.stat(base).st_size
            except OSError:
                return
            if open_library_behind(base, base) is not None or _head(base, size).startswith(SQLITE_HEADER):
                raise OutputRefused(f"{shown} belongs to the database {base} (its {suffix[1:]} file), so nothing "
                                    "was written; choose another file.")


def _same_bytes(target: Path, size: int, data: bytes | None) -> bool:
    if data is None or size != len(data):
        return False
    try:
        with open(target, "rb") as handle:
            return handle.read(size + 1) == data
    except OSError:
        return False
