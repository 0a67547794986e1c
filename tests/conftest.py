"""Shared test setup: headless Qt, and no test touches the user's real folders."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtWebEngine's sandbox cannot run as root (CI containers); the tests run it without.
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

DATA = Path(__file__).parent / "_data"
ON_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """On CI (``CI=true``) nothing may skip: a skip is reported as a failure naming its reason,
    so a missing tool or package fails the build instead of hiding what was not tested."""
    report: pytest.TestReport = yield
    if ON_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, where nothing may skip: {reason}"
    return report


# With pytest-xdist (scripts/test runs two workers) each worker checks its own servers and hands what it
# found to the controller, which reports it and fails the run.
LEFT_ON_WORKERS: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """On the xdist controller: collect what a worker found left running (see pytest_sessionfinish)."""
    LEFT_ON_WORKERS.extend(getattr(node, "workeroutput", {}).get("left_running", []))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The run fails if a server a fixture started is still running (see tests/process_groups.py)."""
    groups = sys.modules.get("process_groups")
    left = groups.leftovers() if groups is not None else {}
    if left:
        groups.kill_leftovers()
    lines = [f"left running after the tests: {what}: {found} (now killed)" for what, found in left.items()]
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:  # an xdist worker: the controller reports it
        worker_output["left_running"] = lines
        return
    lines += LEFT_ON_WORKERS
    if lines:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        for line in lines:
            if reporter is not None:
                reporter.write_line(line, red=True)
            else:
                print(line, file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the log folder
    monkeypatch.delenv("POSTWRIGHT_LIBRARY", raising=False)
    return home


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.postwright"


@pytest.fixture
def library(library_path: Path):
    from editor.core.library import Library

    lib = Library.open(library_path, seed=False)
    yield lib
    lib.close()


@pytest.fixture
def corpus_post(tmp_path: Path) -> Path:
    target = tmp_path / "glp1-what-to-know.md"
    shutil.copy(DATA / "glp1-what-to-know.md", target)
    return target


@pytest.fixture(scope="session")
def wordpress(tmp_path_factory: pytest.TempPathFactory):
    """A real WordPress on 127.0.0.1 (see tests/wordpress_site.py); skips without the packages, never on CI."""
    from wordpress_site import PACKAGES, missing_parts, start_wordpress

    missing = missing_parts()
    if missing:
        reason = f"a real WordPress needs {', '.join(missing)} (apt-get install {PACKAGES})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the WordPress tests, but {reason}", pytrace=False)
        pytest.skip(reason)
    site = start_wordpress(tmp_path_factory.mktemp("wordpress"))
    yield site
    site.stop()


@pytest.fixture(autouse=True)
def memory_keyring():
    """A keyring in memory (tests/memory_keyring.py): no test reads or writes the user's keyring."""
    import keyring
    from memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class UnexpectedDialog(AssertionError):
    """A test opened a modal dialog it did not plan for (it would wait for a click forever)."""


# Everything in QtWidgets that blocks in a nested event loop until a person answers.
BLOCKING_STATICS = {
    "QMessageBox": ("information", "warning", "critical", "question", "about", "aboutQt"),
    "QFileDialog": ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
                    "getOpenFileUrl", "getOpenFileUrls", "getSaveFileUrl", "getExistingDirectoryUrl"),
    "QInputDialog": ("getText", "getMultiLineText", "getInt", "getDouble", "getItem"),
    "QColorDialog": ("getColor",),
    "QFontDialog": ("getFont",),
}
BLOCKING_EXECS = ("QDialog", "QMessageBox", "QFileDialog", "QInputDialog", "QColorDialog", "QFontDialog",
                  "QProgressDialog", "QErrorMessage", "QWizard", "QMenu")


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any modal dialog or popup menu a test did not expect fails the test instead of hanging the run.

    A test that expects one replaces the method itself (``monkeypatch.setattr(SomeDialog, "exec", ...)``,
    which wins over this), or is marked ``@pytest.mark.allow_dialogs``.
    """
    opened: list[str] = []
    if request.node.get_closest_marker("allow_dialogs") or "PySide6" not in sys.modules:
        yield opened
        return
    from PySide6 import QtWidgets

    def refuse(name: str) -> Callable[..., NoReturn]:
        def blocked(*args: object, **kwargs: object) -> NoReturn:
            target = args[0] if args and isinstance(args[0], QtWidgets.QWidget) else None
            title = target.windowTitle() if target is not None else ""
            opened.append(f"{type(target).__name__ if target is not None else ''} {name} {title!r}".strip())
            raise UnexpectedDialog(f"unexpected modal {name} {title!r}: patch it in the test or mark allow_dialogs")

        return blocked

    for cls_name, methods in BLOCKING_STATICS.items():
        cls = getattr(QtWidgets, cls_name)
        for method in methods:
            monkeypatch.setattr(cls, method, staticmethod(refuse(f"{cls_name}.{method}")))
    for cls_name in BLOCKING_EXECS:
        monkeypatch.setattr(getattr(QtWidgets, cls_name), "exec", refuse(f"{cls_name}.exec"))
    yield opened
    if opened:
        pytest.fail(f"the test opened modal dialogs it did not expect: {opened}", pytrace=False)
