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


def library(path: str, posts: int = 1_000, words: int = 1_000) -> None:
    """A library file of ``posts`` published ~``words``-word posts citing the benchmark references,
    by one credentialed author and reviewed recently (so the export gate has little to say)."""
    import datetime as dt
    from pathlib import Path

    from benchmarks.articles import generate_article, reference_items
    from editor.core.library import Library
    from editor.core.post.model import Author, Post

    lib = Library.open(Path(path), seed=False)
    try:
        with lib.transaction():
            for item in reference_items().values():
                lib.references.add(item)
            author = lib.authors.save(Author(name="Jordan Ellis", credentials="PA-C", job_title="Physician Assistant",
                                             bio="Writes about weight and sleep."))
            reviewed = dt.date.today().isoformat()
            for number in range(posts):
                lib.posts.create(Post(
                    title=f"Weight and sleep, part {number}", slug=f"post-{number:05d}",
                    summary="What the trials found about weight, sleep and appetite, in plain words.",
                    body=generate_article(words, seed=number % 50), status="published", author_id=author.id,
                    last_reviewed=reviewed))
    finally:
        lib.close()


if __name__ == "__main__":
    import argparse
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    parser = argparse.ArgumentParser(description="Write a benchmark library file of generated published posts.")
    parser.add_argument("--out", required=True, help="the library file to create")
    parser.add_argument("--posts", type=int, default=1_000)
    parser.add_argument("--words", type=int, default=1_000)
    arguments = parser.parse_args()
    library(arguments.out, arguments.posts, arguments.words)
    print(f"{arguments.out}: {arguments.posts} published posts of about {arguments.words} words")
