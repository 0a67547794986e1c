from __future__ import annotations

import pytest
from checks_helpers import findings

from editor.core.checks import CheckSettings
from editor.core.checks.metadata import add_months
from editor.core.post.model import Author


def test_author_credentials() -> None:
    assert findings("Text.", "author-credentials-missing") == []
    found = findings("Text.", "author-credentials-missing", author=Author(name="Sam Lee"))
    assert len(found) == 1 and "Sam Lee" in found[0].message and found[0].line is None
    found = findings("Text.", "author-credentials-missing", author=None)
    assert len(found) == 1 and "no author" in found[0].message


@pytest.mark.parametrize(("reviewed", "overdue"), [
    ("2025-01-10", False), ("2024-06-01", False), ("2024-05-31", True), ("2020-01-01", True), (None, True),
])
def test_review_overdue(reviewed: str | None, overdue: bool) -> None:  # today is 2025-06-01
    found = findings("Text.", "review-overdue", last_reviewed=reviewed)
    assert bool(found) == overdue


def test_review_bad_date_and_setting() -> None:
    found = findings("Text.", "review-overdue", last_reviewed="last spring")
    assert len(found) == 1 and "YYYY-MM-DD" in found[0].message
    assert findings("Text.", "review-overdue", last_reviewed="2024-01-01",
                    settings=CheckSettings(review_months=24)) == []


def test_add_months_clamps_day() -> None:
    assert str(add_months(__import__("datetime").date(2024, 1, 31), 1)) == "2024-02-29"
    assert str(add_months(__import__("datetime").date(2024, 11, 15), 14)) == "2026-01-15"
