"""Before the desktop app opens on X11: are the system libraries Qt's xcb platform plugin needs there?

Without them Qt aborts with a message that names the plugin, not the missing library. ``ldd`` on the
plugin names every library the loader cannot find; these map to the Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

# Libraries the xcb plugin loads that a bare Debian or Ubuntu lacks, with the package of each.
SONAME_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
LDD_TIMEOUT_S = 10


def xcb_plugin() -> Path | None:
    """The xcb platform plugin Qt would load (``QT_QPA_PLATFORM_PLUGIN_PATH`` first, as Qt does)."""
    folders = [Path(p) for p in os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "").split(os.pathsep) if p]
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        folders += [Path(location) / "Qt" / "plugins" / "platforms" for location in spec.submodule_search_locations]
    return next((folder / "libqxcb.so" for folder in folders if (folder / "libqxcb.so").is_file()), None)


def parse_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``name => not found``, in its order, each once."""
    missing: list[str] = []
    for line in output.splitlines():
        name, arrow, target = line.strip().partition(" => ")
        if arrow and target.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def missing_libraries(plugin: Path) -> list[str]:
    """What the loader cannot find for ``plugin``; empty when all is there or ldd cannot tell."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=LDD_TIMEOUT_S,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return parse_ldd(result.stdout)


def packages_for(sonames: list[str]) -> list[str]:
    """Debian/Ubuntu packages that provide ``sonames`` (an unknown library is named as it is)."""
    packages: list[str] = []
    for soname in sonames:
        package = SONAME_PACKAGES.get(soname, soname)
        if package not in packages:
            packages.append(package)
    return packages


def uses_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether Qt will open its windows through the xcb (X11) plugin."""
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def xcb_problem() -> str | None:
    """One line naming the packages to install, or None when the xcb plugin can load (or is not used)."""
    if not uses_xcb(os.environ):
        return None
    plugin = xcb_plugin()
    missing = missing_libraries(plugin) if plugin is not None else []
    if not missing:
        return None
    return (f"the desktop app cannot open a window: Qt's X11 plugin needs {', '.join(missing)}. "
            f"Install with: {install_command(packages_for(missing))}")


def install_command(packages: list[str]) -> str:
    """The apt-get line for ``packages``: through sudo for a user, as it is for root."""
    prefix = "" if getattr(os, "geteuid", lambda: -1)() == 0 else "sudo "
    return f"{prefix}apt-get install {' '.join(packages)}"
