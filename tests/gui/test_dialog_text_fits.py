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
from collections.abc import Iterator
from pathlib import Path

import process_groups
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


SCALES = (1, 2)


@pytest.fixture(scope="module")
def tours(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[int, tuple[subprocess.Popen[bytes], Path]]]:
    """Both tours, started together: a tour spends most of its time waiting for the app's background work
    (a site that cannot be reached is asked again after a pause), not using a core. Each writes its output
    to files of its own; a tour still running when the module ends is stopped."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "POSTWRIGHT"))}
    started = {}
    for scale in SCALES:
        folder = tmp_path_factory.mktemp(f"tour-{scale}")
        with open(folder / "out", "wb") as out, open(folder / "err", "wb") as err:
            tour = process_groups.start([sys.executable, str(HERE / "dialog_tour.py"), "--scale", str(scale)],
                                        what=f"the dialog tour at scale {scale}", stdout=out, stderr=err, env=env,
                                        cwd=folder)
        started[scale] = (tour, folder)
    yield started
    for process, _folder in started.values():
        process_groups.stop(process)  # with its WebEngine processes


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scale", SCALES)
def test_every_dialog_shows_its_text_whole(scale, tours):
    process, folder = tours[scale]
    returncode = process.wait(timeout=540)
    assert returncode == 0, (folder / "err").read_text(errors="replace")[-3000:]
    tour = json.loads((folder / "out").read_text().strip().splitlines()[-1])
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
