"""Locking the preview down: no network, no navigation, no features it does not need.

Three layers keep post content inert: the HTML is sanitized upstream, the shell is
served with a Content-Security-Policy that allows no script, and the page's own
JavaScript is switched off (our script runs in an isolated world). On top of that a
request interceptor refuses every URL that is not ours, and the page refuses every
navigation except loading our shell; clicked web links go to the system browser.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from editor.gui.preview.schemes import PREVIEW_SCHEMES, without_fragment

if TYPE_CHECKING:
    from PySide6.QtWebEngineCore import QWebEngineNewWindowRequest

log = logging.getLogger(__name__)

ALLOWED_SCHEMES = frozenset((*PREVIEW_SCHEMES, "data", "about"))
EXTERNAL_SCHEMES = frozenset(("http", "https"))

_Attr = QWebEngineSettings.WebAttribute
_SETTINGS_OFF = (
    _Attr.JavascriptEnabled,  # the page's own world; our isolated-world script still runs
    _Attr.JavascriptCanOpenWindows,
    _Attr.JavascriptCanAccessClipboard,
    _Attr.JavascriptCanPaste,
    _Attr.LocalContentCanAccessRemoteUrls,
    _Attr.LocalContentCanAccessFileUrls,
    _Attr.LocalStorageEnabled,
    _Attr.PluginsEnabled,
    _Attr.PdfViewerEnabled,
    _Attr.AutoLoadIconsForPage,
    _Attr.TouchIconsEnabled,
    _Attr.DnsPrefetchEnabled,
    _Attr.HyperlinkAuditingEnabled,
    _Attr.NavigateOnDropEnabled,
    _Attr.FullScreenSupportEnabled,
    _Attr.ScreenCaptureEnabled,
    _Attr.WebGLEnabled,
    _Attr.AllowRunningInsecureContent,
    _Attr.AllowGeolocationOnInsecureOrigins,
    _Attr.AllowWindowActivationFromJavaScript,
    _Attr.ErrorPageEnabled,
)
_SETTINGS_ON = (_Attr.WebRTCPublicInterfacesOnly, _Attr.PlaybackRequiresUserGesture)


class NetworkBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks every request whose scheme is not one of ours, ``data:`` or ``about:``.

    Keeps the most recent blocked URLs (``blocked()``) for diagnostics and tests.
    """

    def __init__(self, parent: QObject | None = None, *, remember: int = 50) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._blocked: deque[str] = deque(maxlen=remember)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme().lower() in ALLOWED_SCHEMES:
            return
        info.block(True)
        text = url.toString()
        with self._lock:
            self._blocked.append(text)
        log.info("Preview blocked a request to %s", text)

    def blocked(self) -> list[str]:
        with self._lock:
            return list(self._blocked)


def harden_profile(profile: QWebEngineProfile, blocker: NetworkBlocker) -> None:
    """Give ``profile`` (off the record) no cache, no cookies, no spell checker and the blocker."""
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies)
    profile.setSpellCheckEnabled(False)
    profile.setUrlRequestInterceptor(blocker)
    harden_settings(profile.settings())


def harden_settings(settings: QWebEngineSettings) -> None:
    for attribute in _SETTINGS_OFF:
        settings.setAttribute(attribute, False)
    for attribute in _SETTINGS_ON:
        settings.setAttribute(attribute, True)


class PreviewPage(QWebEnginePage):
    """A page that only ever shows the shell it was told to load.

    ``expect(url)`` names the shell about to be loaded; any other navigation is refused.
    A user's click on an http(s) link (also one that asks for a new window) is passed to
    ``open_external`` instead.
    """

    def __init__(
        self,
        profile: QWebEngineProfile,
        open_external: Callable[[QUrl], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(profile, parent)
        self._open_external = open_external
        self._expected = QUrl()
        self.newWindowRequested.connect(self._on_new_window)

    def expect(self, url: QUrl) -> None:
        self._expected = QUrl(url)

    def acceptNavigationRequest(  # type: ignore[override]  # Qt override; Qt passes a QUrl
        self, url: QUrl, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        kind = QWebEnginePage.NavigationType
        if not is_main_frame:
            return url.scheme() == "about"
        if navigation_type == kind.NavigationTypeLinkClicked:
            if self._same_document(url):
                return True  # an in-page link, such as a citation jumping to its reference
            self._hand_out(url)
            return False
        if navigation_type in (kind.NavigationTypeTyped, kind.NavigationTypeOther):
            if without_fragment(url) == self._expected:
                return True
        log.info("Preview refused navigation to %s", url.toString())
        return False

    def _same_document(self, url: QUrl) -> bool:
        here = without_fragment(self.url())
        return url.hasFragment() and without_fragment(url) == here

    def _hand_out(self, url: QUrl) -> None:
        if url.scheme().lower() in EXTERNAL_SCHEMES and url.isValid():
            self._open_external(url)
        else:
            log.info("Preview ignored a link to %s", url.toString())

    def _on_new_window(self, request: QWebEngineNewWindowRequest) -> None:
        # Not calling request.openIn() leaves the new window unopened.
        if request.isUserInitiated():
            self._hand_out(request.requestedUrl())

    def javaScriptConsoleMessage(self, level, message, line, source) -> None:
        log.debug("preview console (%s:%s): %s", source, line, message)
