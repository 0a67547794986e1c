"""Fixtures for the panel tests: a real library file with sample posts, a hub, quiet modals."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.library import Library
from editor.core.library.markdown_io import create_from_markdown
from editor.core.post.model import Post

DATA = Path(__file__).parent / "data"


@pytest.fixture
def panel_data() -> Path:
    return DATA


@pytest.fixture
def sample_library(library: Library) -> Library:
    """The library fixture with the two sample articles, their references and a third post."""
    for name in ("glp1-what-to-know.md", "sleep-and-weight.md"):
        create_from_markdown(library, (DATA / name).read_text(encoding="utf-8"), source=name)
    library.posts.create(Post(title="Blood pressure at home", body="## Why measure\n\nCuffs matter.\n",
                              status="published", tags=["blood pressure"]))
    library.references.import_files([DATA / "glp1.csl.json"])
    return library


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Records QMessageBox warnings/information instead of blocking on them."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(kind: str):
        def show(_parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return show

    monkeypatch.setattr(QMessageBox, "warning", record("warning"))
    monkeypatch.setattr(QMessageBox, "information", record("information"))
    monkeypatch.setattr(QMessageBox, "critical", record("critical"))
    return shown


class Questions:
    """Answers QMessageBox.question with ``answer`` and records what was asked."""

    def __init__(self) -> None:
        self.answer = True
        self.asked: list[str] = []


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    from PySide6.QtWidgets import QMessageBox

    record = Questions()

    def question(_parent, _title, text, *args, **kwargs):
        record.asked.append(text)
        return QMessageBox.StandardButton.Yes if record.answer else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    return record
