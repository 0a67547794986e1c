"""The publish gate: nothing with an open error reaches the website.

Every way out of the library (page, fragment and Markdown export, ``export --all``, the
handout, Copy for website, publishing) reaches the reader through
``editor.core.export.website.clear_for_website``, which asks :func:`gate_post`; this
module decides what blocks. Errors block. An error is let through only when it was dismissed on the post
*with a reason* (a click without one is "hide it while I write", not a decision to
publish); warnings never block. Unresolved and malformed citations cannot be dismissed:
the page would show a ``[?key]`` or ``[?]`` marker to readers, so the citation must be fixed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.checks.budget import NOT_CHECKED, OVER_DEADLINE, PostDeadlineError, over_deadline_finding
from editor.core.checks.dismissals import dismissal_map
from editor.core.checks.finding import ERROR, WARNING, Finding
from editor.core.checks.store import check_post
from editor.core.foundation.errors import PostwrightError
from editor.core.post.model import Post

if TYPE_CHECKING:
    from editor.core.library import Library

# A dismissal cannot hide these: the exported page would carry the unresolved or malformed
# marker, or a section (a post) was not checked at all, so nobody knows what a dismissal would
# let through.
UNDISMISSABLE = frozenset({"citation-unresolved", "citation-malformed", NOT_CHECKED, OVER_DEADLINE})


@dataclass(frozen=True)
class GateResult:
    slug: str
    errors: tuple[Finding, ...]  # blocking: errors not dismissed (with a reason)
    warnings: tuple[Finding, ...]  # shown, never blocking; dismissed warnings left out
    dismissed: tuple[Finding, ...]  # errors let through by a dismissal with a reason

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    def describe(self) -> str:
        """The blocking errors, one line each: code, section and message."""
        lines = [f"{self.slug}: {len(self.errors)} error(s) must be fixed or dismissed with a reason first."]
        lines.extend("  " + describe_finding(finding) for finding in self.errors)
        return "\n".join(lines)


def describe_finding(finding: Finding) -> str:
    where = f"line {finding.line}" if finding.line is not None else "title/metadata"
    section = f" [{finding.section}]" if finding.section else ""
    return f"{finding.code} ({where}){section}: {finding.message}"


class PublishBlockedError(PostwrightError):
    """The post has errors that are neither fixed nor dismissed with a reason."""

    def __init__(self, result: GateResult) -> None:
        super().__init__(result.describe())
        self.result = result


def gate_post(lib: Library, post: Post, *, allow_dismissed: bool = True,
              today: dt.date | None = None) -> GateResult:
    """Run every check on ``post`` and sort its findings into blocking, warning and let through.

    With ``allow_dismissed=False`` a dismissal lets nothing through (every error blocks).
    """
    findings = check_post(lib, post, today=today, include_dismissed=True)
    records = dismissal_map(lib, post.id) if post.id is not None else {}
    errors: list[Finding] = []
    warnings: list[Finding] = []
    let_through: list[Finding] = []
    for finding in findings:
        record = records.get(finding.fingerprint)
        if finding.severity == ERROR:
            excused = (allow_dismissed and record is not None and bool(record.reason)
                       and finding.code not in UNDISMISSABLE)
            (let_through if excused else errors).append(finding)
        elif finding.severity == WARNING and record is None:
            warnings.append(finding)
    return GateResult(post.slug, tuple(errors), tuple(warnings), tuple(let_through))


def over_deadline(error: PostDeadlineError) -> GateResult:
    """The verdict on a post whose checking was stopped at its deadline: blocked, saying why."""
    return GateResult(error.slug, (over_deadline_finding(error),), (), ())


def require_clear(lib: Library, post: Post, *, allow_dismissed: bool = True,
                  today: dt.date | None = None) -> GateResult:
    """:func:`gate_post`, raising :class:`PublishBlockedError` when the post is blocked."""
    result = gate_post(lib, post, allow_dismissed=allow_dismissed, today=today)
    if result.blocked:
        raise PublishBlockedError(result)
    return result
