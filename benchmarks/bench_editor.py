"""Editor widget responsiveness on a 50,000-word post (run on demand, not by pytest).

    .venv/bin/python benchmarks/bench_editor.py [--runs 5] [--keys 200] [--no-report]

Measures, with the Markdown highlighter and the spell checker live:
- main-thread time per keystroke: QTest key press processed (document edit, highlighting of the
  changed block, completion check, spell-check scheduling) plus ``viewport().repaint()``;
- the longest main-thread stall while spell-check results are applied during a typing pause;
- the time from the last keystroke to spell-check results shown (idle delay included);
- loading the post into the editor (setPlainText with full highlighting) until painted.
Figures are medians over ``--runs`` runs and go to docs/benchmarks.md (section "editor").
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui.writing import MarkdownEditor  # noqa: E402

SAMPLE = ROOT / "tests" / "gui" / "editor" / "data" / "sample_post.md"
TARGET_WORDS = 50_000


def long_post() -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("---", 2)[2].strip() if text.startswith("---") else text
    parts, words, n = [], 0, 0
    while words < TARGET_WORDS:
        n += 1
        chunk = re.sub(r"^(#{2,3}) (.+)$", rf"\1 \2 ({n})", body, flags=re.M)
        chunk += f"\n\nA sentence with a mispelled word and `code` in part {n}.\n\n```\nfenced code {n}\n```\n"
        parts.append(chunk)
        words += len(chunk.split())
    return "\n\n".join(parts) + "\n"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def pump(app: QApplication, seconds: float) -> float:
    """Run the event loop for ``seconds``; return the longest single processEvents() call (ms)."""
    longest = 0.0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        app.processEvents()
        longest = max(longest, (time.perf_counter() - start) * 1000)
        time.sleep(0.001)
    return longest


def one_run(app: QApplication, text: str, keys: int) -> dict[str, float]:
    editor = MarkdownEditor(citekey_provider=lambda prefix: [("wilding2021", "Wilding 2021")], spell_delay_ms=400)
    editor.resize(1000, 800)
    editor.show()
    app.processEvents()
    start = time.perf_counter()
    editor.setPlainText(text)
    editor.viewport().repaint()
    load_ms = (time.perf_counter() - start) * 1000
    editor.go_to_offset(len(text) // 2)
    editor.setFocus()
    pump(app, 1.5)  # speller loaded, visible text checked
    editor.spelling.wait_idle()
    pump(app, 0.2)

    per_key: list[float] = []
    stalls: list[float] = []
    latencies: list[float] = []
    typed = "Patients often notice less hunger "
    for index in range(keys):
        char = typed[index % len(typed)]
        key = Qt.Key.Key_Space if char == " " else getattr(Qt.Key, f"Key_{char.upper()}")
        modifier = Qt.KeyboardModifier.ShiftModifier if char.isupper() else Qt.KeyboardModifier.NoModifier
        start = time.perf_counter()
        QTest.keyClick(editor, key, modifier)
        editor.viewport().repaint()
        per_key.append((time.perf_counter() - start) * 1000)
        app.processEvents()  # timers and queued events between keystrokes (not timed: ~ typing gaps)
        if index % 50 == 49:  # a pause in typing: the spell check runs and its results are applied
            checked: list[float] = []
            editor.spelling.checked.connect(lambda seen=checked: seen.append(time.perf_counter()))
            paused = time.perf_counter()
            stalls.append(pump(app, 0.9))
            if checked:
                latencies.append((checked[0] - paused) * 1000)
            editor.spelling.checked.disconnect()
    editor.shutdown()
    editor.close()
    editor.deleteLater()
    app.processEvents()
    return {
        "median": statistics.median(per_key),
        "p95": percentile(per_key, 0.95),
        "max": max(per_key),
        "stall": max(stalls) if stalls else 0.0,
        "spell_latency": statistics.median(latencies) if latencies else float("nan"),
        "load": load_ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--no-report", action="store_true", help="print only; do not update docs/benchmarks.md")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    text = long_post()
    words = len(text.split())
    results = []
    for run in range(args.runs):
        result = one_run(app, text, args.keys)
        results.append(result)
        print(f"run {run + 1}: " + ", ".join(f"{k} {v:.2f} ms" for k, v in result.items()), flush=True)
    summary = {key: statistics.median(r[key] for r in results) for key in results[0]}
    table = (
        f"Editor widget (`bench_editor.py`): {words:,}-word post, {text.count(chr(10)):,} lines, "
        f"highlighter and spell checker live, {args.keys} keystrokes per run, medians of {args.runs} runs.\n\n"
        "| Measure | Result |\n| --- | --- |\n"
        f"| Keystroke → repaint, median | {summary['median']:.2f} ms |\n"
        f"| Keystroke → repaint, p95 | {summary['p95']:.2f} ms |\n"
        f"| Keystroke → repaint, max | {summary['max']:.2f} ms |\n"
        f"| Longest main-thread stall while spell results apply | {summary['stall']:.2f} ms |\n"
        f"| Typing pause → misspellings shown (400 ms idle delay included) | {summary['spell_latency']:.0f} ms |\n"
        f"| Load post into editor (full highlight) → painted | {summary['load']:.0f} ms |\n\n"
        "The keystroke figures are the editor widget's share of the app's 10 ms p95 budget "
        "(outline and preview scheduling come on top)."
    )
    print(table)
    if not args.no_report:
        from benchmarks.report import update_section

        update_section("editor", table)


if __name__ == "__main__":
    main()
