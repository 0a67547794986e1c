"""Which Postwright this is: the version, and the build it came from.

An installed bundle carries ``editor/build_info.json``, written by the build definition
(``packaging/postwright.spec``) with the git commit it was built from; a source checkout
or a wheel has none and reports the build as "development".
"""

from __future__ import annotations

import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import editor

DEVELOPMENT = "development"
BUILD_INFO_FILE = "build_info.json"
MAX_BUILD_INFO_BYTES = 4096


@dataclass(frozen=True)
class BuildInfo:
    version: str
    build: str  # a git commit, or "development"
    bundled: bool  # running from a built bundle (PyInstaller), not from a Python install

    def describe(self) -> str:
        """One line for the About box and the log: ``0.1.0 (build 1a2b3c4d5e6f)``."""
        if self.build == DEVELOPMENT:
            return f"{self.version} (development)"
        return f"{self.version} (build {self.build[:12]})"


@functools.cache
def build_info() -> BuildInfo:
    bundled = bool(getattr(sys, "frozen", False))
    stamp = Path(editor.__file__).resolve().parent / BUILD_INFO_FILE
    build = DEVELOPMENT
    try:
        if stamp.stat().st_size <= MAX_BUILD_INFO_BYTES:
            value = json.loads(stamp.read_text(encoding="utf-8")).get("build")
            if isinstance(value, str) and value.strip():
                build = value.strip()
    except (OSError, ValueError, AttributeError):
        pass  # no stamp (a source checkout) or an unreadable one: the build is unknown
    return BuildInfo(version=editor.__version__, build=build, bundled=bundled)
