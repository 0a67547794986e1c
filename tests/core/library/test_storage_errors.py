"""Every storage failure is one sentence naming the library file and what to do, and
nothing half-written is left: full disk, read-only folder, a file deleted under us,
a library locked elsewhere.

The full-disk and read-only cases run on a real 2 MB tmpfs when the tests may mount
one (root); the SQLite page limit (``PRAGMA max_page_count``) simulates a full disk
everywhere else.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from file_permissions import needs_permission_bits

from editor.cli import main
from editor.core.foundation.errors import LibraryError
from editor.core.library import Library
from editor.core.post.model import Post

BIG_BODY = "A long paragraph that fills the disk. " * 40_000  # ~1.5 MB


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 2 MB tmpfs (skipped where mounting is not allowed)."""
    point = tmp_path / "disk"
    point.mkdir()
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield point
    subprocess.run(["umount", "-l", str(point)], capture_output=True)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)  # not the library: a file of our own
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(descriptor)
    return filler


def post_state(path: Path) -> tuple[str, int, str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        body, version = conn.execute("SELECT body, version FROM posts WHERE slug = 'glp1-what-to-know'").fetchone()
        count = conn.execute("SELECT count(*) FROM posts").fetchone()[0]
        return body, version, str(count)
    finally:
        conn.close()


def test_full_disk_during_save_and_import(small_disk, tmp_path, capsys):
    path = small_disk / "library.postwright"
    lib = Library.open(path)
    try:
        post = lib.posts.get("glp1-what-to-know")
        before = post_state(path)
        filler = fill(small_disk)
        with pytest.raises(LibraryError, match="disk is full") as error:
            for attempt in range(3):  # the log may still have room for a small first write
                post = lib.posts.save(post.replace(body=BIG_BODY + str(attempt)))
        assert str(path) in str(error.value) and "savepoint" not in str(error.value)
        source = tmp_path / "big-import.md"
        source.write_text("# An imported post\n\n" + BIG_BODY, encoding="utf-8")
        assert main(["import", str(source), "--library", str(path)]) == 1
        err = capsys.readouterr().err
        assert "disk is full" in err and str(path) in err and "Traceback" not in err
        filler.unlink()
        body, version, count = post_state(path)
        assert count == before[2], "no half-imported post"
        assert body in (before[0], *(BIG_BODY + str(i) for i in range(3)))  # old or whole, never half
        saved = lib.posts.save(lib.posts.get("glp1-what-to-know").replace(body="After freeing space."))
        assert saved.body == "After freeing space."
    finally:
        lib.close()


def test_opening_a_library_in_a_read_only_folder_is_a_sentence(small_disk, capsys):
    path = small_disk / "library.postwright"
    Library.open(path).close()
    assert not Path(f"{path}-wal").exists()
    assert _mount("-o", "remount,ro", str(small_disk))
    try:
        code = main(["new", "--title", "Nowhere to go", "--library", str(path)])
        err = capsys.readouterr().err
        assert code == 1 and "read-only" in err and "Traceback" not in err, err
    finally:
        _mount("-o", "remount,rw", str(small_disk))


@needs_permission_bits
def test_a_read_only_file_is_named(library_path, capsys):
    Library.open(library_path).close()
    library_path.chmod(0o444)
    code = main(["new", "--title", "Cannot be written", "--library", str(library_path)])
    err = capsys.readouterr().err
    assert code == 1 and "read-only" in err and str(library_path) in err and "Traceback" not in err, err


def test_full_disk_simulated_with_a_page_limit_names_the_cause(library_path):
    lib = Library.open(library_path)
    try:
        pages = lib.db.execute("PRAGMA page_count").fetchone()[0]
        lib.db.execute(f"PRAGMA max_page_count = {pages + 2}")
        before = lib.posts.list()
        with pytest.raises(LibraryError, match="disk is full") as error:
            with lib.transaction():  # nested: the inner create runs in a savepoint
                lib.posts.create(Post(title="Too big", body=BIG_BODY))
        assert "savepoint" not in str(error.value) and str(library_path) in str(error.value)
        assert lib.posts.list() == before
        assert not lib.db.conn.in_transaction
        lib.db.execute(f"PRAGMA max_page_count = {2**30}")
        assert lib.posts.create(Post(title="Fits now")).slug == "fits-now"
    finally:
        lib.close()


def test_a_library_deleted_under_the_app_is_not_written_into_the_void(library_path):
    lib = Library.open(library_path)
    try:
        post = lib.posts.get("glp1-what-to-know")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{library_path}{suffix}").unlink(missing_ok=True)
        with pytest.raises(LibraryError, match="moved, replaced or deleted") as error:
            lib.posts.save(post.replace(body="Would vanish."))
        assert str(library_path) in str(error.value)
    finally:
        lib.close()
    assert not library_path.exists()


def test_a_library_replaced_under_the_app_is_refused(library_path, tmp_path):
    lib = Library.open(library_path)
    try:
        other = tmp_path / "other.postwright"
        Library.open(other).close()
        os.replace(other, library_path)
        with pytest.raises(LibraryError, match="moved, replaced or deleted"):
            lib.posts.create(Post(title="Into which file?"))
    finally:
        lib.close()
