"""Citekey completion: typing ``[@`` or ``; @`` inside a citation offers keys from the library.

The editor gives :class:`CitekeyCompleter` a provider, ``provider(prefix) ->
[(key, label), ...]``, typically the reference store's search. The completer asks it after
each typed character while the cursor is in a citation key (as the citation grammar,
:mod:`editor.core.post.citation_syntax`, reads keys) and shows the answers in a list under
the cursor. Enter, Tab or a click picks a key: it replaces the typed prefix, and the
citation is closed — ``[@wil`` becomes ``[@wilding2022]`` with the cursor after it (a key
that needs braces is written ``@{key}``). Inside a cluster that is already closed only the
key is written. Typing ``; @`` right after a citation the completion closed adds to that
cluster: ``[@a]`` + ``; @`` becomes ``[@a; @]`` with the cursor on the new key.

The list is a frameless window that never grabs the mouse or the keyboard (unlike
QCompleter's popup, which swallows the first click elsewhere): the editor keeps the focus
and forwards the list's keys (:meth:`CitekeyCompleter.handle_key`); a click anywhere else
— a double-click on a problem, say — goes where it was aimed, and the list closes when the
editor loses the focus, its window moves, or the cursor leaves the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QPlainTextEdit

from editor.core.foundation.errors import PostwrightError
from editor.core.post.citation_syntax import is_simple_key

CitekeyProvider = Callable[[str], Sequence[tuple[str, str]]]

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ITEMS = 50
VISIBLE_ROWS = 10
# A key being typed right before the cursor: "@" at the start, after "[", "; " or "-" (suppress
# author), then the characters a key may hold (or an opening brace for a braced key).
_KEY_BEFORE_CURSOR = re.compile(r"(?:^|[\s\[;-])@\{?([\w:.#$%&+?<>~/-]*)$")
_ADD_TO_CLUSTER = re.compile(r"\];[ \t]*-?@")
_STILL_JOINING = re.compile(r"\](?:;[ \t]*-?)?")
_PICK_KEYS = {Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab}
_MOVE_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def citation_prefix(line_before_cursor: str) -> str | None:
    """The citekey prefix typed so far if the cursor is in a ``[...@key`` citation, else None."""
    match = _KEY_BEFORE_CURSOR.search(line_before_cursor)
    if not match:
        return None
    opened = line_before_cursor.rfind("[")
    if opened == -1 or line_before_cursor.rfind("]") > opened:
        return None  # not inside square brackets: an e-mail address or a mention, not a citation
    return match.group(1)


def closing_needed(line_after_cursor: str) -> bool:
    """Whether the citation the cursor is in still lacks its ``]`` on this line."""
    close, reopen = line_after_cursor.find("]"), line_after_cursor.find("[")
    return close == -1 or (reopen != -1 and reopen < close)


class CitekeyCompleter(QObject):
    """Owns the completion list of one editor; the editor forwards key presses to it."""

    def __init__(self, editor: QPlainTextEdit, provider: CitekeyProvider | None = None) -> None:
        super().__init__(editor)
        self._editor = editor
        self.provider = provider
        self._prefix = ""
        self._braced = False
        self._shown_at = -1  # cursor position the list was shown for
        self._closing: QTextCursor | None = None  # before the "]" the last pick closed, while "; @" may follow
        self._model = QStandardItemModel(self)
        self._list = QListView()
        self._list.setObjectName("citekeyCompletionPopup")
        self._list.setAccessibleName("Citation keys")
        self._list.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint
                                  | Qt.WindowType.WindowDoesNotAcceptFocus)
        self._list.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._list.setFrameShape(QFrame.Shape.StyledPanel)
        self._list.setStyleSheet("QListView#citekeyCompletionPopup { border: 1px solid palette(mid); }")
        self._list.setUniformItemSizes(True)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._list.setModel(self._model)
        self._list.clicked.connect(self._insert)
        editor.installEventFilter(self)
        editor.cursorPositionChanged.connect(self._cursor_moved)
        editor.verticalScrollBar().valueChanged.connect(self.hide)
        editor.destroyed.connect(self._list.deleteLater)
        self._watched_window: QObject | None = None

    def popup(self) -> QListView:
        return self._list

    def is_visible(self) -> bool:
        return self._list.isVisible()

    def keys_shown(self) -> list[str]:
        """The keys in the list, in order."""
        return [self._model.item(row).data(KEY_ROLE) for row in range(self._model.rowCount())]

    def current_key(self) -> str | None:
        index = self._list.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None

    def hide(self) -> None:
        self._list.hide()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle a key press meant for the list (while it is shown); True if it was."""
        if not self.is_visible():
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.hide()
            return True
        if key in _PICK_KEYS:
            self._insert(self._list.currentIndex())
            return True
        if key in _MOVE_KEYS:
            rows = self._model.rowCount()
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -VISIBLE_ROWS,
                    Qt.Key.Key_PageDown: VISIBLE_ROWS}[Qt.Key(key)]
            row = max(0, min(rows - 1, self._list.currentIndex().row() + step))
            self._list.setCurrentIndex(self._model.index(row, 0))
            return True
        return False

    def update(self) -> None:
        """Show, refresh or hide the list for the text before the cursor."""
        if self.provider is None:
            return
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            self.hide()
            return
        self._join_cluster(cursor)
        cursor = self._editor.textCursor()
        block_text = cursor.block().text()
        before = block_text[: _python_column(block_text, cursor.positionInBlock())]
        prefix = citation_prefix(before)
        if prefix is None:
            self.hide()
            return
        try:
            items = list(self.provider(prefix))[:MAX_ITEMS]
        except PostwrightError:
            items = []  # the reference search failed: no list, typing goes on
        if not items:
            self.hide()
            return
        self._prefix = prefix
        self._braced = before.endswith("{" + prefix)
        self._model.clear()
        for key, label in items:
            item = QStandardItem(f"{key}  —  {label}" if label else key)
            item.setData(key, KEY_ROLE)
            item.setToolTip(label)
            self._model.appendRow(item)
        self._list.setCurrentIndex(self._model.index(0, 0))
        self._show_under_cursor()
        self._shown_at = cursor.position()

    def _show_under_cursor(self) -> None:
        rect = self._editor.cursorRect()
        rows = min(VISIBLE_ROWS, self._model.rowCount())
        height = rows * max(1, self._list.sizeHintForRow(0)) + 2 * self._list.frameWidth()
        width = min(560, self._list.sizeHintForColumn(0) + self._list.verticalScrollBar().sizeHint().width() + 12)
        below = self._editor.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 2))
        screen = QGuiApplication.screenAt(below) or self._editor.screen()
        area = screen.availableGeometry()
        top = below.y()
        if top + height > area.bottom():
            top = self._editor.viewport().mapToGlobal(QPoint(rect.left(), rect.top() - 2)).y() - height
        left = max(area.left(), min(below.x(), area.right() - width))
        self._list.setGeometry(left, max(area.top(), top), width, height)
        self._watch_window()
        self._list.show()
        self._list.raise_()

    def _watch_window(self) -> None:
        window = self._editor.window()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window

    def _insert(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE) if index.isValid() else None
        if not key:
            return
        written = key if is_simple_key(key) or self._braced else "{" + key + "}"
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        typed = len(self._prefix.encode("utf-16-le")) // 2
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, typed)
        cursor.insertText(written)
        if self._braced and not cursor.block().text()[cursor.positionInBlock():].startswith("}"):
            cursor.insertText("}")
        after = cursor.block().text()[cursor.positionInBlock():]
        self._closing = None
        if closing_needed(after) or after.startswith("]"):
            if not after.startswith("]"):
                cursor.insertText("]")
                cursor.movePosition(QTextCursor.MoveOperation.Left)
            self._closing = QTextCursor(self._editor.document())
            self._closing.setPosition(cursor.position())  # the "]": "; @" typed after it joins the cluster
            cursor.movePosition(QTextCursor.MoveOperation.Right)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self.hide()

    def _join_cluster(self, cursor: QTextCursor) -> None:
        """``[@a]; @`` typed right after a pick becomes ``[@a; @]``: the new key joins the cluster."""
        bracket, self._closing = self._closing, None
        if bracket is None or bracket.block() != cursor.block():
            return
        block = cursor.block()
        typed = block.text()[bracket.position() - block.position() : cursor.position() - block.position()]
        if _STILL_JOINING.fullmatch(typed):
            self._closing = bracket  # "]", "];", "]; ", "]; -": the "@" may follow
            return
        if not _ADD_TO_CLUSTER.fullmatch(typed):
            return
        moved = QTextCursor(bracket)
        moved.beginEditBlock()
        moved.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        moved.removeSelectedText()  # the "]" ...
        moved.setPosition(cursor.position())  # (``cursor`` followed the removal)
        moved.insertText("]")  # ... goes after the new "@"
        moved.endEditBlock()
        moved.movePosition(QTextCursor.MoveOperation.Left)
        self._editor.setTextCursor(moved)

    def _cursor_moved(self) -> None:
        if self.is_visible() and self._editor.textCursor().position() != self._shown_at:
            self.hide()  # a click elsewhere in the text; typing shows the list again at once

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._editor and kind in (QEvent.Type.FocusOut, QEvent.Type.Hide):
            self.hide()
        elif watched is self._watched_window and kind in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.WindowDeactivate, QEvent.Type.Hide):
            self.hide()
        return False


def _python_column(text: str, utf16_column: int) -> int:
    if text.isascii():
        return utf16_column
    units = text.encode("utf-16-le", "surrogatepass")[: 2 * utf16_column]
    return len(units.decode("utf-16-le", "surrogatepass"))
