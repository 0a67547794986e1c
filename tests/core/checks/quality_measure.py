"""Recall and false alarms of the claim, promotion and PHI checks on the quality corpus.

``quality/posts/*.md`` are short posts written in the voice of clinic blogs. Every planted
defect is annotated on its line with ``<!-- expect: CODE -->`` (one comment per expected
finding). Posts with no annotation are the clean posts. The annotations are blanked
(same length, so lines and columns stay) before the checks run.

Run ``python tests/core/checks/quality_measure.py`` for the table in docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
POSTS = HERE / "quality" / "posts"
HELD_OUT = HERE / "quality" / "held-out"  # written after the checks were tuned on POSTS, never tuned on
FAMILIES = {
    "uncited-claim": "uncited statistics and claims",
    "uncited-regulatory-claim": "regulatory and guideline claims",
    "phi-suspected": "patient information (PHI)",
    "promotional-language": "promotion (FTC)",
}
_EXPECT = re.compile(r"<!--\s*expect:\s*([\w-]+)\s*-->")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
CLINIC_CONTACTS = ["(555) 201-3344"]


@dataclass
class Outcome:
    expected: Counter[str] = field(default_factory=Counter)  # code → planted
    found: Counter[str] = field(default_factory=Counter)  # code → planted and found
    false_alarms: list[str] = field(default_factory=list)  # "post:line code: message"
    misses: list[str] = field(default_factory=list)
    clean_words: int = 0
    clean_false_alarms: int = 0
    posts: int = 0
    clean_posts: int = 0


def _journal(key: str) -> dict:
    return {"id": key, "type": "article-journal", "title": f"A study called {key}",
            "author": [{"family": key.title(), "given": "A"}], "container-title": "J Clin Med",
            "issued": {"date-parts": [[2022]]}, "volume": "1", "page": "1-9"}


def measure(folder: Path = POSTS) -> Outcome:
    from editor.core.checks import CheckContext, CheckSettings, run_checks
    from editor.core.post.model import Author, Post

    outcome = Outcome()
    settings = CheckSettings(public_contacts=tuple(CLINIC_CONTACTS))
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        expected: Counter[tuple[int, str]] = Counter()
        for number, line in enumerate(text.split("\n"), start=1):
            for code in _EXPECT.findall(line):
                expected[(number, code)] += 1
        body = _EXPECT.sub(lambda m: " " * len(m.group()), text)
        post = Post(title="A Post From Our Clinic", summary="What patients ask us about, answered plainly by our team.",
                    body=body, last_reviewed="2026-01-01", id=1)
        ctx = CheckContext(post, resolve=lambda keys: {k: _journal(k) for k in keys},
                           author=Author(name="Jordan Ellis", credentials="PA-C"), settings=settings,
                           today=dt.date(2026, 6, 1))
        found = Counter((f.line, f.code) for f in run_checks(ctx) if f.code in FAMILIES and f.line is not None)
        messages = {(f.line, f.code): f.message for f in run_checks(ctx)}
        outcome.posts += 1
        for (line, code), count in expected.items():
            outcome.expected[code] += count
            hit = min(count, found[(line, code)])
            outcome.found[code] += hit
            if hit < count:
                outcome.misses.append(f"{path.name}:{line} {code}")
        for (line, code), count in found.items():
            extra = count - expected[(line, code)]
            if extra > 0:
                outcome.false_alarms.append(f"{path.name}:{line} {code}: {messages[(line, code)][:90]}")
                if not expected:
                    outcome.clean_false_alarms += extra
        if not expected:
            outcome.clean_posts += 1
            outcome.clean_words += len(_WORD.findall(body))
    return outcome


def recall(outcome: Outcome, code: str) -> float:
    return outcome.found[code] / outcome.expected[code] if outcome.expected[code] else 1.0


def per_thousand_words(outcome: Outcome) -> float:
    return 1000 * outcome.clean_false_alarms / outcome.clean_words if outcome.clean_words else 0.0


def table(outcome: Outcome) -> str:
    lines = ["| Check family | Code | Planted | Found | Recall |", "|---|---|---:|---:|---:|"]
    for code, family in FAMILIES.items():
        lines.append(f"| {family} | `{code}` | {outcome.expected[code]} | {outcome.found[code]} | "
                     f"{recall(outcome, code):.0%} |")
    lines.append("")
    lines.append(f"Clean posts: {outcome.clean_posts}, {outcome.clean_words} words, "
                 f"{outcome.clean_false_alarms} false alarm(s) = {per_thousand_words(outcome):.2f} per 1,000 words. "
                 f"Unexpected findings in all {outcome.posts} posts: {len(outcome.false_alarms)}.")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[2]))
    for name, folder in (("tuning set", POSTS), ("held-out set", HELD_OUT)):
        result = measure(folder)
        print(f"### {name}\n\n{table(result)}\n")
        for miss in result.misses:
            print("MISSED", miss)
        for alarm in result.false_alarms:
            print("UNEXPECTED", alarm)
