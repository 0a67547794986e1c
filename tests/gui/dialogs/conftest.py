"""Fixtures for the dialog tests: a real library file with the sample posts, a hub, quiet modals."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.library import Library
from editor.core.library.markdown_io import create_from_markdown

DATA = Path(__file__).parent / "data"


@pytest.fixture
def dialog_data() -> Path:
    return DATA


@pytest.fixture
def sample_library(library: Library) -> Library:
    for name in ("glp1-what-to-know.md", "sleep-and-weight.md"):
        create_from_markdown(library, (DATA / name).read_text(encoding="utf-8"), source=name)
    library.references.import_files([DATA / "glp1.csl.json"])
    return library


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.question answers Yes; the questions asked are recorded."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked
