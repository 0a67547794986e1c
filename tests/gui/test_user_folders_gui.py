"""The app's settings file, Help → About, and the preview probe the bundle's smoke test uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSettings, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel

import editor
from editor.core.foundation import paths
from editor.gui.settings_file import use_settings_file

ROOT = Path(__file__).parents[2]


@pytest.fixture
def app_names(qapp):
    """The application's names as ensure_application sets them, and Qt's settings defaults restored after."""
    saved = (QCoreApplication.organizationName(), QCoreApplication.applicationName(), QSettings.defaultFormat(),
             QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "o", "a").fileName())
    QCoreApplication.setOrganizationName("Postwright")
    QCoreApplication.setApplicationName("Postwright")
    yield
    organization, application, default_format, probe = saved
    QCoreApplication.setOrganizationName(organization)
    QCoreApplication.setApplicationName(application)
    QSettings.setDefaultFormat(default_format)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(probe).parent.parent))


@pytest.mark.usefixtures("app_names")
def test_every_default_qsettings_is_the_ini_file_in_the_config_folder(tmp_path: Path):
    target = tmp_path / "config" / "Postwright" / "Postwright.ini"
    assert use_settings_file(target) == target
    settings = QSettings()
    assert Path(settings.fileName()) == target
    settings.setValue("appearance", "dark")
    settings.sync()
    assert "appearance=dark" in target.read_text(encoding="utf-8")


@pytest.mark.usefixtures("app_names")
def test_the_default_settings_file_is_the_one_paths_names():
    assert use_settings_file() == paths.settings_file()
    assert Path(QSettings().fileName()) == paths.settings_file()


@pytest.mark.usefixtures("app_names")
def test_settings_kept_in_qts_native_place_are_carried_over_once(tmp_path: Path):
    native = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, "Postwright", "Postwright")
    native.setValue("lastPost", "glp1-what-to-know")
    native.sync()
    target = tmp_path / "Postwright" / "Postwright.ini"
    try:
        use_settings_file(target)
        assert QSettings().value("lastPost") == "glp1-what-to-know"
        QSettings().setValue("lastPost", "newer")
        use_settings_file(target)  # the file exists now: the native value no longer counts
        assert QSettings().value("lastPost") == "newer"
    finally:
        native.clear()
        native.sync()


@pytest.mark.usefixtures("app_names")
def test_a_settings_file_that_does_not_match_the_application_names_is_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="does not match"):
        use_settings_file(tmp_path / "Elsewhere" / "settings.ini")


class _FolderOpener(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.mark.allow_dialogs
def test_about_shows_version_build_and_where_the_files_are(qtbot, window):
    from editor.gui.dialogs.about_dialog import AboutDialog

    dialog = AboutDialog(window.library.path, window)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert f"Postwright {editor.__version__}" in texts["aboutTitle"]
    assert texts["aboutBuild"] == "Build: development (run from the source)"
    assert texts["aboutPathLibrary"] == str(window.library.path)
    assert texts["aboutPathLog"] == str(paths.log_file())
    assert texts["aboutPathSettings"] == str(paths.settings_file())

    opener = _FolderOpener()  # Qt's own hook for file: URLs, instead of a file manager
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        dialog.findChild(QObject, "aboutOpenLibrary").click()
        dialog.findChild(QObject, "aboutOpenLog").click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [Path(url.toLocalFile()) for url in opener.opened] == [window.library.path.parent,
                                                                 paths.log_file().parent]
    assert paths.log_file().parent.is_dir()  # made for the user to look into

    dialog.findChild(QObject, "aboutCopyDetails").click()
    copied = QGuiApplication.clipboard().text()
    assert f"Postwright {editor.__version__} (development)" in copied
    assert f"Library: {window.library.path}" in copied and f"Log: {paths.log_file()}" in copied


def test_help_menu_opens_about(qtbot, window, monkeypatch: pytest.MonkeyPatch):
    from editor.gui.dialogs import about_dialog

    shown: list[object] = []
    monkeypatch.setattr(about_dialog.AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.actions_by_name["actionAbout"].trigger()
    assert len(shown) == 1 and shown[0].places["library"] == window.library.path


def _run_app(tmp_path: Path, marker: str, timeout: str = "120", *args: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if not key.startswith("POSTWRIGHT")}
    env.update(XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_STATE_HOME=str(home / "state"), QT_QPA_PLATFORM="offscreen",
               POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS=marker, POSTWRIGHT_PROBE_TIMEOUT=timeout)
    return subprocess.run([sys.executable, "-m", "editor", *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=180, check=False)


@pytest.mark.timeout(240)
def test_the_probe_reports_when_the_preview_shows_the_last_line_and_closes_the_app(tmp_path: Path):
    last_line = (ROOT / "resources" / "sample" / "welcome-post.md").read_text(encoding="utf-8").rstrip()
    marker = "the cost of treatment"
    assert last_line.endswith(f"{marker}.")
    result = _run_app(tmp_path, marker)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["preview_shows"] == marker and report["frame_ms"] >= report["dom_ms"] > 0
    assert 0 < report["editor_ms"] <= report["dom_ms"]  # the editor shows the post first; the preview follows
    # The app ran on the default library in the user's data folder, kept its settings and logged its start.
    home = tmp_path / "home"
    assert (home / "data" / "Postwright" / "library.postwright").is_file()
    settings_text = (home / "config" / "Postwright" / "Postwright.ini").read_text(encoding="utf-8")
    assert "lastPost=" in settings_text
    assert f"last={home / 'data' / 'Postwright' / 'library.postwright'}" in settings_text  # the next start's library
    log_text = (home / "state" / "Postwright" / "log" / "postwright.log").read_text(encoding="utf-8")
    assert f"Postwright {editor.__version__} (development) starting" in log_text


@pytest.mark.timeout(240)
def test_the_probe_gives_up_with_status_3_when_the_text_never_shows(tmp_path: Path):
    result = _run_app(tmp_path, "text that is in no post", timeout="2")
    assert result.returncode == 3
    assert "the preview did not show 'text that is in no post' in time" in result.stderr


def test_a_library_file_given_alone_opens_the_app_on_it():
    from editor.cli import opened_file

    assert opened_file(["Clinic posts.POSTWRIGHT"]) == ["--library", "Clinic posts.POSTWRIGHT"]
    assert opened_file(["list"]) == ["list"]
    assert opened_file(["import", "old.postwright"]) == ["import", "old.postwright"]
    assert opened_file(["--library", "a.postwright"]) == ["--library", "a.postwright"]


@pytest.mark.timeout(240)
def test_the_app_opens_the_library_a_file_manager_hands_it(tmp_path: Path):
    from editor.core.library import Library
    from editor.core.post.model import Post

    library = tmp_path / "Clinic posts.postwright"
    with Library.open(library, seed=False) as lib:
        lib.posts.create(Post(title="Flu shots", body="Intro.\n\n## When\n\nEvery autumn, before the flu season.\n"))
    result = _run_app(tmp_path, "before the flu season", "120", str(library))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["preview_shows"] == "before the flu season"
    assert not (tmp_path / "home" / "data" / "Postwright" / "library.postwright").exists()
