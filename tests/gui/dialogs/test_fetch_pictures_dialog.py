"""Edit → Fetch Web Images into Library…: nothing is fetched until the person says so; the fetch runs on a
worker against a real HTTP server on 127.0.0.1, can be cancelled, and the editor then shows the new text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from picture_server import PictureServer, picture_server

from editor.core.library import Library
from editor.core.media.image_refs import find_images
from editor.core.post.model import Post


@pytest.fixture
def server() -> Iterator[PictureServer]:
    with picture_server() as running:
        yield running


def test_the_menu_lists_the_pictures_fetches_them_when_asked_and_the_editor_shows_the_library_copies(
        qtbot, library_path, tmp_path, server):
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QAction

    from editor.app import open_window
    from editor.gui.dialogs.fetch_pictures_dialog import FetchPicturesDialog

    body = (f"Shade helps.\n\n![Children under a tree]({server.url('photo.jpg')})\n\n"
            f"![UV chart]({server.url('fake.jpg')})\n\n![Gone]({server.url('missing.png')})\n")
    with Library.open(library_path, seed=False) as lib:
        lib.posts.create(Post(title="Sun safety", slug="sun-safety", body=body))
    window = open_window(library_path, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_post("sun-safety")
    action = window.findChild(QAction, "actionFetchWebImages")
    assert action in window.menuBar().actions()[1].menu().actions()  # in the Edit menu
    action.trigger()
    dialog = window.findChild(FetchPicturesDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.fetch_button.isEnabled(), timeout=20_000)
    assert dialog.pictures.count() == 3 and "127.0.0.1" in dialog.intro.text()
    assert sum(server.hits.values()) == 0  # listed, never fetched without the person's say-so

    dialog.fetch_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30_000)
    lines = [dialog.pictures.item(row).text() for row in range(dialog.pictures.count())]
    assert lines[0].startswith("✓") and "fetched from 127.0.0.1" in lines[0]
    assert lines[1].startswith("✗") and "web page, not a picture" in lines[1]
    assert lines[2].startswith("✗") and "404 (not found)" in lines[2]
    assert "1 of 3 pictures fetched" in dialog.message.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Close).click()
    qtbot.waitUntil(lambda: "(asset:" in window.editor.toPlainText(), timeout=20_000)
    assert f"![Gone]({server.url('missing.png')})" in window.editor.toPlainText()
    stored = window.library.posts.get("sun-safety")
    assert [ref.kind for ref in find_images(stored.body)] == ["asset", "web", "web"]
    window.close()
    window.library.close()


def test_cancel_stops_the_fetch_and_changes_nothing_and_a_post_without_web_pictures_says_so(
        qtbot, library, server):
    from editor.gui.dialogs.fetch_pictures_dialog import FetchPicturesDialog

    post = library.posts.create(Post(title="Slow", slug="slow", body=f"![Drip]({server.url('drip.jpg')})\n\n"
                                                                       f"![Photo]({server.url('photo.jpg')})\n"))
    dialog = FetchPicturesDialog(library, post.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.fetch_button.isEnabled(), timeout=20_000)
    dialog.fetch_button.click()
    assert dialog.busy and not dialog.fetch_button.isEnabled()  # returned at once: the fetch is on a worker
    qtbot.waitUntil(lambda: server.hits["/drip.jpg"] == 1, timeout=20_000)
    assert not dialog.progress.isHidden() and dialog.fetching
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.result.cancelled and "nothing was fetched" in dialog.message.text()
    assert library.posts.get("slow").version == post.version and server.hits["/photo.jpg"] == 0
    assert library.db.execute("SELECT count(*) FROM assets").fetchone()[0] == 0
    assert dialog.fetch_button.isEnabled()  # may be asked again

    plain = library.posts.create(Post(title="Plain", slug="plain", body="No pictures at all.\n"))
    empty = FetchPicturesDialog(library, plain.id)
    qtbot.addWidget(empty)
    qtbot.waitUntil(lambda: not empty.busy, timeout=20_000)
    assert "no pictures from the web" in empty.intro.text() and empty.fetch_button.isHidden()
