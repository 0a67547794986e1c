"""Full page export of a 10k-word post (render + CSL reference list + template + atomic writes).

Run: ``.venv/bin/python benchmarks/bench_export.py`` (writes the "export" section of
docs/benchmarks.md). Target: ≤ 500 ms including reference formatting.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from articles import generate_article, reference_items
from report import update_section

from editor.core.export import export_all, export_post
from editor.core.library import Library
from editor.core.post.model import Author, Post

RUNS = 7


def build_library(path: Path) -> Library:
    lib = Library.open(path, seed=False)
    for item in reference_items().values():
        lib.references.add(item)
    author = lib.authors.save(Author(name="Jordan Ellis", credentials="PA-C", job_title="Physician Assistant",
                                     bio="Writes about weight and sleep."))
    for number, words in enumerate((10_000, 2_000, 2_000, 2_000, 2_000)):
        lib.posts.create(Post(
            title=f"Generated article {number}", slug=f"article-{number}", summary="A generated article.",
            body=generate_article(words, seed=number + 1), status="published", author_id=author.id,
        ))
    return lib


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lib = build_library(root / "bench.sqlite")
        cited = len(set(re.findall(r"@(ref\d+)", lib.posts.get("article-0").body)))
        times = []
        for run in range(RUNS):
            start = time.perf_counter()
            export_post(lib, "article-0", "page", root / "out" / f"run{run}.html")
            times.append((time.perf_counter() - start) * 1000)
        cold, warm = times[0], statistics.median(times[1:])
        # The generated posts have warnings only (no author, no review date): export them anyway,
        # and make sure they really were exported (the gate skips, silently to a benchmark).
        start = time.perf_counter()
        site = export_all(lib, root / "site", allow_warnings=True)
        site_ms = (time.perf_counter() - start) * 1000
        assert site.pages and not site.skipped, f"export --all skipped {site.skipped}"
        lib.close()
        rates = {}
        for count in (100, 400):  # linear: the same posts per second at 100 and at 400
            many = Library.open(root / f"site{count}.sqlite", seed=False)
            for item in reference_items().values():
                many.references.add(item)
            with many.transaction():
                for number in range(count):
                    many.posts.create(Post(title=f"Post {number}", body=generate_article(1_000, seed=number % 50),
                                           status="published"))
            start = time.perf_counter()
            exported = export_all(many, root / f"site{count}", allow_warnings=True)
            rates[count] = count / (time.perf_counter() - start)
            assert len(exported.pages) >= count and not exported.skipped, f"export --all skipped {exported.skipped}"
            many.close()
    text = "\n".join([
        "## Export (benchmarks/bench_export.py)",
        "",
        f"Page export of a generated 10k-word post citing {cited} distinct references (library file on disk): render, "
        "reference list through citeproc-py (AMA), Jinja2 page, atomic writes of the page and assets. "
        "Each run starts a fresh renderer and formatter; the first run also parses the CSL style.",
        "",
        "| measure | ms |",
        "|---|---|",
        f"| page export, first run (style parse included) | {cold:.0f} |",
        f"| page export, median of {RUNS - 1} further runs | {warm:.0f} |",
        f"| `export --all --allow-warnings` of the library's published posts ({len(site.pages)} pages with the index) "
        f"| {site_ms:.0f} |",
        "",
        "| `export --all --allow-warnings` of 1,000-word published posts (checks, pages, index, atomic writes) "
        "| posts/s |",
        "|---|---|",
        *(f"| {count} posts | {rate:.0f} |" for count, rate in rates.items()),
        "",
        f"Target: ≤ 500 ms for the 10k-word page, reference formatting included: "
        f"{'met' if max(cold, warm) <= 500 else 'NOT met'}.",
    ])
    update_section("export", text)
    print(text)


if __name__ == "__main__":
    main()
