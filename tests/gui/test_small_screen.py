"""On a 1366×768 laptop screen the first window fits and every panel's buttons can be reached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

# Runs in its own process: the screen size is fixed when Qt starts (offscreen, one 1366×768 screen).
SCRIPT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QRect, QSettings, QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget
    from editor.app import open_window

    library, ini = sys.argv[1], sys.argv[2]
    window = open_window(library, QSettings(ini, QSettings.Format.IniFormat))
    window.show()

    def report():
        available = window.screen().availableGeometry()
        # A dock behind another dock's tab is not on screen: its buttons are reached by its tab.
        hidden_tabs = [d for d in window.findChildren(QDockWidget) if d.isVisible() and d.visibleRegion().isEmpty()]
        buttons = []
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or any(d.isAncestorOf(button) for d in hidden_tabs):
                continue
            shown = button.visibleRegion().boundingRect()
            in_window = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
            buttons.append({
                "name": button.objectName() or button.text() or button.toolTip(),
                "fully_shown": shown == button.rect(),
                "in_window": window.rect().contains(in_window),
            })
        frame = window.frameGeometry()
        print(json.dumps({
            "available": [available.x(), available.y(), available.width(), available.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "fits": available.contains(frame),
            "docks": sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible()),
            "buttons": buttons,
        }))
        QApplication.instance().quit()

    QTimer.singleShot(500, report)
    QApplication.instance().exec()
    window.library.close()
    """
)


def test_first_window_fits_a_1366x768_screen_with_every_button_visible(tmp_path: Path):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [
        {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1}
    ]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "library.postwright"), str(tmp_path / "settings.ini")],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["available"] == [0, 0, 1366, 768]
    assert report["fits"], report["frame"]
    assert {"referencesDock", "libraryDock", "outlineDock", "problemsDock"} <= set(report["docks"])
    names = {button["name"] for button in report["buttons"]}
    assert {"referencesInsert", "referencesAdd", "referencesImport", "referencesEdit"} <= names, names
    assert [b["name"] for b in report["buttons"] if not (b["fully_shown"] and b["in_window"])] == []
