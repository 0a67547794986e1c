"""Opening with the integrity check beside the caller (as the app does): a damaged library
is still never written to, and nothing is written before the verdict."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from library_damage import damage_index
from test_damaged import damaged_copies, fails_integrity

from editor.core.foundation.errors import CorruptLibraryError, LibraryError
from editor.core.library import Library, integrity, registry
from editor.core.post.model import Post


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pristine") / "library.postwright"
    with Library.open(path) as lib:
        for i in range(12):
            lib.posts.create(Post(title=f"Post number {i}", body="Words to read. " * 400))
    return path.read_bytes()


def test_a_damaged_library_opened_with_the_check_beside_is_refused_for_writing(pristine, tmp_path):
    path = tmp_path / "library.postwright"
    path.write_bytes(pristine)
    data = damage_index(path)
    assert fails_integrity(path)
    lib = Library.open(path, integrity="background")
    try:
        assert lib.integrity is not None
        with pytest.raises(CorruptLibraryError, match="will not write to it") as refusal:
            lib.posts.create(Post(title="Written into a damaged file"))
        assert str(path) in str(refusal.value) and "postwright recover" in str(refusal.value)
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):  # a write outside a transaction
            lib.db.execute("INSERT INTO dictionary_words (word) VALUES ('x')")
        worker = lib.connection()  # a worker's connection is held back the same way
        with pytest.raises(CorruptLibraryError):
            worker.dictionary.add("semaglutide")
        worker.close()
        assert lib.integrity.wait(10) and isinstance(lib.integrity.error, CorruptLibraryError)
    finally:
        lib.close()
    assert path.read_bytes() == data
    assert registry.open_files() == []
    with pytest.raises(CorruptLibraryError):
        Library.open(path)  # opened the usual way, it is refused at once


def test_no_damaged_copy_is_written_with_the_check_beside(pristine, tmp_path):
    path = tmp_path / "library.postwright"
    tried = 0
    for label, data in damaged_copies(pristine):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(data)
        if not fails_integrity(path):
            continue
        try:
            lib = Library.open(path, integrity="background")
        except LibraryError:
            continue  # refused at once: the header or the schema is damaged
        tried += 1
        try:
            with pytest.raises(LibraryError):
                lib.posts.create(Post(title="Written into a damaged file"))
        finally:
            lib.close()
        assert path.read_bytes() == data, f"{label}: the damaged file was changed"
    assert tried >= 20


def test_a_sound_library_is_written_once_the_check_is_done(tmp_path, monkeypatch):
    release = threading.Event()
    real_check = integrity.check_integrity

    def slow_check(path: Path) -> None:
        release.wait(30)
        real_check(path)

    path = tmp_path / "library.postwright"
    Library.open(path).close()
    monkeypatch.setattr(integrity, "check_integrity", slow_check)
    lib = Library.open(path, integrity="background")
    try:
        assert lib.posts.list()  # reading does not wait
        created: list[Post] = []
        writer = threading.Thread(target=lambda: created.append(lib.posts.create(Post(title="After the check"))))
        writer.start()
        writer.join(0.3)
        assert writer.is_alive() and not created, "a write went ahead of the integrity check"
        release.set()
        writer.join(30)
        assert created and lib.integrity is not None and lib.integrity.error is None
    finally:
        release.set()
        lib.close()
