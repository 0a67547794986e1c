"""Library storage speed on a 10,000-post library of ~1,000-word posts.

    python benchmarks/bench_library.py [--posts 10000] [--runs 7]

Targets: open + list ≤ 15 ms, as the app opens it: the integrity check on another thread while
the app's modules load, then the library panel's count and first page once its verdict is in
(listing every title at once is reported too); full-text search ≤ 20 ms;
load one post ≤ 2 ms; autosave (update + coalesced revision) ≤ 3 ms median, none over 25 ms in 200.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import article
from benchmarks.protocol import load_average
from benchmarks.report import update_section
from editor.core.library import Library
from editor.core.post.model import Post
from editor.gui.panels.library_model import PAGE


def build(path: Path, count: int) -> list[float]:
    """Create ``count`` posts (one transaction per 1,000); returns the seconds each thousand took."""
    lib = Library.open(path, seed=False)
    per_thousand = []
    for start in range(0, count, 1000):
        t = time.perf_counter()
        with lib.transaction():
            for i in range(start, min(count, start + 1000)):
                lib.posts.create(Post(title=f"Post {i}: weight and sleep", body=article(1000, seed=i % 500),
                                      summary="A summary.", tags=["weight loss"] if i % 3 else ["sleep"]))
        per_thousand.append(time.perf_counter() - t)
    lib.close()
    return per_thousand


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pw-bench-"))
    path = folder / "bench.postwright"
    started = time.perf_counter()
    per_thousand = build(path, args.posts)
    build_s = time.perf_counter() - started

    open_list = []
    for _ in range(args.runs):
        t = time.perf_counter()
        lib = Library.open(path)
        titles = [s.title for s in lib.posts.list()]
        open_list.append(time.perf_counter() - t)
        lib.close()
    assert len(titles) == args.posts
    # The app: the pages are checked on another thread while its modules load (see
    # editor.core.library.integrity); the library panel then reads the count and its first
    # page (it reads more as it is scrolled). Listing every title at once is timed too.
    open_beside, first_only, check_only, open_all, list_only = [], [], [], [], []
    for read_all in (False, True):
        for _ in range(args.runs):
            t = time.perf_counter()
            lib = Library.open(path, integrity="background")
            opened = time.perf_counter()
            assert lib.integrity is not None and lib.integrity.wait(60)
            checked = time.perf_counter()
            if read_all:
                titles = [s.title for s in lib.posts.list()]
                assert len(titles) == args.posts
            else:
                assert lib.posts.count() == args.posts and len(lib.posts.list(limit=PAGE)) == PAGE
            listed = time.perf_counter()
            (open_all if read_all else open_beside).append((opened - t) + (listed - checked))
            (list_only if read_all else first_only).append(listed - checked)
            if not read_all:
                check_only.append(checked - opened)
            lib.close()

    lib = Library.open(path)
    search = []
    worst: tuple[float, str] = (0.0, "")
    # "patients" and "weight" are in every post (and "weight" in every title): the worst case for ranking.
    for query in ["semaglutide", "cholesterol walking", "insul", "pancreas kidney", "sleep", "fiber", "heart risk",
                  "patients", "weight", "post"]:
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            lib.posts.search(query)
            times.append(time.perf_counter() - t)
        search.append(statistics.median(times))
        worst = max(worst, (statistics.median(times), query))
    load = []
    for i in range(0, args.posts, max(1, args.posts // 50)):
        t = time.perf_counter()
        lib.posts.get(f"post-{i}-weight-and-sleep")
        load.append(time.perf_counter() - t)
    post = lib.posts.get("post-42-weight-and-sleep")
    saves = []
    for _ in range(200):
        post = post.replace(body=post.body + "x")
        t = time.perf_counter()
        post = lib.posts.save(post)
        saves.append(time.perf_counter() - t)
    revisions = len(lib.revisions.list(post.id))
    lib.close()

    rows = [
        ("open library, integrity check first (command line), + list all titles", f"{ms(open_list):.1f} ms", ""),
        (f"open library, integrity check beside (app), + the library panel's count and first {PAGE} rows",
         f"{ms(open_beside):.1f} ms", "≤ 15 ms"),
        ("… of which the count and the first rows", f"{ms(first_only):.1f} ms", ""),
        ("open library, integrity check beside, + list all titles at once", f"{ms(open_all):.1f} ms", ""),
        ("… of which the list of all titles", f"{ms(list_only):.1f} ms", ""),
        ("integrity check, on its own thread while the app's modules load (≈ 0.35 s)", f"{ms(check_only):.1f} ms",
         ""),
        (f"full-text search, median of {len(search)} queries", f"{ms(search):.1f} ms", "≤ 20 ms"),
        (f"full-text search, slowest query (“{worst[1]}”, median of {args.runs})", f"{worst[0] * 1000:.1f} ms",
         "≤ 20 ms"),
        ("create 1,000 posts: first thousand / last thousand", f"{per_thousand[0]:.2f} s / {per_thousand[-1]:.2f} s",
         "same (O(1) per post)"),
        ("load one post", f"{ms(load):.2f} ms", "≤ 2 ms"),
        ("autosave, median of 200", f"{ms(saves):.2f} ms", "≤ 3 ms"),
        ("autosave, slowest of 200", f"{max(saves) * 1000:.1f} ms", "≤ 25 ms"),
    ]
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    update_section(
        "library" if args.posts == 10_000 else f"library-{args.posts // 1000}k",
        f"## Library storage ({args.posts:,} posts of ~1,000 words)\n\n"
        f"`python benchmarks/bench_library.py --posts {args.posts}` — building the library took {build_s:.0f} s "
        f"(load average {load_average()}); "
        f"200 autosaves left {revisions} revisions (coalesced).\n\n"
        "| operation | median | target |\n|---|---|---|\n" + table,
    )
    print(table)


if __name__ == "__main__":
    main()
