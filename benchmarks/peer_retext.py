"""Postwright next to ReText (PyQt6 + Qt WebEngine preview), same documents, same protocol.

    QT_QPA_PLATFORM=offscreen python benchmarks/peer_retext.py --docs /tmp/docs [--runs 5] [--report]

``--docs`` is a folder written by ``benchmarks/documents.py`` (generated there if empty).
ReText is installed into its own virtual environment (``--venv``, by default in the
user's cache folder) with ``pip install ReText PyQt6 PyQt6-WebEngine`` and checked to
start offscreen before anything is measured. Its settings live in a temporary
``XDG_CONFIG_HOME``: WebEngine preview, live preview on.

The protocol is ``benchmarks/protocol.py`` for both apps: open a post (another one shown
and settled) → the last line on screen; one key after the typing anchor → the new text
on screen; paced and back-to-back typing with the event-loop lag; cold start with the
document → editor painted / last line on screen. Processes alternate (Postwright, ReText,
Postwright…) so both see the same machine load. Each figure is the median (min–max) of
``--runs`` processes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_app  # noqa: E402
from benchmarks.documents import SIZES, file_name, write_documents  # noqa: E402
from benchmarks.protocol import fmt, load_average, pick, ratio, run_child  # noqa: E402

DEFAULT_VENV = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "postwright-bench" / "retext-venv"
PACKAGES = ("ReText", "PyQt6", "PyQt6-WebEngine")

# Runs inside ReText's own interpreter: the same protocol, driven through ReText's window.
RETEXT_CHILD = textwrap.dedent(
    """
    import json, multiprocessing, os, sys, time
    mode, doc, short, started, root = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
    marker, anchor, keys, trials = sys.argv[6], sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
    sys.path.insert(0, root)
    multiprocessing.set_start_method("spawn")
    from PyQt6.QtCore import QEvent, QObject, Qt, QTimer
    from PyQt6.QtGui import QTextCursor
    from PyQt6.QtWebEngineCore import QWebEngineScript
    from PyQt6.QtWebEngineWidgets import QWebEngineView  # before the QApplication, as ReText's main does
    from PyQt6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("ReText project")
    app.setApplicationName("ReText")
    from ReText.window import ReTextWindow
    from ReText import tab as retext_tab
    from benchmarks.protocol import LagProbe, PagePoller, TaskTimer, load_average, settle, wait_until

    WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
    tasks = TaskTimer()
    tasks.wrap(retext_tab.ReTextTab, "startPendingConversion", "render submit")
    tasks.wrap(retext_tab.ReTextTab, "updatePreviewBox", "render apply (setHtml)")
    marks = {"load": load_average()}
    window = ReTextWindow()

    def page():
        return window.currentTab.previewBox.page()

    def stages(marker, since):
        box = []
        poller = PagePoller(page(), WORLD, marker, since, box.append)
        wait_until(app, lambda: bool(box), 120)
        del poller
        return box[0]

    if mode == "cold":
        class FirstPaint(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "editor" not in marks:
                    marks["editor"] = (time.time() - started) * 1000
                return False
        window.show()
        window.openFileWrapper(doc)
        painter = FirstPaint()
        window.currentTab.editBox.viewport().installEventFilter(painter)
        marks["preview"] = stages(marker, started)
        print(json.dumps(marks), flush=True)
        sys.exit(0)

    window.show()
    window.openFileWrapper(short)
    stages("zqshortend", time.time())
    settle(app, 1.5)
    usable = []
    probe = LagProbe()
    probe.start()
    tasks.reset()
    clicked = time.time()
    window.openFileWrapper(doc)

    def type_when_usable():
        from PyQt6.QtTest import QTest
        QTest.keyClick(window.currentTab.editBox, Qt.Key.Key_End)
        window.currentTab.editBox.viewport().repaint()
        usable.append((time.time() - clicked) * 1000)

    QTimer.singleShot(0, type_when_usable)
    marks["open"] = stages(marker, clicked)
    wait_until(app, lambda: bool(usable))
    marks["open"]["usable"] = usable[0]
    marks["open"].update(probe.summary())
    marks["open"]["tasks"] = tasks.summary()
    probe.stop()
    settle(app, 2.0)

    from PyQt6.QtTest import QTest
    edit = window.currentTab.editBox
    body = edit.toPlainText()
    cursor = edit.textCursor()
    cursor.setPosition(body.index(anchor) + len(anchor))
    edit.setTextCursor(cursor)
    typed, found = "", []
    for index in range(trials):
        settle(app, 0.8)
        letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
        since = time.time()
        QTest.keyClick(edit, letter)
        typed += letter
        found.append(stages(anchor + typed, since))
    import statistics
    marks["key"] = {}
    for stage in ("dom", "layout", "frame"):
        values = [f[stage] for f in found if f[stage] is not None]
        marks["key"][stage] = statistics.median(values) if values else None

    for mode in ("paced", "burst"):
        settle(app, 2.5)
        edit.moveCursor(QTextCursor.MoveOperation.EndOfBlock)
        tasks.reset()
        probe.start()
        remaining = [keys]

        def next_key(mode=mode, remaining=remaining):
            if remaining[0] <= 0:
                return
            remaining[0] -= 1
            QTest.keyClick(edit, "abcdefghij "[remaining[0] % 11])
            QTimer.singleShot(120 if mode == "paced" else 0, next_key)

        next_key()
        wait_until(app, lambda remaining=remaining: remaining[0] <= 0, 600)
        settle(app, 2.5)
        probe.stop()
        marks[mode] = probe.summary() | {"tasks": tasks.summary(), "keys": keys}
    print(json.dumps(marks), flush=True)
    os._exit(0)  # ReText asks about unsaved changes on close
    """
)


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
        capture_output=True, text=True, env=_env(Path(tempfile.mkdtemp())), timeout=120,
    )
    if probe.returncode != 0:
        raise SystemExit(f"ReText does not start offscreen in {venv}:\n{probe.stderr[-2000:]}")
    print(f"ReText {probe.stdout.strip().splitlines()[-1]} in {venv}")
    return python


def _env(config: Path) -> dict[str, str]:
    folder = config / "ReText project"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ReText.conf").write_text("[General]\nuseWebEngine=true\ndefaultPreviewState=live-preview\n"
                                        "saveWindowGeometry=false\n", encoding="utf-8")
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), XDG_CACHE_HOME=str(config / "cache"))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    return env


def retext_run(python: Path, mode: str, doc: Path, keys: int, trials: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="retext-bench-"))
    short = folder / "short.md"
    short.write_text("A short post.\n\n## One\n\nText zqshortend.\n", encoding="utf-8")
    copy = folder / doc.name  # ReText may write next to the file; the original stays as generated
    copy.write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    marker = bench_app.marker_of(bench_app.last_line_of(doc))
    started = time.time()
    return run_child([str(python), "-c", RETEXT_CHILD, mode, str(copy), str(short), str(started), str(ROOT), marker,
                      bench_app.TYPING_ANCHOR, str(keys), str(trials)], env=_env(folder / "config"), cwd=folder)


ROWS = (
    ("open → editor usable", ("open", "usable")),
    ("open → preview shows the last line", ("open", "frame")),
    ("open: longest event-loop stall", ("open", "lag_max")),
    ("keystroke → preview shows it", ("key", "frame")),
    ("paced typing: longest event-loop stall", ("paced", "lag_max")),
    ("back-to-back typing: longest event-loop stall", ("burst", "lag_max")),
    ("back-to-back typing: longest GUI-thread busy stretch", ("burst", "busy_max")),
    ("cold start → editor painted", ("cold", "editor")),
    ("cold start → preview shows the last line", ("cold", "preview", "frame")),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--words", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    python = ensure_venv(args.venv)
    missing = [words for words in args.words if not (args.docs / file_name(words)).exists()]
    if missing:
        write_documents(args.docs, tuple(missing))
    before = load_average()
    lines = []
    for words in args.words:
        doc = args.docs / file_name(words)
        mine: list[dict[str, Any]] = []
        peer: list[dict[str, Any]] = []
        for _ in range(args.runs):
            mine.append(run_child([sys.executable, bench_app.__file__, "--child", "session", "--doc", str(doc),
                                   "--keys", str(args.keys), "--trials", str(args.trials)], cwd=ROOT))
            mine[-1]["cold"] = run_child([sys.executable, bench_app.__file__, "--child", "cold", "--doc", str(doc)],
                                         cwd=ROOT)
            peer.append(retext_run(python, "session", doc, args.keys, args.trials))
            peer[-1]["cold"] = retext_run(python, "cold", doc, args.keys, args.trials)
            print(f"{words}: run {len(mine)} done", flush=True)
        for label, path in ROWS:
            a, b = pick(mine, *path), pick(peer, *path)
            lines.append(f"| {words // 1000}k | {label} | {fmt(a)} | {fmt(b)} | {ratio(a, b)} |")
    header = (f"`QT_QPA_PLATFORM=offscreen python benchmarks/peer_retext.py --docs DOCS "
              f"--words {' '.join(str(w) for w in args.words)} --runs {args.runs} "
              f"--keys {args.keys} --trials {args.trials}`: documents from `benchmarks/documents.py`, "
              f"median (min–max) of {args.runs} alternating processes per app; load average {before} before, "
              f"{load_average()} after. ReText 8.1 with its WebEngine live preview.")
    table = "| words | measure | Postwright | ReText | |\n|---|---|---|---|---|\n" + "\n".join(lines)
    print(header)
    print(table)
    if args.report:
        from benchmarks.report import update_section

        update_section("peer-retext", f"## Postwright and ReText side by side\n\n{header}\n\n{table}")


if __name__ == "__main__":
    main()
