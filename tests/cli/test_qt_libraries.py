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
    install = "apt-get install" if os.geteuid() == 0 else "sudo apt-get install"  # root may have no sudo
    assert result.stderr == (
        "postwright: the desktop app cannot open a window: Qt's X11 plugin needs libxcb-stand-in.so.0. "
        f"Install with: {install} libxcb-stand-in.so.0\n"
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


@pytest.mark.parametrize("has_sudo", [True, False], ids=["user-with-sudo", "root-without-sudo"])
def test_the_readme_system_line_runs_with_or_without_sudo(tmp_path: Path, has_sudo: bool):
    """The README's line, run by sh with stand-ins for apt-get (and sudo where there is one)."""
    root = Path(__file__).parents[2]
    line = next(line for line in (root / "README.md").read_text().splitlines() if "apt-get install" in line)
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "calls.log"
    (tools / "apt-get").write_text(f'#!/bin/sh\necho "apt-get $*" >> {log}\n')
    if has_sudo:
        (tools / "sudo").write_text(f'#!/bin/sh\necho "sudo" >> {log}\nexec "$@"\n')
    for tool in tools.iterdir():
        tool.chmod(0o755)
    sh = shutil.which("sh")
    assert sh is not None
    done = subprocess.run([sh, "-c", line], env={"PATH": str(tools)}, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert calls[0] == ("sudo" if has_sudo else "apt-get update")
    assert calls[-1].startswith("apt-get install -y python3-venv libxcb-cursor0")
    assert calls.count("sudo") == (2 if has_sudo else 0)
