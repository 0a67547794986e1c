"""Paste and drop: rich text becomes Markdown, images go to the store callback."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage

from editor.core.foundation.errors import ValidationError

HERE = Path(__file__).parent
# the same Word clipboard the core test converts
WORD_HTML = HERE.parents[1] / "core" / "editing" / "paste" / "word.html"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), "red").save(out, format="PNG")
    return out.getvalue()


class Store:
    def __init__(self):
        self.calls: list[tuple[bytes, str]] = []

    def __call__(self, data: bytes, mime: str) -> str:
        self.calls.append((data, mime))
        return f"postwright-asset://{len(self.calls)}"


def test_word_html_paste_yields_expected_markdown(make_editor):
    editor = make_editor("")
    mime = QMimeData()
    mime.setHtml(WORD_HTML.read_text(encoding="utf-8"))
    mime.setText("Starting a GLP-1 medicine ...")
    assert editor.canInsertFromMimeData(mime)
    editor.insertFromMimeData(mime)
    expected = (HERE / "expected" / "word_paste.md").read_text(encoding="utf-8")
    assert editor.toPlainText() == expected
    editor.undo()
    assert editor.toPlainText() == ""  # the whole paste is one undo step


def test_short_html_fragment_pastes_inline(make_editor):
    editor = make_editor("Eat more  daily.")
    cursor = editor.textCursor()
    cursor.setPosition(9)
    editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setHtml("<span style='font-weight:700'>protein</span>")
    mime.setText("protein")
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "Eat more **protein** daily."


def test_clipboard_image_goes_to_the_store_and_is_referenced(make_editor):
    store = Store()
    editor = make_editor("Before\n", store_image=store)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    data = png_bytes()
    mime.setData("image/png", data)
    assert editor.canInsertFromMimeData(mime)
    editor.insertFromMimeData(mime)
    assert store.calls == [(data, "image/png")]
    assert editor.toPlainText() == "Before\n![](postwright-asset://1)"


def test_image_object_without_raw_bytes_is_encoded_as_png(make_editor):
    store = Store()
    editor = make_editor("", store_image=store)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    mime = QMimeData()
    mime.setImageData(image)
    editor.insertFromMimeData(mime)
    assert len(store.calls) == 1 and store.calls[0][1] == "image/png"
    assert Image.open(io.BytesIO(store.calls[0][0])).size == (4, 4)
    assert editor.toPlainText() == "![](postwright-asset://1)"


def test_dropped_image_files_are_all_stored(make_editor, tmp_path):
    store = Store()
    editor = make_editor("", store_image=store)
    first, second = tmp_path / "a.png", tmp_path / "b.jpg"
    first.write_bytes(png_bytes())
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="JPEG")
    second.write_bytes(out.getvalue())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    editor.insertFromMimeData(mime)
    assert [mime_type for _data, mime_type in store.calls] == ["image/png", "image/jpeg"]
    assert editor.toPlainText() == "![](postwright-asset://1)\n\n![](postwright-asset://2)"


def test_word_html_with_a_picture_of_itself_pastes_the_text(make_editor):
    store = Store()
    editor = make_editor("", store_image=store)
    mime = QMimeData()
    mime.setHtml("<p>Some <b>text</b></p>")
    mime.setText("Some text")
    mime.setData("image/png", png_bytes())  # Word's rendering of the selection
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "Some **text**"
    assert store.calls == []


def test_store_failure_is_reported_not_raised(make_editor, qtbot):
    def refusing(data, mime):
        raise ValidationError("The pasted image is too large to store.")

    editor = make_editor("x", store_image=refusing)
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    with qtbot.waitSignal(editor.statusMessage) as blocker:
        editor.insertFromMimeData(mime)
    assert blocker.args == ["The pasted image is too large to store."]
    assert editor.toPlainText() == "x"


def test_paste_plain_keeps_the_text(make_editor):
    editor = make_editor("")
    QGuiApplication.clipboard().setText("**not converted** <b>x</b>")
    editor.action("actionPastePlain").trigger()
    assert editor.toPlainText() == "**not converted** <b>x</b>"
