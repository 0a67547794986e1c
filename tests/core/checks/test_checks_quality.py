"""Quality of the claim, promotion and PHI checks, measured on annotated clinic-blog posts.

See ``quality_measure`` for the corpus and the annotation format. The goals (issue: a publish
gate and a sharper medical editor): recall of at least 95% for uncited statistics, regulatory
claims, PHI and promotion, and at most 1 false alarm per 1,000 words on the clean posts.
"""

from __future__ import annotations

import pytest
from quality_measure import FAMILIES, HELD_OUT, POSTS, measure, per_thousand_words, recall


@pytest.fixture(scope="module", params=[POSTS, HELD_OUT], ids=["tuning", "held-out"])
def outcome(request: pytest.FixtureRequest):
    return measure(request.param)


def test_the_corpus_is_big_enough() -> None:
    posts = list(POSTS.glob("*.md"))
    assert len(posts) >= 20
    assert sum(1 for p in posts if "<!-- expect:" not in p.read_text(encoding="utf-8")) >= 8  # clean posts


@pytest.mark.parametrize("code", list(FAMILIES))
def test_recall_per_family(outcome, code: str) -> None:
    assert outcome.expected[code] > 0
    assert recall(outcome, code) >= 0.95, outcome.misses


def test_false_alarms_per_thousand_words_on_clean_posts(outcome) -> None:
    assert outcome.clean_words >= 300
    assert per_thousand_words(outcome) <= 1.0, outcome.false_alarms


def test_no_unexpected_findings_anywhere(outcome) -> None:
    assert outcome.false_alarms == []
