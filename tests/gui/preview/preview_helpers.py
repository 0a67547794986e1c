"""Preview test helpers: shells built like the renderer's, and a Page that drives a PreviewView."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl

from editor.gui.preview import PREVIEW_CSP, PreviewView

LOAD_TIMEOUT_MS = 15_000


def section_html(key: str, title: str | None, body: str) -> str:
    """One top-level section as the renderer writes it (``title`` None for the preamble)."""
    heading = f'<h2 id="{key}-heading">{html.escape(title)}</h2>' if title else ""
    return f'<section id="{key}" class="post-section">{heading}{body}</section>'


def paragraphs(count: int, words: int = 60, tag: str = "") -> str:
    text = " ".join(f"word{tag}{i}" for i in range(words))
    return "".join(f"<p>{text}</p>" for _ in range(count))


def make_shell(
    sections: list[str],
    references: str = "",
    *,
    csp: bool = True,
    head: str = "",
    title: str = "Preview test",
) -> str:
    """A preview-mode shell with the renderer's DOM contract."""
    policy = f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_CSP}">' if csp else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"{policy}<title>{html.escape(title)}</title>{head}</head><body><article>"
        f'<div id="post-body">{"".join(sections)}</div>'
        f'<section class="references-section"><h2>References</h2>'
        f'<ol id="reference-list" class="references">{references}</ol></section>'
        "</article></body></html>"
    )


def standard_sections(count: int = 12, per_section: int = 8) -> list[str]:
    sections = [section_html("intro", None, paragraphs(2, tag="i"))]
    sections += [section_html(f"part-{n}", f"Part {n}", paragraphs(per_section, tag=str(n))) for n in range(1, count)]
    return sections


class Page:
    """Drives a PreviewView from a test: load, evaluate script, wait for patches."""

    def __init__(self, view: PreviewView, qtbot) -> None:
        self.view = view
        self.qtbot = qtbot
        self.opened: list[QUrl] = []

    def load(self, shell: str) -> None:
        with self.qtbot.waitSignal(self.view.shellLoaded, timeout=LOAD_TIMEOUT_MS) as blocker:
            self.view.load_shell(shell)
        assert blocker.args == [True]
        self.qtbot.waitUntil(lambda: self.js("!!window.postwrightPreview") is True, timeout=LOAD_TIMEOUT_MS)

    def js(self, expression: str, timeout: int = 5000) -> object:
        """Evaluate ``expression`` in the preview's script world; returns its JSON value."""
        box: list[object] = []
        self.view.run_in_page(expression, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=timeout)
        return box[0]

    def patch(self, patch, timeout: int = 5000) -> None:
        with self.qtbot.waitSignal(self.view.patchApplied, timeout=timeout):
            self.view.apply_patch(patch)

    def section_ids(self) -> list[str]:
        return self.js("Array.from(document.querySelectorAll('#post-body > section')).map(s => s.id)")


def click_at(page: Page, point: list[float]) -> None:
    """A real left click at viewport coordinates ``point`` in the preview."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    wait_until_takes_input(page)
    target = page.view.focusProxy() or page.view
    QTest.mouseClick(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(point[0]), round(point[1]))
    )


SETTLED_JS = "document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)"


def wait_until_settled(page: Page) -> None:
    """Wait until the page has loaded and every image has finished (loaded or failed).

    By then anything the markup could set off (an inline script, an image's onerror) has had its turn,
    so a test can check that nothing ran without waiting a fixed time.
    """
    page.qtbot.waitUntil(lambda: page.js(SETTLED_JS) is True, timeout=10_000)


def wait_until_takes_input(page: Page) -> None:
    """Wait until the page's renderer handles input: a freshly shown view drops early mouse events.

    Moves the mouse over the view until the page sees a ``mousemove``; clicks and wheel turns sent
    after that arrive.
    """
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    page.js(
        "(window.postwrightTestPointer = false, document.addEventListener('mousemove',"
        " () => { window.postwrightTestPointer = true; }), true)"
    )
    target = page.view.focusProxy() or page.view
    moves = iter(range(10**6))

    def seen() -> bool:
        step = next(moves)
        QTest.mouseMove(target, QPoint(20 + step % 40, 20 + step % 30))
        return page.js("window.postwrightTestPointer") is True

    page.qtbot.waitUntil(seen, timeout=15_000)


def top_of(page: Page, selector: str) -> float:
    """Where the element's top is in the viewport (0: at the top), in CSS pixels."""
    return page.js(f"document.querySelector({selector!r}).getBoundingClientRect().top")
