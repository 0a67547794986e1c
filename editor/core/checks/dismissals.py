"""Dismissed findings: "this is fine here", with the reason, who said so, and when.

A dismissal is stored per post under the finding's fingerprint (``dismissed_findings``).
Since schema migration ``m002`` it also keeps the reason, the person, and the code,
severity and message of the finding, so the post's history can show what was let
through after the finding itself has gone. An *error* lets an export through only
when its dismissal has a reason (see :mod:`editor.core.checks.gate`); a finding of
possible patient information (``phi-*``) can only be dismissed with a reason typed
out in words, never with an empty or one-word one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.checks.finding import Finding
from editor.core.foundation.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from editor.core.library import Library

USER_SETTING = "user_name"  # library setting: the name recorded with dismissals
PHI_PREFIX = "phi-"
PHI_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Dismissal:
    post_id: int
    fingerprint: str
    created_at: str  # ISO 8601, UTC
    reason: str
    dismissed_by: str
    code: str
    severity: str
    message: str


def current_user(lib: Library) -> str:
    """The name recorded with a dismissal: the ``user_name`` setting, else the login name."""
    name = lib.settings.get(USER_SETTING, "") or ""
    if isinstance(name, str) and name.strip():
        return name.strip()
    try:
        import getpass  # only when someone dismisses a finding

        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def reason_problem(code: str, reason: str) -> str | None:
    """Why ``reason`` is not enough to dismiss a finding with ``code``; ``None`` when it is."""
    if code.startswith(PHI_PREFIX) and len(_WORD.findall(reason)) < PHI_MIN_WORDS:
        return ("Possible patient information can only be let through with a reason typed in words "
                f"(at least {PHI_MIN_WORDS}), such as “this is the clinic's public phone number”.")
    return None


def dismiss(lib: Library, post_id: int, fingerprint: str, *, reason: str = "", by: str | None = None,
            finding: Finding | None = None) -> Dismissal:
    """Remember that a finding is fine on this post; returns the stored record.

    ``finding`` (when given) must carry ``fingerprint``; its code decides whether the
    reason must be typed out (PHI), and its code, severity and message are kept.
    Dismissing again replaces the reason.
    """
    if not fingerprint.strip():
        raise ValidationError("A finding to dismiss needs its fingerprint.")
    if finding is not None and finding.fingerprint != fingerprint:
        raise ValidationError("The finding given does not have the fingerprint being dismissed.")
    reason = " ".join(reason.split())
    code = finding.code if finding is not None else ""
    problem = reason_problem(code, reason)
    if problem:
        raise ValidationError(problem)
    if lib.db.execute("SELECT 1 FROM posts WHERE id = ?", [post_id]).fetchone() is None:
        raise NotFoundError(f"No post with id {post_id} in the library.")
    record = Dismissal(
        post_id, fingerprint, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), reason,
        by if by is not None else current_user(lib), code,
        finding.severity if finding is not None else "", finding.message if finding is not None else "",
    )
    with lib.transaction():
        lib.db.execute(
            "INSERT INTO dismissed_findings (post_id, fingerprint, created_at, reason, dismissed_by, code, "
            "severity, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(post_id, fingerprint) DO UPDATE SET "
            "created_at = excluded.created_at, reason = excluded.reason, dismissed_by = excluded.dismissed_by, "
            "code = CASE excluded.code WHEN '' THEN code ELSE excluded.code END, "
            "severity = CASE excluded.severity WHEN '' THEN severity ELSE excluded.severity END, "
            "message = CASE excluded.message WHEN '' THEN message ELSE excluded.message END",
            [record.post_id, record.fingerprint, record.created_at, record.reason, record.dismissed_by,
             record.code, record.severity, record.message])
    return record


def dismissals(lib: Library, post_id: int) -> list[Dismissal]:
    """Every dismissal on the post, newest first."""
    rows = lib.db.execute(
        "SELECT post_id, fingerprint, created_at, reason, dismissed_by, code, severity, message "
        "FROM dismissed_findings WHERE post_id = ? ORDER BY created_at DESC, fingerprint", [post_id])
    return [Dismissal(*row) for row in rows]


def dismissal_map(lib: Library, post_id: int) -> dict[str, Dismissal]:
    return {record.fingerprint: record for record in dismissals(lib, post_id)}


def describe(record: Dismissal) -> str:
    """One line for the post's history: who let what through, and why."""
    what = f"{record.severity or 'finding'} {record.code}".strip() if record.code else "a finding"
    reason = f": “{record.reason}”" if record.reason else " (no reason given)"
    who = record.dismissed_by or "someone"
    text = f"{who} dismissed {what}{reason}"
    return text + (f" — {record.message}" if record.message else "")
