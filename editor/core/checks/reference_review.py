"""A cited reference that still shows signs of a string that was not fully read.

Imported reference lists are read field by field (``references.freetext``); what could
not be told apart is kept as written. Until a person fixes such a reference (or an
online match completes it), this check points at its first citation. Missing required
fields are ``reference-incomplete``'s; this check reports what that one cannot see.
"""

from __future__ import annotations

from collections.abc import Iterator

from editor.core.checks.base import Check
from editor.core.checks.context import CheckContext
from editor.core.checks.finding import WARNING, Finding
from editor.core.references.freetext.review import review_problems


class ReferenceNeedsReview(Check):
    code = "reference-needs-review"
    severity = WARNING
    description = "A cited reference whose imported text was not fully read."

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        seen: set[str] = set()
        for part in ctx.parts:
            for citation in part.analysis.scan.citations:
                key = citation.key
                if key in seen or key not in ctx.resolved:
                    continue
                seen.add(key)
                problems = review_problems(ctx.resolved[key])
                if problems:
                    yield self.at(ctx, part, citation.start,
                                  f"Reference @{key} needs a look: {'; '.join(problems)}. Check it against the "
                                  "source and correct it in the reference library.", f"{key} {problems[0]}")
