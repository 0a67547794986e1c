"""Fixtures for the editor widget tests: a shown editor with a fast spell-check delay."""

from __future__ import annotations

import pytest

from editor.gui.writing import MarkdownEditor


@pytest.fixture
def make_editor(qtbot):
    created = []

    def make(text: str = "", **options) -> MarkdownEditor:
        options.setdefault("spell_delay_ms", 10)
        editor = MarkdownEditor(**options)
        qtbot.addWidget(editor)
        editor.resize(700, 500)
        editor.setPlainText(text)
        editor.show()
        qtbot.waitExposed(editor)
        created.append(editor)
        return editor

    yield make
    for editor in created:
        editor.shutdown()


def _select(editor: MarkdownEditor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


@pytest.fixture
def select():
    """``select(editor, start, end)`` sets the selection (UTF-16 positions)."""
    return _select
