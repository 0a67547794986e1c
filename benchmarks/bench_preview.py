"""Preview update speed on a 50,000-word post: patching one section versus reloading the page.

    python benchmarks/bench_preview.py [--words 50000] [--patches 60] [--reloads 7]

Measures, in a shown PreviewView (offscreen):
- patch: from ``apply_patch`` of one changed section to the page's answer that it has the
  new section (JavaScript round trip, DOM replaced, layout done to keep the reader's place);
- full reload via ``setHtml`` in a plain QWebEngineView (load to ``loadFinished``);
- full reload via ``PreviewView.load_shell`` (the same page through the shell scheme).
Target (issue "The desktop app"): the preview shows an edit ≤ 150 ms after typing stops.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PySide6.QtWebEngineWidgets  # noqa: F401 - before the QApplication
from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from benchmarks.articles import generate_article, reference_items
from benchmarks.report import update_section
from editor.core.render.renderer import IncrementalRenderer, RenderedPost
from editor.gui.preview import PREVIEW_CSP, PreviewView, register_schemes

STYLE = "body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem}"


def shell(rendered: RenderedPost) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_CSP}">'
        f"<title>Benchmark</title><style>{STYLE}</style></head><body><article>"
        f"{rendered.body_html}<section class=\"references-section\"><h2>References</h2>"
        f"{rendered.reference_list_html}</section></article></body></html>"
    )


def wait_for(signal: SignalInstance, start: Callable[[], None], timeout_ms: int = 30_000) -> float:
    """Seconds from calling ``start`` until ``signal`` fires."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    guard = QTimer(singleShot=True, interval=timeout_ms)
    guard.timeout.connect(loop.quit)
    guard.start()
    began = time.perf_counter()
    start()
    loop.exec()
    elapsed = time.perf_counter() - began
    signal.disconnect(loop.quit)
    if not guard.isActive():
        raise RuntimeError("timed out waiting for the preview")
    guard.stop()
    return elapsed


def evaluate(view: PreviewView, script: str) -> object:
    box: list[object] = []
    loop = QEventLoop()
    view.run_in_page(script, lambda value: (box.append(value), loop.quit()))
    if not box:
        loop.exec()
    return box[0]


def edit_section(body: str, index: int, revision: int) -> str:
    """``body`` with one word added to the first paragraph of ``##`` section ``index``."""
    headings = [m.end() for m in re.finditer(r"^## .*$", body, flags=re.M)]
    at = body.index("\n\n", headings[index % len(headings)]) + 2
    return f"{body[:at]}edit{revision} {body[at:]}"


def ms(seconds: float) -> float:
    return seconds * 1000


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--patches", type=int, default=60)
    parser.add_argument("--reloads", type=int, default=7)
    parser.add_argument("--no-report", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()

    register_schemes()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    items = reference_items()
    renderer = IncrementalRenderer(lambda keys: {key: items[key] for key in keys if key in items})
    body = generate_article(args.words)
    shown = renderer.render(body)
    page_html = shell(shown)

    view = PreviewView()
    view.resize(1000, 800)
    view.show()
    wait_for(view.shellLoaded, lambda: view.load_shell(page_html))
    middle = int(evaluate(view, "Math.round(document.documentElement.scrollHeight / 2)"))
    evaluate(view, f"(window.scrollTo({{top: {middle}, behavior: 'instant'}}), window.scrollY)")
    scroll_before = evaluate(view, "window.scrollY")

    patch_times = []
    sections = len(shown.sections) - 1
    for revision in range(args.patches):
        # sections below the reader's place, so the kept scroll position must not move
        index = sections // 2 + 3 + revision % max(1, sections // 2 - 4)
        body = edit_section(body, index, revision)
        current = renderer.render(body)
        patch = renderer.patch_since(shown, current)
        shown = current
        patch_times.append(wait_for(view.patchApplied, lambda patch=patch: view.apply_patch(patch)))
    scroll_after = evaluate(view, "window.scrollY")
    final_ok = evaluate(view, f"document.getElementById('post-body').textContent.includes('edit{args.patches - 1}')")

    reload_times = []
    for _ in range(args.reloads):
        reload_times.append(wait_for(view.shellLoaded, lambda: view.load_shell(shell(shown))))
    plain = QWebEngineView()
    plain.resize(1000, 800)
    plain.show()
    html_now = shell(shown)
    set_html_times = [wait_for(plain.loadFinished, lambda: plain.setHtml(html_now)) for _ in range(args.reloads)]
    words = len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", "".join(s.html for s in shown.sections))))

    median_patch = ms(statistics.median(patch_times))
    lines = [
        "## Preview (`benchmarks/bench_preview.py`)",
        "",
        f"A {words:,}-word post ({len(shown.sections)} top-level sections, {len(html_now) / 1e6:.2f} MB of HTML), "
        f"shown in a {view.width()}×{view.height()} offscreen PreviewView, scrolled to the middle.",
        "",
        "| Update | median | p95 | runs |",
        "|---|---|---|---|",
        f"| Patch one changed section (`apply_patch` → page confirms) | {median_patch:.1f} ms | "
        f"{ms(percentile(patch_times, 0.95)):.1f} ms | {len(patch_times)} |",
        f"| Full reload, `setHtml` in a plain QWebEngineView | {ms(statistics.median(set_html_times)):.0f} ms | "
        f"{ms(max(set_html_times)):.0f} ms (max) | {len(set_html_times)} |",
        f"| Full reload, `PreviewView.load_shell` | {ms(statistics.median(reload_times)):.0f} ms | "
        f"{ms(max(reload_times)):.0f} ms (max) | {len(reload_times)} |",
        "",
        f"Scroll position across the {len(patch_times)} patches: {scroll_before:.0f} px before, "
        f"{scroll_after:.0f} px after (a reload returns to the top). Last edit visible: {final_ok}. "
        "Target: an edit shows ≤ 150 ms after typing stops; the patch is a small part of that budget.",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_report:
        update_section("preview", text)
    plain.deleteLater()
    view.deleteLater()
    QTimer.singleShot(0, app.quit)
    app.exec()


if __name__ == "__main__":
    main()
