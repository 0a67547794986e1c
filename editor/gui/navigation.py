"""Keeping the editor, the preview and the outline on the same section.

The navigator knows the open post's sections (from the latest render) and moves the
others when one of them moves: a click in the outline or the problems list moves the
editor and the preview; scrolling the editor scrolls the preview and back (debounced,
without echo); moving the cursor highlights its section in the outline; while typing, the
preview keeps the section being typed in view — unless the reader has just scrolled the
preview themselves, which it then leaves alone for a while.
"""

from __future__ import annotations

import bisect
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor

from editor.core.editing.textops import from_utf16, to_utf16
from editor.core.post.sections import Section, section_index_at
from editor.gui.outline import OutlineView
from editor.gui.preview import PreviewView
from editor.gui.writing import MarkdownEditor

SCROLL_SYNC_DELAY_MS = 120
CURSOR_SYNC_DELAY_MS = 150
TYPING_FOLLOW_WINDOW_S = 2.0  # a patch this soon after a keystroke counts as "while typing"
USER_SCROLL_RESPECT_S = 4.0  # after the reader scrolls the preview, do not move it for this long


class Navigator(QObject):
    def __init__(self, editor: MarkdownEditor, preview: PreviewView, outline: OutlineView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editor, self._preview, self._outline = editor, preview, outline
        self.sections: list[Section] = []
        self._syncing_scroll = False
        self._scroll_timer = QTimer(self, singleShot=True, interval=SCROLL_SYNC_DELAY_MS,
                                    timeout=self._sync_preview_to_editor)
        self._cursor_timer = QTimer(self, singleShot=True, interval=CURSOR_SYNC_DELAY_MS,
                                    timeout=self._sync_outline_to_cursor)
        editor.cursorPositionChanged.connect(self._cursor_timer.start)
        editor.verticalScrollBar().valueChanged.connect(self._on_editor_scrolled)
        preview.sectionScrolled.connect(self._sync_editor_to_preview)
        preview.patchApplied.connect(self._follow_typing)
        editor.document().contentsChange.connect(self._note_typing)
        outline.sectionActivated.connect(self.go_to_section)
        self._typed_at = -1e9
        self._reader_scrolled_at = -1e9

    def cursor_offset(self) -> int:
        return from_utf16(self._editor.toPlainText(), self._editor.textCursor().position())

    def section_at_cursor(self) -> int:
        return section_index_at(self.sections, self.cursor_offset()) if self.sections else 0

    def go_to_section(self, index: int) -> None:
        if 0 <= index < len(self.sections):
            self._editor.go_to_offset(self.sections[index].start)
            self._editor.setFocus()
            self._preview.scroll_to_section(self.top_level_key(index))

    def go_to_anchor(self, anchor: str) -> None:
        for i, section in enumerate(self.sections):
            if section.anchor == anchor:
                self.go_to_section(i)
                return

    def go_to_line(self, line: int, column: int = 1) -> None:
        block = self._editor.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(0, min(column - 1, block.length() - 1)))
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()
        self._editor.setFocus()

    def top_level_key(self, index: int) -> str:
        """The preview key of the ``<section>`` holding section ``index`` (its ## ancestor)."""
        while index > 0 and self.sections[index].level > 2:
            index -= 1
        return self.sections[index].anchor if index > 0 else "intro"

    def _on_editor_scrolled(self) -> None:
        if not self._syncing_scroll:
            self._scroll_timer.start()

    def _reader_recently_scrolled(self) -> bool:
        return time.monotonic() - self._reader_scrolled_at < USER_SCROLL_RESPECT_S

    def _sync_preview_to_editor(self) -> None:
        if self.sections and not self._reader_recently_scrolled():
            index = section_index_at(self.sections, self._editor.visible_offset())
            self._preview.scroll_to_section(self.top_level_key(index))

    def section_at_cursor_line(self) -> int:
        """The section holding the cursor's line (no copy of the text: lines are blocks)."""
        line = self._editor.textCursor().blockNumber()
        starts = [section.start_line for section in self.sections]
        return max(0, bisect.bisect_right(starts, line) - 1)

    def _note_typing(self, *_args: object) -> None:
        self._typed_at = time.monotonic()

    def _follow_typing(self) -> None:
        now = time.monotonic()
        if (not self.sections or not self._editor.hasFocus() or now - self._typed_at > TYPING_FOLLOW_WINDOW_S
                or self._reader_recently_scrolled()):
            return
        self._preview.reveal_section(self.top_level_key(self.section_at_cursor_line()))

    def _sync_editor_to_preview(self, key: str) -> None:
        self._reader_scrolled_at = time.monotonic()
        for section in self.sections:
            if section.anchor == key or (key == "intro" and section.level == 0):
                block = self._editor.document().findBlock(to_utf16(self._editor.toPlainText(), section.start))
                self._syncing_scroll = True
                self._editor.verticalScrollBar().setValue(block.blockNumber())
                self._syncing_scroll = False
                return

    def _sync_outline_to_cursor(self) -> None:
        if self.sections:
            self._outline.select_section(self.section_at_cursor())
