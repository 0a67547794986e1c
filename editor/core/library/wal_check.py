"""Changes SQLite would silently roll back: committed frames of the write-ahead log behind a damaged one.

When a library is opened and nobody has it open, SQLite replays its ``-wal`` up to the
first frame whose checksum fails and forgets the rest, committed transactions included;
closing then checkpoints and deletes the log, and those changes are gone without a
word. So before the first connection of a process opens a library, ``inspect_wal``
reads the log (never the library file: SQLite holds no lock on the ``-wal``, and it is
only read when no process has the library open, which the ``-shm`` lock shows) and, if
frames of the current log generation with a commit lie past the valid part, keeps a copy
of the ``-wal`` and ``-shm`` in a folder beside the library and returns a notice:
"the last N seconds of changes could not be recovered", N measured once SQLite has
opened the file (from the newest change it kept to the time the log was last written).

WAL format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic, version,
page size, checkpoint sequence, salts, checksum), then frames of a 24-byte header (page,
database size after a commit or 0, salts, cumulative checksum) and one page.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

WAL_HEADER = 32
FRAME_HEADER = 24
_MAGIC = (0x377F0682, 0x377F0683)  # low bit: checksums in big-endian words
_DMS_BYTE = 128  # the -shm byte every connection to the library holds a read lock on
MAX_WAL_BYTES = 1 << 31  # past this the log is not read (SQLite checkpoints long before)


@dataclass(frozen=True)
class WalLoss:
    frames: int  # frames of this log generation past the valid part
    commits: int  # of which transaction ends: transactions that will be rolled back
    written_at: float  # the log's modification time: when the last of them was written
    copy: Path | None  # the folder holding the copy of the damaged log

    def notice(self, library: Path, newest_kept: float | None) -> str:
        seconds = max(1, round(self.written_at - newest_kept)) if newest_kept is not None else None
        span = f"the last {seconds} seconds of changes" if seconds is not None else "the last changes"
        kept = f" A copy of the damaged files is kept in {self.copy}." if self.copy is not None else ""
        return (f"The library {library} was not closed cleanly and its log of recent changes is damaged: "
                f"{span} ({self.commits} saved change{'s' if self.commits != 1 else ''}, made up to "
                f"{dt.datetime.fromtimestamp(self.written_at):%Y-%m-%d %H:%M:%S}) could not be recovered; "
                f"everything before them is intact.{kept}")


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[index + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def lost_frames(wal: bytes) -> tuple[int, int]:
    """(frames, commits) of the current generation that lie past the valid part of ``wal``."""
    if len(wal) < WAL_HEADER:
        return 0, 0
    magic, _version, page_size, _sequence, salt1, salt2, sum1, sum2 = struct.unpack(">8I", wal[:WAL_HEADER])
    if magic not in _MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return 0, 0
    big_endian = bool(magic & 1)
    header_ok = _checksum(wal[:24], big_endian, 0, 0) == (sum1, sum2)
    s0, s1 = sum1, sum2
    valid = header_ok
    frames = commits = 0
    step = FRAME_HEADER + page_size
    for offset in range(WAL_HEADER, len(wal) - step + 1, step):
        page, size, frame_salt1, frame_salt2, frame_sum1, frame_sum2 = struct.unpack(
            ">6I", wal[offset:offset + FRAME_HEADER])
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            if valid:
                break  # the old generation begins: everything before was valid
            continue  # past the damage: only this generation's frames count
        if valid:
            s0, s1 = _checksum(wal[offset:offset + 8] + wal[offset + FRAME_HEADER:offset + step], big_endian, s0, s1)
            if (s0, s1) == (frame_sum1, frame_sum2) and page:
                continue
            valid = False
        frames += 1
        commits += size != 0
    return frames, commits


def someone_has_it_open(library: Path) -> bool:
    """Whether a process holds the library's ``-shm`` lock (it is open there, and its log is live)."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's locks are not POSIX ones; assume it is open, read nothing
        return True
    try:
        fd = os.open(f"{library}-shm", os.O_RDONLY)
    except OSError:
        return False  # no shared memory: nobody has it open
    try:
        probe = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, _DMS_BYTE, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, probe)
        kind: int = struct.unpack("hhqqi", answer)[0]
        return kind != fcntl.F_UNLCK
    except OSError:
        return True
    finally:
        os.close(fd)


def inspect_wal(library: Path) -> WalLoss | None:
    """Before SQLite replays the log: what it would drop, with the damaged files copied beside the library."""
    wal_path = Path(f"{library}-wal")
    try:
        info = os.stat(wal_path)
    except OSError:
        return None
    if info.st_size <= WAL_HEADER or info.st_size > MAX_WAL_BYTES or someone_has_it_open(library):
        return None
    try:
        with open(wal_path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    frames, commits = lost_frames(data)
    if not commits:
        return None  # at most an unfinished transaction, which never counted as saved
    return WalLoss(frames, commits, info.st_mtime, _keep_copy(library))


def _keep_copy(library: Path) -> Path | None:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = library.with_name(f"{library.name}.damaged-log-{stamp}")
    try:
        folder.mkdir()
        for suffix in ("-wal", "-shm"):
            source = Path(f"{library}{suffix}")
            if source.exists():
                shutil.copy2(source, folder / f"{library.name}{suffix}")
    except OSError:
        return None
    return folder
