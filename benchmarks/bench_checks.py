"""Writing checks on a 10,000-word post: first run, full re-check, and re-check after a one-section edit.

Run: .venv/bin/python benchmarks/bench_checks.py   (writes its section of docs/benchmarks.md)
     .venv/bin/python benchmarks/bench_checks.py --doc DOCS/post-50k.md   (a generated long post, checked
     in separate processes; each process's first check comes after its imports)
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import update_section  # noqa: E402
from editor.core.checks import CheckContext, CheckSession, check_codes, run_checks  # noqa: E402
from editor.core.post.model import Author, Post  # noqa: E402
from editor.core.post.sections import word_count  # noqa: E402

PARAGRAPH = (
    "In the STEP 1 trial, adults without diabetes who took weekly semaglutide lost an average of 14.9 percent "
    "of their body weight over 68 weeks [@wilding2021]. Nausea, diarrhea and constipation are the most common "
    "side effects; they are usually mild and fade as the body adjusts. About 4 in 10 American adults live with "
    "obesity. Talk with your clinician about your goals, your health history, and the cost of treatment, which "
    "can be $1,000 a month. The dose was raised slowly to limit stomach upset. See [the CDC page]"
    "(https://www.cdc.gov/obesity/) for more, or call 555-123-4567."
)
REFS = {"wilding2021": {"id": "wilding2021", "type": "article-journal", "title": "Once-weekly semaglutide",
                        "author": [{"family": "Wilding", "given": "John"}], "container-title": "N Engl J Med",
                        "issued": {"date-parts": [[2021]]}}}
RUNS = 9


def build_body(target_words: int = 10_000) -> str:
    sections, n = [], 0
    while word_count("\n\n".join(sections)) < target_words:
        n += 1
        sections.append(f"## Part {n}: what the trials found\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n{PARAGRAPH}")
    return "Intro paragraph for the long post.\n\n" + "\n\n".join(sections) + "\n"


def context(body: str) -> CheckContext:
    post = Post(title="A long post about GLP-1 medicines", summary="x" * 100, body=body, last_reviewed="2025-01-01")
    return CheckContext(post, resolve=lambda keys: {k: REFS[k] for k in keys if k in REFS},
                        author=Author(name="Jordan Ellis", credentials="PA-C"), today=dt.date(2025, 6, 1))


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


PROCESSES = 5


def document_child(library: Path, slug: str) -> dict[str, float]:
    """One process on a prepared library: its first check of the post (nothing cached anywhere), a
    first check that reads an earlier session's section findings from the library, then warm figures."""
    from editor.core.checks import check_post
    from editor.core.checks.cache import FindingCache
    from editor.core.library import Library

    lib = Library.open(library)
    post = lib.posts.get(slug)
    today = dt.date(2026, 1, 1)
    out = {"first": timed(lambda: check_post(lib, post, session=CheckSession(), today=today)),
           "reopen_first": timed(lambda: check_post(lib, post, session=CheckSession(store=FindingCache(lib)),
                                                    today=today))}
    out["full"] = statistics.median(timed(lambda: check_post(lib, post, session=CheckSession(), today=today))
                                    for _ in range(5))
    session = CheckSession()
    check_post(lib, post, session=session, today=today)
    edits = []
    for i in range(5):
        edited = post.replace(body=post.body.replace("qzmark", f"qzmark{i}", 1))
        edits.append(timed(lambda edited=edited: check_post(lib, edited, session=session, today=today)))
    out["edit"] = statistics.median(edits)
    lib.close()
    return out


def document_rows(doc: Path) -> str:
    """A generated document in a library file, checked in ``PROCESSES`` separate processes."""
    import tempfile

    from benchmarks.articles import reference_items
    from benchmarks.documents import words_in
    from benchmarks.protocol import fmt, load_average, run_child
    from editor.core.checks import check_post
    from editor.core.checks.cache import FindingCache
    from editor.core.library import Library

    folder = Path(tempfile.mkdtemp(prefix="pw-checks-"))
    library = folder / "library.postwright"
    lib = Library.open(library, seed=False)
    for item in reference_items().values():
        lib.references.add(item)
    post = lib.posts.create(Post(title="A long post about GLP-1 medicines", body=doc.read_text(encoding="utf-8")))
    # An earlier session's findings, as the app leaves them in the library after checking the post.
    check_post(lib, post, session=CheckSession(store=FindingCache(lib)), today=dt.date(2026, 1, 1))
    lib.close()
    before = load_average()
    runs = [run_child([sys.executable, __file__, "--child", str(library), post.slug]) for _ in range(PROCESSES)]
    words = words_in(doc)

    def column(name: str) -> str:
        return fmt([run[name] for run in runs])

    rows = [
        ("first check in a new process (after its imports), nothing cached", column("first")),
        ("first check in a new process, section findings of an earlier session in the library",
         column("reopen_first")),
        ("full check again, fresh session (median of 5 in each process)", column("full")),
        ("re-check after a one-section edit (median of 5 in each process)", column("edit")),
    ]
    return (f"## Writing checks on the {words:,}-word benchmark post\n\n"
            f"`python benchmarks/bench_checks.py --doc post-{words // 1000}k.md` (document from "
            f"`benchmarks/documents.py`, library file on disk): median (min–max) of {PROCESSES} separate "
            f"processes; load average {before} before, {load_average()} after. Target for a 50k post: "
            "≤ 600 ms cold, ≤ 50 ms after a one-section edit.\n\n| case | time |\n| --- | ---: |\n"
            + "".join(f"| {name} | {value} |\n" for name, value in rows))


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        import json

        print(json.dumps(document_child(Path(sys.argv[2]), sys.argv[3])))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--doc":
        from benchmarks.documents import words_in

        text = document_rows(Path(sys.argv[2]))
        print(text)
        update_section(f"checks-{words_in(Path(sys.argv[2])) // 1000}k", text)
        return
    body = build_body()
    words = word_count(body)
    first = timed(lambda: run_checks(context(body)))
    full = [timed(lambda: run_checks(context(body))) for _ in range(RUNS)]

    session = CheckSession()
    session.run(context(body))
    edits, reused = [], []
    for i in range(RUNS):
        edited = body.replace("Part 7: what the trials found\n\n", f"Part 7: what the trials found\n\nEdit {i}. ", 1)
        edits.append(timed(lambda edited=edited: session.run(context(edited))))
        reused.append((session.last_reused, session.last_computed))
    unchanged = [timed(lambda: session.run(context(edited))) for _ in range(RUNS)]
    findings = len(run_checks(context(body)))

    rows = [
        ("first run in a new process (loads the hyphenation dictionary)", first),
        ("full check, fresh session (no section cache)", statistics.median(full)),
        ("re-check after a one-section edit (session)", statistics.median(edits)),
        ("re-check, nothing changed (session)", statistics.median(unchanged)),
    ]
    sections = sum(reused[-1])
    text = (
        "## Writing checks (`benchmarks/bench_checks.py`)\n\n"
        f"All {len(check_codes())} check codes on a {words:,}-word post "
        f"({sections} sections, {findings} findings); median of {RUNS} runs. Target: ≤ 150 ms after the first run.\n\n"
        "| case | ms |\n| --- | ---: |\n"
        + "".join(f"| {name} | {ms:.1f} |\n" for name, ms in rows)
        + f"\nAfter a one-section edit the session reused {reused[-1][0]} sections and re-checked "
        f"{reused[-1][1]}.\n"
    )
    print(text)
    update_section("checks", text)


if __name__ == "__main__":
    main()
