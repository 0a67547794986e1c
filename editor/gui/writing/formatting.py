"""Formatting commands of the editor and the QActions that trigger them.

Each command reads only the lines around the selection, computes the change with
the Qt-free :mod:`editor.core.editing.textops`, and applies just the changed span in one
edit block: one command, one undo step, whatever the length of the post.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.editing import textops

# objectName, menu text, shortcut, status tip
ACTION_SPECS: tuple[tuple[str, str, str, str], ...] = (
    ("actionBold", "&Bold", "Ctrl+B", "Make the selection bold (**text**)"),
    ("actionItalic", "&Italic", "Ctrl+I", "Make the selection italic (*text*)"),
    ("actionCode", "Inline &code", "Ctrl+`", "Mark the selection as code (`text`)"),
    ("actionLink", "&Link…", "Ctrl+K", "Turn the selection into a link"),
    ("actionHeading2", "Heading &2", "Ctrl+2", "Make the line a section heading (##)"),
    ("actionHeading3", "Heading &3", "Ctrl+3", "Make the line a subsection heading (###)"),
    ("actionBulletList", "&Bulleted list", "Ctrl+Shift+8", "Toggle a bulleted list on the selected lines"),
    ("actionNumberedList", "&Numbered list", "Ctrl+Shift+7", "Toggle a numbered list on the selected lines"),
    ("actionQuote", "&Quote", "Ctrl+Shift+.", "Toggle a block quote on the selected lines"),
    ("actionInsertCitation", "&Citation…", "Ctrl+Shift+K", "Insert a citation [@key] at the cursor"),
)


class FormattingCommands(QObject):
    """The formatting commands of one editor; ``actions`` maps objectName to QAction."""

    def __init__(self, editor: QPlainTextEdit, insert_citation: Callable[[], None]) -> None:
        super().__init__(editor)
        self._editor = editor
        handlers: dict[str, Callable[[], None]] = {
            "actionBold": lambda: self.toggle_inline("**"),
            "actionItalic": lambda: self.toggle_inline("*"),
            "actionCode": lambda: self.toggle_inline("`"),
            "actionLink": self.link,
            "actionHeading2": lambda: self.heading(2),
            "actionHeading3": lambda: self.heading(3),
            "actionBulletList": lambda: self.line_prefix("bullet"),
            "actionNumberedList": lambda: self.line_prefix("numbered"),
            "actionQuote": lambda: self.line_prefix("quote"),
            "actionInsertCitation": insert_citation,
        }
        self.actions: dict[str, QAction] = {}
        for name, text, shortcut, tip in ACTION_SPECS:
            action = QAction(text, editor)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shortcut})")
            action.triggered.connect(lambda _checked=False, handler=handlers[name]: handler())
            self.actions[name] = action

    # ------------------------------------------------------------------ commands

    def toggle_inline(self, marker: str) -> None:
        self.apply(textops.toggle_inline, marker)

    def heading(self, level: int) -> None:
        self.apply(textops.toggle_heading, level)

    def line_prefix(self, kind: str) -> None:
        self.apply(textops.toggle_line_prefix, kind)

    def link(self, url: str | None = None) -> None:
        """Wrap the selection in a link; the URL is taken from the clipboard if it holds one."""
        if url is None:
            clip = QGuiApplication.clipboard().text().strip() if QGuiApplication.clipboard() else ""
            url = clip if clip.startswith(("http://", "https://", "mailto:")) and " " not in clip else ""
        self.apply(textops.make_link, url)

    def apply(self, operation: Callable[..., textops.Edit], *args: object) -> None:
        """Run a :mod:`textops` operation on the lines around the selection as one undo step."""
        editor = self._editor
        document = editor.document()
        cursor = editor.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        first, last = document.findBlock(start), document.findBlock(end)
        region_start = first.position()
        region_end = last.position() + last.length() - 1
        region = QTextCursor(document)
        region.setPosition(region_start)
        region.setPosition(region_end, QTextCursor.MoveMode.KeepAnchor)
        text = region.selectedText().replace("\u2029", "\n")
        edit = operation(
            text, textops.from_utf16(text, start - region_start), textops.from_utf16(text, end - region_start), *args
        )
        new_text = edit.apply(text)
        change = QTextCursor(document)
        change.beginEditBlock()
        if new_text != text:
            change.setPosition(region_start + textops.to_utf16(text, edit.start))
            change.setPosition(region_start + textops.to_utf16(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
            change.insertText(edit.replacement)
        change.endEditBlock()
        selection = QTextCursor(document)
        selection.setPosition(region_start + textops.to_utf16(new_text, edit.sel_start))
        selection.setPosition(region_start + textops.to_utf16(new_text, edit.sel_end), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(selection)
