"""Formatting commands: toggles on the selection, shortcuts, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

EXPECTED_ACTIONS = {
    "actionBold", "actionItalic", "actionLink", "actionHeading2", "actionHeading3", "actionBulletList",
    "actionNumberedList", "actionQuote", "actionInsertCitation", "actionFind", "actionReplace",
}


def test_editor_has_object_name_and_named_actions(make_editor):
    editor = make_editor()
    assert editor.objectName() == "editor"
    actions = editor.named_actions()
    assert EXPECTED_ACTIONS <= set(actions)
    assert all(actions[name].objectName() == name for name in actions)
    assert actions["actionBold"].shortcut().toString() == "Ctrl+B"


def test_bold_toggles_and_each_toggle_is_one_undo_step(make_editor, select):
    editor = make_editor("Take it weekly.")
    select(editor, 8, 14)
    editor.action("actionBold").trigger()
    assert editor.toPlainText() == "Take it **weekly**."
    assert editor.textCursor().selectedText() == "weekly"
    editor.action("actionBold").trigger()
    assert editor.toPlainText() == "Take it weekly."
    editor.undo()
    assert editor.toPlainText() == "Take it **weekly**."
    editor.undo()
    assert editor.toPlainText() == "Take it weekly."


def test_keyboard_shortcuts_reach_the_actions(make_editor, qtbot, select):
    editor = make_editor("dose")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.setFocus()
    select(editor, 0, 4)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "*dose*"
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "## *dose*"


def test_heading_levels_toggle_and_switch(make_editor, select):
    editor = make_editor("Intro\nSide effects\nBody")
    select(editor, 9, 9)
    editor.action("actionHeading2").trigger()
    assert editor.toPlainText() == "Intro\n## Side effects\nBody"
    editor.action("actionHeading3").trigger()
    assert editor.toPlainText() == "Intro\n### Side effects\nBody"
    editor.action("actionHeading3").trigger()
    assert editor.toPlainText() == "Intro\nSide effects\nBody"


def test_lists_and_quote_on_a_multi_line_selection(make_editor, select):
    editor = make_editor("eggs\nfish\nbeans\nafter")
    select(editor, 0, 15)
    editor.action("actionNumberedList").trigger()
    assert editor.toPlainText() == "1. eggs\n2. fish\n3. beans\nafter"
    editor.action("actionBulletList").trigger()
    assert editor.toPlainText() == "- eggs\n- fish\n- beans\nafter"
    editor.undo()
    assert editor.toPlainText() == "1. eggs\n2. fish\n3. beans\nafter"
    select(editor, 0, 0)
    editor.action("actionQuote").trigger()
    assert editor.toPlainText().startswith("> 1. eggs\n2. fish")


def test_link_uses_a_url_from_the_clipboard(make_editor, select):
    editor = make_editor("see the trial")
    QGuiApplication.clipboard().setText("https://doi.org/10.1056/NEJMoa2032183")
    select(editor, 8, 13)
    editor.action("actionLink").trigger()
    assert editor.toPlainText() == "see the [trial](https://doi.org/10.1056/NEJMoa2032183)"
    QGuiApplication.clipboard().setText("not a url")
    select(editor, 0, 3)
    editor.action("actionLink").trigger()
    assert editor.toPlainText().startswith("[see]()")
    assert editor.textCursor().position() == 6  # inside the empty parentheses


def test_formatting_next_to_astral_characters_uses_the_right_offsets(make_editor, select):
    editor = make_editor("😀 dose 😀")
    select(editor, 3, 7)  # UTF-16 positions: the emoji takes two
    assert editor.textCursor().selectedText() == "dose"
    editor.action("actionBold").trigger()
    assert editor.toPlainText() == "😀 **dose** 😀"


def test_go_to_offset_and_visible_offset(make_editor):
    lines = [f"Line {n} 😀" for n in range(400)]
    editor = make_editor("\n".join(lines))
    target = sum(len(line) + 1 for line in lines[:300])
    editor.go_to_offset(target)
    assert editor.textCursor().blockNumber() == 300
    visible = editor.visible_offset()
    assert 0 < visible < target
    assert editor.toPlainText()[visible:].startswith("Line ")
