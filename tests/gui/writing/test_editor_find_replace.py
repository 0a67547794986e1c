"""The find and replace bar: options, wrap-around, invalid regex, replace all as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

TEXT = "Dose the dose. DOSE is a doses word.\nThe dose again."


def open_bar(editor, query, *, case=False, word=False, regex=False, replace=None):
    bar = editor.find_bar
    (bar.show_replace if replace is not None else bar.show_find)()
    bar.case_box.setChecked(case)
    bar.word_box.setChecked(word)
    bar.regex_box.setChecked(regex)
    bar.find_edit.setText(query)
    if replace is not None:
        bar.replace_edit.setText(replace)
    return bar


def test_ctrl_f_opens_the_bar_with_the_selection(make_editor, select, qtbot):
    editor = make_editor(TEXT)
    select(editor, 9, 13)
    editor.action("actionFind").trigger()
    bar = editor.find_bar
    assert bar.isVisible() and bar.objectName() == "findReplaceBar"
    assert bar.find_edit.text() == "dose"
    assert not bar.replace_edit.isVisible()
    editor.action("actionReplace").trigger()
    assert bar.replace_edit.isVisible()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_next_previous_and_wrap(make_editor, select):
    editor = make_editor(TEXT)
    select(editor, 0, 0)
    bar = open_bar(editor, "dose", case=True, word=True)
    cursor = editor.textCursor()
    assert (cursor.selectionStart(), cursor.selectedText()) == (9, "dose")
    assert bar.find_next()
    assert editor.textCursor().selectionStart() == TEXT.index("The dose") + 4
    assert bar.find_next()  # wraps to the first match
    assert editor.textCursor().selectionStart() == 9
    assert "wrapped" in bar.status_label.text()
    assert bar.find_previous()
    assert editor.textCursor().selectionStart() == TEXT.index("The dose") + 4
    assert bar.status_label.text().startswith("2 matches")


def test_case_insensitive_counts_every_form(make_editor):
    editor = make_editor(TEXT)
    bar = open_bar(editor, "dose")
    assert bar.status_label.text().startswith("5 matches")


def test_invalid_regex_is_shown_in_the_bar(make_editor):
    editor = make_editor(TEXT)
    bar = open_bar(editor, "(dose", regex=True)
    assert "Invalid regular expression" in bar.status_label.text()
    assert bar.find_next() is False
    assert bar.replace_all() == 0
    assert editor.toPlainText() == TEXT


def test_regex_replace_all_is_one_undo_step(make_editor):
    editor = make_editor("Take 5 mg, then 10 mg.\nMax 15 mg.")
    bar = open_bar(editor, r"(\d+) mg", regex=True, replace=r"\1 milligrams")
    assert bar.replace_all() == 3
    assert editor.toPlainText() == "Take 5 milligrams, then 10 milligrams.\nMax 15 milligrams."
    assert "Replaced 3" in bar.status_label.text()
    editor.undo()
    assert editor.toPlainText() == "Take 5 mg, then 10 mg.\nMax 15 mg."


def test_replace_current_then_moves_on(make_editor, select):
    editor = make_editor("cat cat cat")
    select(editor, 0, 0)
    bar = open_bar(editor, "cat", replace="dog")
    assert editor.textCursor().selectedText() == "cat"
    bar.replace_current()
    assert editor.toPlainText() == "dog cat cat"
    assert editor.textCursor().selectionStart() == 4
    bar.replace_current()
    assert editor.toPlainText() == "dog dog cat"


def test_whole_word_replace_all_with_astral_characters(make_editor):
    editor = make_editor("😀 dose doses dose 😀")
    bar = open_bar(editor, "dose", word=True, replace="DOSE")
    assert bar.replace_all() == 2
    assert editor.toPlainText() == "😀 DOSE doses DOSE 😀"
