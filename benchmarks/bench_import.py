"""Import speed: a 10,000-word saved web page (and, for comparison, the same post as text and .docx).

    python benchmarks/bench_import.py [--words 10000] [--runs 7]

Target (issue "Bring existing posts in"): importing a 10,000-word web page ≤ 1 s, from the
file on disk to the new post in the library (offline: references from their identifiers).
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx

from benchmarks.report import update_section
from editor.core.importers import import_path, parse_file
from editor.core.library import Library

WORDS = (
    "patients clinicians weight sleep appetite hormone insulin trial placebo dose weekly treatment obesity "
    "diabetes blood pressure heart risk study adults nausea exercise diet protein fiber hunger fullness glucose "
    "the a of and to in with for on that is are was after before during about more less"
).split()
REFERENCES = 60


def reference_url(index: int) -> str:
    forms = (
        f"https://doi.org/10.1000/bench.{index}",
        f"https://pubmed.ncbi.nlm.nih.gov/{30000000 + index}/",
        f"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{8000000 + index}/",
        f"https://www.nejm.org/doi/full/10.1056/BENCH{index:04d}",
        f"https://www.cdc.gov/obesity/page-{index}.html",
    )
    return forms[index % len(forms)]


def article(words: int, seed: int = 7) -> list[tuple[str, list[list[tuple[str, int | None]]]]]:
    """Sections of paragraphs; each paragraph is (sentence, citation number or None) pairs."""
    rng = random.Random(seed)
    sections, count = [], 0
    while count < words:
        paragraphs = []
        for _ in range(rng.randint(3, 5)):
            sentences = []
            for _ in range(rng.randint(3, 6)):
                size = rng.randint(8, 18)
                text = " ".join(rng.choice(WORDS) for _ in range(size)).capitalize()
                sentences.append((text, rng.randint(1, REFERENCES + 2) if rng.random() < 0.3 else None))
                count += size
            paragraphs.append(sentences)
        sections.append((f"Section {len(sections) + 1} about {rng.choice(WORDS)}", paragraphs))
    return sections


def page_html(words: int) -> str:
    parts = ["<h1>A Long Post About Weight and Sleep</h1>"]
    for title, paragraphs in article(words):
        parts.append(f"<h2>{title}</h2>")
        for sentences in paragraphs:
            body = " ".join(
                f"{s}<sup>{n}</sup>." if n and n % 2 else f"{s} ({n})." if n else f"{s}." for s, n in sentences
            )
            parts.append(f"<p>{body}</p>")
    parts.append("<h2>References</h2><ol>")
    parts.extend(f'<li><a href="{reference_url(i)}">{reference_url(i)}</a></li>' for i in range(1, REFERENCES + 1))
    parts.append("</ol>")
    nav = "".join(f'<li><a href="/p{i}">Menu item {i}</a></li>' for i in range(40))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Long post | Clinic</title>"
        "<script>var tracking = 1;</script><style>p{margin:0}</style></head><body>"
        "<div class='promo-banner'>New patients: book a free consultation this month!</div>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article>{''.join(parts)}"
        "<div class='author-box'><h3>Author</h3><p>Jordan Ellis, PA-C</p><p>Jordan Ellis, PA-C, is a physician "
        "assistant.</p></div></article><section class='related'><h3>You Might Also Enjoy...</h3>"
        "<h4>Sleep Less, Weigh More? (Chapter 9)</h4><p>Short sleep raises hunger hormones, as studies show.</p>"
        f"</section></main><aside>{nav}</aside><footer>&copy; 2024 Clinic</footer></body></html>"
    )


def page_text(words: int) -> str:
    lines = ["New patients: book a free consultation this month!", "Skip to main content", "A Long Post"]
    for title, paragraphs in article(words):
        lines.append(title)
        lines.extend(" ".join(f"{s} ({n})." if n else f"{s}." for s, n in sentences) for sentences in paragraphs)
    lines.append("References")
    lines.extend(f"  {i}. {reference_url(i)}" for i in range(1, REFERENCES + 1))
    return "\n\n".join(lines) + "\n"


def page_docx(words: int) -> bytes:
    document = docx.Document()
    document.add_heading("A Long Post", 0)
    for title, paragraphs in article(words):
        document.add_heading(title, 1)
        for sentences in paragraphs:
            document.add_paragraph(" ".join(f"{s} ({n})." if n else f"{s}." for s, n in sentences))
    document.add_heading("References", 1)
    for i in range(1, REFERENCES + 1):
        document.add_paragraph(reference_url(i), style="List Number")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = {
            "web page (.html)": root / "post.html",
            "pasted text (.txt)": root / "post.txt",
            "Word (.docx)": root / "post.docx",
        }
        files["web page (.html)"].write_text(page_html(options.words), encoding="utf-8")
        files["pasted text (.txt)"].write_text(page_text(options.words), encoding="utf-8")
        files["Word (.docx)"].write_bytes(page_docx(options.words))
        words = len(parse_file(files["web page (.html)"]).body.split())
        lib = Library.open(root / "bench.sqlite", seed=False)
        rows = []
        for label, path in files.items():
            import_path(lib, path)  # warm-up: first imports of the extraction libraries
            parse = median_ms(lambda path=path: parse_file(path), options.runs)
            full = median_ms(lambda path=path: import_path(lib, path), options.runs)
            target = "≤ 1000 ms" if label.startswith("web") else "—"
            rows.append((label, f"{parse:.0f} ms", f"{full:.0f} ms", target))
            print(f"{label:22} parse {parse:7.1f} ms   parse + store {full:7.1f} ms")
        lib.close()
    table = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    update_section(
        "import",
        f"## Import (`benchmarks/bench_import.py`)\n\n"
        f"A generated post of {options.words:,} words ({words:,} words in the imported body), "
        f"{REFERENCES} numbered references (DOI, PubMed, PMC, journal and web-page URLs), ~1 citation per "
        f"45 words; the web page also has navigation, a sidebar, a banner, an author box and related posts. "
        f'Medians of {options.runs} runs; "parse + store" is `import_path` offline into a library file '
        "(one transaction: references, author, post).\n\n"
        "| source | parse | parse + store | target |\n|---|---|---|---|\n" + table,
    )


if __name__ == "__main__":
    main()
