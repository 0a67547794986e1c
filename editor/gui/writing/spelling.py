"""Spell checking off the typing path.

:class:`SpellCheckController` waits until typing or scrolling has paused
(``delay_ms``), collects the visible blocks (plus a page either side) whose text
differs from what was last checked, and hands their text to a one-thread pool.
The worker (:class:`_CheckBatch`) tokenizes and checks them with the core
:class:`~editor.core.editing.spelling.Speller` and sends back misspelled ranges. On the GUI
thread a result is applied only to a block whose text is still the text checked;
only those blocks are re-highlighted. A burst of edits therefore costs one check
of a few dozen lines, never a scan of the whole post on a keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QPlainTextEdit

from editor.core.editing.spelling import Speller, spell_tokens
from editor.core.editing.textops import to_utf16
from editor.core.foundation.errors import PostwrightError
from editor.gui.writing.highlighter import MarkdownHighlighter, SpellData, is_code_state

Job = tuple[int, str]  # (block number, block text)
Result = tuple[int, str, list[tuple[int, int]]]  # (block number, text, UTF-16 ranges)


class _SpellerBox:
    """The speller shared by the batches; created on the worker thread by the first batch."""

    def __init__(self, personal: list[str]) -> None:
        self.lock = threading.Lock()
        self.personal = personal
        self.speller: Speller | None = None
        self.error: str | None = None

    def get(self) -> Speller | None:
        with self.lock:
            if self.speller is None and self.error is None:
                try:
                    self.speller = Speller(personal=self.personal)
                except PostwrightError as error:
                    self.error = str(error)
            return self.speller


class _Relay(QObject):
    finished = Signal(int, object)  # generation, list[Result]


class _CheckBatch(QRunnable):
    def __init__(self, box: _SpellerBox, generation: int, jobs: list[Job], relay: _Relay) -> None:
        super().__init__()
        self._box, self._generation, self._jobs, self._relay = box, generation, jobs, relay

    def run(self) -> None:
        speller = self._box.get()
        results: list[Result] = []
        if speller is not None:
            for number, text in self._jobs:
                tokens = spell_tokens(text)
                wrong = speller.misspelled({word for _s, _e, word in tokens})
                ranges = [(to_utf16(text, s), to_utf16(text, e)) for s, e, word in tokens if word in wrong]
                results.append((number, text, ranges))
        self._relay.finished.emit(self._generation, results)


class SpellCheckController(QObject):
    """Runs the spell checker for one editor; see the module docstring."""

    checked = Signal()  # a batch of results was applied (tests and status displays use it)
    failed = Signal(str)  # the dictionaries could not be loaded

    def __init__(
        self,
        editor: QPlainTextEdit,
        highlighter: MarkdownHighlighter,
        personal_words: Callable[[], Iterable[str]] | None = None,
        add_personal_word: Callable[[str], None] | None = None,
        delay_ms: int = 400,
    ) -> None:
        super().__init__(editor)
        self._editor = editor
        self._highlighter = highlighter
        self._add_personal_word = add_personal_word
        self._box = _SpellerBox(list(personal_words()) if personal_words else [])
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._apply)
        self._generation = 0
        self._busy = False
        self._again = False
        self._enabled = True
        self._held = False  # while a just-opened post's preview is built (hold)
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._check_now)
        editor.document().contentsChange.connect(self._edited)
        editor.verticalScrollBar().valueChanged.connect(self.schedule)
        self.schedule()

    # ------------------------------------------------------------------ public

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        self._highlighter.spelling_enabled = enabled
        self._highlighter.rehighlight()
        if enabled:
            self.schedule()

    def schedule(self, *_args: object) -> None:
        """Check the visible text once the user has paused."""
        if not self._enabled:
            return
        if self._held:
            self._pending = True
        else:
            self._timer.start()

    def hold(self, held: bool) -> None:
        """Hold checks back (or let them go): loading the dictionaries takes the interpreter for a
        fifth of a second, which a just-opened post's preview needs first."""
        self._held = held
        if held:
            self._pending = self._pending or self._timer.isActive()
            self._timer.stop()
        elif self._pending:
            self._pending = False
            self.schedule()

    def speller(self) -> Speller | None:
        """The speller once it is loaded (for suggestions), else None."""
        return self._box.speller

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block until the worker is idle (for tests, benchmarks and shutdown)."""
        return self._pool.waitForDone(timeout_ms)

    def misspelling_at(self, position: int) -> tuple[int, int, str] | None:
        """``(start, end, word)`` (document positions) of the misspelling under ``position``."""
        block = self._editor.document().findBlock(position)
        data = block.userData()
        if not isinstance(data, SpellData) or data.text != block.text():
            return None
        column = position - block.position()
        for start, end in data.ranges:
            if start <= column <= end:
                word = _utf16_slice(block.text(), start, end)
                return block.position() + start, block.position() + end, word
        return None

    def misspellings(self) -> list[tuple[int, str]]:
        """``(document position, word)`` of every misspelling found so far."""
        found: list[tuple[int, str]] = []
        block = self._editor.document().firstBlock()
        while block.isValid():
            data = block.userData()
            if isinstance(data, SpellData) and data.text == block.text():
                found.extend((block.position() + s, _utf16_slice(block.text(), s, e)) for s, e in data.ranges)
            block = block.next()
        return found

    def add_to_dictionary(self, word: str) -> None:
        """Store ``word`` in the personal dictionary and stop flagging it everywhere."""
        if self._add_personal_word is not None:
            self._add_personal_word(word)
        self._accept(word, personal=True)

    def ignore(self, word: str) -> None:
        """Stop flagging ``word`` until the editor is closed."""
        self._accept(word, personal=False)

    def shutdown(self) -> None:
        self._timer.stop()
        self._enabled = False
        self._pool.clear()
        self._pool.waitForDone(5000)

    # ------------------------------------------------------------------ internals

    def _accept(self, word: str, *, personal: bool) -> None:
        speller = self._box.get()
        if speller is not None:
            (speller.add_personal if personal else speller.ignore)(word)
        lower = _stem(word)
        block = self._editor.document().firstBlock()
        while block.isValid():
            data = block.userData()
            if isinstance(data, SpellData) and data.ranges:
                text = block.text()
                kept = [(s, e) for s, e in data.ranges if _stem(_utf16_slice(text, s, e)) != lower]
                if len(kept) != len(data.ranges):
                    data.ranges = kept
                    self._highlighter.refresh_block(block)
            block = block.next()

    @Slot(int, int, int)
    def _edited(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self.schedule()

    def _check_now(self) -> None:
        if not self._enabled:
            return
        if self._busy:
            self._again = True
            return
        jobs = [(block.blockNumber(), block.text()) for block in self._blocks_to_check()]
        if not jobs:
            return
        self._busy = True
        self._generation += 1
        self._pool.start(_CheckBatch(self._box, self._generation, jobs, self._relay))

    def _blocks_to_check(self) -> list[QTextBlock]:
        editor = self._editor
        page = max(1, editor.viewport().height())
        block = editor.firstVisibleBlock()
        # One page above the visible text, so scrolling up shows checked text at once.
        above = 0
        while block.previous().isValid() and above < page:
            block = block.previous()
            above += max(1, int(editor.blockBoundingRect(block).height()))
        limit = editor.blockBoundingGeometry(editor.firstVisibleBlock()).translated(
            editor.contentOffset()).top() + 2 * page
        wanted = []
        top = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).top()
        while block.isValid() and top <= limit:
            if not self._skip(block):
                data = block.userData()
                if not isinstance(data, SpellData) or data.text != block.text():
                    wanted.append(block)
            top += editor.blockBoundingRect(block).height()
            block = block.next()
        return wanted

    @staticmethod
    def _skip(block: QTextBlock) -> bool:
        """Code blocks (fence lines included) and empty lines are not checked."""
        if not block.text().strip():
            return True
        previous = block.previous().userState() if block.previous().isValid() else -1
        return is_code_state(previous) or is_code_state(block.userState())

    @Slot(int, object)
    def _apply(self, generation: int, results: list[Result]) -> None:
        self._busy = False
        if self._box.error:
            self.failed.emit(self._box.error)
            self._enabled = False
            return
        document = self._editor.document()
        for number, text, ranges in results:
            block = document.findBlockByNumber(number)
            if not block.isValid() or block.text() != text:
                continue  # edited (or moved) since it was sent: the next check covers it
            data = block.userData()
            old = data.ranges if isinstance(data, SpellData) and data.text == text else None
            block.setUserData(SpellData(text, ranges))
            if ranges != (old or []):
                self._highlighter.refresh_block(block)
        self.checked.emit()
        if self._again:
            self._again = False
            self.schedule()


def _stem(word: str) -> str:
    """The word as the speller compares it: lower case, straight apostrophe, no possessive 's."""
    lower = word.lower().replace("\u2019", "'")
    return lower[:-2] if lower.endswith("'s") else lower


def _utf16_slice(text: str, start: int, end: int) -> str:
    if text.isascii():
        return text[start:end]
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * start : 2 * end].decode("utf-16-le", "surrogatepass")
