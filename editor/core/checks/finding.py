"""What a check reports: one :class:`Finding`, with a position and a stable fingerprint.

Positions are 1-based and count in the post BODY (the Markdown text without the
title or summary): ``line`` 1 is the body's first line, ``column`` 1 its first
character. Findings about things outside the body (the title, the meta
description, the author, the review date, an image's metadata) have ``line`` and
``column`` set to ``None``.

The fingerprint identifies a finding across edits elsewhere in the post: it is
made of the check's code, the anchor of the section the finding is in and the
offending text, never the line number. A dismissal stored under it therefore
survives typing in other sections, and is dropped when the offending text itself
changes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str  # for the author: what is wrong and how to fix it
    line: int | None  # 1-based line in the post body, None when not in the body
    column: int | None  # 1-based column in that line
    section: str  # heading title of the section ("" before the first heading / post-wide)
    fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_fingerprint(self, fingerprint: str) -> Finding:
        return Finding(self.code, self.severity, self.message, self.line, self.column,
                       self.section, fingerprint)


def make_fingerprint(code: str, anchor: str, text: str) -> str:
    """A short stable id from the code, the section anchor and the offending text."""
    normal = _SPACES.sub(" ", text).strip().casefold()
    return hashlib.sha1(f"{code}\x1f{anchor}\x1f{normal}".encode()).hexdigest()[:16]


def disambiguate(findings: list[Finding]) -> list[Finding]:
    """Give repeated fingerprints a suffix by order of appearance (``…#2``, ``…#3``)."""
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        count = seen.get(finding.fingerprint, 0) + 1
        seen[finding.fingerprint] = count
        result.append(finding if count == 1 else finding.with_fingerprint(f"{finding.fingerprint}#{count}"))
    return result


def sort_key(finding: Finding) -> tuple[int, int, int, str]:
    """Body findings in text order; findings outside the body first."""
    if finding.line is None:
        return (0, 0, 0, finding.code)
    return (1, finding.line, finding.column or 0, finding.code)
