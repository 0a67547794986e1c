"""Starting the app imports only what the first paint needs: the heavy libraries that
only some commands use stay out until they are used (each cost tens of milliseconds)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from editor.core.library import Library

NOT_AT_START = ("sqlite_utils", "qtawesome", "qtpy", "citeproc", "httpx", "keyring", "trafilatura", "mammoth",
                "lxml", "PIL", "jinja2")

PROBE = """
import json, sys
from editor.app import open_window
from editor.core.library import Library
library = Library.open(sys.argv[1])
print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))
"""


def test_opening_an_up_to_date_library_with_the_app_modules_loads_no_heavy_library(tmp_path: Path) -> None:
    path = tmp_path / "library.postwright"
    Library.open(path).close()  # created (and migrated) beforehand, as on every later start
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=120,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "PySide6" in loaded and "editor" in loaded
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
