"""Atomic writes leave normal permissions: a web server running as another user can read an export."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.foundation.atomic import atomic_write_bytes, atomic_write_text, current_umask
from editor.core.foundation.output_paths import overwriting
from editor.core.library import Library


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask_022")
def test_new_files_get_the_umask_mode_not_owner_only(tmp_path):
    target = tmp_path / "page.html"
    atomic_write_text(target, "<p>hi</p>")
    assert mode(target) == 0o644
    assert current_umask() == 0o022


def test_a_stricter_umask_is_respected(tmp_path):
    old = os.umask(0o077)
    try:
        atomic_write_bytes(tmp_path / "private.txt", b"x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "private.txt") == 0o600


@pytest.mark.usefixtures("umask_022")
def test_replacing_a_file_keeps_its_mode(tmp_path):
    target = tmp_path / "kept.txt"
    target.write_text("old")
    target.chmod(0o640)
    with overwriting():  # not one of our outputs: replaced only with consent
        atomic_write_text(target, "new")
    assert mode(target) == 0o640 and target.read_text() == "new"


@pytest.mark.usefixtures("umask_022")
def test_an_exported_site_is_readable_by_others(tmp_path):
    library_path = tmp_path / "library.postwright"
    Library.open(library_path).close()
    out = tmp_path / "site"
    assert main(["export", "--all", "--out", str(out), "--library", str(library_path)]) == 0
    files = [p for p in out.rglob("*") if p.is_file()]
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    assert files
    assert {mode(p) for p in files} == {0o644}
    assert {mode(p) for p in folders} == {0o755}
