"""``postwright-cli export --all`` on a generated library of ~1,000 published posts, from the command line.

    python benchmarks/bench_export_all.py [--posts 1000] [--runs 5]

Each run is a separate ``postwright-cli`` process (start-up, every post through the gate and
its checks, rendering, the index and atomic writes), timed from launch to exit; the figure is
posts per second, the median of the runs with the min–max, next to the machine's load average.
Target (issue "No sentence can freeze Postwright"): at least 50 posts/s. Writes the
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
    started = time.perf_counter()
    done = subprocess.run([*cli(), "export", "--all", "--allow-warnings", "--out", str(out), "--library",
                           str(library_file), "--json"], capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"export --all failed ({done.returncode}): {done.stderr[-2000:] or done.stdout[-2000:]}")
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
        rates = [args.posts / one_run(library_file, Path(folder) / f"site{run}") for run in range(args.runs)]
        load_after = load_average()
    median = (median_range(list(rates)) or (0.0, 0.0, 0.0))[0]
    text = "\n".join([
        "## `export --all` from the command line (benchmarks/bench_export_all.py)",
        "",
        f"{args.posts} published posts of about 1,000 words (`benchmarks/generate.py`), each through the gate "
        f"(every check), rendered and written; {args.runs} separate `postwright-cli` processes.",
        "",
        "| measure | posts/s |",
        "|---|---|",
        f"| `export --all --allow-warnings`, median (min–max) | {fmt(list(rates), 'posts/s')} |",
        "",
        f"Load average before / after: {load_before} / {load_after}. Target ≥ {TARGET:.0f} posts/s: "
        f"{'met' if median >= TARGET else 'NOT met'}.",
    ])
    update_section("export-all", text)
    print(text)


if __name__ == "__main__":
    main()
