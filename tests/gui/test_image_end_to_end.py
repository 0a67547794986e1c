"""A picture pasted into the real editor reaches the preview's pixels and the exported page's assets.

Nothing is mocked: a PNG goes on the system clipboard as QMimeData, Ctrl+V pastes it into the
window's editor, the person describes it, and then the real QWebEngineView is grabbed and its
pixels sampled for the picture's colour; the page export must carry the file in ``assets/`` with
the ``<img src>`` pointing at it.
"""

from __future__ import annotations

import io
import re

from PIL import Image
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QImage

from editor.core.export import export_post

COLOUR = (214, 28, 160)  # a magenta nothing else on the sample page uses
SIZE = (240, 140)


def magenta_card() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", SIZE, COLOUR).save(out, format="PNG")
    return out.getvalue()


def picture_pixels(image: QImage, colour: tuple[int, int, int] = COLOUR, tolerance: int = 40) -> int:
    """How many pixels (sampled every 2nd pixel each way) are the picture's colour."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (abs(pixel.red() - colour[0]) + abs(pixel.green() - colour[1])
                    + abs(pixel.blue() - colour[2])) <= tolerance:
                found += 1
    return found


def test_a_pasted_png_shows_in_the_preview_and_is_exported_with_the_page(qtbot, window, tmp_path):
    editor = window.editor
    window.resize(1600, 1000)  # room for the preview to show the picture at its own size
    for dock in window.docks.values():
        dock.hide()
    window.splitter.setSizes([700, 900])
    qtbot.waitUntil(lambda: window.preview.width() >= 800, timeout=5000)
    assert picture_pixels(window.preview.grab().toImage()) == 0  # the colour is not on the page yet
    cursor = editor.textCursor()
    cursor.setPosition(0)  # the top of the post: the preview shows it without scrolling
    editor.setTextCursor(cursor)
    editor.setFocus()
    mime = QMimeData()
    mime.setData("image/png", magenta_card())
    QGuiApplication.clipboard().setMimeData(mime)

    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # Ctrl+V, as a person pastes
    qtbot.waitUntil(lambda: editor.images.dialog is not None and editor.images.dialog.isVisible(), timeout=20000)
    dialog = editor.images.dialog
    qtbot.keyClicks(dialog.alt_edit, "A magenta test card")
    dialog.insert_button.click()
    qtbot.waitUntil(lambda: "![A magenta test card](asset:" in editor.toPlainText(), timeout=20000)
    text = editor.toPlainText()
    asset_id = int(re.search(r"!\[A magenta test card\]\(asset:(\d+)\)", text).group(1))
    assert "postwright-asset" not in text  # the one stored form, never the preview's scheme

    # The preview shows the picture itself (pixels), not a blank or a broken-image icon.
    qtbot.waitUntil(lambda: picture_pixels(window.preview.grab().toImage()) > 1000, timeout=30000)

    # The stored post is what the exits read: wait for the autosave, then export the page.
    qtbot.waitUntil(lambda: "A magenta test card" in window.library.posts.get(window.session.post.slug).body,
                    timeout=20000)
    result = export_post(window.library, window.session.post.slug, "page", tmp_path / "site" / "post.html")
    html = result.path.read_text(encoding="utf-8")
    img = re.search(r'<img\b[^>]*\balt="A magenta test card"[^>]*>', html)
    assert img is not None, "the exported page has no <img> with the alt text"
    src = re.search(r'\bsrc="([^"]+)"', img.group(0)).group(1)
    assert src.startswith("assets/") and src.split("/")[1].startswith(f"{asset_id}-")
    exported = result.path.parent / src
    assert exported in result.assets and exported.is_file()
    with Image.open(exported) as picture:
        assert picture.convert("RGB").getpixel((picture.width // 2, picture.height // 2)) == COLOUR
