"""Damaging a closed library file on purpose, for the tests of what happens next."""

from __future__ import annotations

import sqlite3
from pathlib import Path

PAGE = 4096


def damage_index(path: Path, index: str = "posts_listing") -> bytes:
    """Overwrite the root page header of ``index`` in the closed library at ``path``: the file
    still opens and most reads work, but ``integrity_check`` fails. Returns the new bytes."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [index]).fetchone()[0]
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * PAGE:(root - 1) * PAGE + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return bytes(data)
