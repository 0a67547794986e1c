"""Refusals say what is really wrong: a newer schema, changes this version does not know, a damaged header
(never "read-only" for a writable file), a CSL year of 10**20."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.foundation.errors import CorruptLibraryError, LibraryVersionError
from editor.core.library import Library, migrations


def _made(path: Path) -> Path:
    Library.open(path, seed=False).close()
    return path


def test_a_newer_schema_names_both_versions(library_path):
    conn = sqlite3.connect(_made(library_path))
    known = migrations.schema_version()
    conn.execute(f"PRAGMA user_version = {known + 1}")
    conn.close()
    with pytest.raises(LibraryVersionError) as refused:
        Library.open(library_path)
    assert f"schema is version {known + 1}, this Postwright knows up to {known}" in str(refused.value)


def test_an_unknown_change_at_the_same_schema_is_named_not_numbered(library_path):
    conn = sqlite3.connect(_made(library_path))
    conn.execute("INSERT INTO migrations (name, applied_at) VALUES ('m999_future_thing', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryVersionError) as refused:
        Library.open(library_path)
    message = str(refused.value)
    assert "1 change this Postwright does not know: m999_future_thing" in message
    assert "this version knows" not in message


@pytest.mark.parametrize("write_version", [3, 0x7F, 0xFD])
def test_a_damaged_header_byte_is_damage_not_a_read_only_file(library_path, capsys, write_version):
    _made(library_path)
    with open(library_path, "r+b") as handle:  # the library is closed: bytes may be touched by the test
        handle.seek(18)  # the file format write version: SQLite opens a file with a value above 2 read-only
        handle.write(bytes([write_version]))
    assert main(["new", "--title", "A title", "--library", str(library_path)]) == 1
    err = capsys.readouterr().err
    assert "is damaged (its header marks it unwritable" in err and "recover" in err
    assert "read-only" not in err and len(err.strip().splitlines()) == 1
    with Library.open(library_path) as lib, pytest.raises(CorruptLibraryError):
        lib.settings.set("probe", 1)


def test_a_csl_json_year_of_ten_to_the_twentieth_imports_as_text(library_path, tmp_path, capsys):
    source = tmp_path / "refs.json"
    source.write_text(json.dumps([{"id": "huge", "type": "article-journal", "title": "A title",
                                   "issued": {"date-parts": [[10**20]]}}]))
    assert main(["refs", "import", str(source), "--library", str(library_path), "--create"]) == 0
    capsys.readouterr()
    assert main(["refs", "show", "huge", "--json", "--library", str(library_path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["issued"] == {"raw": str(10**20)} and shown["title"] == "A title"
