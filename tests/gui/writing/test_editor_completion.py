"""Citekey completion after "[@" and "; @"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.core.foundation.errors import LookupFailed
from editor.gui.writing.completion import citation_prefix

KEYS = [("wilding2021", "Wilding et al. 2021, STEP 1"), ("wilding2022", "Wilding et al. 2022"),
        ("jastreboff2022", "Jastreboff et al. 2022, SURMOUNT-1")]


def provider(prefix: str):
    return [(key, label) for key, label in KEYS if key.startswith(prefix.lower())]


@pytest.mark.parametrize(
    ("before", "prefix"),
    [("text [@", ""), ("text [@wil", "wil"), ("[@a; @jas", "jas"), ("[see @wil", "wil"), ("[-@wil", "wil")],
)
def test_prefix_detected_inside_citation_brackets(before, prefix):
    assert citation_prefix(before) == prefix


@pytest.mark.parametrize("before", ["mail me@wil", "[@a] and @wil", "plain text", "[link](x) @b"])
def test_no_prefix_outside_citation_brackets(before):
    assert citation_prefix(before) is None


def test_typing_opens_popup_and_enter_inserts_the_key(make_editor, qtbot):
    editor = make_editor("Weight fell ", citekey_provider=provider)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    qtbot.keyClicks(editor, "[@wil")
    assert editor.completer.is_visible()
    assert editor.completer.keys_shown() == ["wilding2021", "wilding2022"]
    qtbot.keyClick(editor.completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(editor.completer.popup(), Qt.Key.Key_Return)
    assert editor.toPlainText() == "Weight fell [@wilding2022"
    assert not editor.completer.is_visible()
    qtbot.keyClicks(editor, "; @ja")
    assert editor.completer.keys_shown() == ["jastreboff2022"]
    qtbot.keyClick(editor.completer.popup(), Qt.Key.Key_Return)
    assert editor.toPlainText() == "Weight fell [@wilding2022; @jastreboff2022"


def test_insert_citation_action_opens_the_popup(make_editor):
    editor = make_editor("Text ", citekey_provider=provider)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.action("actionInsertCitation").trigger()
    assert editor.toPlainText() == "Text [@]"
    assert editor.completer.is_visible()
    assert len(editor.completer.keys_shown()) == 3


def test_provider_failure_means_no_popup_not_an_error(make_editor, qtbot):
    def failing(prefix):
        raise LookupFailed("The reference search is unavailable.")

    editor = make_editor("", citekey_provider=failing)
    editor.setFocus()
    qtbot.keyClicks(editor, "[@x")
    assert editor.toPlainText() == "[@x"
    assert not editor.completer.is_visible()
