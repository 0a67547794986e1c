"""The user's folders (library, settings, cache, logs), the build stamp and the log file."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import editor
from editor.core.foundation import build_info as build_info_module
from editor.core.foundation import logs, paths


def test_every_user_folder_follows_the_platform_conventions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    for variable, folder in (("XDG_DATA_HOME", "d"), ("XDG_CONFIG_HOME", "c"), ("XDG_CACHE_HOME", "k"),
                             ("XDG_STATE_HOME", "s")):
        monkeypatch.setenv(variable, str(tmp_path / folder))
    if not sys.platform.startswith("linux"):
        pytest.skip("the XDG variables are Linux's")
    assert paths.default_library_path() == tmp_path / "d" / "Postwright" / "library.postwright"
    assert paths.settings_file() == tmp_path / "c" / "Postwright" / "Postwright.ini"
    assert paths.cache_dir() == tmp_path / "k" / "Postwright"
    assert paths.log_file() == tmp_path / "s" / "Postwright" / "log" / "postwright.log"
    monkeypatch.setenv("POSTWRIGHT_LIBRARY", "~/elsewhere.postwright")
    assert paths.default_library_path() == Path("~/elsewhere.postwright").expanduser()


def test_importing_the_package_creates_no_folder(tmp_path: Path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "c"),
           "XDG_CACHE_HOME": str(tmp_path / "k"), "XDG_STATE_HOME": str(tmp_path / "s")}
    code = "import editor.cli, editor.core.foundation.logs, editor.core.foundation.paths as p; print(p.log_file())"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                            check=True)
    assert result.stdout.strip() == str(tmp_path / "s" / "Postwright" / "log" / "postwright.log")
    assert list(tmp_path.iterdir()) == []


def test_a_source_checkout_reports_a_development_build():
    build_info_module.build_info.cache_clear()
    info = build_info_module.build_info()
    assert (info.version, info.build, info.bundled) == (editor.__version__, "development", False)
    assert info.describe() == f"{editor.__version__} (development)"


def test_a_bundle_reports_the_commit_baked_into_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    package = tmp_path / "editor"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "build_info.json").write_text(json.dumps({"version": "9.9", "build": "0123456789abcdef0123"}))
    monkeypatch.setattr(editor, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    build_info_module.build_info.cache_clear()
    try:
        info = build_info_module.build_info()
        assert (info.build, info.bundled) == ("0123456789abcdef0123", True)
        assert info.describe() == f"{editor.__version__} (build 0123456789ab)"
        (package / "build_info.json").write_text("{not json")
        build_info_module.build_info.cache_clear()
        assert build_info_module.build_info().build == "development"
    finally:
        build_info_module.build_info.cache_clear()


@pytest.fixture
def log_folder(tmp_path: Path):
    previous = (sys.excepthook, threading.excepthook)
    folder = tmp_path / "logs"
    yield folder
    logs.stop_logging()
    assert (sys.excepthook, threading.excepthook) == (sys.__excepthook__, threading.__excepthook__)
    sys.excepthook, threading.excepthook = previous


def test_the_log_gets_the_start_line_warnings_and_uncaught_thread_errors(log_folder: Path):
    target = logs.start_logging(log_folder)
    assert target == log_folder / "postwright.log"
    assert logs.start_logging(log_folder / "other") == target  # once per process
    logging.getLogger("some.library").info("chatter a library makes")
    logging.getLogger("some.library").warning("a library's warning")
    logging.getLogger("editor.core.example").info("our own notable event")

    def fails() -> None:
        raise ValueError("a worker's bug")

    worker = threading.Thread(target=fails, name="render-worker")
    worker.start()
    worker.join()
    text = target.read_text(encoding="utf-8")
    assert f"Postwright {editor.__version__} (development) starting" in text
    assert "a library's warning" in text and "our own notable event" in text
    assert "chatter a library makes" not in text
    assert "uncaught exception in thread render-worker" in text
    assert 'raise ValueError("a worker\'s bug")' in text  # the traceback, for a bug report
    assert (log_folder / "crash.log").exists()


def test_the_log_is_bounded(log_folder: Path):
    target = logs.start_logging(log_folder)
    assert target is not None
    line = "x" * 1000
    for _ in range(6000):
        logging.getLogger("editor.flood").warning(line)
    files = sorted(log_folder.glob("postwright.log*"))
    assert [f.name for f in files] == ["postwright.log", "postwright.log.1", "postwright.log.2", "postwright.log.3"]
    assert sum(f.stat().st_size for f in files) <= logs.MAX_LOG_BYTES * (1 + logs.LOG_BACKUPS) + 2000


def test_an_unwritable_log_folder_leaves_the_app_without_a_log(log_folder: Path):
    log_folder.parent.mkdir(exist_ok=True)
    log_folder.write_text("a file where the folder should be")
    assert logs.start_logging(log_folder) is None
