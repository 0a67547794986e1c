"""Patient handout of a 10k-word post: from the command to the PDF on disk.

Run: ``.venv/bin/python benchmarks/bench_handout.py`` (writes the "handout" section of
docs/benchmarks.md). Each run is a separate ``postwright-cli export … --format handout``
process on the same library, timed from process start to exit (Qt and Chromium start-up,
the gate, rendering, printing, the atomic write). The process also reports the time from
the first check to the PDF bytes. Target: ≤ 3 s for the whole command.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles import generate_article, reference_items
from report import update_section

from editor.core.library import Library
from editor.core.post.model import Author, Post
from editor.core.render.site_identity import SiteIdentity

RUNS = 5
WORDS = 10_000


def build_library(path: Path) -> None:
    with Library.open(path, seed=False) as lib:
        for item in reference_items().values():
            lib.references.add(item)
        author = lib.authors.save(Author(name="Jordan Ellis", credentials="PA-C"))
        lib.posts.create(Post(title="Generated article", slug="article", summary="A generated article.",
                              body=generate_article(WORDS, seed=1), status="published", author_id=author.id))
        lib.settings.store(SiteIdentity(clinic_name="Riverside Family Clinic", header_text="(555) 201-3300"))
        lib.settings.set("site_base_url", "https://riverside.example/blog")


def main() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_library(root / "bench.postwright")
        times, pages = [], 0
        for run in range(RUNS):
            out = root / f"run{run}.pdf"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "editor", "export", "article", "--format", "handout",
                            "--out", str(out), "--library", str(root / "bench.postwright")],
                           check=True, capture_output=True, env=env)
            times.append((time.perf_counter() - start) * 1000)
            pages = len(re.findall(rb"/Type\s*/Page(?!s)", out.read_bytes()))
    load = os.getloadavg()[0]
    text = "\n".join([
        "## Patient handout (benchmarks/bench_handout.py)",
        "",
        f"`postwright-cli export … --format handout` of a {WORDS:,}-word post with 60 references, "
        f"{RUNS} separate processes, wall time from start to exit; load average {load:.1f} at the end.",
        "",
        "| figure | median | min–max |",
        "|---|---|---|",
        f"| command → PDF written ({pages} pages) | {statistics.median(times):.0f} ms "
        f"| {min(times):.0f}–{max(times):.0f} ms |",
    ])
    print(text)
    update_section("handout", text)


if __name__ == "__main__":
    main()
