"""Write one benchmark's figures into its own section of docs/benchmarks.md.

Each benchmark owns a section delimited by HTML comments, so several benchmarks
can update the file without overwriting each other's figures.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.foundation.atomic import atomic_write_text  # noqa: E402
from editor.core.foundation.output_paths import overwriting  # noqa: E402

REPORT = ROOT / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Run on demand (not part of the test suite). Each section below is written by the script it\n"
    "names; figures are medians of several runs on a 2-core machine, so expect ±10–20% noise.\n"
)


def machine_line() -> str:
    return f"_Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}._"


def update_section(name: str, markdown_text: str) -> None:
    """Replace (or append) the section ``name`` of docs/benchmarks.md."""
    current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else HEADER
    begin, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{begin}\n{markdown_text.strip()}\n\n{machine_line()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: block, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + block + "\n"
    with overwriting():  # the report is ours to update, whoever wrote it last (a person edits it too)
        atomic_write_text(REPORT, updated)


def print_and_report(name: str, title: str, header: str, table: str, *, report: bool, load: int = 0,
                     load_text: str = "") -> None:
    """Print a benchmark's header and table; with ``report``, write them as section ``name`` (a run
    beside ``load`` busy processes gets a section of its own, ``name-loadN``)."""
    print(header)
    print(table)
    if report:
        suffix = f"-load{load}" if load else ""
        update_section(name + suffix, f"## {title}{f', {load_text}' if load else ''}\n\n{header}\n\n{table}")
