"""Pictures into the post: paste, drag-and-drop and Insert → Image…, one way in.

Each picture is read and stripped of its metadata on a worker
(:func:`editor.core.media.image_refs.prepare_image`), described by the person in
:class:`~editor.gui.dialogs.image_dialog.ImageDescriptionDialog` (alt text, or marked
decorative), stored in the library by the ``store`` callback on a worker (with a connection
of its own), and written where it was pasted or dropped as ``![alt](asset:ID)``, one undo
step per picture. The GUI thread never reads the file nor writes the library; several
pictures dropped at once are asked for one after the other and land in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from editor.core.editing.textops import from_utf16
from editor.core.foundation.errors import PostwrightError
from editor.core.media.image_refs import IMAGE_SUFFIXES, PreparedImage, image_markdown, prepare_image
from editor.gui.workers import run_in_background
from editor.gui.writing.paste import ImageSource, png_bytes

StorePrepared = Callable[[PreparedImage], int]  # runs on a worker thread; returns the asset id
THUMBNAIL = 240  # pixels, the longer side of the picture shown in the dialog
FILE_FILTER = "Images ({})".format(" ".join(f"*{suffix}" for suffix in sorted(IMAGE_SUFFIXES)))


@dataclass
class _Pending:
    source: ImageSource
    cursor: QTextCursor  # where it goes: moves with edits made meanwhile (shared by one paste's pictures)
    position: str = ""  # " (2 of 3)" in the dialog's title
    alt: str = ""  # the alt text it came with, offered in the dialog
    in_place: bool = False  # replaces the cursor's selection as it is (no paragraph of its own)


class ImageInserter(QObject):
    """Turns pictures handed to the editor into ``![alt](asset:ID)`` in its text."""

    statusMessage = Signal(str)  # why a picture was not added
    inserted = Signal(int)  # the asset id, once its Markdown is in the text
    idle = Signal()  # nothing left to read, ask about or store

    def __init__(self, editor: QPlainTextEdit, store: StorePrepared | None) -> None:
        super().__init__(editor)
        self._editor = editor
        self._store = store
        self._queue: deque[_Pending] = deque()
        self._current: _Pending | None = None
        self.dialog: QDialog | None = None  # the open "Describe the Image" dialog, if any

    @property
    def available(self) -> bool:
        return self._store is not None

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue)

    def insert(self, sources: Sequence[ImageSource], cursor: QTextCursor | None = None) -> None:
        """Add ``sources`` at ``cursor`` (default: the editor's cursor), each after its alt text is given."""
        if not sources or self._store is None:
            return
        at = QTextCursor(cursor if cursor is not None else self._editor.textCursor())  # a selection is replaced
        count = len(sources)
        for index, source in enumerate(sources):
            self._queue.append(_Pending(source, at, f" ({index + 1} of {count})" if count > 1 else ""))
        self._next()

    def bring_in(self, pictures: Sequence[tuple[ImageSource, QTextCursor, str]]) -> None:
        """Pictures a paste of HTML wrote into the text (embedded ones, Word's clip-image files): each
        selected reference becomes ``![alt](asset:ID)`` once described. An embedded one not brought in
        is removed; a file reference stays as written, and the image checks report it."""
        if self._store is None:
            return
        count = len(pictures)
        for index, (source, cursor, alt) in enumerate(pictures):
            position = f" ({index + 1} of {count})" if count > 1 else ""
            self._queue.append(_Pending(source, QTextCursor(cursor), position, alt, in_place=True))
        self._next()

    def choose_file(self) -> None:
        """Insert → Image…: a file dialog, then the same way in as a paste."""
        from editor.gui import file_dialogs

        if self._store is None:
            return
        chosen = file_dialogs.open_file_name(self._editor, "Insert Image", FILE_FILTER)
        if chosen:
            self.insert([ImageSource(path=Path(chosen))])

    # -- one picture at a time ----------------------------------------------------------
    def _next(self) -> None:
        if self._current is not None:
            return
        if not self._queue:
            self.idle.emit()
            return
        pending = self._current = self._queue.popleft()
        source = pending.source
        run_in_background(lambda: _prepare(source), self._alive(self._prepared), self._alive(self._failed))

    def _prepared(self, result: tuple[PreparedImage, QImage]) -> None:
        from editor.gui.dialogs.image_dialog import ImageDescriptionDialog

        prepared, thumbnail = result
        pending = self._current
        assert pending is not None
        dialog = ImageDescriptionDialog(thumbnail, prepared.name, (prepared.width, prepared.height),
                                        position=pending.position, alt=pending.alt, parent=self._editor.window())
        self.dialog = dialog
        dialog.finished.connect(lambda code: self._described(dialog, prepared, code))
        dialog.open()

    def _described(self, dialog: QDialog, prepared: PreparedImage, code: int) -> None:
        from editor.gui.dialogs.image_dialog import ImageDescriptionDialog

        self.dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or not isinstance(dialog, ImageDescriptionDialog):
            self._not_brought_in()
            self._done()
            return
        alt, decorative = dialog.alt_text(), dialog.is_decorative()
        store = self._store
        assert store is not None
        run_in_background(lambda: store(prepared), self._alive(lambda asset_id: self._stored(asset_id, alt,
                                                                                              decorative)),
                          self._alive(self._failed))

    def _stored(self, asset_id: int, alt: str, decorative: bool) -> None:
        pending = self._current
        assert pending is not None
        cursor = pending.cursor
        text = image_markdown(asset_id, alt, decorative=decorative)
        cursor.insertText(text if pending.in_place else _as_paragraph(cursor, text))  # one undo step

        self._editor.setTextCursor(cursor)
        self._editor.ensureCursorVisible()
        self.inserted.emit(asset_id)
        self._done()

    def _failed(self, error: PostwrightError) -> None:
        pending = self._current
        name = pending.source.name if pending is not None else "the picture"
        self.statusMessage.emit(f"{name} was not added: {error}")
        self._not_brought_in()
        self._done()

    def _not_brought_in(self) -> None:
        """A picture of pasted HTML that is not stored leaves no stand-in behind; a file reference stays
        as written (the image checks report it)."""
        pending = self._current
        if pending is None or not pending.in_place or pending.source.data is None:
            return
        cursor = pending.cursor
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        block = cursor.block()
        if not block.text().strip() and not block.previous().text().strip() and not block.next().text().strip() \
                and block.previous().isValid() and block.next().isValid():
            cursor.deletePreviousChar()  # the picture was a paragraph of its own: no blank lines left behind
            cursor.deletePreviousChar()
        cursor.endEditBlock()

    def _done(self) -> None:
        self._current = None
        self._next()

    def _alive(self, callback: Callable[..., None]) -> Callable[..., None]:
        def call(value: object) -> None:
            if shiboken6.isValid(self) and shiboken6.isValid(self._editor):
                callback(value)

        return call


def _as_paragraph(cursor: QTextCursor, markdown: str) -> str:
    """``markdown`` as a paragraph of its own: blank lines added where text touches the cursor, so a
    picture pasted into a sentence splits it instead of sitting inside it."""
    document = cursor.document()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    first, last = document.findBlock(start), document.findBlock(end)
    before = first.text()[: from_utf16(first.text(), start - first.position())]
    after = last.text()[from_utf16(last.text(), end - last.position()):]
    return ("\n\n" if before.strip() else "") + markdown + ("\n\n" if after.strip() else "")


def _prepare(source: ImageSource) -> tuple[PreparedImage, QImage]:
    """On a worker: the picture read, cleaned and measured, and a small copy for the dialog (a QImage,
    which unlike a QPixmap may be made off the GUI thread)."""
    data = png_bytes(source.image) if source.data is None and source.image is not None else source.data
    prepared = prepare_image(data, source.mime, path=source.path, name=source.name)
    image = QImage.fromData(prepared.data)
    if not image.isNull():
        image = image.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return prepared, image
