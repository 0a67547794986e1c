"""The command line behaves like a Unix tool: data on stdout, messages on stderr, exit status that
says whether the command did what was asked, and quiet when its reader stops early."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.library import Library
from editor.core.post.model import Post

HERE = Path(__file__).parent
REFS_DATA = HERE.parent / "core" / "references" / "data"
POST = HERE.parent / "_data" / "sleep-and-weight.md"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    path = tmp_path / "library.postwright"
    Library.open(path, seed=False).close()
    return path


def run(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def truncated_csl_json(tmp_path: Path) -> Path:
    path = tmp_path / "truncated.json"
    path.write_bytes((REFS_DATA / "glp1.csl.json").read_bytes()[:300])
    return path


@pytest.fixture
def damaged_docx(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    return path


def test_reference_file_with_nothing_readable_exits_2(capsys, library, truncated_csl_json):
    code, out, err = run(capsys, library, "refs", "import", str(truncated_csl_json))
    assert code == 2  # nothing done, and only because of the input
    assert out.startswith("Added 0, merged 0")
    assert err.startswith("postwright: skipped ") and "truncated.json" in err and "Traceback" not in err


def test_partial_reference_import_exits_1_and_lists_what_was_skipped(capsys, library):
    code, out, err = run(capsys, library, "refs", "import", str(REFS_DATA / "bad-records.ris"), "--json")
    assert code == 1  # not all done
    assert json.loads(out)["added"] == ["good2019", "second2018"]  # stdout is only the data
    assert err == f"postwright: skipped {REFS_DATA / 'bad-records.ris'}:7: record has no title (TI or T1)\n"


def test_strict_is_still_accepted_and_changes_nothing(capsys, library):
    code, _, err = run(capsys, library, "refs", "import", str(REFS_DATA / "bad-records.ris"), "--strict")
    assert code == 1 and "record has no title" in err
    with Library.open(library) as lib:
        assert {r.citekey for r in lib.references.list()} == {"good2019", "second2018"}  # still imported


def test_post_import_of_only_unreadable_files_exits_2(capsys, library, damaged_docx, tmp_path):
    code, out, err = run(capsys, library, "import", str(damaged_docx), str(tmp_path / "missing.md"))
    assert code == 2 and out == ""
    assert err.count("postwright: skipped: ") == 2 and "damaged.docx" in err and "missing.md" in err


def test_partial_post_import_exits_1(capsys, library, damaged_docx):
    code, out, err = run(capsys, library, "import", str(POST), str(damaged_docx))
    assert code == 1
    assert out.startswith(f"Imported {POST} as sleep-and-weight") and "damaged.docx" not in out
    assert "damaged.docx" in err
    code, out, err = run(capsys, library, "import", str(POST), str(damaged_docx), "--strict", "--json", "--as-new")
    assert code == 1
    assert [entry.get("slug") for entry in json.loads(out)] == ["sleep-and-weight-2", None]
    assert "damaged.docx" in err


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(library, tmp_path):
    with Library.open(library) as lib:  # far more than a pipe buffer holds
        lib.posts.create(Post(title="Long", slug="long", body="\n\n".join(["A long paragraph. " * 40] * 400)))
    env = {**os.environ, "PYTHONUNBUFFERED": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "editor", "show", "long", "--library", str(library)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()  # what `| head -1` does: read a little, then go away
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert err == ""  # no BrokenPipeError traceback, no "Exception ignored" at exit
