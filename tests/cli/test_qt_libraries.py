"""A launch on X11 without the libraries Qt's xcb plugin needs says which packages to install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli.qt_libraries import missing_libraries, packages_for, parse_ldd, uses_xcb, xcb_plugin

needs_cc = pytest.mark.skipif(shutil.which("cc") is None or shutil.which("ldd") is None, reason="needs cc and ldd")


def build_plugin_missing(folder: Path, soname: str) -> Path:
    """A stand-in ``libqxcb.so`` that needs ``soname``, which is then taken away (a real ldd case)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dep.c").write_text("int postwright_dep(void) { return 1; }\n")
    (folder / "plugin.c").write_text("int postwright_dep(void);\nint plugin(void) { return postwright_dep(); }\n")
    dependency = folder / soname
    subprocess.run(["cc", "-shared", "-fPIC", f"-Wl,-soname,{soname}", "-o", str(dependency), str(folder / "dep.c")],
                   check=True)
    plugin = folder / "libqxcb.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugin), str(folder / "plugin.c"), str(dependency)],
                   check=True)
    dependency.unlink()
    return plugin


def test_parse_ldd_lists_what_is_not_found():
    output = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibxcb-cursor.so.0 => not found\n"
        "\tlibQt6Gui.so.6 => /opt/qt/lib/libQt6Gui.so.6 (0x00007f)\n"
        "\tlibxkbcommon-x11.so.0 => not found\n"
        "\tlibxcb-cursor.so.0 => not found\n"
    )
    assert parse_ldd(output) == ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0"]
    assert packages_for(parse_ldd(output)) == ["libxcb-cursor0", "libxkbcommon-x11-0"]


def test_the_installed_xcb_plugin_is_found_and_checked():
    plugin = xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert missing_libraries(plugin) == []  # this machine (and CI, see .ci/run) has them all


@needs_cc
def test_real_ldd_names_a_missing_library(tmp_path: Path):
    plugin = build_plugin_missing(tmp_path / "platforms", "libxcb-stand-in.so.0")
    assert missing_libraries(plugin) == ["libxcb-stand-in.so.0"]


@needs_cc
def test_launch_without_the_libraries_prints_one_line_naming_the_packages(tmp_path: Path):
    # A library that really is absent (the real xcb libraries are installed here, and would be found).
    plugin = build_plugin_missing(tmp_path / "platforms", "libxcb-stand-in.so.0")
    env = {**os.environ, "QT_QPA_PLATFORM_PLUGIN_PATH": str(plugin.parent), "QT_QPA_PLATFORM": "xcb",
           "DISPLAY": ":99"}
    result = subprocess.run(  # its own process: if the check missed, Qt would abort the test run
        [sys.executable, "-m", "editor", "--library", str(tmp_path / "library.postwright")],
        capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path, check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "postwright: the desktop app cannot open a window: Qt's X11 plugin needs libxcb-stand-in.so.0. "
        "Install with: sudo apt-get install libxcb-stand-in.so.0\n"
    )


def test_only_x11_launches_are_checked():
    assert uses_xcb({"DISPLAY": ":0"})
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert not uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})


def test_readme_and_ci_install_the_packages_the_xcb_plugin_needs():
    root = Path(__file__).parents[2]
    readme_line = next(line for line in (root / "README.md").read_text().splitlines() if "apt-get install" in line)
    ci = (root / ".ci" / "run").read_text()
    for package in ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0"):
        assert package in readme_line.split() and package in ci.split(), package
    ci_packages = ci.split('QT_SYSTEM_PACKAGES="')[1].split('"')[0].split()
    assert set(ci_packages) <= set(readme_line.split())
