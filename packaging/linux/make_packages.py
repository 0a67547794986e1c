"""Wrap a built Linux bundle (PyInstaller's one folder) as a .tar.gz and a .deb.

    python packaging/linux/make_packages.py BUNDLE_DIR ICON_DIR OUT_DIR VERSION

* ``postwright-VERSION-linux-x86_64.tar.gz``: the folder as ``postwright-VERSION/``, run in
  place (``./postwright``), with a short README naming the system packages it needs.
* ``postwright_VERSION_amd64.deb`` (``dpkg-deb``): the folder in ``/usr/lib/postwright``,
  ``postwright`` and ``postwright-cli`` in ``/usr/bin``, a desktop entry, the icon in the
  hicolor theme (PNG sizes and the SVG), the MIME type of ``.postwright`` libraries
  (shared-mime-info) so a file manager opens them with Postwright. Depends: the README's
  system packages and the package of every system library the bundle links
  (``system_libraries``). Desktop, icon and MIME caches are refreshed by dpkg's triggers of
  desktop-file-utils, hicolor-icon-theme and shared-mime-info; no maintainer scripts.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from system_libraries import depends_for, readme_packages  # noqa: E402

PACKAGE = "postwright"
INSTALL_DIR = Path("usr/lib/postwright")
THEME_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# Their dpkg triggers refresh the menu, icon and MIME caches after our files are installed.
DESKTOP_INTEGRATION = "desktop-file-utils, hicolor-icon-theme, shared-mime-info"
MAINTAINER = os.environ.get("POSTWRIGHT_MAINTAINER", "Postwright <packages@postwright.invalid>")
DESCRIPTION = """\
Description: article studio for clinicians' patient-facing posts
 Postwright is a desktop app for clinicians who write patient-facing posts for
 their clinic's website: a section outline, a Markdown editor, numbered
 citations with a reference library, a live preview that looks like the site,
 writing checks a careful medical editor would make, patient handouts (PDF) and
 publishing to WordPress. Everything is kept in one local library file.
"""


def tarball(bundle: Path, out_dir: Path, version: str) -> Path:
    top = f"{PACKAGE}-{version}"
    target = out_dir / f"{top}-linux-x86_64.tar.gz"
    packages = " ".join(p for p in readme_packages(ROOT / "README.md") if p != "python3-venv")
    notes = (
        f"Postwright {version} for Linux (x86_64)\n\n"
        "Run it in place:  ./postwright          (the command line: ./postwright-cli --help)\n\n"
        "It uses the desktop's own graphics, sound and font libraries. On Debian or Ubuntu:\n\n"
        f"  sudo apt-get install -y {packages}\n\n"
        "The .deb package installs all of this, a menu entry and the file association for you.\n"
    )
    partial = target.with_name(f".{target.name}.partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        _add_tree(archive, bundle, top)
        info = tarfile.TarInfo(f"{top}/README.txt")
        data = notes.encode("utf-8")
        info.size, info.mode, info.mtime = len(data), 0o644, int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
        archive.addfile(info, io.BytesIO(data))
    partial.replace(target)
    return target


def _add_tree(archive: tarfile.TarFile, folder: Path, arcname: str) -> None:
    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    archive.add(folder, arcname, recursive=False, filter=owned_by_root)
    for path in sorted(folder.rglob("*")):
        archive.add(path, f"{arcname}/{path.relative_to(folder).as_posix()}", recursive=False, filter=owned_by_root)


def stage_deb(bundle: Path, icons: Path, stage: Path, version: str, depends: str, recommends: str) -> None:
    shutil.copytree(bundle, stage / INSTALL_DIR, symlinks=True)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for command in ("postwright", "postwright-cli"):
        (bin_dir / command).symlink_to(Path("..") / "lib" / "postwright" / command)
    share = stage / "usr" / "share"
    _install(HERE / "postwright.desktop", share / "applications" / "postwright.desktop")
    _install(HERE / "postwright-mime.xml", share / "mime" / "packages" / "postwright.xml")
    hicolor = share / "icons" / "hicolor"
    for size in THEME_SIZES:
        _install(icons / f"postwright-{size}.png", hicolor / f"{size}x{size}" / "apps" / "postwright.png")
    _install(ROOT / "resources" / "app" / "postwright.svg", hicolor / "scalable" / "apps" / "postwright.svg")
    _install_text(share / "doc" / PACKAGE / "copyright",
                  "Postwright\n\nCopyright: the Postwright authors. License: proprietary (see the project).\n"
                  "Bundled libraries keep their own licenses; see /usr/lib/postwright/_internal.\n")
    size_kib = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = (
        f"Package: {PACKAGE}\nVersion: {version}\nArchitecture: amd64\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kib}\nDepends: {depends}\n"
        f"Recommends: {', '.join(filter(None, [recommends, DESKTOP_INTEGRATION]))}\n"
        "Section: editors\nPriority: optional\n" + DESCRIPTION
    )
    _install_text(stage / "DEBIAN" / "control", control)


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)


def _install_text(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    target.chmod(0o644)


def deb(bundle: Path, icons: Path, out_dir: Path, version: str) -> tuple[Path, str]:
    depends, recommends, _report = depends_for(bundle, ROOT / "README.md")
    target = out_dir / f"{PACKAGE}_{version}_amd64.deb"
    with tempfile.TemporaryDirectory(prefix="postwright-deb-", dir=out_dir) as scratch:
        stage = Path(scratch) / "root"
        stage_deb(bundle, icons, stage, version, depends, recommends)
        for folder in [stage, *(p for p in stage.rglob("*") if p.is_dir() and not p.is_symlink())]:
            folder.chmod(0o755)
        partial = Path(scratch) / target.name
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(stage), str(partial)],
                       check=True, stdout=subprocess.DEVNULL)
        partial.replace(target)
    return target, depends


def main(argv: list[str]) -> None:
    if len(argv) != 4:
        raise SystemExit(__doc__)
    bundle, icons, out_dir, version = Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3]
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = tarball(bundle, out_dir, version)
    print(f"{archive} ({archive.stat().st_size / 2**20:.0f} MiB)")
    package, depends = deb(bundle, icons, out_dir, version)
    print(f"{package} ({package.stat().st_size / 2**20:.0f} MiB)\n  Depends: {depends}")


if __name__ == "__main__":
    main(sys.argv[1:])
