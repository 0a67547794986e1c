"""``resources/preview/shows_text.js``, the page-side wait the app's probe and the benchmarks share,
in a real QWebEngineView: asked before any page has loaded, it answers null and keeps working."""

from __future__ import annotations

import json

from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.foundation.paths import resource

MARKER = "zq the last line zq"
WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld


def run(qtbot, view: QWebEngineView, script: str) -> object:
    """Run ``script`` in the page and wait for its answer."""
    answers: list[object] = []
    view.page().runJavaScript(script, WORLD, lambda value: answers.append(value))
    qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    return answers[0]


def ask(qtbot, view: QWebEngineView) -> object:
    script = resource("preview", "shows_text.js").read_text(encoding="utf-8").replace("MARKER", json.dumps(MARKER))
    return run(qtbot, view, script)


def test_asked_while_the_page_has_no_document_element_it_keeps_watching_until_the_text_shows(qtbot):
    """A page between documents (ReText's preview while it loads) has no document element yet: the
    script answers "not yet" and asks again next time, instead of failing once and never seeing it."""
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=10_000):
        view.setHtml("<html><body><p>First line.</p></body></html>")
    run(qtbot, view, "document.removeChild(document.documentElement); 0")
    assert not str(ask(qtbot, view) or "").startswith("{")

    run(qtbot, view, "var root = document.createElement('html'); document.appendChild(root);"
                     f"root.appendChild(document.createElement('body')).innerHTML = '<p>{MARKER}</p>'; 0")
    seen: list[dict] = []

    def shown() -> bool:
        answer = ask(qtbot, view)
        if isinstance(answer, str) and answer.startswith("{"):
            state = json.loads(answer)
            if state.get("frame") is not None:
                seen.append(state)
        return bool(seen)

    qtbot.waitUntil(shown, timeout=10_000)
    assert seen[0]["dom"] <= seen[0]["layout"] <= seen[0]["frame"]
