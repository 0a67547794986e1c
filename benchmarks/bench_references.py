"""Reference benchmarks: importing a 5,000-record MEDLINE file, and checking a post's 150 citations.

Run: ``.venv/bin/python benchmarks/bench_references.py``. Targets: import ≤ 3 s; resolving
and checking 150 cited keys ≤ 20 ms. Figures go to docs/benchmarks.md (section "references").
"""

from __future__ import annotations

import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import update_section  # noqa: E402
from editor.core.library import Library  # noqa: E402
from editor.core.references.completeness import missing_fields, same_work  # noqa: E402

FAMILIES = ["Wilding", "Batterham", "Davies", "Rubino", "Lincoff", "Jastreboff", "Aronne", "Okafor", "Nguyen",
            "García", "Müller", "Hardt-Lindberg", "Van Gaal", "Kowalski", "Tanaka", "Osei"]
WORDS = ["semaglutide", "tirzepatide", "obesity", "weight", "sleep", "adults", "trial", "randomized", "effect",
         "cardiovascular", "outcomes", "maintenance", "appetite", "diabetes", "placebo", "weekly", "cohort"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def medline_file(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    records = []
    for n in range(count):
        pmid = 30_000_000 + n
        title = " ".join(rng.choice(WORDS) for _ in range(14)).capitalize()
        authors = "".join(
            f"FAU - {family}, {given}\nAU  - {family} {given[0]}\n"
            for family, given in ((rng.choice(FAMILIES), rng.choice(["Ann", "John P", "Luc F", "Mei"]))
                                  for _ in range(rng.randint(1, 8)))
        )
        year = rng.randint(2000, 2025)
        records.append(
            f"PMID- {pmid}\nOWN - NLM\nSTAT- MEDLINE\nIS  - 1463-1326 (Electronic)\nVI  - {rng.randint(1, 400)}\n"
            f"IP  - {rng.randint(1, 12)}\nDP  - {year} {rng.choice(MONTHS)}\nTI  - {title[:70]}\n      {title[70:]} "
            f"study {n}.\nPG  - {rng.randint(1, 900)}-{rng.randint(901, 999)}\n"
            f"LID - 10.{1000 + n % 50}/bench.{n} [doi]\n"
            f"AB  - Sample abstract for benchmarking, record {n}. It wraps onto a second line\n"
            f"      like PubMed's own files do.\n{authors}LA  - eng\nPT  - Journal Article\n"
            f"TA  - Bench J\nJT  - Journal of Benchmarks\nAID - 10.{1000 + n % 50}/bench.{n} [doi]\n"
            f"SO  - Bench J. {year};1(1):1-2.\n"
        )
    return "\n".join(records)


def bench_import(path: Path, runs: int) -> list[float]:
    timings = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            with Library.open(Path(folder) / f"bench{run}.db", seed=False) as lib:
                start = time.perf_counter()
                report = lib.references.import_files([path])
                timings.append(time.perf_counter() - start)
                assert len(report.added) == 5000 and not report.errors, (len(report.added), report.errors[:3])
    return timings


def check_post(lib: Library, cited: list[str]) -> tuple[int, int, int]:
    """What the checks do for one post: resolve the keys, then completeness and duplicates."""
    resolved = lib.references.resolve_many(cited)
    unresolved = sum(1 for key in dict.fromkeys(cited) if key not in resolved)
    items = list({item["id"]: item for item in resolved.values()}.values())
    incomplete = sum(1 for item in items if missing_fields(item))
    duplicates = sum(1 for a, b in itertools.combinations(items, 2) if same_work(a, b))
    return unresolved, incomplete, duplicates


def bench_check(path: Path, runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder, Library.open(Path(folder) / "check.db", seed=False) as lib:
        lib.references.import_files([path])
        keys = [r.citekey for r in lib.references.list()]
        rng = random.Random(3)
        cited = [rng.choice(keys) for _ in range(140)] + [f"missing{n}" for n in range(10)]
        check_post(lib, cited)  # warm the caches once, as an editor session would be
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            check_post(lib, cited)
            timings.append(time.perf_counter() - start)
        return timings


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pubmed-5000.nbib"
        path.write_text(medline_file(5000), encoding="utf-8")
        imports = bench_import(path, runs=5)
        checks = bench_check(path, runs=30)
    import_median, check_median = statistics.median(imports), statistics.median(checks) * 1000
    text = (
        "## References\n\n"
        "| What | Median | Target | Runs |\n|---|---|---|---|\n"
        f"| Import a 5,000-record PubMed MEDLINE file (parse, merge check, insert, index) | "
        f"{import_median:.2f} s | ≤ 3 s | {len(imports)} |\n"
        f"| Resolve 150 cited keys and check completeness and duplicates | {check_median:.1f} ms | ≤ 20 ms | "
        f"{len(checks)} |\n"
    )
    print(text)
    update_section("references", text)


if __name__ == "__main__":
    main()
