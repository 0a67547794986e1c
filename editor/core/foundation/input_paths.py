"""The one check every file a person asks us to read passes first: never the open library.

Reading the library file (or its ``-wal``/``-shm``/``-journal``) with ``open()`` would
drop this process's SQLite locks when the file is closed (see :mod:`library_files`), and
another process could then delete the write-ahead log under the open library. So every
import (posts, reference files, images, a logo) names its file here *before* anything
opens it: the path is resolved (links followed) and compared with the open libraries by
name and by (device, inode). ``read_source_bytes`` is the check plus a bounded read.
"""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.library_files import open_library_behind, resolve_path


def check_source(path: str | os.PathLike[str], error: type[PostwrightError]) -> Path:
    """The file ``path`` leads to; ``error`` (one sentence) if it is an open library or one of its files."""
    given = Path(path).expanduser()
    resolved = resolve_path(given, error, "the file")
    match = open_library_behind(given, resolved)
    if match is not None:
        shown = str(given) if str(given) == str(resolved) else f"{given} (which leads to {resolved})"
        raise error(f"{shown} is {match.role}, which only its database may read, so nothing was read or "
                    "imported; choose another file.")
    return resolved


def read_source_bytes(path: str | os.PathLike[str], error: type[PostwrightError], *, limit: int,
                      what: str = "the file") -> bytes:
    """The bytes of an input file, after :func:`check_source` and a size check from ``stat``."""
    resolved = check_source(path, error)
    name = str(path)
    try:
        if resolved.is_dir():
            raise error(f"{name}: is a folder, not a file.")
        size = resolved.stat().st_size
        if size > limit:
            raise error(f"{name}: {what} is too large ({size / 1_048_576:.1f} MB; the limit is "
                        f"{limit // 1_048_576} MB).")
        with open(resolved, "rb") as handle:
            return handle.read(limit + 1)[:limit]
    except FileNotFoundError:
        raise error(f"{name}: cannot be read (there is no such file).") from None
    except PermissionError:
        raise error(f"{name}: cannot be read (permission denied).") from None
    except OSError as failure:
        raise error(f"{name}: cannot be read ({failure.strerror or failure}).") from None
