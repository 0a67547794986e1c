"""Deterministic sample content for benchmarks: articles and libraries of any size."""

from __future__ import annotations

import random

WORDS = (
    "patients weight semaglutide appetite clinician trial dose sleep hormone insulin blood sugar heart risk "
    "study adults treatment nausea habits exercise protein fiber hunger fullness stomach pancreas kidney liver "
    "pressure cholesterol walking meals snacks research average percent lower higher weekly daily month year "
    "body mass index obesity program visit plan goal support family medicine care health"
).split()


def paragraph(rng: random.Random, words: int, citekeys: list[str] | None = None, cite_every: int = 60) -> str:
    out: list[str] = []
    for i in range(words):
        word = rng.choice(WORDS)
        out.append(word.capitalize() if i == 0 or out[-1].endswith(".") else word)
        if citekeys and (i + 1) % cite_every == 0:
            out[-1] += f" [@{rng.choice(citekeys)}]"
        if (i + 1) % 14 == 0:
            out[-1] += "."
    return " ".join(out).rstrip(".") + "."


def article(words: int, *, seed: int = 1, citekeys: list[str] | None = None, section_words: int = 250) -> str:
    """Markdown with a ``##`` section every ``section_words`` words and optional citations."""
    rng = random.Random(seed)
    parts = [paragraph(rng, min(80, words), citekeys)]
    written, number = min(80, words), 1
    while written < words:
        parts.append(f"## Section {number}: {rng.choice(WORDS)} and {rng.choice(WORDS)}")
        chunk = min(section_words, words - written)
        half = max(1, chunk // 2)
        parts.append(paragraph(rng, half, citekeys))
        if chunk - half:
            parts.append(paragraph(rng, chunk - half, citekeys))
        written += chunk
        number += 1
    return "\n\n".join(parts) + "\n"
