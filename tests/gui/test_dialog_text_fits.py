"""Every dialog and every message box the app builds shows its text whole, on a 1366×768 laptop screen
at 100 % and at 200 %: no label or button cut off or squeezed, no widgets over one another, no stray "&".

The tour (``dialog_tour.py``) runs in its own process per scale, since the screen is fixed when Qt
starts; ``text_fit.py`` does the measuring. The checker itself is tested first, on widgets built to fail.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from text_fit import text_problems

import editor

HERE = Path(__file__).parent
GUI = Path(editor.__file__).parent / "gui"
ROOT = GUI.parents[1]


def _built_message_boxes() -> set[str]:
    """Where the app builds a QMessageBox of its own (not Qt's static warning()/question())."""
    found = set()
    for path in GUI.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bQMessageBox\(", line.split("#")[0]):
                found.add(f"{path.relative_to(ROOT)}:{number}")
    return found


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scale", [1, 2])
def test_every_dialog_shows_its_text_whole(scale, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "POSTWRIGHT"))}
    result = subprocess.run([sys.executable, str(HERE / "dialog_tour.py"), "--scale", str(scale)],
                            capture_output=True, text=True, timeout=540, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    tour = json.loads(result.stdout.strip().splitlines()[-1])
    assert tour["problems"] == [], "\n".join(tour["problems"])
    assert len(tour["dialogs"]) >= 40  # every dialog in its states, the find bar, every message box
    assert set(tour["message_boxes"]) == _built_message_boxes()


def _shown(qtbot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_checker_finds_a_label_cut_off_and_one_that_fits(qtbot):
    text = "The handout was not made: 1 error must be fixed, or dismissed with a reason, first."
    cut = QLabel(text)
    cut.setFixedWidth(200)
    assert any("does not wrap" in problem for problem in text_problems(_shown(qtbot, cut)))
    wrapped = QLabel(text, wordWrap=True)
    wrapped.setFixedSize(200, 20)  # wraps, but is given one line's height
    assert any("of height" in problem for problem in text_problems(_shown(qtbot, wrapped)))
    fits = QLabel(text, wordWrap=True)
    fits.setFixedWidth(200)
    fits.setMinimumHeight(fits.heightForWidth(200))
    assert text_problems(_shown(qtbot, fits)) == []


def test_the_checker_finds_a_squeezed_button_and_a_stray_ampersand(qtbot):
    button = QPushButton("Dismiss Selected with a Reason…")
    button.setFixedWidth(90)
    assert any("needs" in problem for problem in text_problems(_shown(qtbot, button)))
    plain = QLabel("Save &as:")  # no buddy: the "&" shows as it is
    assert any("literal '&'" in problem for problem in text_problems(_shown(qtbot, plain)))
    form = QWidget()
    layout = QVBoxLayout(form)
    label, field = QLabel("Save &as:"), QLineEdit()
    label.setBuddy(field)  # now "&a" is the shortcut, underlined, not shown
    layout.addWidget(label)
    layout.addWidget(field)
    assert text_problems(_shown(qtbot, form)) == []
    assert any("literal '&'" in problem for problem in text_problems(_shown(qtbot, QPushButton("Q&&A"))))


def test_the_checker_finds_widgets_laid_over_one_another(qtbot):
    bar = QWidget()
    layout = QVBoxLayout(bar)
    first, second = QLineEdit(), QPushButton("All")
    layout.addWidget(first)
    layout.addWidget(second)
    _shown(qtbot, bar)
    second.setGeometry(first.geometry())  # as a squeezed layout leaves them
    assert any("overlap" in problem for problem in text_problems(bar))
