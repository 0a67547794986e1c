"""Outline edits applied to the editor's document as single undoable edits."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.editing.textdiff import changed_span
from editor.core.editing.textops import from_utf16, to_utf16
from editor.core.post import sections


def replace_document_text(editor: QPlainTextEdit, new_text: str, cursor_offset: int | None = None) -> None:
    """Make the editor's text ``new_text`` by replacing only what changed: one undo step."""
    old_text = editor.toPlainText()
    start, end, replacement = changed_span(old_text, new_text)
    if start == end and not replacement:
        return
    cursor = QTextCursor(editor.document())
    cursor.beginEditBlock()
    cursor.setPosition(to_utf16(old_text, start))
    cursor.setPosition(to_utf16(old_text, end), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(replacement)
    cursor.endEditBlock()
    if cursor_offset is not None:
        place = editor.textCursor()
        place.setPosition(to_utf16(new_text, min(cursor_offset, len(new_text))))
        editor.setTextCursor(place)
        editor.centerCursor()


def move_section_by_index(editor: QPlainTextEdit, index: int, before: int) -> bool:
    result = sections.move_section_to(editor.toPlainText(), index, before)
    if result is None:
        return False
    replace_document_text(editor, *result)
    return True


def move_current_section(editor: QPlainTextEdit, direction: int) -> bool:
    """Ctrl+Shift+Up/Down: move the section holding the cursor past its sibling."""
    text = editor.toPlainText()
    index = sections.section_index_at(sections.split_sections(text), from_utf16(text, editor.textCursor().position()))
    return move_section_step(editor, index, direction)


def move_section_step(editor: QPlainTextEdit, index: int, direction: int) -> bool:
    """Move section ``index`` (with its subsections) past its previous (-1) or next (+1) sibling."""
    text = editor.toPlainText()
    result = sections.move_section(text, index, direction)
    if result is None:
        return False
    replace_document_text(editor, *result)
    return True


def rename_section(editor: QPlainTextEdit, index: int, title: str) -> None:
    replace_document_text(editor, *sections.rename_section(editor.toPlainText(), index, title))


def add_section_after(editor: QPlainTextEdit, index: int, title: str = "New section") -> None:
    new_text, title_start = sections.add_section_after(editor.toPlainText(), index, title)
    replace_document_text(editor, new_text, title_start)
    cursor = editor.textCursor()  # select the placeholder title so typing replaces it
    cursor.setPosition(to_utf16(new_text, title_start))
    cursor.setPosition(to_utf16(new_text, title_start + len(title)), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def delete_section(editor: QPlainTextEdit, index: int) -> None:
    """Delete a section with its subsections (undoable)."""
    replace_document_text(editor, *sections.delete_section(editor.toPlainText(), index))
