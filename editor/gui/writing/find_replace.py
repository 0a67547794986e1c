"""The find and replace bar shown over the editor (Ctrl+F, Ctrl+H).

Matching (case, whole word, regular expression) is the core's
:func:`~editor.core.editing.textops.compile_search`; an invalid expression is shown in
the bar in red, never raised. "Replace all" edits the document inside one edit
block, so a single undo brings everything back.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from editor.core.editing.textops import compile_search, expand_replacement, from_utf16, to_utf16
from editor.core.foundation.errors import ValidationError


class FindReplaceBar(QFrame):
    """A find/replace bar operating on one QPlainTextEdit."""

    closed = Signal()
    opened = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._editor = editor
        self.find_edit = self._line_edit("findText", "Find")
        self.replace_edit = self._line_edit("replaceText", "Replace with")
        # Toggle buttons, as in other editors' find bars: a check box's indicator beside "Aa" made the row
        # wider than a narrow editor, and the options then covered the fields.
        self.case_box = self._toggle("matchCase", "Aa", "Match case")
        self.word_box = self._toggle("wholeWord", "W", "Whole words only")
        self.regex_box = self._toggle("useRegex", ".*", "Regular expression")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("findStatus")
        previous = self._button("findPrevious", "↑", "Previous match (Shift+Enter)", self.find_previous)
        following = self._button("findNext", "↓", "Next match (Enter)", self.find_next)
        close = self._button("findClose", "✕", "Close (Esc)", self.close_bar)
        self.replace_button = self._button("replaceOne", "Replace", "Replace this match", self.replace_current)
        self.replace_all_button = self._button("replaceAll", "All", "Replace all matches", self.replace_all)
        self._tools = self._row(self.case_box, self.word_box, self.regex_box, previous, following, close)
        self._replace_tools = self._row(self.replace_button, self.replace_all_button)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setSpacing(4)
        self._compact: bool | None = None
        self.arrange(compact=False)
        self.find_edit.textChanged.connect(self._incremental)
        for box in (self.case_box, self.word_box, self.regex_box):
            box.toggled.connect(self._incremental)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_current)
        self._replace_widgets = (self.replace_edit, self._replace_tools)
        self.hide()

    # ------------------------------------------------------------------ layout

    def _row(self, *widgets: QWidget) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in widgets:
            layout.addWidget(widget)
        return row

    def arrange(self, *, compact: bool) -> None:
        """Side by side (the fields, then their buttons), or, in an editor too narrow for that, the buttons
        on a row of their own under each field: never squeezed over the fields."""
        if compact == self._compact:
            return
        self._compact = compact
        grid = self._grid
        for widget in (self.find_edit, self._tools, self.replace_edit, self._replace_tools, self.status_label):
            grid.removeWidget(widget)
        right = Qt.AlignmentFlag.AlignRight
        if compact:
            for row, widget in enumerate((self.find_edit, self._tools, self.replace_edit, self._replace_tools,
                                          self.status_label)):
                grid.addWidget(widget, row, 0, right if widget in (self._tools, self._replace_tools) else
                               Qt.AlignmentFlag(0))
        else:
            grid.addWidget(self.find_edit, 0, 0)
            grid.addWidget(self._tools, 0, 1)
            grid.addWidget(self.replace_edit, 1, 0)
            grid.addWidget(self._replace_tools, 1, 1, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(self.status_label, 2, 0, 1, 2)
        grid.activate()

    def size_for(self, width: int) -> QSize:
        """The bar's size in an editor ``width`` pixels wide (arranged to fit it)."""
        self.arrange(compact=False)
        if self.minimumSizeHint().width() > width:
            self.arrange(compact=True)
            return QSize(width, self.sizeHint().height())  # the fields as wide as the editor allows
        hint = self.sizeHint()
        return QSize(min(hint.width(), width), hint.height())

    # ------------------------------------------------------------------ showing

    def show_find(self) -> None:
        self._open(replace=False)

    def show_replace(self) -> None:
        self._open(replace=True)

    def close_bar(self) -> None:
        self.hide()
        self._editor.setFocus()
        self.closed.emit()

    def _open(self, replace: bool) -> None:
        selected = self._editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in self._replace_widgets:
            widget.setVisible(replace)
        self.show()
        self.adjustSize()
        self.opened.emit()
        self.raise_()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ searching

    def pattern(self) -> re.Pattern[str] | None:
        """The current pattern, or None (with the reason shown in the bar) if there is none."""
        try:
            pattern = compile_search(
                self.find_edit.text(),
                match_case=self.case_box.isChecked(),
                whole_word=self.word_box.isChecked(),
                regex=self.regex_box.isChecked(),
            )
        except ValidationError as error:
            self._status(str(error) if self.find_edit.text() else "", error=bool(self.find_edit.text()))
            return None
        return pattern

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _find(self, backward: bool, from_start: int | None = None) -> bool:
        pattern = self.pattern()
        if pattern is None:
            return False
        text = self._editor.toPlainText()
        cursor = self._editor.textCursor()
        if from_start is not None:
            anchor = from_start
        else:
            anchor = cursor.selectionStart() if backward else cursor.selectionEnd()
        position = from_utf16(text, anchor)
        match = _previous_match(pattern, text, position) if backward else _next_match(pattern, text, position)
        wrapped = False
        if match is None:
            match = _previous_match(pattern, text, len(text)) if backward else _next_match(pattern, text, 0)
            wrapped = match is not None
        if match is None:
            self._status("No matches", error=True)
            return False
        self._select(text, match.start(), match.end())
        total = sum(1 for _ in _matches(pattern, text))
        self._status(f"{total} match{'es' if total != 1 else ''}" + (" — wrapped around" if wrapped else ""))
        return True

    def _incremental(self, *_args: object) -> None:
        """Typing in the find box searches from the start of the current selection."""
        if not self.find_edit.text():
            self._status("")
            return
        self._find(backward=False, from_start=self._editor.textCursor().selectionStart())

    # ------------------------------------------------------------------ replacing

    def replace_current(self) -> bool:
        """Replace the selected match (if the selection is one) and go to the next match."""
        pattern = self.pattern()
        if pattern is None:
            return False
        text = self._editor.toPlainText()
        cursor = self._editor.textCursor()
        start, end = from_utf16(text, cursor.selectionStart()), from_utf16(text, cursor.selectionEnd())
        match = pattern.match(text, start) if cursor.hasSelection() else None
        if match is None or match.end() != end:
            return self.find_next()
        try:
            replacement = expand_replacement(match, self.replace_edit.text(), self.regex_box.isChecked())
        except ValidationError as error:
            self._status(str(error), error=True)
            return False
        cursor.insertText(replacement)
        self._editor.setTextCursor(cursor)
        self.find_next()
        return True

    def replace_all(self) -> int:
        """Replace every match as one undoable edit; returns how many were replaced."""
        pattern = self.pattern()
        if pattern is None:
            return 0
        text = self._editor.toPlainText()
        template, regex = self.replace_edit.text(), self.regex_box.isChecked()
        try:
            edits = [(m.start(), m.end(), expand_replacement(m, template, regex)) for m in _matches(pattern, text)]
        except ValidationError as error:
            self._status(str(error), error=True)
            return 0
        if not edits:
            self._status("No matches", error=True)
            return 0
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        for start, end, replacement in reversed(edits):  # from the end, so earlier offsets stay valid
            cursor.setPosition(to_utf16(text, start))
            cursor.setPosition(to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._status(f"Replaced {len(edits)} match{'es' if len(edits) != 1 else ''}")
        return len(edits)

    # ------------------------------------------------------------------ helpers

    def _select(self, text: str, start: int, end: int) -> None:
        cursor = self._editor.textCursor()
        cursor.setPosition(to_utf16(text, start))
        cursor.setPosition(to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        self._editor.setTextCursor(cursor)
        self._editor.centerCursor()

    def _status(self, message: str, error: bool = False) -> None:
        self.status_label.setText(message)
        palette = self.status_label.palette()
        color = Qt.GlobalColor.red if error else self.palette().color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.status_label.setPalette(palette)
        self.find_edit.setProperty("invalid", error)

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.setMinimumWidth(140)
        return edit

    def _toggle(self, name: str, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab, like the fields
        return button

    def _button(self, name: str, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button


def _matches(pattern: re.Pattern[str], text: str):
    """Non-empty matches only: an empty match ("^", "x*") selects nothing and cannot be replaced usefully."""
    return (match for match in pattern.finditer(text) if match.end() > match.start())


def _next_match(pattern: re.Pattern[str], text: str, position: int) -> re.Match[str] | None:
    return next((m for m in pattern.finditer(text, position) if m.end() > m.start()), None)


def _previous_match(pattern: re.Pattern[str], text: str, position: int) -> re.Match[str] | None:
    found = None
    for match in _matches(pattern, text):
        if match.end() > position or (match.start() >= position):
            break
        found = match
    return found
