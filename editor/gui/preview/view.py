"""PreviewView: the live preview, loaded once and then patched section by section."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from PySide6.QtCore import QChildEvent, QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QContextMenuEvent, QDesktopServices
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMenu, QWidget

from editor.core.render.patch import PreviewPatch
from editor.core.render.sanitize import PREVIEW_ASSET_PREFIX, rewrite_asset_urls
from editor.gui.preview.bridge import BRIDGE_NAME, SCRIPT_WORLD, PreviewBridge, page_script
from editor.gui.preview.coalesce import PatchQueue
from editor.gui.preview.schemes import (
    ASSET_SCHEME,
    SHELL_SCHEME,
    AssetLoader,
    AssetSchemeHandler,
    ShellSchemeHandler,
    without_fragment,
)
from editor.gui.preview.security import NetworkBlocker, PreviewPage, harden_profile, harden_settings

log = logging.getLogger(__name__)

SCROLL_REPORT_DELAY_MS = 80  # sectionScrolled waits this long for scrolling to settle
PROGRAMMATIC_SCROLL_LIMIT_MS = 1500  # a scroll we started counts as ours at most this long


class PreviewView(QWebEngineView):
    """The post preview (objectName ``preview``).

    Usage: ``load_shell(html)`` once per post, then ``apply_patch(patch)`` after each
    edit; ``scroll_to_section(key)`` follows the editor and ``sectionScrolled(key)``
    reports the reader's scrolling. Patches and scroll requests made before the shell
    has loaded wait (merged) and are applied as soon as it has.

    Signals:
        sectionScrolled(str): the user scrolled so another section is at the top.
        shellLoaded(bool): a shell finished loading (False: it could not be shown).
        patchApplied(): the page has taken a patch (after the merged patch, once).
        resyncNeeded(): the page could not be patched (a section or the reference list
            it needed is missing, or the page process died); load a fresh shell.
    """

    sectionScrolled = Signal(str)  # Qt signal names
    shellLoaded = Signal(bool)
    patchApplied = Signal()
    resyncNeeded = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        asset_loader: AssetLoader | None = None,
        open_external: Callable[[QUrl], object] | None = None,
        start: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAcceptDrops(False)
        self._ready = False
        self._patches = PatchQueue()
        self._pending_scroll: tuple[str, bool] | None = None
        self._pending_chrome: tuple[str, str] | None = None  # article HTML and title waiting for the shell
        self._scrolled_to: str | None = None  # newest section the page reported at the top
        self._last_reported: str | None = None
        self._scroll_report = _single_shot(self, SCROLL_REPORT_DELAY_MS, self._report_scrolled)
        self._programmatic_limit = _single_shot(self, PROGRAMMATIC_SCROLL_LIMIT_MS, self._end_programmatic)
        self._asset_loader = asset_loader
        self._open_external = open_external
        self._zoom = 1.0
        self._page: PreviewPage | None = None
        self._shells: ShellSchemeHandler | None = None
        self._assets: AssetSchemeHandler | None = None
        self._blocker: NetworkBlocker | None = None
        if start:
            self.start()

    def start(self) -> None:
        """Make the page and its profile: Chromium starts here, the first time in a process.

        That first start keeps the GUI thread for a tenth of a second or more, so the app builds
        its view unstarted (``start=False``, cheap and kept out of sight) and starts it after the
        editor has shown the post; ``load_shell`` starts it when nothing did. Until then no
        Qt call may reach ``page()``, which would start Chromium with a default page.
        """
        if self._page is not None:
            return
        # The page is parented before the profile so that it is destroyed first.
        profile = QWebEngineProfile()  # no storage name: off the record
        self._blocker = NetworkBlocker(profile)
        self._shells = ShellSchemeHandler(profile)
        self._assets = AssetSchemeHandler(self._asset_loader, profile)
        harden_profile(profile, self._blocker)
        profile.installUrlSchemeHandler(SHELL_SCHEME.encode("ascii"), self._shells)
        profile.installUrlSchemeHandler(ASSET_SCHEME.encode("ascii"), self._assets)
        page = PreviewPage(profile, self._open_external or QDesktopServices.openUrl, self)
        profile.setParent(self)
        harden_settings(page.settings())
        page.scripts().insert(page_script())
        page.setZoomFactor(self._zoom)

        self._bridge = PreviewBridge(page)
        self._bridge.sectionAtTopChanged.connect(self._on_section_at_top)
        channel = QWebChannel(page)
        channel.registerObject(BRIDGE_NAME, self._bridge)
        page.setWebChannel(channel, SCRIPT_WORLD)

        page.loadFinished.connect(self._on_load_finished)
        page.renderProcessTerminated.connect(self._on_render_process_terminated)
        self.setPage(page)
        self._page = page
        self._profile = profile

    @property
    def started(self) -> bool:
        return self._page is not None

    def page(self) -> QWebEnginePage:
        """The preview's page (starting the view if nothing has yet)."""
        self.start()
        return super().page()

    def setZoomFactor(self, factor: float) -> None:  # Qt override: kept until the page exists
        self._zoom = factor
        if self._page is not None:
            super().setZoomFactor(factor)

    # -- public API -------------------------------------------------------------------

    def load_shell(self, html: str) -> None:
        """Show a new shell page (a whole rendered post); waiting patches are dropped.

        Library images written ``asset:<id>`` are served as ``postwright-asset:<id>``.
        """
        self.start()
        assert self._page is not None and self._shells is not None
        self._ready = False
        self._patches.clear()
        self._pending_chrome = None  # the new shell has the newest metadata
        self._scroll_report.stop()
        self._scrolled_to = self._last_reported = None
        url = self._shells.publish(_preview_urls(html))
        self._page.expect(url)
        self._page.load(url)

    def apply_patch(self, patch: PreviewPatch) -> None:
        """Bring the page up to date with ``patch`` without reloading it.

        ``patch`` is what ``IncrementalRenderer.patch_since`` returns; its ``asset:<id>``
        image URLs are mapped to the preview's scheme here.
        """
        self._patches.push(
            PreviewPatch(
                order=patch.order,
                changed={key: _preview_urls(html) for key, html in patch.changed.items()},
                references_html=None if patch.references_html is None else _preview_urls(patch.references_html),
                reordered=patch.reordered,
            )
        )
        self._send_next_patch()

    def apply_chrome(self, article_html: str, title: str) -> None:
        """Replace the article's header, byline, banner, author box and related posts
        (``render_preview_chrome``) without touching its sections or reloading."""
        self._pending_chrome = (_preview_urls(article_html), title)
        self._send_chrome()

    def _send_chrome(self) -> None:
        shells = self._shells
        if not self._ready or self._pending_chrome is None or shells is None:
            return
        html, title = self._pending_chrome
        self._pending_chrome = None
        generation = shells.current_url()

        def done(result: object) -> None:
            outcome = json.loads(result) if isinstance(result, str) else None
            if generation == shells.current_url() and not (isinstance(outcome, dict) and outcome.get("ok")):
                self.resyncNeeded.emit()
            self.patchApplied.emit()

        self._run(f"postwrightPreview.applyChrome({json.dumps(html)}, {json.dumps(title)})", done)

    def scroll_to_section(self, key: str, *, smooth: bool = True) -> None:
        """Scroll so section ``key`` is at the top (no ``sectionScrolled`` follows)."""
        self._scroll_report.stop()
        self._last_reported = key
        if not self._ready:
            self._pending_scroll = (key, smooth)
            return
        self._run(f"postwrightPreview.scrollToSection({json.dumps(key)}, {json.dumps(smooth)})")
        self._programmatic_limit.start()

    def reveal_section(self, key: str) -> None:
        """Scroll to section ``key`` only if none of it is in view (no ``sectionScrolled`` follows)."""
        if not self._ready:
            return
        self._scroll_report.stop()
        self._last_reported = key
        self._run(f"postwrightPreview.revealSection({json.dumps(key)})")
        self._programmatic_limit.start()

    def set_asset_loader(self, asset_loader: AssetLoader | None) -> None:
        """Change where ``postwright-asset:<id>`` images come from (e.g. another library)."""
        self._asset_loader = asset_loader
        if self._assets is not None:
            self._assets.set_loader(asset_loader)

    def is_ready(self) -> bool:
        """True once a shell has loaded and can take patches directly."""
        return self._ready

    def is_settled(self) -> bool:
        """True once the shell has loaded and every patch given so far has reached the page."""
        return self._ready and self._patches.waiting is None and not self._patches.in_flight

    def blocked_requests(self) -> list[str]:
        """The most recent URLs the preview refused to fetch."""
        return self._blocker.blocked() if self._blocker is not None else []

    def run_in_page(self, expression: str, callback: Callable[[object], None]) -> None:
        """Evaluate a JavaScript ``expression`` in the preview's script world (tests, diagnostics).

        ``callback`` receives its value as Python data (through JSON, so arrays and objects
        arrive as lists and dicts; ``undefined`` as None).
        """

        def deliver(result: object) -> None:
            callback(json.loads(result) if isinstance(result, str) and result else None)

        self.start()
        assert self._page is not None
        self._page.runJavaScript(f"JSON.stringify(({expression}))", SCRIPT_WORLD, deliver)

    # -- internals --------------------------------------------------------------------

    def _on_section_at_top(self, key: str) -> None:
        self._scrolled_to = key
        self._scroll_report.start()  # restarts: one report once scrolling settles

    def _report_scrolled(self) -> None:
        key = self._scrolled_to
        if key is not None and key != self._last_reported:
            self._last_reported = key
            self.sectionScrolled.emit(key)

    def _end_programmatic(self) -> None:
        if self._ready:
            self._run("postwrightPreview.endProgrammaticScroll()")

    def _run(self, script: str, callback: Callable[[object], None] | None = None) -> None:
        guarded = f"window.postwrightPreview ? JSON.stringify({script}) : null"
        assert self._page is not None  # only called once a shell has loaded
        if callback is None:
            self._page.runJavaScript(guarded, SCRIPT_WORLD)
        else:
            self._page.runJavaScript(guarded, SCRIPT_WORLD, callback)

    def _send_next_patch(self) -> None:
        if not self._ready or self._shells is None:
            return
        patch = self._patches.take()
        if patch is None:
            return
        generation = self._shells.current_url()
        arguments = ", ".join(
            json.dumps(value) for value in (list(patch.order), dict(patch.changed), patch.references_html)
        )
        self._run(
            f"postwrightPreview.applyPatch({arguments})",
            lambda result: self._on_patch_done(generation, result),
        )

    def _on_patch_done(self, generation: QUrl, result: object) -> None:
        if self._shells is None or generation != self._shells.current_url():
            return  # an answer from a page that has since been replaced
        self._patches.done()
        outcome = json.loads(result) if isinstance(result, str) else None
        if not isinstance(outcome, dict) or not outcome.get("ok"):
            log.info("Preview patch incomplete (%s); asking for a fresh shell", outcome)
            self.resyncNeeded.emit()
        self.patchApplied.emit()
        self._send_next_patch()

    def _on_load_finished(self, ok: bool) -> None:
        if self._page is None or self._shells is None:
            return
        loaded = without_fragment(self._page.url())
        if loaded != self._shells.current_url() or self._ready:
            return  # an in-page jump, or a shell that has already been replaced
        self._ready = ok
        self.shellLoaded.emit(ok)
        if not ok:
            log.warning("Preview shell failed to load")
            return
        self._name_focus_proxy()
        self._send_next_patch()
        self._send_chrome()
        if self._pending_scroll is not None:
            key, smooth = self._pending_scroll
            self._pending_scroll = None
            self.scroll_to_section(key, smooth=smooth)

    def childEvent(self, event: QChildEvent) -> None:
        super().childEvent(event)
        if event.type() == QEvent.Type.ChildPolished:
            self._name_focus_proxy()

    def _name_focus_proxy(self) -> None:
        """Chromium's widget, which takes the keyboard focus, speaks with the view's name."""
        proxy = self.focusProxy()
        if proxy is not None and not proxy.accessibleName():
            proxy.setAccessibleName(self.accessibleName() or "Preview")

    def _on_render_process_terminated(self, status: QWebEnginePage.RenderProcessTerminationStatus, code: int) -> None:
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return  # the view is closing
        log.warning("Preview page process ended (%s, exit code %s)", status, code)
        self._ready = False
        self._patches.clear()
        self.resyncNeeded.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # Only copying: the stock menu's Back/Reload/View Source would leave the shell.
        if self._page is None:
            return
        menu = QMenu(self)
        menu.addAction(self._page.action(QWebEnginePage.WebAction.Copy))
        menu.addAction(self._page.action(QWebEnginePage.WebAction.SelectAll))
        menu.exec(event.globalPos())


def _single_shot(parent: QWidget, interval_ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def _preview_urls(html: str) -> str:
    return rewrite_asset_urls(html, PREVIEW_ASSET_PREFIX) if "asset:" in html else html
