"""The suite's own guards: a forgotten dialog or a hang fails one test instead of stopping the run, a skip
fails on CI, and a server left running fails the run."""

from __future__ import annotations

import os
from pathlib import Path

import process_groups
import pytest

pytest_plugins = ["pytester"]

ROOT_CONFTEST = Path(__file__).parent / "conftest.py"
# The guards hold in one process and on pytest-xdist's workers (scripts/test runs the suite on two).
RUNS = pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "two-workers"])


@pytest.fixture
def inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A pytest run in a folder of its own with the suite's conftest (and its helper modules importable)."""
    pytester.makeconftest(ROOT_CONFTEST.read_text(encoding="utf-8"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT_CONFTEST.parent),
                                                                     os.environ.get("PYTHONPATH")])))
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


@RUNS
def test_a_skip_fails_on_ci_and_only_there(inner: pytest.Pytester, monkeypatch: pytest.MonkeyPatch,
                                           workers: list[str]):
    inner.makepyfile(
        """
        import pytest

        @pytest.mark.skipif(True, reason="the tool is not installed")
        def test_needs_a_tool():
            pass

        def test_skips_itself():
            pytest.skip("no network here")
        """
    )
    monkeypatch.setenv("CI", "true")
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60", *workers)
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*skipped on CI, where nothing may skip: the tool is not installed*",
                                 "*skipped on CI, where nothing may skip: no network here*"])
    monkeypatch.delenv("CI")
    inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60", *workers).assert_outcomes(skipped=2)


@RUNS
def test_a_run_that_leaves_a_server_running_fails(inner: pytest.Pytester, tmp_path: Path, workers: list[str]) -> None:
    pid_file = tmp_path / "server.pid"
    inner.makepyfile(
        f"""
        import subprocess
        import process_groups

        def test_forgets_to_stop_its_server():
            server = process_groups.start(["sleep", "300"], what="a forgotten server", stdout=subprocess.DEVNULL)
            open({str(pid_file)!r}, "w").write(str(server.pid))
        """
    )
    result = inner.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=60", *workers)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*left running after the tests: a forgotten server*now killed*"])
    assert process_groups.members(int(pid_file.read_text())) == []
