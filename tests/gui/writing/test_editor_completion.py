"""Citekey completion after "[@" and "; @": the pick closes the citation (#30)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.core.foundation.errors import LookupFailed
from editor.gui.writing.completion import citation_prefix, closing_needed

KEYS = [("wilding2021", "Wilding et al. 2021, STEP 1"), ("wilding2022", "Wilding et al. 2022"),
        ("jastreboff2022", "Jastreboff et al. 2022, SURMOUNT-1"), ("who.2020.obesity.", "WHO fact sheet")]


def provider(prefix: str):
    return [(key, label) for key, label in KEYS if key.startswith(prefix.lower())]


@pytest.mark.parametrize(
    ("before", "prefix"),
    [("text [@", ""), ("text [@wil", "wil"), ("[@a; @jas", "jas"), ("[see @wil", "wil"), ("[-@wil", "wil"),
     ("[@{who", "who"), ("[@a, p. 3; @ja", "ja")],
)
def test_prefix_detected_inside_citation_brackets(before, prefix):
    assert citation_prefix(before) == prefix


@pytest.mark.parametrize("before", ["mail me@wil", "[@a] and @wil", "plain text", "[link](x) @b"])
def test_no_prefix_outside_citation_brackets(before):
    assert citation_prefix(before) is None


@pytest.mark.parametrize(("after", "needed"), [("", True), (" more text", True), ("]", False), ("; @b]", False),
                                                (" and [@x]", True), (", p. 3] text", False)])
def test_closing_needed(after, needed):
    assert closing_needed(after) is needed


def _type_at_end(editor, qtbot, text):
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def test_picking_a_key_closes_the_citation_with_the_cursor_after_it(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@wil")
    assert editor.completer.is_visible()
    assert editor.completer.keys_shown() == ["wilding2021", "wilding2022"]
    qtbot.keyClick(editor, Qt.Key.Key_Down)
    assert editor.completer.current_key() == "wilding2022"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Weight fell [@wilding2022]"
    assert editor.textCursor().position() == len(editor.toPlainText())
    assert not editor.completer.is_visible()
    qtbot.keyClicks(editor, ".")
    assert editor.toPlainText() == "Weight fell [@wilding2022]."


def test_a_key_typed_after_a_semicolon_joins_the_cluster(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@wil")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "; @ja")
    assert editor.toPlainText() == "Weight fell [@wilding2021; @ja]"
    assert editor.completer.keys_shown() == ["jastreboff2022"]
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "Weight fell [@wilding2021; @jastreboff2022]"
    assert editor.textCursor().position() == len(editor.toPlainText())


def test_inside_an_open_or_closed_cluster_no_extra_bracket(make_editor, qtbot):
    editor = make_editor("A [@wilding2021; @ja", citekey_provider=provider)
    _type_at_end(editor, qtbot, "s")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "A [@wilding2021; @jastreboff2022]"
    editor = make_editor("B [@wilding2021; @ja] text", citekey_provider=provider)
    cursor = editor.textCursor()
    cursor.setPosition(len("B [@wilding2021; @ja"))
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, "s")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "B [@wilding2021; @jastreboff2022] text"
    assert editor.textCursor().position() == len("B [@wilding2021; @jastreboff2022]")


def test_a_key_pandoc_would_cut_is_written_in_braces(make_editor, qtbot):
    editor = make_editor("C ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@who")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "C [@{who.2020.obesity.}]"


def test_a_semicolon_after_a_citation_in_prose_stays_there(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@wil")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "; it rose")
    assert editor.toPlainText() == "Weight fell [@wilding2021]; it rose"


def test_escape_closes_the_list_and_a_click_in_the_text_too(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@wil")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.completer.is_visible() and editor.toPlainText() == "Weight fell [@wil"
    qtbot.keyClicks(editor, "d")
    assert editor.completer.is_visible()
    cursor = editor.textCursor()
    cursor.setPosition(2)
    editor.setTextCursor(cursor)
    assert not editor.completer.is_visible()


def test_clicking_a_key_in_the_list_inserts_it(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    _type_at_end(editor, qtbot, "[@ja")
    popup = editor.completer.popup()
    first = popup.visualRect(popup.model().index(0, 0)).center()
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=first)
    assert editor.toPlainText() == "Weight fell [@jastreboff2022]"


def test_insert_citation_action_opens_the_list(make_editor, qtbot):
    editor = make_editor("Text ", citekey_provider=provider)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.action("actionInsertCitation").trigger()
    assert editor.toPlainText() == "Text [@]"
    assert editor.completer.is_visible()
    assert len(editor.completer.keys_shown()) == 4
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == "Text [@wilding2021]"
    assert editor.textCursor().position() == len(editor.toPlainText())


def test_provider_failure_means_no_list_not_an_error(make_editor, qtbot):
    def failing(prefix):
        raise LookupFailed("The reference search is unavailable.")

    editor = make_editor("", citekey_provider=failing)
    editor.setFocus()
    qtbot.keyClicks(editor, "[@x")
    assert editor.toPlainText() == "[@x"
    assert not editor.completer.is_visible()
