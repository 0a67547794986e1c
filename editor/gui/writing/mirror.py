"""The editor's text as lines, kept current from the document's change signals.

The render and check workers need the whole body after every edit. ``toPlainText()``
copies the whole document on the GUI thread each time (milliseconds on a long post);
``TextMirror`` instead re-reads only the blocks an edit touched, and hands out a
``BodySnapshot``: a tuple of the lines that a worker joins into text off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument

# What QTextDocument.toPlainText() turns into plain characters (block text keeps them).
_PLAIN = {"\u00a0": " ", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n"}


class BodySnapshot:
    """The body at one moment; ``text()`` joins it (once) in whichever thread asks."""

    __slots__ = ("_lines", "_text")

    def __init__(self, lines: tuple[str, ...]) -> None:
        self._lines = lines
        self._text: str | None = None

    def text(self) -> str:
        if self._text is None:
            text = "\n".join(self._lines)
            for special, plain in _PLAIN.items():
                if special in text:
                    text = text.replace(special, plain)
            self._text = text
        return self._text


class TextMirror(QObject):
    """Lines of ``document``, equal to ``document.toPlainText().split("\\n")`` at all times."""

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._lines: list[str] = []
        self._block_count = 0
        self.reset()
        document.contentsChange.connect(self._on_change)

    def reset(self) -> None:
        """Read every block again."""
        block = self._document.firstBlock()
        lines = []
        while block.isValid():
            lines.append(block.text())
            block = block.next()
        self._lines = lines
        self._block_count = self._document.blockCount()

    def snapshot(self) -> BodySnapshot:
        return BodySnapshot(tuple(self._lines))

    def text(self) -> str:
        return self.snapshot().text()

    def _on_change(self, position: int, removed: int, added: int) -> None:
        document = self._document
        count = document.blockCount()
        first_block = document.findBlock(position)
        if not first_block.isValid():
            self.reset()
            return
        last_block = document.findBlock(position + added)
        if not last_block.isValid():
            last_block = document.lastBlock()
        first, last_new = first_block.blockNumber(), last_block.blockNumber()
        # Blocks after the changed range are the same blocks as before it, so the range
        # replaced ends as many blocks before the old end as it does before the new one.
        last_old = last_new - (count - self._block_count)
        if last_old < first - 1 or last_old >= len(self._lines):
            self.reset()
            return
        lines = []
        block = first_block
        while block.isValid() and block.blockNumber() <= last_new:
            lines.append(block.text())
            block = block.next()
        self._lines[first:last_old + 1] = lines
        self._block_count = count
