"""The largest legitimate post against the import bounds: 200,000 words as a web page, pasted
text, Markdown and .docx, parsed in separate processes.

    python benchmarks/bench_import_limits.py [--words 200000] [--runs 5]

For each source, each run is a fresh process that (1) parses the file in-process and
reports the wall time, the peak resident memory (VmHWM) and the peak address space
(VmPeak, what the import's memory bound limits), then (2) imports it through
``parse_file_bounded`` (the path the app and the CLI take: a fork-server child under
``IMPORT_SECONDS`` and ``IMPORT_MEMORY_BYTES``), timed from the call to the parsed post,
the fork server's start included. Medians with min–max, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_import import page_docx, page_html, page_text
from benchmarks.report import update_section
from editor.core.foundation.limits import IMPORT_MEMORY_BYTES, IMPORT_SECONDS

_CHILD = """
import json, sys, time
from editor.core.importers import parse_file
from editor.core.importers.bounded import parse_file_bounded

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0

def main():
    path = sys.argv[1]
    start = time.perf_counter()
    post = parse_file(path)
    parse = time.perf_counter() - start
    start = time.perf_counter()
    bounded = parse_file_bounded(path)
    bounded_time = time.perf_counter() - start
    assert bounded.body == post.body
    print(json.dumps({"parse": parse, "bounded": bounded_time, "rss": status("VmHWM"), "vm": status("VmPeak"),
                      "words": len(post.body.split())}))

if __name__ == "__main__":
    main()
"""


def markdown_text(words: int) -> str:
    return "---\ntitle: A Long Post\ntags: [weight, sleep]\n---\n\n" + page_text(words).split("\n\n", 3)[3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        child = root / "child.py"
        child.write_text(_CHILD, encoding="utf-8")
        files = {
            "web page (.html)": (root / "post.html", lambda p: p.write_text(page_html(options.words), "utf-8")),
            "pasted text (.txt)": (root / "post.txt", lambda p: p.write_text(page_text(options.words), "utf-8")),
            "Markdown (.md)": (root / "post.md", lambda p: p.write_text(markdown_text(options.words), "utf-8")),
            "Word (.docx)": (root / "post.docx", lambda p: p.write_bytes(page_docx(options.words))),
        }
        for label, (path, write) in files.items():
            write(path)
            samples = []
            for _ in range(options.runs):
                output = subprocess.run([sys.executable, str(child), str(path)], capture_output=True, text=True,
                                        check=True, env={**os.environ, "PYTHONPATH": str(Path.cwd())})
                samples.append(json.loads(output.stdout.strip().splitlines()[-1]))

            def cell(key: str, scale: float, unit: str, samples: list[dict] = samples) -> str:
                values = [s[key] * scale for s in samples]
                return f"{statistics.median(values):.0f} {unit} ({min(values):.0f}–{max(values):.0f})"

            size = path.stat().st_size / 1048576
            row = (label, f"{size:.1f} MB", f"{samples[0]['words']:,}", cell("parse", 1000, "ms"),
                   cell("bounded", 1000, "ms"), cell("rss", 1 / 1048576, "MB"), cell("vm", 1 / 1048576, "MB"))
            rows.append(row)
            print(" | ".join(row), flush=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    table = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    update_section(
        "import-limits",
        "## Import bounds (`benchmarks/bench_import_limits.py`)\n\n"
        f"The largest legitimate post, {options.words:,} generated words with 60 numbered references, against "
        f"the import bounds ({IMPORT_SECONDS:g} s, {IMPORT_MEMORY_BYTES // 1048576:,} MB of address space; "
        "`editor/core/foundation/limits.py`). Each of "
        f"{options.runs} runs per source is a fresh process: \"parse\" is `parse_file` in-process; \"bounded\" is "
        "`parse_file_bounded` (fork-server child, the path the app and CLI take), timed from the call to the "
        "parsed post including the fork server's start; peak RSS (VmHWM) and peak address space (VmPeak) are "
        "the in-process parse's. Medians (min–max); load average "
        f"{load} (1/5/15 min) on a machine shared with other work.\n\n"
        "| source | file | words | parse | bounded | peak RSS | peak address space |\n"
        "|---|---|---|---|---|---|---|\n" + table,
    )


if __name__ == "__main__":
    main()
