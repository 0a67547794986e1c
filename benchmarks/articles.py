"""Deterministic synthetic articles for the rendering and export benchmarks.

``generate_article(words)``: Markdown with a ``##`` heading every ~250 words, a ``###``
now and then, paragraphs of 40-90 words, a bulleted list every few sections, and about
one citation per 60 words drawn from ``REFERENCE_COUNT`` keys (sometimes two or three
keys in one group). The same ``seed`` always gives the same text.
"""

from __future__ import annotations

import random

REFERENCE_COUNT = 60
VOCABULARY = (
    "patients clinicians weight sleep appetite hormone insulin trial placebo dose weekly "
    "treatment obesity diabetes blood pressure heart risk study adults nausea side effects "
    "exercise diet protein fiber hunger fullness stomach pancreas glucose medicine health "
    "research results average percent months years lower higher common rare serious mild "
    "the a of and to in with for on that is are was were after before during about more less"
).split()


def reference_key(index: int) -> str:
    return f"ref{index:03d}"


def reference_items() -> dict[str, dict]:
    """CSL-JSON items for every key the generator cites."""
    items = {}
    for index in range(REFERENCE_COUNT):
        key = reference_key(index)
        items[key] = {
            "id": key,
            "type": "article-journal",
            "title": f"A randomized trial of treatment {index} in adults with obesity",
            "container-title": "Journal of Clinical Weight Research",
            "container-title-short": "J Clin Weight Res",
            "author": [
                {"family": f"Author{index}", "given": "Alex B."},
                {"family": "Second", "given": "Casey"},
                {"family": "Third", "given": "Dana"},
                {"family": "Fourth", "given": "Eli"},
            ],
            "issued": {"date-parts": [[2000 + index % 25, 1 + index % 12]]},
            "volume": str(10 + index),
            "issue": str(1 + index % 12),
            "page": f"{100 + index}-{110 + index}",
            "DOI": f"10.1000/jcwr.{index:04d}",
        }
    return items


def generate_article(words: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    written = 0
    section = 0
    since_heading = 0
    since_citation = 0
    paragraph: list[str] = []
    out.append("An introduction that sets the scene for the reader.\n")
    while written < words:
        if since_heading >= 250:
            if paragraph:
                out.append(" ".join(paragraph) + "\n")
                paragraph = []
            section += 1
            level = "###" if section % 4 == 3 else "##"
            out.append(f"{level} Section {section}: {rng.choice(VOCABULARY)} and {rng.choice(VOCABULARY)}\n")
            if section % 5 == 0:
                out.append("\n".join(f"- {rng.choice(VOCABULARY)} {rng.choice(VOCABULARY)}" for _ in range(3)) + "\n")
            since_heading = 0
        word = rng.choice(VOCABULARY)
        if rng.random() < 0.04:
            word = f"**{word}**"
        paragraph.append(word)
        written += 1
        since_heading += 1
        since_citation += 1
        if since_citation >= 60:
            count = rng.choice((1, 1, 1, 2, 3))
            keys = "; ".join(f"@{reference_key(rng.randrange(REFERENCE_COUNT))}" for _ in range(count))
            paragraph[-1] += f" [{keys}]."
            since_citation = 0
        if len(paragraph) >= rng.randint(40, 90):
            out.append(" ".join(paragraph) + "\n")
            paragraph = []
    if paragraph:
        out.append(" ".join(paragraph) + "\n")
    return "\n".join(out)
