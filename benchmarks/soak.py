"""Soak: the real app types while command-line processes work on the same library, and is
killed (kill -9) or closed at random moments. Nothing autosaved may ever be lost.

    python -m benchmarks.soak [--minutes 10] [--rounds 10] [--min-seconds 3] [--max-seconds 8] [--json] [--no-report]

Each round starts the app (offscreen) on one library that lives through all rounds; the
app types a numbered word every 50 ms at the end of the open post and reports each
autosave. Meanwhile another thread runs ``postwright-cli list``, ``import``, ``export``
and ``refs import`` one after another, each a fresh process, and between them another
process holds the library's write lock for 1-15 s (``BEGIN IMMEDIATE``, as a long import
or a sync tool does), and a watcher checks every 50 ms that the library's ``-wal`` file
exists while the app runs. Then the app is killed (-9) or, every third round, closed
normally. The next round's app start offers back what the recovery file holds (the soak
answers "Restore"). After each round:

- integrity: ``PRAGMA integrity_check`` of the library;
- autosaves lost: words the app reported as saved that are not in the library (must be 0);
- typing lost: seconds of typing (50 ms a word) after the last word that is in the library
  or in the app's recovery file (``core/library/pending_edits.py``) — a kill may lose the
  last ~2 s, whatever the lock time; a normal close loses nothing;
- replay: words that were in the recovery file after a kill but not in the library after
  the next start (must be 0);
- WAL missing: times the watcher found no ``-wal`` beside the library while the app ran.

``--minutes`` runs rounds until that much time has passed (``--rounds`` is then a minimum).
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
    from editor.gui.dialogs import save_dialogs
    save_dialogs.ask_restore_pending = lambda parent, edit: True  # the person answers "Restore"
    # Closing while another process holds the lock longer than the close waits: the person presses "Try Again".
    save_dialogs.ask_unsaved_on_close = lambda parent, title, reason: "retry"

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
    recoverable_words: int = 0  # words 1..N all in the library or the recovery file after the round
    seconds_lost: float = 0.0
    replay_missing: int = 0  # words the previous round left in the recovery file, missing after this start
    lock_holds: int = 0
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


HOLD = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
    conn.execute("BEGIN IMMEDIATE")
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
""")


def cli_loop(library: Path, work: Path, stop: threading.Event, result: Round, rng: random.Random,
             max_hold: float = 15.0) -> None:
    commands = [
        ["hold"],  # another process holds the write lock for 1-15 s (first, so every round meets one)
        ["list"],
        ["import", "--update", str(DATA / "sleep-and-weight.md")],  # a second run updates that post
        ["export", SLUG, "--out", str(work / "export.html")],
        ["refs", "import", str(REFS)],
    ]
    index = 0
    while not stop.is_set():
        command = commands[index % len(commands)]
        index += 1
        if command == ["hold"]:
            result.lock_holds += 1
            subprocess.run([sys.executable, "-c", HOLD, str(library), f"{rng.uniform(1, max(1.0, max_hold)):.1f}"],
                           capture_output=True, text=True, timeout=120)
            continue
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


def recovery_body(library: Path) -> str:
    """The text the app's recovery file holds for the post (what the next start offers back)."""
    from editor.core.library.pending_edits import PendingEdits

    return "".join(edit.body for edit in PendingEdits(library).pending() if edit.slug == SLUG)


def stored_body(library: Path) -> tuple[str, str]:
    conn = sqlite3.connect(f"{library.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        body = conn.execute("SELECT body FROM posts WHERE slug = ?", [SLUG]).fetchone()[0]
        return integrity, body
    finally:
        conn.close()


def run_round(number: int, ending: str, seconds: float, library: Path, work: Path, rng: random.Random,
              left_over: list[str], max_hold: float = 15.0) -> Round:
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
    if left_over:  # what the last kill left in the recovery file: the start just restored it
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            body = stored_body(library)[1]
            if all(word in body for word in left_over):
                break
            time.sleep(0.2)
        result.replay_missing = sum(1 for word in left_over if word not in stored_body(library)[1])
    stop = threading.Event()
    threads = [threading.Thread(target=cli_loop, args=(library, work, stop, result, rng, max_hold))]
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
    kept = body + recovery_body(library)
    recoverable = 0
    while recoverable < typed and f" {prefix}w{recoverable + 1}" in kept:
        recoverable += 1
    result.recoverable_words = recoverable
    result.seconds_lost = round((typed - recoverable) * 0.05, 2)
    left_over[:] = [word for word in words[:recoverable] if word not in body]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--minutes", type=float, default=0.0, help="go on with rounds until this much time passed")
    parser.add_argument("--max-hold", type=float, default=15.0, help="longest write-lock hold, seconds (from 1)")
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
        subprocess.run([*cli(library), "new-library", "--with-sample"], check=True, capture_output=True)
        results = []
        started = time.monotonic()
        left_over: list[str] = []
        number = 0
        while number < args.rounds or time.monotonic() - started < args.minutes * 60:
            number += 1
            ending = "close" if number % 3 == 0 else "kill"
            result = run_round(number, ending, rng.uniform(args.min_seconds, args.max_seconds), library, work, rng,
                               left_over, args.max_hold)
            results.append(result)
            if not args.json:
                print(f"round {number} ({ending} after {result.seconds} s): typed {result.typed_words} words "
                      f"({result.saved_words} reported saved), {result.bytes_typed} B, "
                      f"lost {result.bytes_lost} B in the library, {result.recoverable_words} words kept, "
                      f"{result.seconds_lost} s of typing lost "
                      f"(library + recovery file), replay missing {result.replay_missing}, "
                      f"autosaves lost {result.autosaves_lost}, integrity {result.integrity}, "
                      f"WAL missing {result.wal_missing}/{result.wal_checks}, lock holds {result.lock_holds}, "
                      f"CLI runs {result.cli_runs} ({len(result.cli_failures)} failed)", flush=True)
        elapsed = time.monotonic() - started
    summary = summarize(results)
    summary["minutes"] = round(elapsed / 60, 1)
    summary["load_average_end"] = [round(value, 2) for value in os.getloadavg()]
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
        "max_typing_lost_on_kill_s": max((r.seconds_lost for r in kills), default=0.0),
        "typing_lost_on_close_s": sum(r.seconds_lost for r in closes),
        "replay_missing": sum(r.replay_missing for r in results),
        "lock_holds": sum(r.lock_holds for r in results),
        "integrity_failures": sum(1 for r in results if r.integrity != "ok"),
        "integrity": sorted({r.integrity for r in results}),
        "wal_missing": sum(r.wal_missing for r in results), "wal_checks": sum(r.wal_checks for r in results),
        "cli_runs": sum(r.cli_runs for r in results),
        "cli_failures": [failure for r in results for failure in r.cli_failures],
    }


def report(summary: dict[str, object]) -> str:
    load = os.getloadavg()[0]
    worst = summary["worst_loss_on_kill_bytes"]
    return textwrap.dedent(f"""
        ## Soak: app typing beside the command line and a lock holder, killed at random (`benchmarks/soak.py`)

        {summary['rounds']} rounds in {summary.get('minutes', '?')} minutes ({summary['kills']} ended by kill -9 at a
        random moment, {summary['closes']} by closing the window) on one library; the app typed a word every 50 ms
        while {summary['cli_runs']} `postwright-cli` processes ran `list`, `import`, `export` and `refs import`
        beside it and another process held the write lock {summary['lock_holds']} times for 1–15 s. Load average
        at the end: {load:.1f} (a correctness figure: load does not change what is lost).

        | measure | result |
        |---|---|
        | most typing lost by one kill -9 (library + recovery file) | {summary['max_typing_lost_on_kill_s']} s |
        | typing lost on a normal close | {summary['typing_lost_on_close_s']} s |
        | recovered words missing after the next start | {summary['replay_missing']} |
        | autosaved words missing afterwards | {summary['autosaves_lost']} |
        | bytes not yet in the library after a kill (total / worst round) | {summary['bytes_lost_on_kill']} / {worst} |
        | `integrity_check` failures | {summary['integrity_failures']} ({', '.join(map(str, summary['integrity']))}) |
        | `-wal` missing while the app ran | {summary['wal_missing']} of {summary['wal_checks']} checks |
        | CLI commands that failed | {len(summary['cli_failures'])} |

        While a save waits for the lock, the newest text goes to the app's recovery file within 2 s of typing
        (`gui/pending_journal.py`), and the next start restores it: a kill loses at most ~2 s whatever the lock time.
    """)


if __name__ == "__main__":
    sys.exit(main())
