"""Citekey completion: typing ``[@`` or ``; @`` inside a citation offers keys from the library.

The editor gives :class:`CitekeyCompleter` a provider, ``provider(prefix) ->
[(key, label), ...]``, typically the reference store's search. The completer asks
it after each typed character while the cursor is in a citation key, shows the
answers in a QCompleter popup under the cursor, and on Enter (or a click)
replaces the typed prefix by the chosen key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit

from editor.core.foundation.errors import PostwrightError

CitekeyProvider = Callable[[str], Sequence[tuple[str, str]]]

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ITEMS = 50
# A key being typed right before the cursor: "@" at the start, after "[", "; " or "-" (suppress author).
_KEY_BEFORE_CURSOR = re.compile(r"(?:^|[\s\[;-])@([\w:.#$%&+?<>~/-]*)$")


def citation_prefix(line_before_cursor: str) -> str | None:
    """The citekey prefix typed so far if the cursor is in a ``[...@key`` citation, else None."""
    match = _KEY_BEFORE_CURSOR.search(line_before_cursor)
    if not match:
        return None
    opened = line_before_cursor.rfind("[")
    if opened == -1 or line_before_cursor.rfind("]") > opened:
        return None  # not inside square brackets: an e-mail address or a mention, not a citation
    return match.group(1)


class CitekeyCompleter(QObject):
    """Owns the QCompleter of one editor; the editor forwards key presses to it."""

    def __init__(self, editor: QPlainTextEdit, provider: CitekeyProvider | None = None) -> None:
        super().__init__(editor)
        self._editor = editor
        self.provider = provider
        self._prefix = ""
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(editor)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(10)
        self._popup().setObjectName("citekeyCompletionPopup")
        self._completer.activated[QModelIndex].connect(self._insert)  # type: ignore[index]  # overloaded signal

    def _popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        assert popup is not None  # QCompleter makes its popup on first use
        return popup

    def popup(self):
        return self._popup()

    def is_visible(self) -> bool:
        return self._popup().isVisible()

    def keys_shown(self) -> list[str]:
        """The keys in the popup, in order."""
        return [self._model.item(row).data(KEY_ROLE) for row in range(self._model.rowCount())]

    def hide(self) -> None:
        self._popup().hide()

    def update(self) -> None:
        """Show, refresh or hide the popup for the text before the cursor."""
        if self.provider is None:
            return
        cursor = self._editor.textCursor()
        if cursor.hasSelection():
            self.hide()
            return
        block_text = cursor.block().text()
        before = block_text[: _python_column(block_text, cursor.positionInBlock())]
        prefix = citation_prefix(before)
        if prefix is None:
            self.hide()
            return
        try:
            items = list(self.provider(prefix))[:MAX_ITEMS]
        except PostwrightError:
            items = []  # the reference search failed: no popup, typing goes on
        if not items:
            self.hide()
            return
        self._prefix = prefix
        self._model.clear()
        for key, label in items:
            item = QStandardItem(f"{key}  —  {label}" if label else key)
            item.setData(key, KEY_ROLE)
            item.setToolTip(label)
            self._model.appendRow(item)
        popup = self._popup()
        popup.setCurrentIndex(self._model.index(0, 0))
        rect = self._editor.cursorRect()
        rect.setWidth(min(560, popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8))
        self._completer.complete(rect)

    def _insert(self, index: QModelIndex) -> None:
        key = index.data(KEY_ROLE)
        if not key:
            return
        cursor = self._editor.textCursor()
        cursor.beginEditBlock()
        typed = len(self._prefix.encode("utf-16-le")) // 2
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, typed)
        cursor.insertText(key)
        cursor.endEditBlock()
        self._editor.setTextCursor(cursor)
        self.hide()


def _python_column(text: str, utf16_column: int) -> int:
    if text.isascii():
        return utf16_column
    units = text.encode("utf-16-le", "surrogatepass")[: 2 * utf16_column]
    return len(units.decode("utf-16-le", "surrogatepass"))
