"""The page-side script and the QObject it reports to over QWebChannel.

The script (``resources/preview/preview.js`` with Qt's ``qwebchannel.js`` in front)
runs in the ApplicationWorld: it shares the DOM with the page but none of its
globals, so nothing in a post can reach it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebEngineCore import QWebEngineScript

from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.paths import resources_dir

SCRIPT_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
BRIDGE_NAME = "previewBridge"
_MAX_KEY_LENGTH = 512


@cache
def page_script_source() -> str:
    """qwebchannel.js followed by preview.js, as one script."""
    path = resources_dir() / "preview" / "preview.js"
    try:
        own = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PostwrightError(f"The preview script {path} cannot be read: {error.strerror}.") from error
    channel = QFile(":/qtwebchannel/qwebchannel.js")
    if not channel.open(QIODevice.OpenModeFlag.ReadOnly):
        raise PostwrightError("Qt's qwebchannel.js is missing from this PySide6 installation.")
    try:
        channel_source = bytes(channel.readAll().data()).decode("utf-8")
    finally:
        channel.close()
    return f"{channel_source}\n;\n{own}"


def page_script() -> QWebEngineScript:
    script = QWebEngineScript()
    script.setName("postwright-preview")
    script.setWorldId(SCRIPT_WORLD)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    script.setSourceCode(page_script_source())
    return script


class PreviewBridge(QObject):
    """What the page script may call: it can only report which section is at the top."""

    sectionAtTopChanged = Signal(str)

    @Slot(str)
    def sectionAtTop(self, key: str) -> None:  # called from JavaScript
        if isinstance(key, str) and 0 < len(key) <= _MAX_KEY_LENGTH:
            self.sectionAtTopChanged.emit(key)
