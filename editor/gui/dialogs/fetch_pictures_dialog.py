"""Edit → Fetch Web Images into Library…: the post's pictures from other websites, fetched only when asked.

The dialog first lists the pictures the post shows from the web and the sites they come
from (found on a worker), and fetches nothing until the person presses Fetch Pictures —
their explicit permission to contact those sites. The fetch runs on a worker through
``media.post_images.fetch_post_pictures`` (bounded per picture and per post, checked and
stripped like a pasted picture; the post changes in one revision, only for the pictures
that arrived). Cancel stops it and changes nothing. Each picture's line then says whether
it arrived or why not.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.limits import MAX_IMAGE_BYTES, MAX_POST_IMAGE_BYTES
from editor.core.library import Library
from editor.core.media.post_images import PostPictures, fetch_post_pictures
from editor.core.media.web_fetch import web_image_urls
from editor.gui.panels.common import MessageLabel, run_with_library

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


class _ProgressRelay(QObject):
    """Carries the worker's progress to the GUI thread (a queued signal)."""

    progressed = Signal(int, int, str)


def _megabytes(count: int) -> str:
    return f"{count // 1_048_576} MB"


class FetchPicturesDialog(QDialog):
    """Lists a post's web pictures; fetches them into the library when the person says so."""

    def __init__(self, library: Library, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fetchPicturesDialog")
        self.setWindowTitle("Fetch Web Images into Library")
        self.library = library
        self.post_id = post_id
        self.urls: list[str] = []
        self.result: PostPictures | None = None  # type: ignore[assignment]  # shadows QDialog.result()
        self.busy = True  # reading the post's pictures, then fetching them
        self.fetching = False
        self._stop = threading.Event()
        stop = self._stop
        self.destroyed.connect(lambda *_args: stop.set())  # closed for good: the worker stops too
        self.intro = QLabel("Looking for pictures from the web in this post…", self, wordWrap=True)
        self.pictures = QListWidget(self, objectName="fetchPicturesList")
        self.pictures.setAccessibleName("Pictures from the web")
        self.pictures.setWordWrap(True)  # a reason is read whole, not cut at the edge
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.fetch_button = QPushButton("&Fetch Pictures", self)
        self.fetch_button.setEnabled(False)
        self.fetch_button.setDefault(True)
        self.buttons.addButton(self.fetch_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.fetch_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.cancel)
        self._layout = QVBoxLayout(self)
        for widget in (self.intro, self.pictures, self.progress, self.message, self.buttons):
            self._layout.addWidget(widget)
        self.relay = _ProgressRelay(self)
        self.relay.progressed.connect(self._progressed)
        self.resize(max(560, self.sizeHint().width()), 360)
        run_with_library(library, lambda lib: web_image_urls(lib.posts.get_by_id(post_id).body),
                         self._listed, self._failed, owner=self)

    def _listed(self, urls: list[str]) -> None:
        self.busy = False
        self.urls = urls
        if not urls:
            self.intro.setText("This post shows no pictures from the web: every picture is already in the library.")
            self.pictures.hide()
            self._set_close_only()
            return
        sites = sorted({urlsplit(url).netloc for url in urls})
        count = f"{len(urls)} picture{'s' if len(urls) != 1 else ''}"
        self.intro.setText(
            f"This post shows {count} from other websites. Fetch Pictures asks {', '.join(sites)} for them and keeps "
            f"copies in the library, so the post carries its own pictures everywhere it goes. Each picture may be at "
            f"most {_megabytes(MAX_IMAGE_BYTES)} ({_megabytes(MAX_POST_IMAGE_BYTES)} for the post); camera and "
            "location details are removed. A picture that does not arrive stays as it is, with the reason.")
        self.pictures.addItems(urls)
        self._layout.activate()  # the longer text gets its height at once
        self.fetch_button.setEnabled(True)

    def start(self) -> None:
        """The person's permission: fetch the pictures on a worker."""
        if self.busy or not self.urls:
            return
        self.busy = self.fetching = True
        self._stop.clear()
        self.fetch_button.setEnabled(False)
        self.progress.setRange(0, len(self.urls))
        self.progress.setValue(0)
        self.progress.show()
        self.message.show_info("Fetching the pictures…")
        stop, relay, post_id = self._stop, self.relay, self.post_id

        def progress(done: int, total: int, url: str) -> None:
            try:
                relay.progressed.emit(done, total, url)
            except RuntimeError:  # the dialog is gone: nobody wants the rest
                stop.set()

        run_with_library(
            self.library,
            lambda lib: fetch_post_pictures(lib, lib.posts.get_by_id(post_id).slug, cancel=stop, progress=progress),
            self._done, self._failed, owner=self)

    def cancel(self) -> None:
        """While fetching: stop, changing nothing; otherwise close."""
        if self.fetching:
            self._stop.set()
            self.message.show_info("Stopping: the post is left as it was…")
            return
        self.done(QDialog.DialogCode.Accepted if self.result is not None and self.result.version else
                  QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Esc and the window's close button ask as Cancel does
        self.cancel()

    def _progressed(self, done: int, total: int, url: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if url:
            self.message.show_info(f"Fetching {done + 1} of {total}: {url[:80]}")

    def _done(self, result: PostPictures) -> None:
        self.busy = self.fetching = False
        self.result = result
        self.progress.hide()
        if result.cancelled:
            self.message.show_info("Stopped: nothing was fetched and the post is as it was.")
            self.fetch_button.setEnabled(True)
            return
        by_url = {fetch.url: fetch for fetch in result.fetches}
        for row, url in enumerate(self.urls):
            fetch = by_url.get(url)
            if fetch is not None:
                item = self.pictures.item(row)
                item.setText(f"{'✓' if fetch.fetched else '✗'} {url}: {fetch.note}")
                item.setToolTip(item.text())
        arrived, total = len(result.assets), len(result.fetches)
        summary = f"{arrived} of {total} picture{'s' if total != 1 else ''} fetched into the library"
        if result.failed:
            self.message.show_warning(f"{summary}; the others stay as they are (the reasons are listed).")
        else:
            self.message.show_info(f"{summary}.")
        self._set_close_only()

    def _failed(self, error: PostwrightError) -> None:
        self.busy = self.fetching = False
        self.progress.hide()
        self.message.show_error(str(error))
        self.fetch_button.setEnabled(bool(self.urls))

    def _set_close_only(self) -> None:
        self.fetch_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def fetch_web_images(window: MainWindow) -> FetchPicturesDialog | None:
    """Edit → Fetch Web Images into Library…: the open post saved first, the dialog shown (window-modal,
    never blocking); when the post changed, it is opened again from the library."""
    if window.session.post is None or window.session.post.id is None:
        return None
    window.session.flush()
    slug = window.session.post.slug
    dialog = FetchPicturesDialog(window.library, window.session.post.id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_code: int) -> None:
        result = dialog.result
        if result is not None and result.version is not None and window.session.post is not None \
                and window.session.post.slug == slug:  # the new revision is the library's: show it
            window.session.post = None
            window.open_post(slug)
            window.status.showMessage(f"{len(result.assets)} web picture(s) are now in the library.", 8000)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
