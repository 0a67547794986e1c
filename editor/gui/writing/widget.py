"""MarkdownEditor: the post body editor (objectName ``editor``).

A QPlainTextEdit with Markdown highlighting, formatting commands, a find and
replace bar, ``[@`` citekey completion, spell checking off the GUI thread and
paste of rich text and images. Everything it needs from the rest of the app comes
in as callables, so it has no globals and no knowledge of the library:

``citekey_provider(prefix) -> [(key, label), ...]``
    keys for completion (e.g. the reference store's search);
``personal_words() -> iterable of str`` / ``add_personal_word(word)``
    the personal spelling dictionary (stored in the library);
``store_prepared(prepared) -> asset id``
    stores a pasted, dropped or inserted picture (also one inside pasted HTML), on a
    worker thread (see ``writing.images.ImageInserter``, which asks for its alt text first).

Offsets in the public API (:meth:`go_to_offset`, :meth:`visible_offset`) are
Python string offsets into :meth:`toPlainText`, as the core's section index uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from editor.core.editing.textops import from_utf16, to_utf16
from editor.core.foundation.errors import PostwrightError
from editor.core.post.citation_syntax import format_cluster
from editor.gui.writing import paste
from editor.gui.writing.completion import CitekeyCompleter
from editor.gui.writing.find_replace import FindReplaceBar
from editor.gui.writing.formatting import FormattingCommands
from editor.gui.writing.highlighter import MarkdownHighlighter
from editor.gui.writing.images import ImageInserter, StorePrepared
from editor.gui.writing.spelling import SpellCheckController


class MarkdownEditor(QPlainTextEdit):
    """The Markdown editor widget. See the module docstring for the callables it takes."""

    statusMessage = Signal(str)  # a message for the status bar (e.g. a failed paste)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        citekey_provider: Callable[[str], Sequence[tuple[str, str]]] | None = None,
        personal_words: Callable[[], Iterable[str]] | None = None,
        add_personal_word: Callable[[str], None] | None = None,
        store_prepared: StorePrepared | None = None,
        spell_check: bool = True,
        spell_delay_ms: int = 400,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setAccessibleName("Post text")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.images = ImageInserter(self, store_prepared)
        self.images.statusMessage.connect(self.statusMessage)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.completer = CitekeyCompleter(self, citekey_provider)
        self.spelling = SpellCheckController(
            self, self.highlighter, personal_words, add_personal_word, delay_ms=spell_delay_ms
        )
        if not spell_check:
            self.spelling.set_enabled(False)
        self.find_bar = FindReplaceBar(self, self)
        self.find_bar.opened.connect(self._place_find_bar)
        self.formatting = FormattingCommands(self, self.insert_citation)
        self._actions = dict(self.formatting.actions)
        self._add_action("actionFind", "&Find…", QKeySequence.StandardKey.Find, self.find_bar.show_find)
        self._add_action("actionReplace", "&Replace…", QKeySequence("Ctrl+H"), self.find_bar.show_replace)
        self._add_action("actionFindNext", "Find &next", QKeySequence.StandardKey.FindNext, self.find_bar.find_next)
        self._add_action(
            "actionFindPrevious", "Find pre&vious", QKeySequence.StandardKey.FindPrevious, self.find_bar.find_previous
        )
        self._add_action("actionPastePlain", "Paste as plain &text", QKeySequence("Ctrl+Shift+V"), self.paste_plain)
        if self.images.available:
            self._add_action("actionImage", "&Image…", QKeySequence("Ctrl+Shift+I"), self.images.choose_file)
            self._actions["actionImage"].setStatusTip("Add a picture from a file, with a description for readers "
                                                      "who cannot see it")
        for action in self._actions.values():
            self.addAction(action)

    # ------------------------------------------------------------------ public API

    def named_actions(self) -> dict[str, QAction]:
        """The editor's QActions by objectName, for the main window's menus and toolbars."""
        return dict(self._actions)

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def insert_citation(self) -> None:
        """Insert ``[@]`` (or cite the selected key) and open the completion popup."""
        cursor = self.textCursor()
        selected = cursor.selectedText()
        cursor.beginEditBlock()
        if selected and "\u2029" not in selected:
            cursor.insertText(format_cluster([selected.strip().lstrip("@")]))
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        cursor.insertText("[@]")
        cursor.endEditBlock()
        cursor.movePosition(QTextCursor.MoveOperation.Left)
        self.setTextCursor(cursor)
        self.completer.update()

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor at Python offset ``offset`` of the text and centre it in the view."""
        text = self.toPlainText()
        offset = max(0, min(offset, len(text)))
        cursor = self.textCursor()
        cursor.setPosition(to_utf16(text, offset))
        self.setTextCursor(cursor)
        self.centerCursor()

    def visible_offset(self) -> int:
        """Python offset of the first line shown at the top of the view."""
        position = self.firstVisibleBlock().position()
        text = self.toPlainText()
        return from_utf16(text, position)

    def load_text(self, text: str) -> None:
        """Replace the whole text (opening a post): shown at once, highlighted from the top
        down in the background; no undo history and no textChanged for it."""
        self.blockSignals(True)
        try:
            self.highlighter.load(lambda: self.setPlainText(text))
        finally:
            self.blockSignals(False)
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)

    def paste_plain(self) -> None:
        """Paste the clipboard's text as it is, without converting HTML."""
        mime = QMimeData()
        mime.setText(QGuiApplication.clipboard().text())
        super().insertFromMimeData(mime)

    def shutdown(self) -> None:
        """Stop the spell-check worker; call before the widget is destroyed."""
        self.spelling.shutdown()

    # ------------------------------------------------------------------ Qt overrides

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.completer.handle_key(event):
            return  # picking, moving in or closing the citation-key list
        super().keyPressEvent(event)
        if event.text() or event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.completer.update()
        elif self.completer.is_visible() and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.completer.update()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        if source.hasHtml() or (self.images.available and paste.has_images(source)):
            return True
        return super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Pictures go to the image inserter (alt text asked, stored off the GUI thread); HTML becomes
        Markdown; anything else is plain text. A drop has already put the cursor where it landed."""
        if self.images.available and paste.prefers_images(source):
            pictures = paste.image_sources(source)
            if pictures:
                self.images.insert(pictures)
                return
        held: list[paste.ImageSource] = []  # pictures inside the HTML, brought in once the text is in

        def hold(data: bytes, mime: str) -> str:
            held.append(paste.ImageSource(data=data, mime=mime))
            return f"{paste.HELD_PREFIX}{len(held)}"

        available = self.images.available
        try:
            markdown = paste.markdown_from_html(source, hold if available else None, keep_local_files=available)
        except PostwrightError as error:
            self.statusMessage.emit(str(error))
            return
        if markdown is not None:
            cursor = self.textCursor()
            start = min(cursor.selectionStart(), cursor.selectionEnd())
            cursor.insertText(markdown)
            self.ensureCursorVisible()
            self._bring_in_pictures(markdown, start, held)
            return
        super().insertFromMimeData(source)

    def _bring_in_pictures(self, markdown: str, start: int, held: list[paste.ImageSource]) -> None:
        """The pictures of pasted HTML (embedded ones, and Word's temporary files) into the library, each
        in its place once described."""
        pictures = []
        for ref_start, ref_end, alt, source in paste.pasted_pictures(markdown, held):
            cursor = QTextCursor(self.document())
            cursor.setPosition(start + to_utf16(markdown, ref_start))
            cursor.setPosition(start + to_utf16(markdown, ref_end), QTextCursor.MoveMode.KeepAnchor)
            pictures.append((source, cursor, alt))
        self.images.bring_in(pictures)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The context menu at viewport position ``pos``: spelling suggestions first, then the standard items."""
        standard = self.createStandardContextMenu(pos)
        position = self.cursorForPosition(pos).position()
        found = self.spelling.misspelling_at(position) if self.spelling.enabled else None
        if found is None:
            return standard
        start, end, word = found
        menu = QMenu(self)
        menu.setObjectName("spellingMenu")
        speller = self.spelling.speller()
        suggestions = speller.suggestions(word) if speller is not None else []
        for suggestion in suggestions:
            action = menu.addAction(suggestion)
            action.triggered.connect(lambda _=False, s=suggestion: self._replace_range(start, end, s))
        if not suggestions:
            menu.addAction("No suggestions").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Add to dictionary").triggered.connect(lambda: self.spelling.add_to_dictionary(word))
        menu.addAction("Ignore").triggered.connect(lambda: self.spelling.ignore(word))
        menu.addSeparator()
        for action in standard.actions():
            action.setParent(menu)
            menu.addAction(action)
        standard.deleteLater()
        return menu

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_find_bar()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())

    # ------------------------------------------------------------------ helpers

    def _replace_range(self, start: int, end: int, text: str) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def _place_find_bar(self) -> None:
        bar, viewport = self.find_bar, self.viewport().geometry()
        size = bar.size_for(viewport.width() - 8)
        bar.setGeometry(max(viewport.x() + 4, viewport.right() - size.width() - 4), viewport.y() + 4, size.width(),
                        size.height())

    def _add_action(self, name: str, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot) -> None:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self._actions[name] = action
