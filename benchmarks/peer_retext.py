"""Postwright next to ReText (PyQt6 + Qt WebEngine preview), same documents, same protocol.

    QT_QPA_PLATFORM=offscreen python benchmarks/peer_retext.py --docs /tmp/docs [--runs 5] [--report]

``--docs`` is a folder written by ``benchmarks/documents.py`` (generated there if empty).
ReText 8.x is installed into its own virtual environment (``--venv``, by default in the
user's cache folder; ``benchmarks/retext_env.py``) and checked to start offscreen before
anything is measured. Its settings live in a temporary ``XDG_CONFIG_HOME``: WebEngine
preview, live preview on.

The protocol is ``benchmarks/protocol.py`` for both apps: open a post (another one shown
and settled) → the last line on screen; one key after the typing anchor → the new text
on screen; paced and back-to-back typing with the event-loop lag; memory with the document
open (PSS of the app and all its processes, once it has stopped growing:
``protocol.settled_pss_mb``). Cold start runs each app's installed command
(``postwright`` on a library whose last post is the document, ``retext`` with the document's
path) from its exec to the editor painted / the last line on screen
(``benchmarks/cold_start.py``). Processes alternate (Postwright, ReText, Postwright…) so
both see the same machine load; ``--load N`` runs both beside N CPU-bound processes
(``benchmarks/cpu_load.py``). Each figure is the median (min–max) of ``--runs`` processes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench_app  # noqa: E402
from benchmarks.cold_start import ColdStarts, last_line_of, marker_of  # noqa: E402
from benchmarks.cpu_load import CpuLoad  # noqa: E402
from benchmarks.documents import SIZES, file_name, write_documents  # noqa: E402
from benchmarks.protocol import NO_FRAME_STATUS, ChildFailed, fmt, load_average, pick, ratio, run_child  # noqa: E402
from benchmarks.retext_env import DEFAULT_VENV, ensure_venv, retext_env  # noqa: E402

# Runs inside ReText's own interpreter: the same protocol, driven through ReText's window.
RETEXT_CHILD = textwrap.dedent(
    """
    import json, multiprocessing, os, sys, time
    mode, doc, short, started, root = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
    marker, anchor, keys, trials = sys.argv[6], sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
    shows = sys.argv[10] == "1"  # "0": ReText's preview cannot show this document; its figures are skipped
    sys.path.insert(0, root)
    multiprocessing.set_start_method("spawn")
    from PyQt6.QtCore import Qt, QTimer
    from PyQt6.QtGui import QTextCursor
    from PyQt6.QtWebEngineCore import QWebEngineScript
    from PyQt6.QtWebEngineWidgets import QWebEngineView  # before the QApplication, as ReText's main does
    from PyQt6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("ReText project")
    app.setApplicationName("ReText")
    from ReText.window import ReTextWindow
    from ReText import tab as retext_tab
    from benchmarks.protocol import (LagProbe, PagePoller, TaskTimer, load_average, settle, settled_pss_mb,
                                     wait_until)

    WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
    tasks = TaskTimer()
    tasks.wrap(retext_tab.ReTextTab, "startPendingConversion", "render submit")
    tasks.wrap(retext_tab.ReTextTab, "updatePreviewBox", "render apply (setHtml)")
    marks = {"load": load_average()}
    window = ReTextWindow()

    def page():
        return window.currentTab.previewBox.page()

    def stages(marker, since):
        if not shows and marker != "zqshortend":
            return {"dom": None, "layout": None, "frame": None}
        box = []
        poller = PagePoller(page(), WORLD, marker, since, box.append)
        wait_until(app, lambda: bool(box), 120)
        del poller
        return box[0]

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
    marks["memory"] = settled_pss_mb(app)

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


def retext_run(python: Path, doc: Path, keys: int, trials: int, shows: bool = True) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="retext-bench-"))
    short = folder / "short.md"
    short.write_text("A short post.\n\n## One\n\nText zqshortend.\n", encoding="utf-8")
    copy = folder / doc.name  # ReText may write next to the file; the original stays as generated
    copy.write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    marker = marker_of(last_line_of(doc))
    started = time.time()
    return run_child([str(python), "-c", RETEXT_CHILD, "session", str(copy), str(short), str(started), str(ROOT),
                      marker, bench_app.TYPING_ANCHOR, str(keys), str(trials), "1" if shows else "0"],
                     env=retext_env(folder / "config"),
                     cwd=folder)


ROWS = (
    ("open → editor usable", ("open", "usable")),
    ("open → preview shows the last line", ("open", "frame")),
    ("open: longest event-loop stall", ("open", "lag_max")),
    ("keystroke → preview shows it", ("key", "frame")),
    ("paced typing: longest event-loop stall", ("paced", "lag_max")),
    ("back-to-back typing: longest event-loop stall", ("burst", "lag_max")),
    ("back-to-back typing: longest GUI-thread busy stretch", ("burst", "busy_max")),
    ("memory with the post open (PSS, all processes)", ("memory",)),
    ("cold start (command) → editor painted", ("cold", "editor")),
    ("cold start (command) → preview shows the last line", ("cold", "preview")),
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=Path, required=True)
    parser.add_argument("--words", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--load", type=int, default=0, help="CPU-bound processes beside the apps")
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    python = ensure_venv(args.venv)
    missing = [words for words in args.words if not (args.docs / file_name(words)).exists()]
    if missing:
        write_documents(args.docs, tuple(missing))
    before = load_average()
    lines = []
    with CpuLoad(args.load) as load:
        for words in args.words:
            lines += compare(args.docs / file_name(words), words, python, args)
    header = (f"`QT_QPA_PLATFORM=offscreen python benchmarks/peer_retext.py --docs DOCS "
              f"--words {' '.join(str(w) for w in args.words)} --runs {args.runs} "
              f"--keys {args.keys} --trials {args.trials}{f' --load {args.load}' if args.load else ''}`: documents "
              f"from `benchmarks/documents.py`, median (min–max) of {args.runs} alternating processes per app; "
              f"{load.describe()}; load average {before} before, {load_average()} after. ReText 8 with its "
              "WebEngine live preview.")
    table = "| words | measure | Postwright | ReText | |\n|---|---|---|---|---|\n" + "\n".join(lines)
    from benchmarks.report import print_and_report

    print_and_report("peer-retext", "Postwright and ReText side by side", header, table, report=args.report,
                     load=args.load, load_text=load.describe())


def compare(doc: Path, words: int, python: Path, args: argparse.Namespace) -> list[str]:
    """Alternating processes of both apps on ``doc``; one table row per measure."""
    mine: list[dict[str, Any]] = []
    peer: list[dict[str, Any]] = []
    cold = ColdStarts(doc, python)
    try:
        cold.postwright()  # warm-up starts, not counted
        shows = retext_shows(cold)
        for _ in range(args.runs):
            mine.append(bench_app.session_run(doc, args.keys, args.trials) | {"cold": cold.postwright()})
            peer.append(retext_run(python, doc, args.keys, args.trials, shows) | {"cold": cold.retext(preview=shows)})
            print(f"{words}: run {len(mine)} done", flush=True)
    finally:
        cold.close()
    lines = [] if shows else [
        f"| {words // 1000}k | ReText's preview did not show the post's last line within 120 s of its start "
        "(Qt WebEngine's setHtml takes at most 2 MB); its preview figures are left out | | | |"]
    for label, path in ROWS:
        a, b = pick(mine, *path), pick(peer, *path)
        unit = "MB" if path == ("memory",) else "ms"
        compared = ratio(a, b)
        if unit == "MB":
            compared = compared.replace("faster", "less").replace("slower", "more")
        lines.append(f"| {words // 1000}k | {label} | {fmt(a, unit)} | {fmt(b, unit)} | {compared} |")
    return lines


def retext_shows(cold: ColdStarts) -> bool:
    """ReText's warm-up start; False when its preview never showed the document (the start ended with
    the instrument's "no frame" status), so its later runs measure only the editor."""
    try:
        cold.retext()
    except ChildFailed as error:
        if error.returncode != NO_FRAME_STATUS:
            raise
        return False
    return True


if __name__ == "__main__":
    main()
