"""Probes for the file guard tests: which files a test made Python open, and whether this process
still holds SQLite's lock on a library file (a plain open()/close() of the file drops it)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_recording: list[list[str]] = []
_lock = threading.Lock()
_installed = False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _recording and args and isinstance(args[0], (str, bytes, os.PathLike)):
        with _lock:
            for opened in _recording:
                opened.append(os.fsdecode(args[0]))


@contextmanager
def python_opens() -> Iterator[list[str]]:
    """Every path Python's ``open``/``os.open`` (any thread) is asked to open inside the block."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)  # hooks cannot be removed; one records for every block
        _installed = True
    opened: list[str] = []
    with _lock:
        _recording.append(opened)
    try:
        yield opened
    finally:
        with _lock:
            _recording.remove(opened)


def library_family(library: Path) -> set[tuple[int, int]]:
    """(device, inode) of the library and whichever of its companion files exist."""
    found = set()
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            info = os.stat(f"{library}{suffix}")
        except OSError:
            continue
        found.add((info.st_dev, info.st_ino))
    return found


def opened_library_files(opened: list[str], library: Path) -> list[str]:
    """The paths in ``opened`` that are the library or one of its companion files (by identity)."""
    family = library_family(library)
    hits = []
    for path in opened:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in family:
            hits.append(path)
    return hits


def held_locks(path: Path) -> list[str]:
    """This process's POSIX locks on ``path`` from /proc/locks (Linux): "READ 1073741826" ..."""
    inode = os.stat(path).st_ino
    pid = str(os.getpid())
    found = []
    with open("/proc/locks", encoding="ascii") as table:
        for line in table:
            parts = line.split()
            if len(parts) >= 8 and parts[1] == "POSIX" and parts[4] == pid and \
                    parts[5].rsplit(":", 1)[-1] == str(inode):
                found.append(f"{parts[3]} {parts[6]}")
    return found
