"""``postwright-cli export --all`` and ``check --all`` on a generated library of ~1,000 published posts.

    python benchmarks/bench_export_all.py [--posts 1000] [--runs 5]

Each run is a separate ``postwright-cli`` process (start-up, every post through the gate and
its checks, rendering, the index and atomic writes; for ``check --all`` every post's checks),
timed from launch to exit, the two commands alternating; the figure is posts per second, the
median of the runs with the min–max, next to the machine's load average. Target (issues "No
sentence can freeze Postwright" and the start-up issue): at least 50 posts/s for both. Writes the
"export-all" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import library  # noqa: E402
from benchmarks.protocol import fmt, load_average, median_range  # noqa: E402
from benchmarks.report import update_section  # noqa: E402

TARGET = 50.0


def cli() -> list[str]:
    installed = Path(sys.executable).with_name("postwright-cli")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "editor"]


def one_run(library_file: Path, out: Path) -> float:
    """Seconds one ``export --all`` process took, from launch to exit."""
    shutil.rmtree(out, ignore_errors=True)
    return _timed([*cli(), "export", "--all", "--allow-warnings", "--out", str(out), "--library", str(library_file),
                   "--json"], "export --all", ok=(0,))


def check_run(library_file: Path) -> float:
    """Seconds one ``check --all`` process took (exit 1 means it found problems, which it reports)."""
    return _timed([*cli(), "check", "--all", "--library", str(library_file), "--json"], "check --all", ok=(0, 1))


def _timed(command: list[str], name: str, ok: tuple[int, ...]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - started
    if done.returncode not in ok:
        raise RuntimeError(f"{name} failed ({done.returncode}): {done.stderr[-2000:] or done.stdout[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pw-export-all-") as folder:
        library_file = Path(folder) / "library.postwright"
        library(str(library_file), args.posts)
        load_before = load_average()
        rates, checks = [], []
        for run in range(args.runs):
            rates.append(args.posts / one_run(library_file, Path(folder) / f"site{run}"))
            checks.append(args.posts / check_run(library_file))
        load_after = load_average()
    median = min((median_range(list(values)) or (0.0, 0.0, 0.0))[0] for values in (rates, checks))
    text = "\n".join([
        "## `export --all` from the command line (benchmarks/bench_export_all.py)",
        "",
        f"{args.posts} published posts of about 1,000 words (`benchmarks/generate.py`), each through the gate "
        f"(every check), rendered and written; {args.runs} separate `postwright-cli` processes.",
        "",
        "| measure | posts/s |",
        "|---|---|",
        f"| `export --all --allow-warnings`, median (min–max) | {fmt(list(rates), 'posts/s')} |",
        f"| `check --all`, median (min–max) | {fmt(list(checks), 'posts/s')} |",
        "",
        f"Load average before / after: {load_before} / {load_after}. Target ≥ {TARGET:.0f} posts/s: "
        f"{'met' if median >= TARGET else 'NOT met'}.",
    ])
    update_section("export-all", text)
    print(text)


if __name__ == "__main__":
    main()
