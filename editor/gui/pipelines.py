"""Background pipelines for the open post: rendering for the preview, and the checks.

Both follow the same path: an edit (re)starts a short timer; when it fires the body
is handed to a :class:`CoalescingWorker`, whose thread keeps the stateful engine
(the incremental renderer, the incremental check session) and its own read
connection to the library. Results come back on the GUI thread as signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.post.outline_rows import OutlineRows, outline_rows
from editor.core.post.sections import Section
from editor.core.render.outline import OutlineIndex
from editor.core.render.patch import PreviewPatch
from editor.gui.first_paint import after_next_paint
from editor.gui.workers import CoalescingWorker

if TYPE_CHECKING:
    from editor.core.checks import CheckSession
    from editor.core.render.render_cache import RenderCache
    from editor.core.render.renderer import IncrementalRenderer, RenderedPost

# Keys closer together than this share one render (and a render still busy coalesces the rest,
# see CoalescingWorker); a keystroke costs the render thread ~5 ms at 200,000 words, so the
# wait is a frame, not the 40 ms it was when each key re-read the whole body.
RENDER_DELAY_MS = 16
CHECK_DELAY_MS = 600  # checks wait for a pause in typing
# A post opened (or reloaded) whole reaches the preview in drafts: the sections covering its
# first DRAFT_FIRST_CHARS characters, then four times as many at each step, then the
# reference list. Chromium lays out each draft while the render thread converts the next.
DRAFT_FIRST_CHARS = 20_000
DRAFT_GROWTH = 4


def thread_library(library: Library) -> Library:
    """A connection of its own for a worker thread (the same object for an in-memory library)."""
    return library.connection()


def close_thread_library(shared: Library, own: Library | None) -> None:
    """Close a worker's connection when its thread has ended (never the shared in-memory one)."""
    if own is not None and own is not shared:
        own.close()


class _Body(Protocol):
    def text(self) -> str: ...


BodySource = str | _Body  # the text itself, or a snapshot the worker turns into text
BodyProvider = Callable[[], BodySource]


def _text(source: BodySource) -> str:
    return source if isinstance(source, str) else source.text()


@dataclass(frozen=True)
class RenderRequest:
    post: Post
    source: BodySource
    reset: bool  # a different post, or settings changed: render from scratch, reload the shell
    references_changed: bool = False
    metadata_changed: bool = False  # title, byline, banner, author, related: patch them in the page

    @property
    def body(self) -> str:
        return _text(self.source)


@dataclass(frozen=True)
class RenderResult:
    request: RenderRequest
    rendered: Any  # editor.core.render.renderer.RenderedPost
    patch: PreviewPatch | None  # None when the shell must be (re)loaded
    shell: str | None = None  # the whole preview page when ``patch`` is None (built in the render thread)
    chrome: tuple[str, str] | None = None  # (article HTML, title) after a metadata edit; see render_preview_chrome
    sections: list[Section] = field(default_factory=list)
    section_words: tuple[int, ...] = ()  # words in each section's own text (counted off the GUI thread)
    outline: OutlineRows = field(default_factory=OutlineRows)  # the outline's rows (made off the GUI thread)
    draft: bool = False  # for the preview only: more of the post follows in the same run

    @property
    def words(self) -> int:
        return sum(self.section_words)


def _merge_requests(older: RenderRequest, newer: RenderRequest) -> RenderRequest:
    """A waiting request replaced by a newer one passes on what it still had to do."""
    reset = older.reset or newer.reset
    return replace(
        newer, reset=reset, references_changed=older.references_changed or newer.references_changed,
        metadata_changed=(older.metadata_changed or newer.metadata_changed) and not reset,
    )


class _RenderJob:
    """Runs in the render thread; owns the renderer and its caches."""

    def __init__(self, library: Library, send_draft: Callable[[RenderResult], None]) -> None:
        self._library = library
        self._send_draft = send_draft  # called in the render thread
        self._thread_library: Library | None = None
        self._renderer: IncrementalRenderer | None = None
        self._last: RenderedPost | None = None
        self._outline = OutlineIndex()
        self._cache: RenderCache | None = None  # made and used in the render thread

    def __call__(self, request: RenderRequest) -> RenderResult:
        from editor.core.render.render_cache import preview_cache
        from editor.core.render.renderer import IncrementalRenderer
        from editor.core.render.site_settings import ExportSettings

        if self._thread_library is None:
            self._thread_library = thread_library(self._library)
            self._cache = preview_cache()
        lib = self._thread_library
        renderer = self._renderer
        reset = request.reset or renderer is None
        if renderer is not None and not reset and request.metadata_changed:
            # A new citation display (or style) changes every section: render the post anew.
            options = ExportSettings.from_settings(lib.settings)
            reset = (options.display_for(request.post) != renderer.display
                     or options.csl_style != renderer.style)
        if reset or renderer is None:
            options = ExportSettings.from_settings(lib.settings)
            renderer = self._renderer = IncrementalRenderer(
                lib.references.resolve_many, display=options.display_for(request.post), style=options.csl_style,
                cache=self._cache)
            self._last = None
        elif request.references_changed:
            renderer.invalidate_references()
        body = request.body
        if reset and len(body) > DRAFT_FIRST_CHARS * 2:
            self._send_drafts(request, renderer, lib, body)
        rendered = renderer.render(body)
        patch = None if self._last is None else renderer.patch_since(self._last, rendered)
        shell = chrome = None
        if patch is None:
            shell = _shell(lib, request.post, rendered, len(body))
        elif request.metadata_changed:
            from editor.core.library.page_inputs import article_inputs
            from editor.core.render.page import render_preview_chrome

            chrome = render_preview_chrome(article_inputs(lib, request.post), rendered)
        self._last = rendered
        sections, counts = self._outline.sections(renderer.tops, body)
        return RenderResult(request, rendered, patch, shell, chrome, sections, counts, outline_rows(sections, counts))

    def _send_drafts(self, request: RenderRequest, renderer: IncrementalRenderer, lib: Library, body: str) -> None:
        chars = DRAFT_FIRST_CHARS
        while True:
            draft = renderer.render_draft(body, chars)
            if self._last is None:
                shell = _shell(lib, request.post, draft, len(body))
                self._send_draft(RenderResult(request, draft, None, shell, draft=True))
            elif len(draft.sections) > len(self._last.sections):
                self._send_draft(RenderResult(request, draft, renderer.patch_since(self._last, draft), draft=True))
            self._last = draft
            if chars >= len(body):
                return
            chars = min(chars * DRAFT_GROWTH, len(body))


def _shell(lib: Library, post: Post, rendered: RenderedPost, markdown_length: int) -> str:
    from editor.core.library.page_inputs import article_inputs
    from editor.core.render.page import render_preview_shell

    return render_preview_shell(article_inputs(lib, post), rendered, markdown_length)


class RenderPipeline(QObject):
    finished = Signal(object)  # RenderResult
    _draft = Signal(object)  # emitted in the render thread, relayed to ``finished`` in the GUI thread

    def __init__(self, library: Library, body_provider: BodyProvider, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._body_provider = body_provider
        self._post: Post | None = None
        self._held_body: BodySource | None = None  # the whole-post render waits for a paint (set_post)
        self._reset = True
        self._references_changed = False
        self._metadata_changed = False
        self._timer = QTimer(self, singleShot=True, interval=RENDER_DELAY_MS, timeout=self._submit)
        self._draft.connect(self.finished)
        self._job = _RenderJob(library, self._draft.emit)
        self._worker = CoalescingWorker(self._job, "render", self, merge=_merge_requests)
        self._worker.resultReady.connect(self.finished)

    @property
    def failed(self) -> SignalInstance:
        return self._worker.failed

    def set_post(self, post: Post, *, body: BodySource | None = None, after: QWidget | None = None) -> None:
        """A new post (or new settings): render it whole and reload the preview.

        ``body``: the text just put in the editor, if the caller has it (saves copying it back).
        ``after``: start once this widget has painted (see ``after_next_paint``), not now.
        """
        self._post = post
        self._reset = True
        if after is None:
            self._submit(body)
            return
        self._held_body = body
        after_next_paint(after, self._release)

    def _release(self) -> None:
        if self._held_body is not None:
            self._submit(self._held_body)

    def update_post(self, post: Post) -> None:
        """Metadata changed: the header, byline, banner, author box and related posts are
        rebuilt in the render thread and patched into the page like sections."""
        self._post = post
        self._metadata_changed = True
        self.schedule()

    def references_changed(self) -> None:
        self._references_changed = True
        self.schedule()

    def schedule(self) -> None:
        if self._post is not None:
            self._timer.start()

    def _submit(self, body: BodySource | None = None) -> None:
        self._timer.stop()
        self._held_body = None
        if self._post is None:
            return
        body = self._body_provider() if body is None else body
        request = RenderRequest(self._post, body, self._reset, self._references_changed,
                                self._metadata_changed and not self._reset)
        self._reset = self._references_changed = self._metadata_changed = False
        self._worker.submit(request)

    def stop(self) -> None:
        self._timer.stop()
        self._worker.stop()
        close_thread_library(self._job._library, self._job._thread_library)  # its own job
        if self._job._cache is not None:
            self._job._cache.close()


@dataclass(frozen=True)
class CheckRequest:
    post: Post
    source: BodySource

    @property
    def body(self) -> str:
        return _text(self.source)


class _CheckJob:
    def __init__(self, library: Library) -> None:
        self._library = library
        self._thread_library: Library | None = None
        self._session: CheckSession | None = None

    def __call__(self, request: CheckRequest) -> list:
        from editor.core.checks import CheckSession, check_post
        from editor.core.checks.cache import FindingCache

        if self._thread_library is None:
            self._thread_library = thread_library(self._library)
            self._session = CheckSession(store=FindingCache(self._thread_library))
        return check_post(self._thread_library, request.post.replace(body=request.body), session=self._session,
                          today=dt.date.today())


class CheckPipeline(QObject):
    finished = Signal(object)  # list[Finding]

    def __init__(self, library: Library, body_provider: BodyProvider, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._body_provider = body_provider
        self._post: Post | None = None
        self._held = False
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS, timeout=self._submit)
        self._job = _CheckJob(library)
        self._worker = CoalescingWorker(self._job, "checks", self)
        self._worker.resultReady.connect(self.finished)

    @property
    def failed(self) -> SignalInstance:
        return self._worker.failed

    def set_post(self, post: Post, *, now: bool = False, body: BodySource | None = None) -> None:
        self._post = post
        self._held = False
        if now:
            self._submit(body)
        else:
            self.schedule()

    def hold(self, post: Post) -> None:
        """``post`` is open, but edits schedule no check until the next ``set_post``."""
        self._post = post
        self._held = True
        self._timer.stop()

    @property
    def held(self) -> bool:
        return self._held

    def schedule(self) -> None:
        if self._post is not None and not self._held:
            self._timer.start()

    def _submit(self, body: BodySource | None = None) -> None:
        self._timer.stop()
        if self._post is not None:
            self._worker.submit(CheckRequest(self._post, self._body_provider() if body is None else body))

    def stop(self) -> None:
        self._timer.stop()
        self._worker.stop()
        close_thread_library(self._job._library, self._job._thread_library)  # its own job
