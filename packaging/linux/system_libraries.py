"""Which system libraries a Linux bundle needs, and which Debian packages provide them.

The bundle carries Python, Qt and the libraries Python's standard library links; everything
else comes from the system (see ``packaging_rules.keep_binary``). For every ELF file in the
bundle, ``ldd`` (with the bundle's own folders first on the search path, as its launcher sets
them) must find every library, directly or indirectly needed: one found nowhere fails the build
instead of failing on a clinic's laptop. The libraries the bundle links *directly* (``readelf``'s
NEEDED entries) that come from the system are the .deb's Depends, each as the Debian package
``dpkg -S`` names (what ``dpkg-shlibdeps`` does); their own dependencies follow from those
packages.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LDD_TIMEOUT_S = 30
# Packages renamed by Debian's and Ubuntu's 64-bit time_t transition (trixie, Ubuntu 24.04):
# either name satisfies the dependency.
T64_RENAMES = {
    "libasound2": "libasound2t64",
    "libglib2.0-0": "libglib2.0-0t64",
    "libssl3": "libssl3t64",
    "libcups2": "libcups2t64",
    "libgnutls30": "libgnutls30t64",
    "libcurl4": "libcurl4t64",
    "libatk1.0-0": "libatk1.0-0t64",
    "libatk-bridge2.0-0": "libatk-bridge2.0-0t64",
    "libgtk-3-0": "libgtk-3-0t64",
}
# Plugins Qt loads only on some desktops (the GTK theme's native dialogs, Wayland sessions): the
# libraries they need are recommended, not required, and named here because a build machine
# without them cannot ask dpkg.
OPTIONAL_PLUGINS = re.compile(
    r"plugins/(?:platformthemes/libqgtk3|platforms/libqwayland|wayland-[^/]+/)|lib/libQt6(?:Wayland|WlShell)"
)
OPTIONAL_LIBRARY_PACKAGES = {
    "libgtk-3.so.0": "libgtk-3-0",
    "libgdk-3.so.0": "libgtk-3-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Installed with the README's line for the developer's venv, never needed by the bundle.
DEVELOPER_ONLY_PACKAGES = {"python3-venv"}
_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(?P<name>[^\]]+)\]")
_LDD_LINE = re.compile(r"^\s*(?P<name>\S+)\s+=>\s+(?P<target>.+?)\s*(?:\(0x[0-9a-f]+\))?$")
_PACKAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9.+-]+$")


@dataclass
class LibraryReport:
    from_system: dict[str, Path] = field(default_factory=dict)  # soname -> resolved path
    missing: dict[str, list[str]] = field(default_factory=dict)  # soname -> files in the bundle needing it
    needed_by: dict[str, set[str]] = field(default_factory=dict)  # system soname -> bundle files linking it

    def required_missing(self) -> dict[str, list[str]]:
        """Missing libraries some non-optional part of the bundle needs."""
        return {name: users for name, users in self.missing.items()
                if not all(OPTIONAL_PLUGINS.search(user) for user in users)}

    def optional_only(self) -> set[str]:
        """System libraries only optional plugins link directly."""
        return {name for name, users in self.needed_by.items() if all(OPTIONAL_PLUGINS.search(u) for u in users)}

    def recommended(self) -> set[str]:
        """Packages for the optional plugins' libraries (installed here or not)."""
        names = set(self.missing) | self.optional_only()
        return {OPTIONAL_LIBRARY_PACKAGES[name] for name in names if name in OPTIONAL_LIBRARY_PACKAGES}


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def bundle_library_path(bundle: Path) -> str:
    """The folders the bundle's launcher puts first on the library search path."""
    internal = bundle / "_internal"
    return os.pathsep.join(str(p) for p in (internal, internal / "PySide6" / "Qt" / "lib"))


def parse_ldd(output: str) -> dict[str, str]:
    """soname -> what ldd resolved it to ("not found" when it could not)."""
    resolved = {}
    for line in output.splitlines():
        match = _LDD_LINE.match(line)
        if match:
            resolved[match.group("name")] = match.group("target")
    return resolved


def needed(path: Path) -> list[str]:
    """The libraries ``path`` links directly (its NEEDED entries)."""
    result = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, timeout=LDD_TIMEOUT_S,
                            check=False)
    return _NEEDED.findall(result.stdout)


def scan(bundle: Path) -> LibraryReport:
    env = {**os.environ, "LD_LIBRARY_PATH": bundle_library_path(bundle)}
    report = LibraryReport()
    root = bundle.resolve()
    for path in elf_files(bundle):
        name = str(path.relative_to(bundle))
        result = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True, timeout=LDD_TIMEOUT_S,
                                check=False)
        resolved_all = parse_ldd(result.stdout)
        for soname, target in resolved_all.items():
            if target == "not found":
                report.missing.setdefault(soname, []).append(name)
        for soname in needed(path):
            target = resolved_all.get(soname, "not found")
            if target == "not found":
                continue
            resolved = Path(target).resolve()
            if not resolved.is_relative_to(root):
                report.from_system.setdefault(soname, resolved)
                report.needed_by.setdefault(soname, set()).add(name)
    return report


def owning_packages(paths: Iterable[Path]) -> dict[Path, str]:
    """The Debian package installing each path (``dpkg -S``); paths no package owns are left out."""
    owners: dict[Path, str] = {}
    for path in paths:
        # The loader may resolve /lib/... while dpkg recorded /usr/lib/... (merged /usr), or the other way.
        for candidate in _spellings(path):
            result = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True, check=False)
            if result.returncode == 0 and ":" in result.stdout:
                package = result.stdout.split(":", 1)[0].split(",")[0].strip()
                owners[path] = package
                break
    return owners


def _spellings(path: Path) -> list[Path]:
    text = str(path)
    spellings = [path]
    if text.startswith("/usr/lib/"):
        spellings.append(Path(text.removeprefix("/usr")))
    elif text.startswith("/lib/"):
        spellings.append(Path("/usr" + text))
    return spellings


def readme_packages(readme: Path) -> list[str]:
    """The Debian packages of the README's ``apt-get install`` line (continuation lines included)."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if "apt-get install" not in line:
            continue
        text = line
        while text.rstrip().endswith("\\") and index + 1 < len(lines):
            index += 1
            text = text.rstrip()[:-1] + " " + lines[index]
        words = text.split("apt-get install", 1)[1].split()
        return [word for word in words if _PACKAGE_NAME.match(word)]
    raise ValueError(f"{readme} has no apt-get install line")


def debian_depends(packages: Iterable[str]) -> str:
    """A control file's Depends field: each package once, sorted, with its t64 alternative."""
    names = sorted({name.removesuffix(":amd64") for name in packages} - DEVELOPER_ONLY_PACKAGES)
    return ", ".join(f"{name} | {T64_RENAMES[name]}" if name in T64_RENAMES else name for name in names)


def depends_for(bundle: Path, readme: Path) -> tuple[str, str, LibraryReport]:
    """(Depends field, Recommends field, the scan). Raises SystemExit naming a library the bundle
    needs that is missing here or that no package provides."""
    report = scan(bundle)
    missing = report.required_missing()
    if missing:
        details = "; ".join(f"{name} (needed by {', '.join(users[:3])})" for name, users in sorted(missing.items()))
        raise SystemExit(f"the bundle needs libraries this system does not have: {details}")
    optional_only = report.optional_only()
    required = {name: path for name, path in report.from_system.items() if name not in optional_only}
    owners = owning_packages(required.values())
    unowned = sorted(str(path) for path in required.values() if path not in owners)
    if unowned:
        raise SystemExit(f"system libraries no Debian package provides: {', '.join(unowned)}")
    depends = debian_depends([*readme_packages(readme), *owners.values()])
    return depends, debian_depends(report.recommended()), report
