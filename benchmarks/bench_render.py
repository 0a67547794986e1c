"""Incremental rendering: a one-character edit vs a full render, at 10k/50k/200k words.

Run: ``.venv/bin/python benchmarks/bench_render.py`` (writes the "render" section of
docs/benchmarks.md). Targets: edit ≤ 4 ms median at 50k words; 200k within 1.5× of 50k.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import markdown
from articles import generate_article, reference_items
from report import update_section

from editor.core.post.sections import move_section, split_sections
from editor.core.render.renderer import IncrementalRenderer

SIZES = (10_000, 50_000, 200_000)
EDITS = 60
RUNS = 3
ITEMS = reference_items()


def resolver(keys):
    return {key: ITEMS[key] for key in keys if key in ITEMS}


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return (time.perf_counter() - start) * 1000, result


def edit_positions(body: str, count: int, seed: int) -> list[int]:
    """Offsets inside paragraph text (not headings), spread over the whole document."""
    rng = random.Random(seed)
    positions = []
    while len(positions) < count:
        offset = rng.randrange(len(body))
        line_start = body.rfind("\n", 0, offset) + 1
        if body[line_start : line_start + 1] not in ("#", "-", "\n", "") and body[offset] != "\n":
            positions.append(offset)
    return positions


def edit_run(body: str, seed: int) -> tuple[float, list[float]]:
    renderer = IncrementalRenderer(resolver)
    full_ms, _ = timed(renderer.render, body)
    times = []
    for position in edit_positions(body, EDITS, seed):
        body = body[:position] + "e" + body[position:]
        ms, _ = timed(renderer.render, body)
        times.append(ms)
    return full_ms, times


def move_run(body: str) -> float:
    """Move a late ## section to the top: every citation after it renumbers, no Markdown."""
    renderer = IncrementalRenderer(resolver)
    renderer.render(body)
    sections = split_sections(body)
    index = max(i for i, s in enumerate(sections) if s.level == 2 and i < len(sections) - 2)
    moved = body
    for _ in range(index - 1):
        step = move_section(moved, index, -1)
        if step is None:
            break
        moved, _offset = step
        index = next(i for i, s in enumerate(split_sections(moved)) if s.start == _offset)
    before = renderer.sections_rendered
    ms, _ = timed(renderer.render, moved)
    assert renderer.sections_rendered - before <= 2, "moving a section should not re-render text"
    return ms


def plain_markdown(body: str, extensions: list[str]) -> float:
    md = markdown.Markdown(extensions=extensions)
    return timed(md.convert, body)[0]


def main() -> None:
    rows = []
    results = {}
    for words in SIZES:
        body = generate_article(words)
        gc.collect()
        runs = [edit_run(body, seed) for seed in range(RUNS)]
        full = statistics.median(run[0] for run in runs)
        edit = statistics.median(statistics.median(run[1]) for run in runs)
        p90 = statistics.median(sorted(run[1])[int(len(run[1]) * 0.9)] for run in runs)
        move = statistics.median(move_run(body) for _ in range(RUNS))
        plain = statistics.median(plain_markdown(body, []) for _ in range(RUNS))
        extended = statistics.median(
            plain_markdown(body, ["tables", "fenced_code", "sane_lists", "footnotes", "toc"]) for _ in range(RUNS)
        )
        results[words] = edit
        rows.append(
            f"| {words // 1000}k | {len(split_sections(body))} | {edit:.2f} | {p90:.2f} | {move:.2f} | {full:.0f} "
            f"| {plain:.0f} | {extended:.0f} | {extended / edit:.0f}× |"
        )
        print(rows[-1], flush=True)
    growth = results[200_000] / results[50_000]
    text = "\n".join([
        "## Rendering (benchmarks/bench_render.py)",
        "",
        f"Deterministic generated articles (a `##`/`###` heading every ~250 words, ~1 citation per 60 words, "
        f"60 references). Edit: insert one character at {EDITS} positions spread over the document, render after "
        f"each (updated section HTML + renumbering + reference list), median of per-run medians over {RUNS} runs. "
        "Move: move a late section to the top (every later citation renumbers; no Markdown is re-rendered). "
        "Full: the first render of the document by the incremental renderer (sanitizing and CSL included). "
        "Python-Markdown: one `convert` of the whole document, no extensions / with "
        "tables+fenced_code+sane_lists+footnotes+toc. Times in ms.",
        "",
        "| words | sections | edit median | edit p90 | move | full (ours) | Python-Markdown plain "
        "| Python-Markdown ext. | ext. full ÷ edit |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Edit at 50k words: {results[50_000]:.2f} ms (target ≤ 4 ms). 200k ÷ 50k: {growth:.2f}× (target ≤ 1.5×).",
    ])
    update_section("render", text)
    print(text)


if __name__ == "__main__":
    main()
