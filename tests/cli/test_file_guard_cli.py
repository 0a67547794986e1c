"""Every command that writes or reads a file the person names refuses the library, however it is named.

The commands are enumerated from the parser: an argument that takes a path must be listed
here as a writer or a reader (and is then tried with the library in every disguise), so a
new command that writes or reads a file cannot slip past the guard untested.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
from pathlib import Path

import pytest
from file_guard_helpers import opened_library_files, python_opens

from editor.cli import build_parser, main
from editor.core.library import Library

SLUG = "glp1-what-to-know"
PATH_METAVARS = {"PATH", "FILE", "FOLDER", "DIR"}

# (command, argument) → the argument lists that write to (or read from) T
WRITERS = {
    ("export", "--out"): [["export", SLUG, "--format", fmt, "--out", "T"]
                          for fmt in ("page", "fragment", "markdown", "handout")]
    + [["export", "--all", "--out", "T"], ["export", "--all", "--format", "handout", "--out", "T"]],
    ("refs export", "--out"): [["refs", "export", "--format", fmt, "--out", "T"] for fmt in ("ris", "bibtex",
                                                                                             "csl-json")],
    ("site audit", "--report"): [["site", "audit", "clinic", "--report", "T"]],
    ("recover", "--into"): [["recover", "--into", "T"]],
    ("new-library", "path"): [["new-library", "T"]],
}
READERS = {
    ("import", "files"): [["import", "T"]],
    ("refs import", "files"): [["refs", "import", "T"]],
    ("identity", "--logo"): [["identity", "--logo", "T"]],
}
LIBRARY_OPTION = "--library"  # every command's own library: opened through SQLite only
NAMED_DISGUISES = ("itself", "relative", "wal", "shm", "journal")
DISGUISES = (*NAMED_DISGUISES, "symlink", "hard link", "symlink to wal")


def _path_arguments(parser: argparse.ArgumentParser, command: tuple[str, ...] = ()) -> set[tuple[str, str]]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found |= _path_arguments(sub, (*command, name))
        elif action.type is Path or action.metavar in PATH_METAVARS:
            name = action.option_strings[0] if action.option_strings else action.dest
            if name != LIBRARY_OPTION:
                found.add((" ".join(command), name))
    return found


def test_every_path_argument_is_a_known_writer_or_reader():
    assert _path_arguments(build_parser()) == set(WRITERS) | set(READERS)


def _disguise(library: Path, how: str, folder: Path) -> str:
    folder.mkdir(exist_ok=True)
    if how == "itself":
        return str(library)
    if how == "relative":
        return os.path.relpath(library)
    if how in ("wal", "shm", "journal"):
        return f"{library}-{how}"
    target = folder / f"{how.replace(' ', '-')}.pdf"  # a handout adds ".pdf" to any other name
    if how == "symlink":
        target.symlink_to(library)
    elif how == "hard link":
        os.link(library, target)
    elif how == "symlink to wal":
        target.symlink_to(f"{library}-wal")  # dangling until the command opens the library
    return str(target)


def _state(library: Path) -> tuple[str, int, int]:
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return (conn.execute("PRAGMA integrity_check").fetchone()[0],
                conn.execute("SELECT count(*) FROM posts").fetchone()[0],
                conn.execute("SELECT count(*) FROM refs").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    library = tmp_path / "library.postwright"
    Library.open(library).close()
    monkeypatch.chdir(tmp_path)
    return library


def _run(argv: list[str], library: Path, target: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    args = [target if part == "T" else part for part in argv]
    with python_opens() as opened:
        code = main([*args, "--library", str(library)])
    assert opened_library_files(opened, library) == [], f"{args} opened the library's own file"
    return code, capsys.readouterr().err


@pytest.mark.parametrize("how", DISGUISES)
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_no_command_writes_over_the_library(seeded, tmp_path, capsys, command, how):
    before = _state(seeded)
    for number, argv in enumerate(WRITERS[command]):
        if "handout" in argv and how in NAMED_DISGUISES:
            continue  # the handout is written to "<that name>.pdf", which is not the library
        target = _disguise(seeded, how, tmp_path / f"links-{number}")
        unforced = command in (("recover", "--into"), ("new-library", "path"))  # they never replace a file
        code, err = _run(argv if unforced else [*argv, "--force"], seeded, target, capsys)
        assert code == 2, (argv, err)  # a path that can never be written: an input problem
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("postwright: ") and "Traceback" not in err, err
        assert _state(seeded) == before
        Library.open(seeded).close()  # still a library Postwright opens


@pytest.mark.parametrize("how", DISGUISES)
@pytest.mark.parametrize("command", sorted(READERS))
def test_no_import_reads_the_library(seeded, tmp_path, capsys, command, how):
    before = _state(seeded)
    for number, argv in enumerate(READERS[command]):
        target = _disguise(seeded, how, tmp_path / f"links-{number}")
        code, err = _run(argv, seeded, target, capsys)
        assert code == 2 and "nothing was read" in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1, err
        assert _state(seeded) == before


def test_an_existing_file_needs_force_and_our_own_export_does_not(seeded, tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("someone else's page")
    assert main(["export", SLUG, "--out", str(page), "--library", str(seeded)]) == 1
    assert "--force" in capsys.readouterr().err and page.read_text() == "someone else's page"
    assert main(["export", SLUG, "--out", str(page), "--force", "--library", str(seeded)]) == 0
    assert "<article" in page.read_text()
    assert main(["export", SLUG, "--out", str(page), "--library", str(seeded)]) == 0  # ours now: no question
    refs = tmp_path / "refs.bib"
    refs.write_text("@misc{mine, title={Mine}}")
    assert main(["refs", "export", "--format", "bibtex", "--out", str(refs), "--library", str(seeded)]) == 1
    assert refs.read_text() == "@misc{mine, title={Mine}}"


def test_a_symlink_loop_as_the_library_is_one_sentence(tmp_path, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert main(["list", "--library", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("postwright: Cannot use the library") and "leads back to itself" in err
    assert len(err.strip().splitlines()) == 1
