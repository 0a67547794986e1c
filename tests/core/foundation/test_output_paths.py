"""The output guard: nothing writes over a library (in any disguise), nor over someone else's file unasked."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from pathlib import Path

import pytest

from editor.core.export.handout import write_pdf
from editor.core.foundation.atomic import atomic_write_bytes, atomic_write_text
from editor.core.foundation.errors import ExportError
from editor.core.foundation.output_paths import (
    OutputRefused,
    OverwriteNotConfirmed,
    check_output,
    overwriting,
)
from editor.core.library import Library, registry


@pytest.fixture
def opened(library_path: Path):
    lib = Library.open(library_path, seed=False)
    lib.posts.list()  # a read: SQLite now holds its locks and the -wal/-shm exist
    yield lib
    lib.close()


def _untouched(library_path: Path, before: tuple[int, int]) -> bool:
    info = os.stat(library_path)
    return (info.st_ino, info.st_size) == before


@pytest.mark.parametrize("disguise", ["itself", "symlink", "hard link", "relative", "dotdot", "wal", "shm",
                                      "journal", "symlink to wal", "hard link to shm"])
def test_a_library_open_here_is_never_an_output(opened, library_path, tmp_path, monkeypatch, disguise):
    before = (os.stat(library_path).st_ino, os.stat(library_path).st_size)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    targets = {
        "itself": library_path,
        "symlink": folder / "page.html",
        "hard link": folder / "linked.md",
        "relative": Path(library_path.name),
        "dotdot": folder / ".." / library_path.name,
        "wal": Path(f"{library_path}-wal"),
        "shm": Path(f"{library_path}-shm"),
        "journal": Path(f"{library_path}-journal"),  # does not exist in WAL mode: refused by name
        "symlink to wal": folder / "notes.txt",
        "hard link to shm": folder / "shm.html",
    }
    target = targets[disguise]
    if disguise == "symlink":
        target.symlink_to(library_path)
    elif disguise == "hard link":
        os.link(library_path, target)
    elif disguise == "symlink to wal":
        target.symlink_to(f"{library_path}-wal")
    elif disguise == "hard link to shm":
        os.link(f"{library_path}-shm", target)
    monkeypatch.chdir(library_path.parent)
    with overwriting(), pytest.raises(OutputRefused) as refused:  # consent never covers a library
        atomic_write_text(target, "<p>exported</p>")
    message = str(refused.value)
    assert "nothing was written" in message and str(library_path) in message and "\n" not in message
    assert _untouched(library_path, before)
    assert opened.posts.list() == [] and opened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_library_not_open_here_and_a_backup_are_never_outputs(tmp_path):
    other = tmp_path / "other.postwright"
    Library.open(other, seed=False).close()
    backup = registry.backup(other, "manual")
    for target in (other, backup):
        with overwriting(), pytest.raises(OutputRefused, match="is a Postwright library"):
            check_output(target)
    database = tmp_path / "places.sqlite"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    with overwriting(), pytest.raises(OutputRefused, match="is a database file"):
        check_output(database)
    with overwriting(), pytest.raises(OutputRefused, match="belongs to the database"):
        check_output(f"{database}-wal")


def test_two_backups_in_one_second_never_replace_each_other(library_path):
    Library.open(library_path, seed=False).close()
    first = registry.backup(library_path, "manual")
    second = registry.backup(library_path, "manual")
    assert first != second and first.exists() and second.exists()


def test_a_symlink_loop_and_a_folder_are_refused_in_one_sentence(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(OutputRefused, match="leads back to itself"):
        check_output(tmp_path / "a")
    with pytest.raises(OutputRefused, match="is a folder"):
        check_output(tmp_path)


def test_someone_elses_file_needs_consent_ours_does_not(tmp_path):
    theirs = tmp_path / "index.html"
    theirs.write_text("their page")
    with pytest.raises(OverwriteNotConfirmed, match="--force") as asked:
        atomic_write_text(theirs, "ours")
    assert asked.value.path == theirs and theirs.read_text() == "their page"
    with overwriting():
        atomic_write_text(theirs, "ours")
    assert theirs.read_text() == "ours"
    atomic_write_text(theirs, "ours again")  # written by us, unchanged since: no question
    assert theirs.read_text() == "ours again"
    theirs.write_text("edited by hand")  # changed since we wrote it: asked again
    with pytest.raises(OverwriteNotConfirmed):
        atomic_write_text(theirs, "ours")


def test_the_same_bytes_already_there_need_no_consent(tmp_path):
    image = tmp_path / "assets" / "3-ab12.png"
    image.parent.mkdir()
    image.write_bytes(b"\x89PNG same")
    assert check_output(image, b"\x89PNG same") == image
    with pytest.raises(OverwriteNotConfirmed):
        atomic_write_bytes(image, b"\x89PNG other")


def test_a_link_is_written_through_to_its_file(tmp_path):
    real = tmp_path / "site" / "index.html"
    real.parent.mkdir()
    link = tmp_path / "index.html"
    link.symlink_to(real)
    atomic_write_text(link, "page")
    assert link.is_symlink() and real.read_text() == "page"


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "is full"), (errno.EROFS, "on a read-only disk"),
                                             (errno.EACCES, "you may not write in")])
def test_a_handout_to_a_full_disk_or_read_only_folder_is_one_sentence(tmp_path, monkeypatch, code, words):
    def refuse(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("editor.core.foundation.atomic.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError) as failed:
        write_pdf(tmp_path / "handout.pdf", b"%PDF-1.7 test")
    assert words in str(failed.value) and str(failed.value).endswith("Nothing was written.")
    assert "\n" not in str(failed.value) and not (tmp_path / "handout.pdf").exists()


def test_many_outputs_read_the_record_once_and_still_see_other_writers(tmp_path, monkeypatch):
    """A thousand-page export appends a thousand notes: each is added to what was read, not
    read again (it was 10 of the 20 seconds of `export --all` on 200 pages); a note another
    process adds in between is still seen."""
    from editor.core.foundation import output_ledger

    reads: list[Path] = []

    def counting_open(file, *args, **kwargs):
        reads.append(Path(file))
        return open(file, *args, **kwargs)

    monkeypatch.setattr(output_ledger, "open", counting_open, raising=False)
    pages = [tmp_path / "site" / f"page-{number}.html" for number in range(300)]
    for page in pages:
        atomic_write_text(page, f"page {page.name}")
    assert len(reads) <= 2, len(reads)
    assert all(output_ledger.is_ours(page) for page in pages)
    theirs = tmp_path / "site" / "theirs.html"
    theirs.write_text("written by another Postwright")
    with output_ledger.ledger_path().open("a", encoding="utf-8") as ledger:  # that process's note
        ledger.write(json.dumps({"path": str(theirs), "file": output_ledger._fingerprint(os.stat(theirs))}) + "\n")
    atomic_write_text(pages[0], "again")
    assert output_ledger.is_ours(theirs) and output_ledger.is_ours(pages[0])
