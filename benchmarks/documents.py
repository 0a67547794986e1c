"""The benchmark documents: 10k / 50k / 200k-word posts, written to Markdown files.

    python benchmarks/documents.py --out DIR [--words 10000 50000 200000]

Each document is deterministic (same seed, same text) and has what a real clinical post
has: ``##`` sections of ~250 words with ``###`` subsections, paragraphs of 40-90 words,
bulleted and numbered lists, links, emphasis (``*…*`` and ``**…**``) and numbered
citations (``[@ref012]``, sometimes two or three keys in one group; the keys are
``articles.reference_items()``). Two fixed strings let a benchmark see the preview catch up:

* ``TYPING_ANCHOR`` ends a sentence in the middle of the document; benchmarks type after it;
* the document's last line is ``last_line(words)``, unique in the text.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.articles import REFERENCE_COUNT, VOCABULARY, reference_key  # noqa: E402

TYPING_ANCHOR = "qzmark"
SIZES = (10_000, 50_000, 200_000)
_LINKS = (
    "https://www.cdc.gov/obesity/", "https://medlineplus.gov/obesity.html",
    "https://www.niddk.nih.gov/health-information/weight-management", "https://www.fda.gov/drugs",
)


def last_line(words: int) -> str:
    return f"Last line of the {words}-word benchmark post, zqlast{words}end."


def file_name(words: int) -> str:
    return f"post-{words // 1000}k.md"


def _words(rng: random.Random, count: int) -> list[str]:
    return [rng.choice(VOCABULARY) for _ in range(count)]


def _sentence_paragraph(rng: random.Random, count: int, state: dict[str, int]) -> str:
    out: list[str] = []
    for index, word in enumerate(_words(rng, count)):
        roll = rng.random()
        if roll < 0.02:
            word = f"**{word}**"
        elif roll < 0.04:
            word = f"*{word}*"
        elif roll < 0.047:
            word = f"[{word}]({rng.choice(_LINKS)})"
        out.append(word.capitalize() if index == 0 or out[-1].endswith(".") else word)
        state["since_citation"] += 1
        if state["since_citation"] >= 60:
            count = rng.choice((1, 1, 2, 3))
            keys = "; ".join(f"@{reference_key(rng.randrange(REFERENCE_COUNT))}" for _ in range(count))
            out[-1] += f" [{keys}]"
            state["since_citation"] = 0
        if (index + 1) % 15 == 0:
            out[-1] += "."
    return " ".join(out).rstrip(".") + "."


def document(words: int, seed: int = 7) -> str:
    """A Markdown post of about ``words`` words (see the module docstring)."""
    rng = random.Random(seed)
    state = {"since_citation": 0}
    parts = ["Weight care changes quickly, and this post explains what the research shows in plain words."]
    written, section = 15, 0
    anchor_at = words // 2
    anchored = False
    while written < words - 20:
        section += 1
        parts.append(f"## Section {section}: {rng.choice(VOCABULARY)} and {rng.choice(VOCABULARY)}")
        budget = min(250, words - 20 - written)
        subsection_at = budget // 2 if section % 3 == 0 else -1
        in_section = 0
        while in_section < budget:
            if in_section >= subsection_at >= 0:
                parts.append(f"### Part {section}.{rng.randint(1, 9)}: {rng.choice(VOCABULARY)}")
                subsection_at = -1
            size = min(rng.randint(40, 90), budget - in_section)
            if size < 8:
                break
            if section % 4 == 0 and in_section == 0:
                marker = "-" if section % 8 == 0 else "1."
                items = [f"{marker} {' '.join(_words(rng, 6))}" for _ in range(3)]
                parts.append("\n".join(items))
                in_section += 18
                continue
            text = _sentence_paragraph(rng, size, state)
            if not anchored and written + in_section >= anchor_at:
                text += f" The typing anchor is here {TYPING_ANCHOR}"
                anchored = True
            parts.append(text)
            in_section += size
        written += max(in_section, 1)
    parts.append(last_line(words))
    return "\n\n".join(parts) + "\n"


def write_documents(folder: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for words in sizes:
        path = folder / file_name(words)
        path.write_text(document(words), encoding="utf-8")
        paths.append(path)
    return paths


def words_in(path: Path) -> int:
    """The size a document was generated for (from its last line), else its word count."""
    text = path.read_text(encoding="utf-8")
    tail = text.rstrip().rsplit("\n", 1)[-1]
    for words in (int(part[6:-3]) for part in tail.replace(".", " ").split() if part.startswith("zqlast")):
        return words
    return len(text.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--words", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    for path in write_documents(args.out, tuple(args.words)):
        text = path.read_text(encoding="utf-8")
        print(f"{path}: {len(text.split()):,} words, {len(text):,} characters")


if __name__ == "__main__":
    main()
