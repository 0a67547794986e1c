"""A library whose writer was killed with its changes still in the write-ahead log, and a damaged frame."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from editor.core.library import Library
from editor.core.library.wal_check import FRAME_HEADER, WAL_HEADER

WRITER = textwrap.dedent("""
    import os, sys, time
    from editor.core.library import Library
    from editor.core.post.model import Post
    lib = Library.open(sys.argv[1], seed=False)
    lib.db.execute("PRAGMA wal_autocheckpoint=0")  # everything stays in the log
    for number in range(int(sys.argv[2])):
        lib.posts.create(Post(title=f"Post {number}", body="Words of post %d." % number))
        time.sleep(0.02)
    os._exit(0)  # killed: the log is left as it is, never checkpointed
""")


def write_and_die(library: Path, posts: int) -> None:
    Library.open(library, seed=False).close()
    subprocess.run([sys.executable, "-c", WRITER, str(library), str(posts)], check=True, timeout=60)


def page_size(wal: Path) -> int:
    return int.from_bytes(wal.read_bytes()[8:12], "big")


def damage_frame(wal: Path, frame: int) -> None:
    step = FRAME_HEADER + page_size(wal)
    with open(wal, "r+b") as handle:
        handle.seek(WAL_HEADER + frame * step + FRAME_HEADER + 100)  # a byte of the frame's page
        byte = handle.read(1)
        handle.seek(-1, os.SEEK_CUR)
        handle.write(bytes([byte[0] ^ 0xFF]))
