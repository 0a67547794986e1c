"""Library images reach the preview through postwright-asset:<id>, and only images."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from preview_helpers import make_shell, section_html

from editor.core.foundation.errors import NotFoundError
from editor.core.render.patch import PreviewPatch
from editor.gui.preview import asset_url, parse_asset_id, register_schemes

ROOT = Path(__file__).resolve().parents[3]


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


class Store:
    """A loader like ``Library.assets.get``: raises NotFoundError for unknown ids."""

    def __init__(self, items: dict[int, tuple[bytes, str]]) -> None:
        self.items = items
        self.asked: list[int] = []

    def __call__(self, asset_id: int) -> tuple[bytes, str] | None:
        self.asked.append(asset_id)
        if asset_id == 99:
            return None
        if asset_id not in self.items:
            raise NotFoundError(f"No image with id {asset_id} in the library.")
        return self.items[asset_id]


def image_state(page, element_id: str) -> list:
    return page.js(
        f"(() => {{ const i = document.getElementById('{element_id}');"
        " return [i.complete, i.naturalWidth, i.naturalHeight]; })()"
    )


def test_asset_scheme_serves_bytes_from_the_loader(make_view, qtbot) -> None:
    store = Store({7: (png(3, 2), "image/png")})
    page = make_view(asset_loader=store)
    page.load(make_shell([section_html("intro", None, f'<p><img id="a" src="{asset_url(7)}" alt="x"></p>')]))
    qtbot.waitUntil(lambda: image_state(page, "a") == [True, 3, 2], timeout=5000)
    assert store.asked == [7]


def test_missing_failing_and_non_image_assets_show_as_broken(make_view, qtbot) -> None:
    store = Store({5: (b"<script>alert(1)</script>", "text/html"), 6: (png(4, 4), "image/png")})
    page = make_view(asset_loader=store)
    images = "".join(f'<img id="i{n}" src="postwright-asset:{n}">' for n in (99, 404, 5))
    page.load(make_shell([section_html("intro", None, images + '<img id="bad" src="postwright-asset:x1">')]))
    for element in ("i99", "i404", "i5", "bad"):
        qtbot.waitUntil(lambda element=element: image_state(page, element) == [True, 0, 0], timeout=5000)
    assert sorted(store.asked) == [5, 99, 404]
    # the view still works afterwards, and a patch can bring in a new image
    page.patch(
        PreviewPatch(
            order=("intro",),
            changed={"intro": section_html("intro", None, '<img id="n" src="postwright-asset:6.png">')},
        )
    )
    qtbot.waitUntil(lambda: image_state(page, "n") == [True, 4, 4], timeout=5000)


def test_loader_can_be_swapped(make_view, qtbot) -> None:
    page = make_view()
    page.view.set_asset_loader(Store({1: (png(2, 5), "image/png")}))
    page.load(make_shell([section_html("intro", None, '<img id="a" src="postwright-asset:1">')]))
    qtbot.waitUntil(lambda: image_state(page, "a") == [True, 2, 5], timeout=5000)


@settings(max_examples=50)
@given(st.integers(min_value=0, max_value=10**15))
def test_asset_url_round_trips(asset_id: int) -> None:
    assert parse_asset_id(asset_url(asset_id)) == asset_id


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postwright-asset:12", 12),
        ("postwright-asset:12.jpeg", 12),
        ("postwright-asset:asset/12?v=2#x", 12),
        ("postwright-asset:12/../13", None),
        ("postwright-asset:-1", None),
        ("postwright-asset:abc", None),
        ("postwright-asset://12", None),
        ("asset:12", None),
        ("http://example.org/12", None),
    ],
)
def test_parse_asset_id(url: str, expected: int | None) -> None:
    assert parse_asset_id(url) == expected


def test_register_schemes_is_idempotent_and_refuses_to_be_late() -> None:
    register_schemes()  # already done in conftest: a no-op, not an error
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from editor.gui.preview import register_schemes\n"
        "try:\n    register_schemes()\nexcept RuntimeError as e:\n    print('refused:', e)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    assert "refused: Preview URL schemes must be registered before the QApplication" in result.stdout
