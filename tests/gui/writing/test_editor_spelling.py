"""Spell checking: underlines, medical words, code skipped, personal dictionary, context menu."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat

WAVE = QTextCharFormat.UnderlineStyle.WaveUnderline

TEXT = (
    "## Side efects\n"
    "Semaglutide and tirzepatide can cause nausea; a patiant should call [@wilding2021].\n"
    "```\n"
    "code blok here\n"
    "```\n"
    "See https://exmple.org and `dosge`.\n"
)


def underlined_words(editor) -> set[str]:
    found = set()
    block = editor.document().firstBlock()
    while block.isValid():
        text = block.text()
        ranges = block.layout().formats()
        for fmt_range in ranges:
            if fmt_range.format.underlineStyle() == WAVE:
                found.add(text[fmt_range.start : fmt_range.start + fmt_range.length])
        block = block.next()
    return found


def wait_checked(editor, qtbot, words: set[str]) -> None:
    qtbot.waitUntil(lambda: {word for _pos, word in editor.spelling.misspellings()} == words, timeout=8000)


def test_misspellings_underlined_and_medical_terms_code_urls_not(make_editor, qtbot):
    editor = make_editor(TEXT)
    wait_checked(editor, qtbot, {"efects", "patiant"})
    assert underlined_words(editor) == {"efects", "patiant"}


def test_edit_clears_underline_until_rechecked(make_editor, qtbot):
    editor = make_editor("A patiant here.")
    wait_checked(editor, qtbot, {"patiant"})
    cursor = editor.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
    with qtbot.waitSignal(editor.spelling.checked, timeout=8000):
        cursor.insertText("e")  # patiant -> patient
        assert underlined_words(editor) == set()  # the stale result is not drawn
    assert editor.toPlainText() == "A patient here."
    assert editor.document().firstBlock().userData().text == "A patient here."  # rechecked
    assert editor.spelling.misspellings() == []
    cursor.setPosition(9)
    cursor.insertText("x")  # patient -> patientx
    wait_checked(editor, qtbot, {"patientx"})


def test_add_to_dictionary_from_context_menu_stores_the_word(make_editor, qtbot):
    stored: list[str] = []
    editor = make_editor("Dr Quorvin and Quorvin's clinic use semaglutdie.",
                         personal_words=lambda: ["postwright"], add_personal_word=stored.append)
    wait_checked(editor, qtbot, {"Quorvin", "Quorvin's", "semaglutdie"})
    position = editor.toPlainText().index("Quorvin") + 2
    menu = editor.build_context_menu(editor.cursorRect(_cursor_at(editor, position)).center())
    labels = [action.text() for action in menu.actions()]
    assert "Add to dictionary" in labels and "Ignore" in labels
    next(action for action in menu.actions() if action.text() == "Add to dictionary").trigger()
    assert stored == ["Quorvin"]
    assert {word for _p, word in editor.spelling.misspellings()} == {"semaglutdie"}
    assert underlined_words(editor) == {"semaglutdie"}


def test_suggestion_replaces_the_word(make_editor, qtbot):
    editor = make_editor("Take semaglutdie weekly.")
    wait_checked(editor, qtbot, {"semaglutdie"})
    position = editor.toPlainText().index("semaglutdie") + 3
    menu = editor.build_context_menu(editor.cursorRect(_cursor_at(editor, position)).center())
    assert menu.actions()[0].text() == "semaglutide"
    menu.actions()[0].trigger()
    assert editor.toPlainText() == "Take semaglutide weekly."


def test_personal_words_are_accepted_and_ignore_is_not_stored(make_editor, qtbot):
    stored: list[str] = []
    editor = make_editor("Ellisville and Zorbex.", personal_words=lambda: ["ellisville"],
                         add_personal_word=stored.append)
    wait_checked(editor, qtbot, {"Zorbex"})
    editor.spelling.ignore("Zorbex")
    assert editor.spelling.misspellings() == [] and stored == []


def test_spell_check_can_be_switched_off(make_editor, qtbot):
    editor = make_editor("A patiant.")
    wait_checked(editor, qtbot, {"patiant"})
    editor.spelling.set_enabled(False)
    assert underlined_words(editor) == set()


def _cursor_at(editor, position):
    cursor = editor.textCursor()
    cursor.setPosition(position)
    return cursor


def test_held_checks_wait_for_the_release_then_run(make_editor, qtbot):
    editor = make_editor("")
    spelling = editor.spelling
    spelling.hold(True)  # as while a just-opened post's preview is being built
    editor.setPlainText("A patiant here.")
    spelling.schedule()
    assert not spelling._timer.isActive()  # nothing runs (nor loads the dictionaries) while held
    assert spelling.misspellings() == []
    spelling.hold(False)
    wait_checked(editor, qtbot, {"patiant"})
