"""The post a new library starts with teaches the habits the checks look for: it passes every check."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from editor.core.checks import check_post
from editor.core.library import Library


def test_the_sample_post_passes_every_check_with_no_warning(tmp_path: Path) -> None:
    with Library.open(tmp_path / "new.postwright") as lib:  # a new library gets the sample
        [summary] = lib.posts.list()
        post = lib.posts.get(summary.slug)
        reviewed = dt.date.fromisoformat(post.last_reviewed or "")
        findings = check_post(lib, post, today=reviewed + dt.timedelta(days=30))
    assert [(f.code, f.severity, f.message) for f in findings] == []


def test_the_sample_post_shows_each_claim_cited() -> None:
    text = (Path(__file__).parents[3] / "resources" / "sample" / "welcome-post.md").read_text(encoding="utf-8")
    from editor.core.checks.claim_patterns import regulatory_claims, statistics

    sentences = [s for line in text.splitlines() for s in line.split(". ") if not line.startswith(("#", "-"))]
    claims = [s for s in sentences if statistics(s) or regulatory_claims(s)]
    assert any("Food and Drug Administration (FDA) approved" in s for s in claims)  # a regulatory claim, cited
    assert len(claims) >= 6 and all("[@" in s for s in claims), [s for s in claims if "[@" not in s]
