"""The suite's own guards: a forgotten dialog or a hang fails one test instead of stopping the run."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT_CONFTEST = Path(__file__).parent / "conftest.py"
MEMORY_KEYRING = Path(__file__).parent / "memory_keyring.py"  # the root conftest's keyring for every test


@pytest.fixture
def inner(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(ROOT_CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(memory_keyring=MEMORY_KEYRING.read_text(encoding="utf-8"))
    pytester.syspathinsert()
    pytester.makeini("[pytest]\nqt_api = pyside6\nmarkers =\n    allow_dialogs: real dialogs\n")
    return pytester


def test_an_unexpected_message_box_fails_the_test(inner: pytest.Pytester):
    inner.makepyfile(
        """
        from PySide6.QtWidgets import QMessageBox

        def test_forgets_a_warning(qtbot):
            QMessageBox.warning(None, "Export failed", "disk full")
        """
    )
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*unexpected modal QMessageBox.warning*"])


def test_a_dialog_opened_from_a_slot_fails_the_test(inner: pytest.Pytester):
    inner.makepyfile(
        """
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QDialog

        def test_clicks_something_that_opens_a_dialog(qtbot):
            dialog = QDialog()
            dialog.setWindowTitle("Conflict")
            QTimer.singleShot(0, dialog.exec)
            qtbot.wait(50)
        """
    )
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*QDialog.exec 'Conflict'*"])


def test_a_test_that_expects_the_dialog_patches_it(inner: pytest.Pytester):
    inner.makepyfile(
        """
        from PySide6.QtWidgets import QMessageBox

        def test_answers_the_question(qtbot, monkeypatch):
            monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
            assert QMessageBox.question(None, "Delete?", "Really?") == QMessageBox.StandardButton.Yes
        """
    )
    inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60").assert_outcomes(passed=1)


def test_a_hanging_test_is_stopped_by_the_timeout(inner: pytest.Pytester):
    inner.makepyfile(
        """
        import threading

        def test_waits_forever():
            threading.Event().wait()
        """
    )
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=2")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Timeout*"])


def test_the_suite_has_a_per_test_timeout():
    import tomllib

    options = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert 0 < options["tool"]["pytest"]["ini_options"]["timeout"] <= 300
