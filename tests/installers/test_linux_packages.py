"""The .tar.gz and .deb wrapping (packaging/linux/make_packages.py) on a small stand-in bundle: the
layout dpkg installs, the control fields, the desktop entry and the MIME type. The real bundle is
tested installed, in tests/bundle."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
sys.path[:0] = [str(ROOT / "packaging"), str(ROOT / "packaging" / "linux")]

import make_packages  # noqa: E402

needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb (Debian's dpkg)")


@pytest.fixture
def stand_in(tmp_path: Path) -> tuple[Path, Path]:
    """A bundle folder with the two commands and an _internal folder, and rendered icons."""
    bundle = tmp_path / "postwright"
    (bundle / "_internal" / "editor").mkdir(parents=True)
    for command in ("postwright", "postwright-cli"):
        (bundle / command).write_text("#!/bin/sh\necho stand-in\n")
        (bundle / command).chmod(0o755)
    (bundle / "_internal" / "editor" / "build_info.json").write_text('{"build": "abc"}')
    icons = tmp_path / "icons"
    icons.mkdir()
    for size in make_packages.THEME_SIZES:
        (icons / f"postwright-{size}.png").write_bytes(b"\x89PNG stand-in")
    return bundle, icons


def test_the_tarball_holds_the_folder_and_a_readme(stand_in: tuple[Path, Path], tmp_path: Path):
    bundle, _icons = stand_in
    archive = make_packages.tarball(bundle, tmp_path, "9.8.7")
    assert archive.name == "postwright-9.8.7-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        members = {member.name: member for member in tar.getmembers()}
        readme = tar.extractfile("postwright-9.8.7/README.txt").read().decode()
    assert {"postwright-9.8.7/postwright", "postwright-9.8.7/postwright-cli",
            "postwright-9.8.7/_internal/editor/build_info.json"} <= set(members)
    command = members["postwright-9.8.7/postwright"]
    assert command.mode & 0o111 and command.uname == "root"
    assert "sudo apt-get install -y libxcb-cursor0" in readme and "python3-venv" not in readme


@needs_dpkg
def test_the_deb_installs_the_commands_menu_entry_icons_and_mime_type(stand_in: tuple[Path, Path], tmp_path: Path):
    bundle, icons = stand_in
    out = tmp_path / "dist"
    out.mkdir()
    deb, depends = make_packages.deb(bundle, icons, out, "9.8.7")
    assert deb.name == "postwright_9.8.7_amd64.deb" and list(out.iterdir()) == [deb]  # no scratch left behind
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    entries = {line.split()[5]: line.split()[0] for line in listing.splitlines()}
    assert entries["./usr/lib/postwright/postwright"] == "-rwxr-xr-x"
    assert "./usr/bin/postwright" in entries and entries["./usr/bin/postwright"].startswith("l")
    assert "./usr/share/applications/postwright.desktop" in entries
    assert "./usr/share/mime/packages/postwright.xml" in entries
    assert "./usr/share/icons/hicolor/48x48/apps/postwright.png" in entries
    assert "./usr/share/icons/hicolor/scalable/apps/postwright.svg" in entries
    assert all(" root/root " in line for line in listing.splitlines())
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: postwright\nVersion: 9.8.7\nArchitecture: amd64\n" in control
    assert f"Depends: {depends}\n" in control and "libnss3" in depends and "python3-venv" not in depends
    assert "Recommends:" in control and "shared-mime-info" in control
