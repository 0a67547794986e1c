"""About the post rather than its text: the author's credentials and the review date."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from editor.core.checks.base import Check
from editor.core.checks.context import CheckContext
from editor.core.checks.finding import WARNING, Finding


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class AuthorCredentialsMissing(Check):
    code = "author-credentials-missing"
    severity = WARNING
    description = "No author, or an author without credentials (PA-C, MD...)."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        author = ctx.author
        if author is None:
            yield self.outside(ctx, "The post has no author. Readers judge health advice by who gives it: set "
                               "the author, with credentials (e.g. “Jordan Ellis, PA-C”).", "no author")
        elif not author.credentials.strip():
            yield self.outside(ctx, f"The author {author.name} has no credentials listed. Add them (PA-C, MD, "
                               "RN...) to the author's profile so readers know who wrote the post.", author.name)


class ReviewOverdue(Check):
    code = "review-overdue"
    severity = WARNING
    description = "Medical review older than 12 months, or never recorded."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        months = ctx.settings.review_months
        value = (ctx.post.last_reviewed or "").strip()
        if not value:
            yield self.outside(ctx, f"The post has no “last reviewed” date. Have it medically reviewed and record "
                               f"the date; review it again at least every {months} months.", "never")
            return
        try:
            reviewed = dt.date.fromisoformat(value[:10])
        except ValueError:
            yield self.outside(ctx, f"The “last reviewed” date {value!r} is not a date; write it as YYYY-MM-DD.",
                               value)
            return
        if ctx.today > add_months(reviewed, months):
            yield self.outside(ctx, f"The post was last reviewed on {reviewed.isoformat()}, more than {months} "
                               "months ago. Check it against current guidance and record the new review date.",
                               value)
