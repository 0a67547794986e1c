"""GUI tests: headless Qt with WebEngine, and the app's URL schemes registered in time."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtWebEngine's sandbox cannot run as root (CI containers); the tests run it without.
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

# WebEngine must be imported, and custom schemes registered, before the QApplication exists.
import PySide6.QtWebEngineWidgets  # noqa: F401
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from editor.gui.preview import register_schemes

register_schemes()


@pytest.fixture(scope="session", autouse=True)
def delete_closed_widgets_at_end(qapp):
    """Really delete the widgets pytest-qt closed last, before WebEngine shuts down.

    pytest-qt closes each test's widgets with ``deleteLater``; the last test's would
    otherwise outlive the session and WebEngine warns about profiles with live pages.
    The clipboard is emptied too: a QMimeData made in Python (Copy for website, a paste
    test) would otherwise be deleted by the offscreen platform's clipboard after Python
    has shut down, and the run would end in a segmentation fault.
    """
    yield
    QApplication.clipboard().clear()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def hub(qtbot):  # needs the QApplication
    """The app's signal hub, for panel and dialog tests."""
    from editor.gui.hub import SignalHub

    return SignalHub()


@pytest.fixture
def settings(tmp_path):
    """The window's QSettings in a file of the test's own."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, library_path, settings):
    """The whole app on a new library (the sample post shown), once its preview has loaded."""
    from editor.app import open_window

    window = open_window(library_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.preview.is_ready, timeout=20000)
    yield window
    window.close()
    window.library.close()
