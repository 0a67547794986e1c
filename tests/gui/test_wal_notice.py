"""The app tells the person when a damaged log lost their last changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from wal_damage import damage_frame, write_and_die


@pytest.mark.allow_dialogs
def test_the_app_says_so_too(qtbot, library_path, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from editor.app import open_window

    write_and_die(library_path, 8)
    wal = Path(f"{library_path}-wal")
    damage_frame(wal, 1)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window = open_window(library_path, settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "could not be recovered" in shown[0]
    window.close()
    window.library.close()
