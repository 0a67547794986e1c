"""Only SQLite opens the library file: another process's exit never deletes our log.

A plain open()/close() of the file would drop this process's POSIX locks; the next
process to close its connection would then think it was the last user, checkpoint
and delete ``-wal``/``-shm`` under us, and later commits would go into a log that no
longer exists on disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from editor.core.library import Library, registry
from editor.core.post.model import Post


def cli(library_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    program = str(Path(sys.executable).with_name("postwright-cli"))
    return subprocess.run([program, *args, "--library", str(library_path)], capture_output=True, text=True,
                          timeout=60)


def wal(library_path: Path) -> Path:
    return Path(f"{library_path}-wal")


def test_a_second_open_in_the_process_keeps_the_wal_alive_for_other_processes(library_path):
    first = Library.open(library_path, seed=False)
    first.posts.create(Post(title="Before the other process"))
    second = Library.open(library_path, create=False, seed=False)  # what every worker thread does
    worker = first.connection()
    try:
        assert wal(library_path).exists()
        result = cli(library_path, "list")
        assert result.returncode == 0, result.stderr
        assert wal(library_path).exists(), "the other process deleted our write-ahead log"
        first.posts.create(Post(title="After the other process"))
        second.close()
        worker.close()
        assert cli(library_path, "list").returncode == 0
        assert wal(library_path).exists()
        first.posts.create(Post(title="After closing the others"))
    finally:
        first.close()
    with Library.open(library_path) as reopened:
        titles = {p.title for p in reopened.posts.list()}
        assert {"Before the other process", "After the other process", "After closing the others"} <= titles
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_one_record_per_file_is_shared_and_released(library_path):
    first = Library.open(library_path, seed=False)
    second = Library.open(Path(os.path.relpath(library_path)), create=False)
    worker = second.connection()
    assert first.file is second.file is worker.file
    assert first.db.conn is not second.db.conn is not worker.db.conn
    assert registry.open_files() == [library_path.resolve()]
    for lib in (worker, second, first):
        lib.close()
    first.close()  # closing twice is harmless
    assert library_path.resolve() not in registry.open_files()


def test_opening_reads_the_file_only_through_sqlite(library_path, monkeypatch):
    import builtins
    import io

    Library.open(library_path, seed=False).close()
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: spy(self, *a, **k))
    with Library.open(library_path) as lib:
        lib.connection().close()
    assert not [name for name in opened if name.startswith(str(library_path))]


def test_a_new_library_appears_whole_or_not_at_all(library_path):
    with Library.open(library_path) as lib:
        assert lib.posts.list(), "the sample post is there"
    leftovers = [p.name for p in library_path.parent.iterdir() if ".new-" in p.name]
    assert leftovers == []
