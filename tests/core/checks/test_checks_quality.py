"""Quality of the claim, promotion and PHI checks, measured on annotated clinic-blog posts.

See ``quality_measure`` for the corpus and the annotation format. The goals (issue: a publish
gate and a sharper medical editor): recall of at least 97% per family for uncited statistics and
proportions, regulatory/coverage/guideline claims, PHI and promotion, on the tuning posts and on the
held-out posts alike, and no false alarm at all on the clean posts.
"""

from __future__ import annotations

import pytest
from quality_measure import FAMILIES, HELD_OUT, POSTS, measure, per_thousand_words, recall


@pytest.fixture(scope="module", params=[POSTS, HELD_OUT], ids=["tuning", "held-out"])
def outcome(request: pytest.FixtureRequest):
    return measure(request.param)


def test_the_corpus_is_big_enough() -> None:
    posts = list(POSTS.glob("*.md"))
    held_out = list(HELD_OUT.glob("*.md"))
    assert len(posts) + len(held_out) >= 60 and len(held_out) >= 15
    clean = [p for p in (*posts, *held_out) if "<!-- expect:" not in p.read_text(encoding="utf-8")]
    assert len(clean) >= 20


@pytest.mark.parametrize("code", list(FAMILIES))
def test_recall_per_family(outcome, code: str) -> None:
    assert outcome.expected[code] > 0
    assert recall(outcome, code) >= 0.97, outcome.misses


def test_no_false_alarm_on_the_clean_posts(outcome) -> None:
    assert outcome.clean_words >= 300
    assert outcome.clean_false_alarms == 0 and per_thousand_words(outcome) == 0.0, outcome.false_alarms


def test_no_unexpected_findings_anywhere(outcome) -> None:
    assert outcome.false_alarms == []
