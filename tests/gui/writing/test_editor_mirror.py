"""TextMirror follows every kind of edit exactly as toPlainText() would read it."""

from __future__ import annotations

import random

from PySide6.QtGui import QTextCursor

from editor.gui.writing.mirror import TextMirror


def test_mirror_equals_the_document_after_random_edits(make_editor):
    editor = make_editor("## One\n\nFirst paragraph.\n\n## Two\n\nSecond one.\n", spell_check=False)
    mirror = TextMirror(editor.document())
    rng = random.Random(3)
    pieces = ["a", "word ", "\n", "\n\n## New\n", "two\nlines", "\u00a0", "é", "😀", ""]
    for step in range(400):
        document = editor.document()
        size = document.characterCount() - 1
        cursor = QTextCursor(document)
        start = rng.randint(0, size)
        cursor.setPosition(start)
        action = rng.random()
        if action < 0.45:
            cursor.insertText(rng.choice(pieces))
        elif action < 0.75:
            cursor.setPosition(min(size, start + rng.randint(0, 30)), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        elif action < 0.85:
            cursor.setPosition(min(size, start + rng.randint(0, 30)), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(rng.choice(pieces))  # replace a selection, maybe across lines
        elif action < 0.95:
            document.undo() if rng.random() < 0.6 else document.redo()
        else:
            editor.setPlainText("\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))
        assert mirror.text() == editor.toPlainText(), f"after step {step}"
    assert mirror.snapshot().text() == editor.toPlainText()


def test_loading_a_post_and_its_background_highlighting_keep_the_mirror(make_editor, qtbot):
    editor = make_editor("", spell_check=False)
    mirror = TextMirror(editor.document())
    text = "\n\n".join(f"Paragraph {i} with *emphasis*." for i in range(1500))
    editor.load_text(text)
    assert mirror.text() == text
    qtbot.waitUntil(lambda: not editor.highlighter.is_sweeping())
    cursor = editor.textCursor()
    cursor.setPosition(100)
    cursor.insertText("typed\n")
    assert mirror.text() == editor.toPlainText()
