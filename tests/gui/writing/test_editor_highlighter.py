"""Markdown highlighting: formats per construct, fenced code state, palette colours, local re-highlighting."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor

from editor.gui.writing.highlighter import MarkdownHighlighter, is_code_state


def format_at(editor, block_number: int, column: int):
    block = editor.document().findBlockByNumber(block_number)
    ranges = block.layout().formats()  # keep the list alive while its formats are read
    for fmt_range in ranges:
        if fmt_range.start <= column < fmt_range.start + fmt_range.length:
            return QTextCharFormat(fmt_range.format)
    return None


def test_constructs_get_their_formats(make_editor):
    editor = make_editor(
        "## Side effects\n"
        "Some **bold** and *italic* and `code` text.\n"
        "A [link](https://example.org) and a citation [@wilding2021; @lincoff2023].\n"
        "- item\n"
        "> quoted\n",
        spell_check=False,
    )
    assert format_at(editor, 0, 5).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 1, 8).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 1, 20).fontItalic()
    assert format_at(editor, 1, 33).fontFixedPitch()
    line = editor.document().findBlockByNumber(2).text()
    link = editor.palette().color(QPalette.ColorRole.Link)
    assert format_at(editor, 2, line.index("link")).foreground().color() == link
    citation = format_at(editor, 2, line.index("@wilding"))
    assert citation is not None and citation.foreground().color() not in (link, QColor())
    assert format_at(editor, 2, line.index("@lincoff")).foreground().color() == citation.foreground().color()
    assert format_at(editor, 3, 0).fontWeight() == QFont.Weight.Bold  # list marker
    assert format_at(editor, 4, 3).fontItalic()  # quote text
    assert format_at(editor, 1, 0) is None  # plain text stays plain


def test_fenced_code_state_carries_and_headings_inside_are_code(make_editor):
    editor = make_editor("```\n## not a heading\n**x**\n```\n## heading", spell_check=False)
    states = [is_code_state(editor.document().findBlockByNumber(n).userState()) for n in range(5)]
    assert states == [True, True, True, False, False]
    assert format_at(editor, 1, 5).fontFixedPitch()
    assert format_at(editor, 1, 5).fontWeight() != QFont.Weight.Bold
    assert format_at(editor, 4, 4).fontWeight() == QFont.Weight.Bold
    cursor = QTextCursor(editor.document().findBlockByNumber(3))
    cursor.insertText("x")  # "x```" no longer closes the fence: the heading becomes code
    assert is_code_state(editor.document().findBlockByNumber(4).userState())


def test_dark_palette_changes_the_colours(make_editor):
    editor = make_editor("## Heading", spell_check=False)
    light = format_at(editor, 0, 4).foreground().color()
    dark = QPalette(editor.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(30, 30, 30))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    editor.setPalette(dark)
    assert format_at(editor, 0, 4).foreground().color() != light


class CountingHighlighter(MarkdownHighlighter):
    def __init__(self, *args):
        self.calls = 0
        super().__init__(*args)

    def highlightBlock(self, text):
        self.calls += 1
        super().highlightBlock(text)


def test_a_keystroke_rehighlights_only_its_block(make_editor):
    editor = make_editor("\n\n".join(f"Paragraph {n} with *some* text." for n in range(2000)), spell_check=False)
    counting = CountingHighlighter(editor.document(), editor.palette())
    editor.highlighter.setDocument(None)
    counting.rehighlight()
    counting.calls = 0
    cursor = QTextCursor(editor.document().findBlockByNumber(2000))
    cursor.insertText("x")
    assert counting.calls == 1


def test_astral_characters_do_not_shift_formats(make_editor):
    editor = make_editor("😀 **bold** end", spell_check=False)
    # "😀" is two UTF-16 units: "**bold**" spans 3..11, "bold" 5..9.
    assert format_at(editor, 0, 5).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 0, 12) is None


def test_headings_follow_the_block_grammar(make_editor, qtbot):
    editor = make_editor(
        "##Dosing\n\nSetext title\n---\n\n````\n```\n# code\n````\n<div>\n# raw html\n</div>\n# after",
        spell_check=False,
    )
    heading = QFont.Weight.Bold
    assert format_at(editor, 0, 4).fontWeight() == heading  # no space after the marks
    assert format_at(editor, 2, 3).fontWeight() == heading  # setext title
    assert format_at(editor, 7, 3).fontFixedPitch()  # "```" does not close a "````" fence
    assert format_at(editor, 10, 3).fontWeight() != heading  # inside raw HTML
    assert format_at(editor, 12, 3).fontWeight() == heading
    cursor = QTextCursor(editor.document().findBlockByNumber(3))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("plain")  # the underline goes: the line above is a paragraph again
    qtbot.waitUntil(lambda: format_at(editor, 2, 3) is None)


def _all_formats(editor):
    return [
        [(r.start, r.length, QTextCharFormat(r.format).fontWeight(), QTextCharFormat(r.format).fontFixedPitch())
         for r in block_formats]
        for block_formats in (editor.document().findBlockByNumber(n).layout().formats()
                              for n in range(editor.document().blockCount()))
    ]


def test_loading_a_long_text_highlights_the_top_now_and_the_rest_in_order(make_editor, qtbot):
    from editor.gui.writing.highlighter import EAGER_BLOCKS

    # A fence opens far below the eagerly highlighted lines: the sweep must carry its state on.
    lines = [f"Line {i} with **bold** text." for i in range(EAGER_BLOCKS + 200)]
    lines[EAGER_BLOCKS + 50] = "```"
    lines[EAGER_BLOCKS + 52] = "```"
    text = "\n".join(lines)
    reference = make_editor(text, spell_check=False)  # setPlainText: everything highlighted at once
    editor = make_editor("", spell_check=False)
    editor.load_text(text)
    assert format_at(editor, 0, 15).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, EAGER_BLOCKS + 10, 15) is None  # not yet: the sweep has not got there
    assert editor.highlighter.is_sweeping()
    qtbot.waitUntil(lambda: not editor.highlighter.is_sweeping())
    assert _all_formats(editor) == _all_formats(reference)
    assert is_code_state(editor.document().findBlockByNumber(EAGER_BLOCKS + 51).userState())
    assert not editor.document().isUndoAvailable()


def test_the_sweep_leaves_off_screen_lines_unlaid_out_until_they_are_shown(make_editor, qtbot):
    """Laying a line out shapes and keeps every glyph: for a whole long post that is most of its
    memory, so the sweep formats lines without laying them out, and a line shown later is laid
    out with its formats."""
    from editor.gui.writing.highlighter import EAGER_BLOCKS

    count = EAGER_BLOCKS + 2_000
    editor = make_editor("", spell_check=False)
    # Odd lines are plain: a change of formats drops a line's layout (and so hides that it was
    # laid out), no formats leave it as it is.
    editor.load_text("\n".join(f"Line {i} with **bold** text." if i % 2 == 0 else f"Plain line {i}."
                               for i in range(count)))
    qtbot.waitUntil(lambda: not editor.highlighter.is_sweeping(), timeout=30_000)
    far = count - 100
    assert format_at(editor, far, 20).fontWeight() == QFont.Weight.Bold
    document = editor.document()
    laid_out = [n for n in range(EAGER_BLOCKS + 1, count, 2) if document.findBlockByNumber(n).layout().lineCount()]
    assert laid_out == []
    editor.setTextCursor(QTextCursor(editor.document().findBlockByNumber(far)))
    editor.ensureCursorVisible()
    qtbot.waitUntil(lambda: editor.document().findBlockByNumber(far).layout().lineCount() > 0)
    shown = editor.document().findBlockByNumber(far).layout()
    assert any(r.format.fontWeight() == QFont.Weight.Bold for r in shown.formats())


@pytest.mark.parametrize("through_qt_slot", [True, False], ids=["Qt's reformat slot", "rehighlightBlock"])
def test_refresh_block_highlights_that_block_again(make_editor, through_qt_slot: bool):
    editor = make_editor("## First\n## Second", spell_check=False)
    highlighter = editor.highlighter
    assert highlighter._reformat_slot  # this Qt has the slot; the other case is another release's
    highlighter._reformat_slot = through_qt_slot
    light = format_at(editor, 1, 4).foreground().color()
    dark = QPalette(editor.palette())
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    highlighter.set_palette(dark, rehighlight=False)
    highlighter.refresh_block(editor.document().findBlockByNumber(1))
    assert format_at(editor, 1, 4).foreground().color() != light
    assert format_at(editor, 0, 4).foreground().color() == light


def held_long_text(make_editor, lines_after_eager: int):
    """An editor loading ``lines_after_eager`` lines more than it highlights at once, with its
    sweep held after one slice done by hand; returns (editor, number of lines)."""
    from editor.gui.writing.highlighter import EAGER_BLOCKS

    count = EAGER_BLOCKS + lines_after_eager
    editor = make_editor("", spell_check=False)
    editor.highlighter.hold_sweep(True)
    editor.load_text("\n".join(f"Line {i} with **bold** text." for i in range(count)))
    assert editor.highlighter.is_sweeping()
    editor.highlighter._sweep_some()  # a held sweep does not start by itself
    return editor, count


def test_the_sweep_highlights_a_slice_at_a_time_and_waits_while_held(make_editor, qtbot):
    # Qt carries a re-highlight on into the next block whenever a block's state changes, and
    # every unswept block's state changes: one step of the sweep must not run to the end.
    editor, count = held_long_text(make_editor, 20_000)
    last = editor.document().findBlockByNumber(count - 1)
    assert last.userState() == -1, "one slice of the sweep reached the last line"
    qtbot.wait(50)
    assert last.userState() == -1, "a held sweep went on"
    editor.highlighter.hold_sweep(False)
    qtbot.waitUntil(lambda: not editor.highlighter.is_sweeping(), timeout=30_000)
    assert last.userState() != -1
    assert format_at(editor, count - 1, 20).fontWeight() == QFont.Weight.Bold


def test_lines_deleted_above_the_sweep_leave_nothing_unhighlighted(make_editor, qtbot):
    editor, _count = held_long_text(make_editor, 3_000)  # one slice swept, then lines above it go
    cursor = QTextCursor(editor.document().findBlockByNumber(10))
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor, 50)
    cursor.removeSelectedText()
    editor.highlighter.hold_sweep(False)
    qtbot.waitUntil(lambda: not editor.highlighter.is_sweeping(), timeout=30_000)
    document = editor.document()
    lines = [document.findBlockByNumber(n).text() for n in range(document.blockCount())]
    unhighlighted = [n for n, line in enumerate(lines) if format_at(editor, n, line.index("bold")) is None]
    assert unhighlighted == []


def test_citations_are_highlighted_as_the_grammar_reads_them(make_editor):
    editor = make_editor(
        "Risk doubles [see @a, p. 3] and @doe99 agrees; mail me@example.org.\n"
        "Unfinished [@wilding2022 here.\n"
        "A cluster over [see\n"
        "@a; @b] two lines.\n",
        spell_check=False,
    )
    first = editor.document().findBlockByNumber(0).text()
    citation = format_at(editor, 0, first.index("see @a"))
    assert citation is not None and citation.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
    assert format_at(editor, 0, first.index(", p. 3")).foreground() == citation.foreground()
    assert format_at(editor, 0, first.index("@doe99")).foreground() == citation.foreground()
    assert format_at(editor, 0, first.index("@example")) is None
    broken = format_at(editor, 1, 13)
    assert broken is not None and broken.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    for line, column in ((2, 16), (3, 0)):  # the cluster is read within its paragraph: not malformed
        part = format_at(editor, line, column)
        assert part is not None and part.underlineStyle() == QTextCharFormat.UnderlineStyle.NoUnderline
