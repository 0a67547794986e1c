"""A damaged write-ahead log is not a silent rollback: the changes lost are named with their age, and the
damaged log is kept beside the library."""

from __future__ import annotations

from pathlib import Path

from wal_damage import damage_frame, page_size, write_and_die

from editor.cli import main
from editor.core.library import Library
from editor.core.library.wal_check import FRAME_HEADER, WAL_HEADER, lost_frames


def test_an_intact_log_loses_nothing_and_says_nothing(library_path):
    write_and_die(library_path, 5)
    assert lost_frames(Path(f"{library_path}-wal").read_bytes()) == (0, 0)
    with Library.open(library_path) as lib:
        assert lib.notice is None and len(lib.posts.list()) == 5


def test_damaged_frames_are_reported_with_their_age_and_kept(library_path, capsys):
    write_and_die(library_path, 12)
    wal = Path(f"{library_path}-wal")
    frames = (wal.stat().st_size - WAL_HEADER) // (FRAME_HEADER + page_size(wal))
    damage_frame(wal, frames // 2)
    damaged = wal.read_bytes()
    lost, commits = lost_frames(damaged)
    assert lost >= 1 and commits >= 1
    assert main(["list", "--library", str(library_path)]) == 0
    err = capsys.readouterr().err
    assert "could not be recovered" in err and "seconds of changes" in err and f"{commits} saved change" in err
    copies = sorted(library_path.parent.glob(f"{library_path.name}.damaged-log-*"))
    assert len(copies) == 1 and (copies[0] / f"{library_path.name}-wal").read_bytes() == damaged
    with Library.open(library_path) as lib:
        kept = len(lib.posts.list())
        assert lib.notice is None and 0 < kept < 12  # said once; the intact part is there
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
