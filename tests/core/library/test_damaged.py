"""Damaged libraries (flipped bytes, torn copies) are refused for writing, never written to,
and every command ends in a sentence, not a traceback. What can be read is recoverable."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from library_damage import damage_index

from editor.cli import main
from editor.core.foundation.errors import CorruptLibraryError
from editor.core.library import Library, registry
from editor.core.library.recovery import recover, sqlite3_recover_available
from editor.core.post.model import Post

PAGE = 4096
TITLES = [f"Post number {i}" for i in range(12)]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pristine") / "library.postwright"
    with Library.open(path) as lib:
        for title in TITLES:
            lib.posts.create(Post(title=title, summary="s", body=f"Body of {title}. " + "Words to read. " * 400))
    assert not Path(f"{path}-wal").exists()  # closed: everything is in the main file
    return path.read_bytes()


def fails_integrity(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.text_factory = bytes
        try:
            return [row[0] for row in conn.execute("PRAGMA integrity_check").fetchmany(2)] != [b"ok"]
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):
        return True


def damaged_copies(pristine: bytes) -> list[tuple[str, bytes]]:
    rng = random.Random(20261201)
    pages = len(pristine) // PAGE
    copies = []
    offsets = [rng.randrange(len(pristine)) for _ in range(120)]
    offsets += [page * PAGE + rng.randrange(12) for page in range(pages)]  # b-tree page headers
    offsets += [page * PAGE + 100 + rng.randrange(8) for page in range(1)]  # the schema page's header
    for offset in offsets:
        data = bytearray(pristine)
        data[offset] ^= 1 << rng.randrange(8)
        copies.append((f"bit flipped at {offset}", bytes(data)))
    for cut in sorted(rng.sample(range(100, len(pristine)), 12)) + [PAGE, 2 * PAGE - 1]:
        copies.append((f"torn at {cut}", pristine[:cut]))
    return copies


def test_no_damaged_copy_is_written_to_or_ends_in_a_traceback(pristine, tmp_path, capsys):
    path = tmp_path / "library.postwright"
    damaged_seen = refused = 0
    commands = (["list"], ["new", "--title", "Written into a damaged file"], ["show", "post-number-3"],
                ["search", "words"], ["check", "post-number-3"])
    for label, data in damaged_copies(pristine):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.write_bytes(data)
        os.utime(path, (1_000_000_000, 1_000_000_000))
        if not fails_integrity(path):
            continue  # a flip in free space or inside a text value: still a sound database
        damaged_seen += 1
        with pytest.raises(CorruptLibraryError, match=str(path)):
            Library.open(path)
        refused += 1
        for command in commands:
            code = main([*command, "--library", str(path)])  # an escaping exception fails the test
            err = capsys.readouterr().err
            assert code == 1, (label, command)
            assert "Traceback" not in err and str(path) in err, (label, err)
            assert "recover" in err or "not a Postwright library" in err, (label, err)
        assert path.read_bytes() == data, f"{label}: the damaged file was changed"
        assert path.stat().st_mtime == 1_000_000_000, label
        log = Path(f"{path}-wal")  # SQLite's read-only look may leave an empty log; it never holds a write
        assert not log.exists() or log.stat().st_size == 0, label
        assert registry.open_files() == []
    assert damaged_seen >= 40 and refused == damaged_seen


def test_the_refusal_offers_the_newest_good_backup(pristine, tmp_path):
    path = tmp_path / "library.postwright"
    path.write_bytes(pristine)
    assert main(["backup", "--library", str(path)]) == 0
    backup = next(tmp_path.glob("library.backup-manual-*.postwright"))
    (tmp_path / "library.backup-v0-20000101-000000.postwright").write_bytes(b"SQLite format 3\x00" + b"x" * 5000)
    data = bytearray(pristine)
    data[PAGE * 2 + 3] ^= 0xFF  # a b-tree page header
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptLibraryError) as refusal:
        Library.open(path)
    assert str(backup) in str(refusal.value) and "postwright recover" in str(refusal.value)


def test_an_empty_sqlite_database_is_refused_like_a_foreign_one(tmp_path):
    path = tmp_path / "library.postwright"
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # a valid, empty SQLite file
    conn.close()
    before = path.read_bytes()
    assert before.startswith(b"SQLite format 3\x00")
    with pytest.raises(CorruptLibraryError, match="not a Postwright library"):
        Library.open(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("use_cli", [
    pytest.param(True, marks=pytest.mark.skipif(not sqlite3_recover_available(), reason="no sqlite3 .recover")),
    False,
])
def test_a_damaged_library_is_recovered_into_a_new_file(pristine, tmp_path, use_cli):
    path = tmp_path / "library.postwright"
    path.write_bytes(pristine)
    data = damage_index(path)  # one index page: the posts themselves stay readable
    assert fails_integrity(path)
    report = recover(path, tmp_path / "recovered.postwright", use_cli=use_cli)
    assert path.read_bytes() == bytes(data)
    with Library.open(report.target) as lib:
        titles = {post.title for post in lib.posts.list()}
        assert set(TITLES) <= titles
        assert lib.posts.search("Words")  # the search index was rebuilt
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert report.copied["posts"] >= len(TITLES)
