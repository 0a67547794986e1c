"""HTML to PDF with Qt WebEngine: the same Chromium that draws the preview lays out the print page.

Chromium reads the page's CSS paged-media rules (``@page`` size and margin boxes, widows,
``break-after``), so the handout template decides the layout. The page is loaded from a file
(``setHtml`` stops at 2 MB), in an off-the-record profile with JavaScript off and no access
to the network; the PDF comes back as bytes for the caller to write atomically.

:class:`PdfPrinter` is asynchronous (for the window); :func:`print_pdf_blocking` runs a local
event loop until the PDF is ready or a deadline passes (for the command line).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, QMarginsF, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings

from editor.core.foundation.errors import ExportError

PAGE_SIZES = {"Letter": QPageSize.PageSizeId.Letter, "A4": QPageSize.PageSizeId.A4}
# Chromium takes the page margins from the printer's layout, not from CSS: the margin boxes
# ("Page N of M", the printed date) are drawn inside these. Left, top, right, bottom.
MARGINS_MM = QMarginsF(18, 16, 18, 18)
DEFAULT_TIMEOUT_MS = 60_000


class PdfPrinter(QObject):
    """Prints one HTML document at a time; emits ``finished(bytes)`` or ``failed(ExportError)``."""

    finished = Signal(bytes)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self._profile: QWebEngineProfile | None = None  # made on the first print: opening a dialog costs nothing
        self._page: QWebEnginePage | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._paper = "Letter"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(lambda: self._fail("The PDF was not ready in time; try again."))

    @property
    def busy(self) -> bool:
        return self._page is not None

    def print_html(self, html: str, paper: str = "Letter") -> None:
        """Start printing ``html`` (a whole, self-contained document) on ``paper`` (``Letter``/``A4``)."""
        if self.busy:
            raise ExportError("A PDF is already being made; wait for it to finish.")
        if paper not in PAGE_SIZES:
            raise ExportError(f"Unknown paper size {paper!r}.")
        self._paper = paper
        self._folder = tempfile.TemporaryDirectory(prefix="postwright-print-")
        source = Path(self._folder.name) / "handout.html"
        source.write_text(html, encoding="utf-8")
        if self._profile is None:
            self._profile = QWebEngineProfile(self)  # no storage name: off the record
        page = QWebEnginePage(self._profile, self)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, True)
        page.loadFinished.connect(self._loaded)
        self._page = page
        self._timer.start()
        page.load(QUrl.fromLocalFile(str(source)))

    def _loaded(self, ok: bool) -> None:
        if self._page is None:
            return
        if not ok:
            self._fail("The handout page could not be laid out for printing.")
            return
        layout = QPageLayout(QPageSize(PAGE_SIZES[self._paper]), QPageLayout.Orientation.Portrait,
                             MARGINS_MM, QPageLayout.Unit.Millimeter)
        self._page.printToPdf(self._printed, layout)

    def _printed(self, data: QByteArray) -> None:
        if self._page is None:
            return
        pdf = bytes(data.data())
        if not pdf.startswith(b"%PDF"):
            self._fail("Chromium could not print the handout to PDF.")
            return
        self._cleanup()
        self.finished.emit(pdf)

    def _fail(self, message: str) -> None:
        self._cleanup()
        self.failed.emit(ExportError(message))

    def _cleanup(self) -> None:
        self._timer.stop()
        page, self._page = self._page, None
        if page is not None:
            page.deleteLater()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


def print_pdf_blocking(html: str, paper: str = "Letter", *, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> bytes:
    """Print ``html`` and wait (running the event loop) for the PDF; raise :class:`ExportError` on failure."""
    printer = PdfPrinter(timeout_ms=timeout_ms)
    loop = QEventLoop()
    outcome: list[bytes | ExportError] = []

    def done(value: bytes | ExportError) -> None:
        outcome.append(value)
        loop.quit()

    finished: Callable[[bytes], None] = done
    printer.finished.connect(finished)
    printer.failed.connect(done)
    printer.print_html(html, paper)
    if not outcome:
        loop.exec()
    printer.deleteLater()
    # The page must be gone before its profile: run the deferred deletes now, not at exit.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    result = outcome[0]
    if isinstance(result, ExportError):
        raise result
    return result
