"""An exported page inside the clinic's frame, in a real browser engine at a phone's width (390 px):
no horizontal scrolling, and axe-core finds no accessibility violation.

axe-core comes from npm (``npm install`` at the project root reads package.json); the
test skips with that instruction when it is missing.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.export import export_post
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.render.site_identity import SiteIdentity

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(out, format="JPEG")
    return out.getvalue()


def _evaluate(qtbot, page: QWebEnginePage, script: str, timeout: int = 30_000):
    box: list = []
    page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed; run `npm install` in the project folder")
@pytest.mark.parametrize("colour", ["#0b6e99", "#ffd54f"])
def test_framed_page_at_390px_has_no_axe_violations_and_no_sideways_scroll(qtbot, tmp_path, colour):
    with Library.open(tmp_path / "lib.postwright", seed=False) as lib:
        logo = lib.assets.add(_jpeg((240, 96)), "image/jpeg", "logo.jpg")
        author = lib.authors.find_or_create("Jordan Ellis", credentials="PA-C", bio="Jordan sees adults in clinic.")
        lib.settings.store(SiteIdentity(
            clinic_name="Riverside Family Clinic", logo_asset_id=logo, primary_colour=colour,
            header_text="Call 555-201-3344", footer_text="12 Harbor Street\nPhone 555-201-3344",
            default_author_id=author.id))
        image = lib.assets.add(_jpeg((1600, 1000)), "image/jpeg", "walk.jpg")
        body = ("Walking after meals helps blood sugar.\n\n"
                f"![Two people walking on a park path](asset:{image})\n\n## A long table\n\n"
                "| Minutes | Effect on blood sugar after a meal | Notes for people who take insulin |\n"
                "|---|---|---|\n| 10 | Smaller rise | Check before and after |\n")
        lib.posts.create(Post(title="Walk after you eat", slug="walk", summary="Why a short walk after meals helps.",
                              body=body))
        page_path = export_post(lib, "walk", "page", tmp_path / "out" / "walk.html").path
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(390, 844)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000) as loaded:
        view.load(QUrl.fromLocalFile(str(page_path)))
    assert loaded.args == [True]
    page = view.page()
    assert _evaluate(qtbot, page, "window.innerWidth") == 390
    assert "Riverside Family Clinic" in _evaluate(qtbot, page, "document.querySelector('.site-header').innerText")
    overflow = _evaluate(qtbot, page, "document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 390px"
    page.runJavaScript(AXE.read_text(encoding="utf-8"))
    page.runJavaScript("window.__axe = null; axe.run(document, {resultTypes: ['violations']})"
                      ".then(r => { window.__axe = JSON.stringify(r.violations.map(v => "
                      "({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.html)}))); },"
                      " e => { window.__axe = JSON.stringify([{id: 'axe-error', nodes: [String(e)]}]); });")
    box: list = []

    def finished() -> bool:
        page.runJavaScript("window.__axe", 0, lambda value: box.append(value) if value else None)
        return bool(box)
    qtbot.waitUntil(finished, timeout=60_000)
    assert json.loads(box[0]) == []
