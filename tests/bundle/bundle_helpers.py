"""Proving what the built bundle touched.

Each command of the smoke test (``packaging/smoke_test.py``: a minimal environment, a fresh
home, no ``PYTHON*`` or virtualenv variables) runs under ``strace``, whose log lists every file
the process and its children opened, looked for, created, removed or ran. ``FileTrace`` reads it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_CALL = re.compile(r"^(?P<call>\w+)\((?P<args>.*)\)\s+=\s+(?P<result>-?\d+|\?)")
_PATH_CALLS = {"open", "openat", "openat2", "creat", "execve", "mkdir", "mkdirat", "stat", "lstat", "newfstatat",
               "statx", "access", "faccessat", "faccessat2", "readlink", "readlinkat", "rename", "renameat",
               "renameat2", "unlink", "unlinkat"}
_DIRFD_CALLS = {"openat", "openat2", "mkdirat", "newfstatat", "statx", "faccessat", "faccessat2", "readlinkat",
                "renameat", "renameat2", "unlinkat"}
_WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def python_installs() -> list[Path]:
    """Where Python code could come from other than the bundle: the checkout (with its venvs),
    this interpreter's installation and the system's Python."""
    places = {ROOT, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    places.update(Path(p) for p in ("/usr/lib/python3", f"/usr/lib/python3.{sys.version_info.minor}",
                                    "/usr/local/lib/python3", "/usr/lib/python3/dist-packages"))
    return sorted(places)


@dataclass
class FileTrace:
    looked_at: set[Path] = field(default_factory=set)  # every path a call named, absolute
    written: set[Path] = field(default_factory=set)  # opened for writing, created, renamed, removed

    @classmethod
    def read(cls, logs: list[Path], cwd: Path) -> FileTrace:
        """``logs``: strace's ``-ff`` files, one per process or thread (so no call is split in two)."""
        trace = cls()
        for log in logs:
            for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
                trace._add(line, cwd)
        return trace

    def _add(self, line: str, cwd: Path) -> None:
        match = _CALL.match(line)
        if match is None or match.group("call") not in _PATH_CALLS:
            return
        call, args = match.group("call"), match.group("args")
        if call in _DIRFD_CALLS and not args.startswith("AT_FDCWD"):
            return  # relative to some other open folder: not a path we can place
        writes = (call.startswith(("mkdir", "creat", "rename", "unlink"))
                  or (call.startswith("open") and _WRITE_FLAGS.search(args) is not None))
        for quoted in _QUOTED.findall(args)[:2]:
            if not quoted:
                continue
            path = Path(os.path.normpath(quoted if quoted.startswith("/") else cwd / quoted))
            self.looked_at.add(path)
            if writes and match.group("result") != "-1":
                self.written.add(path)

    def under(self, places: list[Path]) -> list[str]:
        return sorted(str(p) for p in self.looked_at if any(p.is_relative_to(place) for place in places))

    def written_outside(self, allowed: list[Path]) -> list[str]:
        return sorted(str(p) for p in self.written if not any(p.is_relative_to(place) for place in allowed))


@dataclass
class Run:
    result: subprocess.CompletedProcess[str]
    trace: FileTrace


def run_traced(command: list[str], *, env: dict[str, str], cwd: Path, log: Path, timeout: float = 600) -> Run:
    """``command`` under ``strace -ff``, which follows every process and thread it starts."""
    strace = shutil.which("strace")
    assert strace is not None, "the bundle test needs strace (apt-get install strace; .ci/run installs it)"
    log.mkdir(parents=True, exist_ok=True)
    traced = [strace, "-ff", "-qq", "-o", str(log / "trace"), "-e", "trace=" + ",".join(sorted(_PATH_CALLS)),
              *command]
    # strace itself is found through the caller's PATH; the program's own environment is ``env``.
    result = subprocess.run(traced, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    return Run(result, FileTrace.read(sorted(log.glob("trace.*")), cwd))
