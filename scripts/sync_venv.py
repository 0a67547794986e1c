"""Make the running venv hold exactly what a lock file names, plus the app itself (editable).

    .venv/bin/python scripts/sync_venv.py requirements/test.lock

pip installs the lock with every hash checked and no resolution of its own (``--no-deps``),
then the app without build isolation (its build backend is in the lock); a distribution
the lock does not name (left by an older lock or installed by hand) is uninstalled, and
``pip check`` confirms the set is consistent. Standard library only: it runs before
anything is installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEPT = {"pip", "postwright"}  # the installer, and the app installed from this checkout


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_names(lock: Path) -> set[str]:
    """The distributions a lock pins, whatever platform markers they carry."""
    return {canonical(match.group(1)) for match in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", lock.read_text(),
                                                                re.M)}


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], cwd=ROOT, check=True)


def main(lock_file: str) -> int:
    lock = ROOT / lock_file
    pip("install", "--quiet", "--require-hashes", "--no-deps", "-r", str(lock))
    pip("install", "--quiet", "--no-deps", "--no-build-isolation", "-e", str(ROOT))
    wanted = locked_names(lock) | KEPT
    installed = {dist.metadata["Name"] for dist in distributions()}
    stale = sorted(name for name in installed if canonical(name) not in wanted)
    if stale:
        print(f"removing what {lock_file} does not name: {', '.join(stale)}", file=sys.stderr)
        pip("uninstall", "--quiet", "--yes", *stale)
    pip("check")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "requirements/test.lock"))
