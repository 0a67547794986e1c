"""The allow-list and asset URLs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor.core.render.sanitize import asset_ids, rewrite_asset_urls, sanitize


def test_allows_structure_sup_tables_and_asset_images() -> None:
    html = (
        '<h3 id="who-was-studied">Who</h3><p>a<sup>1</sup><sub>2</sub></p>'
        '<table><thead><tr><th style="text-align: left;">A</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>"
        '<p><img alt="chart" src="asset:12"></p>'
    )
    assert sanitize(html) == html.replace("text-align: left;", "text-align:left")  # nh3 re-serializes CSS


def test_removes_scripts_handlers_and_bad_urls() -> None:
    html = (
        '<p onclick="x()">t<script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:alert(1)">j</a><a href="data:text/html,x">d</a>'
        '<img src="https://tracker.example/p.gif"><img src="data:image/png;base64,AA"></p>'
        '<iframe src="https://e.com"></iframe><form><input name="q"></form><object data="x"></object>'
    )
    out = sanitize(html)
    for bad in ("onclick", "script", "alert", "<style", "javascript:", "data:", "iframe", "<form",
                "<input", "<object", "tracker"):
        assert bad not in out, bad


def test_ids_only_as_slugs_on_headings() -> None:
    out = sanitize('<h2 id="Bad Id">x</h2><h3 id="reference-list">y</h3><p id="p1">z</p><h4 id="ok-2">w</h4>')
    assert out == '<h2>x</h2><h3>y</h3><p>z</p><h4 id="ok-2">w</h4>'


def test_rewrite_asset_urls() -> None:
    html = '<img src="asset:3" alt="a"><a href="asset:7">pdf</a><img src="asset:3">'
    assert asset_ids(html) == [3, 7]
    assert rewrite_asset_urls(html, "postwright-asset:") == (
        '<img src="postwright-asset:3" alt="a"><a href="postwright-asset:7">pdf</a>'
        '<img src="postwright-asset:3">'
    )
    assert 'src="assets/3.png"' in rewrite_asset_urls(html, lambda i: f"assets/{i}.png")


@given(st.text(max_size=80), st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_responsive_images_escape_whatever_the_alt_text_is(alt, url_tail):
    import html as html_module

    from editor.core.render.responsive import ResponsiveImage, responsive_images

    image = ResponsiveImage((("a.webp", 360),), (("a" + url_tail + ".jpg", 360),), 360, 240)
    body = f'<p><img alt="{html_module.escape(alt)}" src="asset:7"></p>'
    out = responsive_images(body, lambda asset_id: image, 720)
    tag = out[out.index("<img"):]
    assert out.count("<img") == 1 and "<picture>" in out
    assert f'alt="{html_module.escape(alt)}"' in tag  # carried over, escaped once
    assert "<script" not in out.replace("&lt;script", "")
