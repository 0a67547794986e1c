"""ReText, the peer the desktop-app benchmarks compare with: its own virtual environment and settings.

ReText 8.x (PyQt6 + Qt WebEngine) is installed from PyPI into a virtual environment of its own
(by default in the user's cache folder), never into Postwright's, and checked to start
offscreen before anything is measured. Its settings live in a temporary ``XDG_CONFIG_HOME``:
WebEngine preview, live preview on, no window geometry kept between runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_VENV = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "postwright-bench" / "retext-venv"
PACKAGES = ("ReText>=8,<9", "PyQt6", "PyQt6-WebEngine")


def ensure_venv(venv: Path) -> Path:
    """ReText's interpreter, installing it on first use; raises if it cannot start offscreen."""
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    probe = subprocess.run(
        [str(python), "-c", "import sys; from PyQt6.QtWebEngineWidgets import QWebEngineView;"
         "from PyQt6.QtWidgets import QApplication; app = QApplication(sys.argv[:1]);"
         "from ReText.window import ReTextWindow; from ReText import app_version;"
         "from ReText.webenginepreview import ReTextWebEnginePreview; print(app_version)"],
        capture_output=True, text=True, env=retext_env(Path(tempfile.mkdtemp())), timeout=120,
    )
    if probe.returncode != 0:
        raise SystemExit(f"ReText does not start offscreen in {venv}:\n{probe.stderr[-2000:]}")
    print(f"ReText {probe.stdout.strip().splitlines()[-1]} in {venv}")
    return python


def retext_command(python: Path) -> Path:
    """ReText's own entry point, the ``retext`` console script of its environment."""
    return python.with_name("retext")


def retext_env(config: Path) -> dict[str, str]:
    folder = config / "ReText project"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ReText.conf").write_text("[General]\nuseWebEngine=true\ndefaultPreviewState=live-preview\n"
                                        "saveWindowGeometry=false\n", encoding="utf-8")
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), XDG_CACHE_HOME=str(config / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app keeps its compiled modules
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    return env
