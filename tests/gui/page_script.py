"""Reading values out of the preview page in tests."""

from __future__ import annotations

from typing import Any


def page_value(qtbot: Any, window: Any, script: str) -> Any:
    """The value of a JavaScript expression in the window's preview (waits for the answer)."""
    box: list[Any] = []
    window.preview.run_in_page(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return box[0]
