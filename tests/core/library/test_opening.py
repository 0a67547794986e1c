"""Opening, migrating and refusing library files: refused files stay byte-for-byte unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from editor.core.foundation.errors import CorruptLibraryError, LibraryVersionError
from editor.core.library import Library, migrations


def test_new_library_is_wal_versioned_and_marked(library_path):
    Library.open(library_path, seed=False).close()
    conn = sqlite3.connect(library_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
        names = [row[0] for row in conn.execute("SELECT name FROM migrations")]
        assert names == [m.__name__ for m in migrations.MIGRATIONS]
    finally:
        conn.close()


def test_newer_library_is_refused_untouched(library_path):
    Library.open(library_path, seed=False).close()
    conn = sqlite3.connect(library_path)
    conn.execute("INSERT INTO migrations VALUES ('m999_from_the_future', '2030-01-01')")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = library_path.read_bytes()
    with pytest.raises(LibraryVersionError, match="newer version of Postwright"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all\n" * 50, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_corrupt_or_foreign_file_is_refused_untouched(library_path, content):
    library_path.write_bytes(content)
    if not content:
        # An empty file is not a library someone made: refuse it rather than fill it.
        with pytest.raises(CorruptLibraryError):
            Library.open(library_path)
    else:
        with pytest.raises(CorruptLibraryError, match="left unchanged"):
            Library.open(library_path)
    assert library_path.read_bytes() == content


def test_other_sqlite_database_is_refused(library_path):
    conn = sqlite3.connect(library_path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = library_path.read_bytes()
    with pytest.raises(CorruptLibraryError, match="not a Postwright library"):
        Library.open(library_path)
    assert library_path.read_bytes() == before


def m002_add_column(db):
    db.execute("ALTER TABLE posts ADD COLUMN reading_grade REAL")


def m002_broken(db):
    db.execute("CREATE TABLE half_made (x)")
    raise RuntimeError("migration failed half way")


def test_upgrade_backs_up_then_migrates(library_path, monkeypatch):
    Library.open(library_path, seed=False).close()
    current = migrations.schema_version()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_add_column])
    lib = Library.open(library_path)
    try:
        columns = {row[1] for row in lib.db.execute("PRAGMA table_info(posts)")}
        assert "reading_grade" in columns
    finally:
        lib.close()
    backups = list(library_path.parent.glob(f"library.backup-v{current}-*.postwright"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    conn.close()


def test_failed_migration_records_nothing(library_path, monkeypatch):
    Library.open(library_path, seed=False).close()
    current = migrations.schema_version()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m002_broken])
    with pytest.raises(RuntimeError):
        Library.open(library_path)
    conn = sqlite3.connect(library_path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_made" not in tables
        assert conn.execute("PRAGMA user_version").fetchone()[0] == current
        assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == current
    finally:
        conn.close()


def test_a_library_locked_by_another_program_is_a_clear_error(library_path, monkeypatch):
    from editor.core.foundation.errors import LibraryLockedError
    from editor.core.library import database
    from editor.core.post.model import Post

    Library.open(library_path, seed=False).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(library_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is in the middle of writing
    lib = Library.open(library_path, seed=False)
    try:
        with pytest.raises(LibraryLockedError, match="busy in another program"):
            lib.posts.create(Post(title="Blocked"))
        holder.execute("ROLLBACK")
        assert lib.posts.create(Post(title="Now it works")).slug == "now-it-works"
    finally:
        lib.close()
        holder.close()
