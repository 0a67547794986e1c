"""Paste and drop: rich text becomes Markdown, images go to the store callback."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage, QTextCursor

from editor.core.media.image_refs import PreparedImage

HERE = Path(__file__).parent
# the same Word clipboard the core test converts
WORD_HTML = HERE.parents[1] / "core" / "editing" / "paste" / "word.html"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), "red").save(out, format="PNG")
    return out.getvalue()


class Store:
    """Stores like the library: each distinct picture gets the next id (called on a worker thread)."""

    def __init__(self):
        self.calls: list[PreparedImage] = []

    def __call__(self, prepared: PreparedImage) -> int:
        self.calls.append(prepared)
        return len(self.calls)


def describe(qtbot, editor, alt: str = "", *, decorative: bool = False, cancel: bool = False) -> None:
    """Answer the "Describe the Image" dialog the way a person would."""
    qtbot.waitUntil(lambda: editor.images.dialog is not None and editor.images.dialog.isVisible(), timeout=20000)
    dialog = editor.images.dialog
    assert not dialog.insert_button.isEnabled()  # nothing given yet: nothing to insert
    if cancel:
        dialog.reject()
        return
    if decorative:
        dialog.decorative.setChecked(True)
    else:
        qtbot.keyClicks(dialog.alt_edit, alt)
    assert dialog.insert_button.isEnabled()
    dialog.insert_button.click()


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


def test_clipboard_image_is_described_stored_and_referenced_as_an_asset(make_editor, qtbot):
    store = Store()
    editor = make_editor("Before\n", store_prepared=store)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    assert editor.canInsertFromMimeData(mime)
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "Before\n"  # nothing until the picture is described
    describe(qtbot, editor, "A red square")
    qtbot.waitUntil(lambda: editor.toPlainText() == "Before\n![A red square](asset:1)", timeout=20000)
    assert [(c.mime, c.width, c.height) for c in store.calls] == [("image/png", 3, 2)]
    editor.undo()
    assert editor.toPlainText() == "Before\n"  # one undo step


def test_image_object_without_raw_bytes_is_encoded_as_png_and_can_be_decorative(make_editor, qtbot):
    store = Store()
    editor = make_editor("", store_prepared=store)
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    mime = QMimeData()
    mime.setImageData(image)
    editor.insertFromMimeData(mime)
    describe(qtbot, editor, decorative=True)
    qtbot.waitUntil(lambda: editor.toPlainText() == '![](asset:1 "decorative")', timeout=20000)
    assert store.calls[0].mime == "image/png" and Image.open(io.BytesIO(store.calls[0].data)).size == (4, 4)


def test_dropped_image_files_are_each_described_and_land_in_order(make_editor, qtbot, tmp_path):
    store = Store()
    editor = make_editor("", store_prepared=store)
    first, second = tmp_path / "a.png", tmp_path / "b.jpg"
    first.write_bytes(png_bytes())
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="JPEG")
    second.write_bytes(out.getvalue())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    editor.insertFromMimeData(mime)
    describe(qtbot, editor, "First [chart]")
    qtbot.waitUntil(lambda: editor.images.dialog is not None and "(2 of 2)" in editor.images.dialog.windowTitle(),
                    timeout=20000)
    describe(qtbot, editor, "Second")
    qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
    assert [(c.mime, c.name) for c in store.calls] == [("image/png", "a.png"), ("image/jpeg", "b.jpg")]
    assert editor.toPlainText() == "![First \\[chart\\]](asset:1)\n\n![Second](asset:2)"


def test_a_picture_pasted_into_a_sentence_becomes_a_paragraph_between_its_halves(make_editor, qtbot):
    store = Store()
    editor = make_editor("Take it weekly. Eat slowly.", store_prepared=store)
    cursor = editor.textCursor()
    cursor.setPosition(len("Take it weekly. "))
    editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    editor.insertFromMimeData(mime)
    describe(qtbot, editor, "A calendar")
    qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
    assert editor.toPlainText() == "Take it weekly. \n\n![A calendar](asset:1)\n\nEat slowly."


def test_cancelling_the_description_inserts_nothing_and_stores_nothing(make_editor, qtbot):
    store = Store()
    editor = make_editor("x", store_prepared=store)
    mime = QMimeData()
    mime.setData("image/png", png_bytes())
    editor.insertFromMimeData(mime)
    describe(qtbot, editor, cancel=True)
    qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
    assert editor.toPlainText() == "x" and store.calls == []


def test_insert_image_asks_for_a_file_then_its_description(make_editor, qtbot, tmp_path, monkeypatch):
    from editor.gui import file_dialogs

    picture = tmp_path / "injector.png"
    picture.write_bytes(png_bytes())
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_args, **_kw: str(picture))
    store = Store()
    editor = make_editor("Use the pen: ", store_prepared=store)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.action("actionImage").trigger()
    describe(qtbot, editor, "A pen injector")
    qtbot.waitUntil(lambda: editor.toPlainText() == "Use the pen: \n\n![A pen injector](asset:1)", timeout=20000)
    assert store.calls[0].name == "injector.png"


def test_word_html_with_a_picture_of_itself_pastes_the_text(make_editor):
    store = Store()
    editor = make_editor("", store_prepared=store)
    mime = QMimeData()
    mime.setHtml("<p>Some <b>text</b></p>")
    mime.setText("Some text")
    mime.setData("image/png", png_bytes())  # Word's rendering of the selection
    editor.insertFromMimeData(mime)
    assert editor.toPlainText() == "Some **text**"
    assert store.calls == []


def test_a_picture_that_cannot_be_read_is_reported_not_raised(make_editor, qtbot):
    store = Store()
    editor = make_editor("x", store_prepared=store)
    mime = QMimeData()
    mime.setData("image/png", b"not a picture at all")
    with qtbot.waitSignal(editor.statusMessage, timeout=20000) as blocker:
        editor.insertFromMimeData(mime)
    assert "pasted image was not added" in blocker.args[0] and "not an image that can be read" in blocker.args[0]
    assert editor.toPlainText() == "x" and store.calls == []


def test_paste_plain_keeps_the_text(make_editor):
    editor = make_editor("")
    QGuiApplication.clipboard().setText("**not converted** <b>x</b>")
    editor.action("actionPastePlain").trigger()
    assert editor.toPlainText() == "**not converted** <b>x</b>"


def test_a_file_dragged_from_a_file_manager_lands_where_it_is_dropped(make_editor, qtbot, tmp_path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    picture = tmp_path / "plate.png"
    picture.write_bytes(png_bytes())
    store = Store()
    editor = make_editor("First paragraph.\n\nSecond paragraph.", store_prepared=store)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(picture))])
    last = editor.document().lastBlock()
    point = editor.cursorRect(QTextCursor(last)).center()  # the start of the second paragraph
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    for event in (QDragEnterEvent(point, action, mime, buttons, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(point, action, mime, buttons, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(editor.viewport(), event)
        assert event.isAccepted()
    QApplication.sendEvent(editor.viewport(), QDropEvent(QPointF(point), action, mime, buttons,
                                                         Qt.KeyboardModifier.NoModifier))
    describe(qtbot, editor, "A dinner plate")
    qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
    assert editor.toPlainText() == "First paragraph.\n\n![A dinner plate](asset:1)\n\nSecond paragraph."
    assert store.calls[0].name == "plate.png"


def test_a_word_paste_brings_its_picture_files_into_the_library_in_place(make_editor, qtbot, tmp_path):
    clip = tmp_path / "msohtmlclip1" / "01" / "clip_image002.png"
    clip.parent.mkdir(parents=True)
    clip.write_bytes(png_bytes())
    store = Store()
    editor = make_editor("", store_prepared=store)
    mime = QMimeData()
    mime.setHtml(f'<p>Inject it in the thigh.</p><p><img src="{QUrl.fromLocalFile(str(clip)).toString()}" '
                 'alt="Pen against the thigh"></p><p>Hold for ten seconds.</p>')
    mime.setText("Inject it in the thigh.\nHold for ten seconds.")
    editor.insertFromMimeData(mime)
    assert "file://" in editor.toPlainText()  # the text is there at once; the picture follows
    qtbot.waitUntil(lambda: editor.images.dialog is not None and editor.images.dialog.isVisible(), timeout=20000)
    assert editor.images.dialog.alt_edit.text() == "Pen against the thigh"  # Word's own alt text, offered
    editor.images.dialog.insert_button.click()
    qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
    assert editor.toPlainText() == ("Inject it in the thigh.\n\n![Pen against the thigh](asset:1)\n\n"
                                    "Hold for ten seconds.\n")
    assert store.calls[0].name == "clip_image002.png"


def test_a_picture_embedded_in_pasted_html_is_described_and_stored_in_its_place(make_editor, qtbot):
    import base64

    store = Store()
    editor = make_editor("", store_prepared=store)
    embedded = base64.b64encode(png_bytes()).decode("ascii")
    html = (f'<p>Before the picture.</p><p><img alt="A red swatch" src="data:image/png;base64,{embedded}"></p>'
            "<p>After it.</p>")
    for cancel in (True, False):
        editor.setPlainText("")
        mime = QMimeData()
        mime.setHtml(html)
        mime.setText("Before the picture.\nAfter it.")
        editor.insertFromMimeData(mime)
        qtbot.waitUntil(lambda: editor.images.dialog is not None and editor.images.dialog.isVisible(),
                        timeout=20000)
        dialog = editor.images.dialog
        assert dialog.alt_edit.text() == "A red swatch" and dialog.insert_button.isEnabled()  # the page's alt
        dialog.reject() if cancel else dialog.insert_button.click()
        qtbot.waitUntil(lambda: not editor.images.busy, timeout=20000)
        expected = "![A red swatch](asset:1)\n\n" if not cancel else ""
        assert editor.toPlainText() == f"Before the picture.\n\n{expected}After it.\n"
    assert len(store.calls) == 1 and store.calls[0].mime == "image/png"
