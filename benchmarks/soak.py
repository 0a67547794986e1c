"""Soak: the real app types while command-line processes work on the same library, and is
killed (kill -9) or closed at random moments. Nothing autosaved may ever be lost.

    python -m benchmarks.soak [--rounds 10] [--min-seconds 3] [--max-seconds 8] [--json] [--no-report]

Each round starts the app (offscreen) on one library that lives through all rounds; the
app types a numbered word every 50 ms at the end of the open post and reports each
autosave. Meanwhile another thread runs ``postwright-cli list``, ``import``, ``export``
and ``refs import`` one after another, each a fresh process, and a watcher checks every
50 ms that the library's ``-wal`` file exists while the app runs. Then the app is killed
(-9) or, every third round, closed normally. After each round:

- integrity: ``PRAGMA integrity_check`` of the library;
- autosaves lost: words the app reported as saved that are not in the library (must be 0);
- bytes lost: characters typed that are not in the library (a kill may lose the last
  ~2 s of typing, never more; a normal close loses nothing);
- WAL missing: times the watcher found no ``-wal`` beside the library while the app ran.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "_data"
REFS = ROOT / "tests" / "gui" / "panels" / "data" / "glp1.ris"
SLUG = "glp1-what-to-know"

APP = textwrap.dedent(
    """
    import json, os, sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication
    from editor.app import open_window

    library, ini, prefix, close_after = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    window = open_window(library, QSettings(ini, QSettings.Format.IniFormat))
    window.open_post("glp1-what-to-know")
    window.show()
    count = 0

    def say(**data):
        print(json.dumps(data), flush=True)

    def type_one():
        global count
        count += 1
        cursor = window.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(f" {prefix}w{count}")
        if count % 10 == 0:
            say(typed=count)

    def saved(post):
        tail = post.body.rsplit(f" {prefix}w", 1)
        if len(tail) == 2 and tail[1].isdigit():
            say(saved=int(tail[1]))

    def finish():
        timer.stop()
        say(typed=count, closing=True)
        window.close()
        say(closed=True, state=window.status.save_label.text())
        QApplication.instance().quit()

    window.hub.postSaved.connect(saved)
    if os.environ.get("SOAK_TRACE"):
        import time as _t
        window.hub.saveStateChanged.connect(lambda state: say(state=state, t=round(_t.monotonic(), 2), n=count))
        window.hub.statusMessage.connect(lambda text: say(message=text[:200], t=round(_t.monotonic(), 2)))
    timer = QTimer(interval=50, timeout=type_one)
    timer.start()
    if close_after > 0:
        QTimer.singleShot(int(close_after * 1000), finish)
    say(ready=True)
    QApplication.instance().exec()
    """
)


@dataclass
class Round:
    number: int
    ending: str  # "kill" or "close"
    seconds: float
    typed_words: int = 0
    saved_words: int = 0
    bytes_typed: int = 0
    bytes_lost: int = 0
    autosaves_lost: int = 0
    integrity: str = ""
    wal_missing: int = 0
    wal_checks: int = 0
    cli_runs: int = 0
    cli_failures: list[str] = field(default_factory=list)


def cli(library: Path) -> list[str]:
    return [str(Path(sys.executable).with_name("postwright-cli")), "--library", str(library)]


def cli_loop(library: Path, work: Path, stop: threading.Event, result: Round) -> None:
    commands = [
        ["list"],
        ["import", "--update", str(DATA / "sleep-and-weight.md")],  # a second run updates that post
        ["export", SLUG, "--out", str(work / "export.html")],
        ["refs", "import", str(REFS)],
    ]
    index = 0
    while not stop.is_set():
        command = commands[index % len(commands)]
        index += 1
        done = subprocess.run([*cli(library), *command], capture_output=True, text=True, timeout=120)
        result.cli_runs += 1
        if done.returncode != 0 or "Traceback" in done.stderr:
            result.cli_failures.append(f"{command[0]}: {done.stderr.strip()[-300:]}")


def wal_watch(library: Path, app: subprocess.Popen[str], stop: threading.Event, result: Round) -> None:
    """While the app has the library open (until it says it is closing), its log must exist."""
    wal = Path(f"{library}-wal")
    while not stop.is_set() and app.poll() is None:
        result.wal_checks += 1
        if not wal.exists() and app.poll() is None and not stop.is_set():
            result.wal_missing += 1
        time.sleep(0.05)


def stored_body(library: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        body = conn.execute("SELECT body FROM posts WHERE slug = ?", [SLUG]).fetchone()[0]
        return integrity, body
    finally:
        conn.close()


def run_round(number: int, ending: str, seconds: float, library: Path, work: Path) -> Round:
    result = Round(number, ending, round(seconds, 2))
    prefix = f"r{number}"
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(library), str(work / "app.ini"), prefix,
         str(seconds if ending == "close" else 0)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert app.stdout is not None
    saved = typed = 0
    ready = app.stdout.readline()
    if "ready" not in ready:
        app.kill()
        raise RuntimeError(f"the app did not start: {ready} {app.stderr.read() if app.stderr else ''}")
    stop = threading.Event()
    threads = [threading.Thread(target=cli_loop, args=(library, work, stop, result))]
    threads[0].start()
    lines: list[str] = []
    closing = threading.Event()  # the app closes the library itself: its log may then go

    def read() -> None:
        assert app.stdout is not None
        for line in iter(app.stdout.readline, ""):
            lines.append(line)
            if '"closing"' in line:
                closing.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    threads.append(threading.Thread(target=wal_watch, args=(library, app, closing, result)))
    threads[1].start()
    if ending == "kill":
        time.sleep(seconds)
        os.kill(app.pid, signal.SIGKILL)
    app.wait(timeout=120)
    reader.join(10)
    stop.set()
    for thread in threads:
        thread.join()
    for line in lines:
        try:
            data = json.loads(line)
        except ValueError:
            continue
        saved = max(saved, data.get("saved", 0))
        typed = max(typed, data.get("typed", 0))
    result.integrity, body = stored_body(library)
    words = [f" {prefix}w{n}" for n in range(1, typed + 1)]
    in_library = [word for word in words if word in body]
    result.typed_words, result.saved_words = typed, saved
    result.bytes_typed = sum(len(word) for word in words)
    result.bytes_lost = result.bytes_typed - sum(len(word) for word in in_library)
    result.autosaves_lost = sum(1 for n in range(1, saved + 1) if f" {prefix}w{n}" not in body)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--min-seconds", type=float, default=3.0)
    parser.add_argument("--max-seconds", type=float, default=8.0)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-report", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="postwright-soak-") as scratch:
        work = Path(scratch)
        library = work / "library.postwright"
        subprocess.run([*cli(library), "list"], check=True, capture_output=True)
        results = []
        for number in range(1, args.rounds + 1):
            ending = "close" if number % 3 == 0 else "kill"
            result = run_round(number, ending, rng.uniform(args.min_seconds, args.max_seconds), library, work)
            results.append(result)
            if not args.json:
                print(f"round {number} ({ending} after {result.seconds} s): typed {result.typed_words} words "
                      f"({result.saved_words} reported saved), {result.bytes_typed} B, "
                      f"lost {result.bytes_lost} B, autosaves lost {result.autosaves_lost}, "
                      f"integrity {result.integrity}, WAL missing {result.wal_missing}/{result.wal_checks}, "
                      f"CLI runs {result.cli_runs} ({len(result.cli_failures)} failed)", flush=True)
    summary = summarize(results)
    if args.json:
        print(json.dumps({"rounds": [asdict(r) for r in results], "summary": summary}))
    else:
        print(json.dumps(summary, indent=2))
    if not args.no_report:
        from benchmarks.report import update_section

        update_section("soak", report(summary))
    return 0


def summarize(results: list[Round]) -> dict[str, object]:
    kills = [r for r in results if r.ending == "kill"]
    closes = [r for r in results if r.ending == "close"]
    return {
        "rounds": len(results), "kills": len(kills), "closes": len(closes),
        "bytes_typed": sum(r.bytes_typed for r in results),
        "bytes_lost_on_kill": sum(r.bytes_lost for r in kills),
        "worst_loss_on_kill_bytes": max((r.bytes_lost for r in kills), default=0),
        "bytes_lost_on_close": sum(r.bytes_lost for r in closes),
        "autosaves_lost": sum(r.autosaves_lost for r in results),
        "integrity": sorted({r.integrity for r in results}),
        "wal_missing": sum(r.wal_missing for r in results), "wal_checks": sum(r.wal_checks for r in results),
        "cli_runs": sum(r.cli_runs for r in results),
        "cli_failures": [failure for r in results for failure in r.cli_failures],
    }


def report(summary: dict[str, object]) -> str:
    load = os.getloadavg()[0]
    worst = summary["worst_loss_on_kill_bytes"]
    return textwrap.dedent(f"""
        ## Soak: app typing beside the command line, killed at random (`benchmarks/soak.py`)

        {summary['rounds']} rounds ({summary['kills']} ended by kill -9 at a random moment 3–8 s in,
        {summary['closes']} by closing the window) on one library; the app typed a word every 50 ms
        while {summary['cli_runs']} `postwright-cli` processes ran `list`, `import`, `export` and
        `refs import` beside it. Load average at the end: {load:.1f}.

        | measure | result |
        |---|---|
        | bytes typed | {summary['bytes_typed']} |
        | autosaved words missing afterwards | {summary['autosaves_lost']} |
        | bytes lost on kill -9 (total / worst round) | {summary['bytes_lost_on_kill']} / {worst} |
        | bytes lost on a normal close | {summary['bytes_lost_on_close']} |
        | `integrity_check` after each round | {', '.join(map(str, summary['integrity']))} |
        | `-wal` missing while the app ran | {summary['wal_missing']} of {summary['wal_checks']} checks |
        | CLI commands that failed | {len(summary['cli_failures'])} |

        A kill loses at most what was typed since the last autosave (≤ 2 s of typing by design).
    """)


if __name__ == "__main__":
    sys.exit(main())
