"""Outline edits applied to the editor's document as single undoable edits."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.editing.textdiff import changed_span
from editor.core.editing.textops import from_utf16, to_utf16
from editor.core.post.sections import move_section, move_section_to, section_index_at, split_sections, subtree_end


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
    result = move_section_to(editor.toPlainText(), index, before)
    if result is None:
        return False
    replace_document_text(editor, *result)
    return True


def move_current_section(editor: QPlainTextEdit, direction: int) -> bool:
    """Ctrl+Shift+Up/Down: move the section holding the cursor past its sibling."""
    text = editor.toPlainText()
    index = section_index_at(split_sections(text), from_utf16(text, editor.textCursor().position()))
    return move_section_step(editor, index, direction)


def move_section_step(editor: QPlainTextEdit, index: int, direction: int) -> bool:
    """Move section ``index`` (with its subsections) past its previous (-1) or next (+1) sibling."""
    text = editor.toPlainText()
    result = move_section(text, index, direction)
    if result is None:
        return False
    replace_document_text(editor, *result)
    return True


def rename_section(editor: QPlainTextEdit, index: int, title: str) -> None:
    text = editor.toPlainText()
    section = split_sections(text)[index]
    line_end = text.find("\n", section.start)
    line_end = len(text) if line_end == -1 else line_end
    title = " ".join(title.split())
    new_text = text[: section.start] + "#" * section.level + " " + title + text[line_end:]
    replace_document_text(editor, new_text, section.start)


def add_section_after(editor: QPlainTextEdit, index: int, title: str = "New section") -> None:
    text = editor.toPlainText()
    sections = split_sections(text)
    index = max(0, min(index, len(sections) - 1))
    end = subtree_end(sections, index)
    at = sections[end].start if end < len(sections) else len(text)
    before = text[:at]
    glue = "" if not before or before.endswith("\n\n") else ("\n" if before.endswith("\n") else "\n\n")
    block = f"{glue}## {title}\n\n"
    new_text = before + block + text[at:]
    title_start = len(before) + len(glue) + 3
    replace_document_text(editor, new_text, title_start)
    cursor = editor.textCursor()  # select the placeholder title so typing replaces it
    cursor.setPosition(to_utf16(new_text, title_start))
    cursor.setPosition(to_utf16(new_text, title_start + len(title)), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def delete_section(editor: QPlainTextEdit, index: int) -> None:
    """Delete a section with its subsections (undoable)."""
    text = editor.toPlainText()
    sections = split_sections(text)
    end = subtree_end(sections, index)
    stop = sections[end].start if end < len(sections) else len(text)
    replace_document_text(editor, text[: sections[index].start] + text[stop:], sections[index].start)
