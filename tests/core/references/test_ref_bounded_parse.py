"""Reference files are parsed in the bounded import child: a time limit, a cancel switch, and a huge
field that is read whole in seconds (one 2 MB BibTeX field took over two minutes before)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from editor.core.foundation import limits
from editor.core.foundation.errors import ImportCancelled, ReferenceImportError
from editor.core.library import Library


def _bibtex(path: Path, words: int, markup: bool = False) -> Path:
    body = ("word \\& {W}ord " if markup else "word ") * words
    path.write_text("@article{big, title={" + body + "}, author={M{\\\"u}ller, J}, year={2020}}\n", encoding="utf-8")
    return path


def test_a_two_megabyte_field_with_markup_is_read_whole(tmp_path):
    source = _bibtex(tmp_path / "big.bib", 130_000, markup=True)  # 2 MB
    with Library.memory() as lib:
        report = lib.references.import_files([source])
        title = lib.references.require(report.added[0]).csl["title"]
    assert title.count("word & Word") == 130_000


def test_a_parse_past_the_time_limit_is_stopped_with_a_sentence(tmp_path, monkeypatch):
    source = _bibtex(tmp_path / "huge.bib", 4_000_000)  # 20 MB
    monkeypatch.setattr(limits, "IMPORT_SECONDS", 0.2)
    started = time.monotonic()
    with Library.memory() as lib, pytest.raises(ReferenceImportError, match="longer than 0.2 seconds") as failed:
        lib.references.import_files([source])
    assert time.monotonic() - started < 10 and "Nothing was imported" in str(failed.value)
    with Library.memory() as lib:
        assert lib.references.list() == []


def test_cancel_stops_the_parse_at_once_and_imports_nothing(tmp_path):
    source = _bibtex(tmp_path / "huge.bib", 4_000_000)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with Library.memory() as lib:
        with pytest.raises(ImportCancelled, match="cancelled"):
            lib.references.import_files([source], cancel=cancel)
        assert lib.references.list() == []
    assert time.monotonic() - started < 5
