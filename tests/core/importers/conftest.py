"""Fixtures for the importer tests: the legacy post as text, as a web page and as a .docx."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from import_helpers import DATA, legacy_docx_bytes, legacy_page_html

from editor.core.library import Library


@pytest.fixture
def legacy_text_path() -> Path:
    return DATA / "legacy-pasted-semaglutide.txt"


@pytest.fixture
def legacy_html_path(tmp_path: Path) -> Path:
    path = tmp_path / "does-weight-come-back.html"
    path.write_text(legacy_page_html(), encoding="utf-8")
    return path


@pytest.fixture
def legacy_docx_path(tmp_path: Path) -> Path:
    path = tmp_path / "does-weight-come-back.docx"
    path.write_bytes(legacy_docx_bytes())
    return path


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library.sqlite", seed=False)
    yield lib
    lib.close()
