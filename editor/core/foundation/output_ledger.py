"""Which files are Postwright's own outputs: written by us, and unchanged since.

Writing over an existing file needs the person's consent (a question in the app,
``--force`` on the command line) unless the file is one of our own outputs. "Our own"
is decided by this record, not by guessing from the content: after every export,
reference export, audit report, handout or saved text, Postwright notes the file's
path, (device, inode), size and modification time in ``outputs.jsonl`` in the user's
Postwright data folder. A file still matching its note was written by us and nobody
has touched it since, so exporting again over it asks nothing; a file edited, replaced
or copied in from elsewhere no longer matches and is asked about. Only ``stat`` is used
to compare: the file is never opened.

The record is an append-only list of JSON lines (one ``write`` per output, safe beside
other Postwright processes), compacted to the newest entry per path when it grows past
``MAX_LINES``. Losing it costs nothing but a question.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from editor.core.foundation.paths import data_dir

LEDGER_NAME = "outputs.jsonl"
MAX_ENTRIES = 5_000  # paths remembered; the oldest are forgotten first
MAX_LINES = 2 * MAX_ENTRIES

_lock = threading.Lock()
_cache: tuple[tuple[int, int, int], dict[str, list[int]]] | None = None  # (ledger stat, entries)
_lines_in_cache = 0


def ledger_path() -> Path:
    return data_dir() / LEDGER_NAME


def _fingerprint(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns]


def record(path: Path) -> None:
    """Note that we just wrote ``path`` (resolved). Never raises: the record is a convenience."""
    try:
        fingerprint = _fingerprint(os.stat(path))
        ledger = ledger_path()
        ledger.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps({"path": str(path), "file": fingerprint}, ensure_ascii=False) + "\n").encode("utf-8")
        with _lock:
            before = _stat_key(ledger)
            fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                after = _key(os.fstat(fd))
            finally:
                os.close(fd)
            entries = _appended(before, after, len(line), str(path), fingerprint)
            if entries is None:
                entries = _entries()
            if _lines_in_cache > MAX_LINES:
                _compact(ledger, entries)
    except (OSError, ValueError):
        return


def _key(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _stat_key(ledger: Path) -> tuple[int, int, int] | None:
    try:
        return _key(os.stat(ledger))
    except OSError:
        return None


def _appended(before: tuple[int, int, int] | None, after: tuple[int, int, int], size: int, path: str,
              fingerprint: list[int]) -> dict[str, list[int]] | None:
    """The entries with our line added, when the record held exactly what the cache had read plus
    that line (no other process wrote in between); else None (read it again). An export of a
    thousand pages would otherwise read the whole record a thousand times."""
    global _cache, _lines_in_cache
    if _cache is None or before is None or _cache[0] != before:
        return None
    if after[0] != before[0] or after[1] != before[1] + size:
        return None
    entries = _cache[1]
    entries.pop(path, None)  # re-inserted last: newest last
    entries[path] = fingerprint
    _cache, _lines_in_cache = (after, entries), _lines_in_cache + 1
    return entries


def is_ours(path: Path) -> bool:
    """Whether the file at ``path`` (resolved) is an output we wrote and nobody changed since."""
    try:
        current = _fingerprint(os.stat(path))
    except OSError:
        return False
    with _lock:
        return _entries().get(str(path)) == current



def _entries() -> dict[str, list[int]]:
    """The newest fingerprint per path, re-read only when the record changed."""
    global _cache, _lines_in_cache
    ledger = ledger_path()
    try:
        info = os.stat(ledger)
    except OSError:
        return {}
    key = _key(info)
    if _cache is not None and _cache[0] == key:
        return _cache[1]
    entries: dict[str, list[int]] = {}
    lines = 0
    try:
        with open(ledger, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                lines += 1
                try:
                    data = json.loads(line)
                    fingerprint = [int(value) for value in data["file"]][:4]
                    entries.pop(str(data["path"]), None)  # re-inserted last: newest last
                    entries[str(data["path"])] = fingerprint
                except (ValueError, TypeError, KeyError):
                    continue  # a torn or foreign line: ignored
    except OSError:
        return {}
    _cache, _lines_in_cache = (key, entries), lines
    return entries


def _compact(ledger: Path, entries: dict[str, list[int]]) -> None:
    keep = list(entries.items())[-MAX_ENTRIES:]
    text = "".join(json.dumps({"path": path, "file": fingerprint}, ensure_ascii=False) + "\n"
                   for path, fingerprint in keep)
    temp = ledger.with_name(f".{ledger.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, ledger)
