"""Nothing in a post runs script, reaches the network or navigates the preview away."""

from __future__ import annotations

import http.server
import logging
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from preview_helpers import SETTLED_JS, click_at, make_shell, paragraphs, section_html, wait_until_settled
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.render.patch import PreviewPatch

PWN = "document.title='pwned';document.documentElement.dataset.pwned='1'"
HOSTILE = (
    f"<script>{PWN}</script>"
    f'<img id="bad-img" src="x" onerror="{PWN}">'
    f'<svg onload="{PWN}"><circle r="1"/></svg>'
    f'<p><a id="js-link" href="javascript:{PWN}">click me</a></p>'
    f'<iframe srcdoc="<script>parent.{PWN}</script>"></iframe>'
    f'<object data="data:text/html,<script>{PWN}</script>"></object>'
    f'<details open ontoggle="{PWN}"><summary>x</summary></details>'
    f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">'
)


class Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[http.server.HTTPServer]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    httpd.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def not_pwned(page) -> bool:
    return page.js("[document.title, document.documentElement.dataset.pwned || null]") == ["Preview test", None]


def test_hostile_payloads_do_run_in_a_plain_view(qtbot) -> None:
    """The control: these payloads are live, so their silence in the preview means something."""
    view = QWebEngineView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loadFinished, timeout=15_000):
        view.setHtml(f"<html><head><title>Preview test</title></head><body>{HOSTILE}</body></html>")
    qtbot.waitUntil(lambda: view.title() == "pwned", timeout=5000)


@pytest.mark.parametrize("csp_in_markup", [True, False])
def test_hostile_shell_runs_no_script(page, qtbot, csp_in_markup: bool) -> None:
    page.load(make_shell([section_html("intro", None, HOSTILE + paragraphs(2))], csp=csp_in_markup))
    point = page.js(
        "(() => { const r = document.getElementById('js-link').getBoundingClientRect();"
        " return [r.left + 3, r.top + r.height / 2]; })()"
    )
    click_at(page, point)
    page.js("(document.getElementById('js-link').click(), true)")
    wait_until_settled(page)
    assert not_pwned(page)
    assert page.view.title() == "Preview test"
    assert page.opened == []


def test_page_script_is_off_even_without_any_policy(page, qtbot) -> None:
    """Another page of the preview's profile, no CSP at all: the disabled page JavaScript alone holds."""
    extra = QWebEnginePage(page.view.page().profile())
    try:
        with qtbot.waitSignal(extra.loadFinished, timeout=15_000):
            extra.setHtml(f"<html><head><title>Preview test</title></head><body>{HOSTILE}</body></html>")
        settled: list[object] = []
        extra.runJavaScript(SETTLED_JS, QWebEngineScript.ScriptWorldId.ApplicationWorld, settled.append)
        qtbot.waitUntil(lambda: settled == [True], timeout=10_000)  # loadFinished came after every image
        assert extra.title() == "Preview test"
    finally:
        del extra


def test_hostile_patch_runs_no_script(page, qtbot) -> None:
    page.load(make_shell([section_html("intro", None, "<p>Fine.</p>")]))
    page.patch(
        PreviewPatch(
            order=("intro",),
            changed={"intro": section_html("intro", None, HOSTILE)},
            references_html=f'<li><img src="y" onerror="{PWN}"></li>',
        )
    )
    assert page.js("!!document.getElementById('bad-img')") is True  # the markup is there...
    wait_until_settled(page)
    assert not_pwned(page)  # ...and inert


def test_page_requests_to_the_network_never_leave(page, qtbot, server) -> None:
    base = f"http://127.0.0.1:{server.server_port}"
    head = f'<link rel="stylesheet" href="{base}/style.css"><link rel="icon" href="{base}/favicon.ico">'
    body = (
        f'<img src="{base}/pixel.png"><p style="background: url({base}/bg.png)">x</p>'
        f'<video src="{base}/clip.mp4" autoplay></video>'
    )
    page.load(make_shell([section_html("intro", None, body)], csp=False, head=head))
    page.js(
        f"(window.testFetch = fetch('{base}/fetch').then(() => 'fetched', () => 'refused')"
        f".then(outcome => {{ window.testFetched = outcome; }}),"
        f" window.testImage = new Image(), window.testImage.src = '{base}/script-image.png', true)"
    )
    wait_until_settled(page)
    qtbot.waitUntil(lambda: page.js("[window.testFetched, window.testImage.complete]") == ["refused", True],
                    timeout=10_000)
    assert server.paths == []
    urllib.request.urlopen(f"{base}/control", timeout=5).close()  # the control: the server records
    assert server.paths == ["/control"]


def test_interceptor_blocks_what_no_policy_stops(page, qtbot, server) -> None:
    """A page of the preview's profile without any CSP: only the interceptor stands in the way."""
    base = f"http://127.0.0.1:{server.server_port}"
    extra = QWebEnginePage(page.view.page().profile())
    try:
        with qtbot.waitSignal(extra.loadFinished, timeout=15_000):
            extra.setHtml(
                f'<img src="{base}/pixel.png"><link rel="stylesheet" href="{base}/style.css">'
                f'<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            )
        qtbot.waitUntil(lambda: f"{base}/pixel.png" in page.view.blocked_requests(), timeout=5000)
        qtbot.waitUntil(lambda: f"{base}/style.css" in page.view.blocked_requests(), timeout=5000)
        assert not any(url.startswith("data:") for url in page.view.blocked_requests())
        assert server.paths == []  # the interceptor answered before any request could leave
    finally:
        del extra


def test_without_the_interceptor_the_same_page_reaches_the_server(qtbot, server) -> None:
    """The control for the test above: an ordinary page does fetch from the loopback server."""
    view = QWebEngineView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loadFinished, timeout=15_000):
        view.setHtml(f'<img src="http://127.0.0.1:{server.server_port}/pixel.png">')
    qtbot.waitUntil(lambda: "/pixel.png" in server.paths, timeout=5000)


def test_clicked_web_link_opens_outside_and_never_navigates(page, qtbot, server) -> None:
    url = f"http://127.0.0.1:{server.server_port}/article"
    body = (
        f'<p><a id="web" href="{url}">web</a></p><p><a id="blank" target="_blank" href="{url}?new">new</a></p>'
        '<p><a id="file" href="file:///etc/passwd">file</a></p>'
    )
    page.load(make_shell([section_html("intro", None, body)]))
    shell_url = page.view.url()
    for element, expected in (("web", [url]), ("blank", [url, url + "?new"]), ("file", [url, url + "?new"])):
        point = page.js(
            f"(() => {{ const r = document.getElementById('{element}').getBoundingClientRect();"
            " return [r.left + 3, r.top + r.height / 2]; })()"
        )
        click_at(page, point)
        qtbot.waitUntil(lambda expected=expected: [u.toString() for u in page.opened] == expected, timeout=5000)
    # The page handed each link out while deciding on its navigation request, and refused it there.
    assert page.view.url() == shell_url
    assert server.paths == []


def test_reload_and_back_do_not_leave_the_patched_page(page, qtbot, caplog) -> None:
    page.load(make_shell([section_html("intro", None, "<p>Original.</p>")]))
    page.patch(PreviewPatch(order=("intro",), changed={"intro": section_html("intro", None, "<p>Edited.</p>")}))
    with caplog.at_level(logging.INFO, logger="editor.gui.preview.security"):
        page.view.page().triggerAction(QWebEnginePage.WebAction.Back)
        page.view.page().triggerAction(QWebEnginePage.WebAction.Reload)
        # The reload's navigation request (after the back, which has no history to go to) is refused.
        qtbot.waitUntil(lambda: "refused navigation" in caplog.text, timeout=5000)
    assert page.js("document.querySelector('#intro p').textContent") == "Edited."


def test_profile_is_private_and_stripped_down(page) -> None:
    web_page = page.view.page()
    assert web_page.profile().isOffTheRecord()
    assert web_page.profile() is not QWebEngineView().page().profile()
    settings = web_page.settings()
    attr = QWebEngineSettings.WebAttribute
    for off in (
        attr.JavascriptEnabled,
        attr.LocalContentCanAccessRemoteUrls,
        attr.LocalContentCanAccessFileUrls,
        attr.PluginsEnabled,
        attr.JavascriptCanOpenWindows,
        attr.NavigateOnDropEnabled,
    ):
        assert settings.testAttribute(off) is False, off
