"""The preview's two private URL schemes and the handlers that serve them.

``postwright-preview:shell/<n>`` serves the shell page itself (so a page of any size
loads, unlike ``setHtml`` which is capped at 2 MB, and so the page gets a
Content-Security-Policy header whatever its markup says). ``postwright-asset:<id>``
serves library images through a caller-supplied ``asset_loader``.

Schemes must be registered before the QApplication exists: call
:func:`register_schemes` once at start-up (it is idempotent).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

log = logging.getLogger(__name__)

ASSET_SCHEME = "postwright-asset"
SHELL_SCHEME = "postwright-preview"
PREVIEW_SCHEMES = (ASSET_SCHEME, SHELL_SCHEME)

#: The policy every preview page is served with: no script, no network, images only
#: from the asset scheme or inline data, inline styles, inline fonts.
PREVIEW_CSP = (
    "default-src 'none'; img-src postwright-asset: data:; style-src 'unsafe-inline'; font-src data:"
)

AssetLoader = Callable[[int], "tuple[bytes, str] | None"]

_ASSET_PATH = re.compile(r"^(?:asset/)?(\d{1,18})(?:\.[A-Za-z0-9]{1,8})?$")


def register_schemes() -> None:
    """Register the preview's URL schemes with Qt WebEngine (idempotent).

    Must run before the QApplication is created; raises RuntimeError otherwise.
    """
    missing = [name for name in PREVIEW_SCHEMES if not _is_registered(name)]
    if not missing:
        return
    if QCoreApplication.instance() is not None:
        raise RuntimeError(
            "Preview URL schemes must be registered before the QApplication is created; "
            "call editor.gui.preview.register_schemes() at start-up."
        )
    for name in missing:
        scheme = QWebEngineUrlScheme(name.encode("ascii"))
        scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
        scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
        QWebEngineUrlScheme.registerScheme(scheme)


def _is_registered(name: str) -> bool:
    return bool(QWebEngineUrlScheme.schemeByName(name.encode("ascii")).name())


def asset_url(asset_id: int) -> str:
    """The URL under which the preview serves library asset ``asset_id``."""
    return f"{ASSET_SCHEME}:{int(asset_id)}"


def parse_asset_id(url: QUrl | str) -> int | None:
    """The asset id named by an asset URL, or None when the URL is not one.

    Accepts ``postwright-asset:42`` (what the renderer writes), ``postwright-asset:asset/42``
    and either with a file extension (``42.png``); query and fragment are ignored.
    """
    qurl = QUrl(url)
    if qurl.scheme().lower() != ASSET_SCHEME or qurl.host():
        return None
    match = _ASSET_PATH.match(qurl.path())
    return int(match.group(1)) if match else None


def without_fragment(url: QUrl) -> QUrl:
    """``url`` with its ``#fragment`` removed."""
    bare = QUrl(url)
    bare.setFragment(None)  # type: ignore[arg-type]  # a null fragment removes it ("" would leave "#")
    return bare


def _reply(job: QWebEngineUrlRequestJob, mime: str, data: bytes, headers: dict[str, str]) -> None:
    job.setAdditionalResponseHeaders(  # a QMultiMap: PySide6 takes a list of values per name; its stub says one
        {QByteArray(name.encode("ascii")): [QByteArray(value.encode("ascii"))]  # type: ignore[misc]
         for name, value in headers.items()}
    )
    buffer = QBuffer(job)  # the job owns the buffer; both go when the request ends
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    job.reply(mime.encode("ascii"), buffer)


class AssetSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``postwright-asset:<id>`` from ``asset_loader(id) -> (bytes, mime) | None``.

    Only images are served. A loader that returns None or raises makes the request fail
    (the image shows as broken); nothing propagates into Qt.
    """

    def __init__(self, asset_loader: AssetLoader | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = asset_loader

    def set_loader(self, asset_loader: AssetLoader | None) -> None:
        self._loader = asset_loader

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        if bytes(job.requestMethod().data()) != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        asset_id = parse_asset_id(job.requestUrl())
        if asset_id is None or self._loader is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            found = self._loader(asset_id)
        except Exception as error:  # noqa: BLE001 - a loader failure is a broken image, never a crash
            log.warning("Preview could not load image %s: %s", asset_id, error)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if found is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        data, mime = found
        mime = (mime or "").strip().lower()
        if not mime.startswith("image/") or not mime.isascii():
            log.warning("Preview refused asset %s with type %r (images only)", asset_id, mime)
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        _reply(job, mime, bytes(data), {"X-Content-Type-Options": "nosniff"})


class ShellSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves the current shell page at ``postwright-preview:shell/<generation>``.

    Only the newest generation is served, always with :data:`PREVIEW_CSP` as a header.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._html = b""

    def publish(self, html: str) -> QUrl:
        """Store ``html`` as the new shell and return the URL that loads it."""
        self._generation += 1
        self._html = html.encode("utf-8")
        return self.current_url()

    def current_url(self) -> QUrl:
        return QUrl(f"{SHELL_SCHEME}:shell/{self._generation}")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = without_fragment(job.requestUrl())
        if self._generation == 0 or url != self.current_url():
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        _reply(job, "text/html;charset=utf-8", self._html, {"Content-Security-Policy": PREVIEW_CSP})
