"""Whether a reference item still shows signs of a string that was not fully read.

Pure predicates on a CSL item, so they hold for the item as it is now: once the person
fixes the reference (or an online match completes it), the signs are gone. Missing
required fields are ``completeness.missing_fields``'s business and are not repeated here.
"""

from __future__ import annotations

import re
from typing import Any

from editor.core.references.freetext.names import group_score

_SENTENCE_BREAK = re.compile(r"\b[a-z]{3,}\.\s+[A-Z]")
UNREAD = "kept as written: its parts could not be told apart"


def review_problems(csl: dict[str, Any]) -> list[str]:
    """Why ``csl`` needs a person's look, or [] when nothing suggests a misreading."""
    problems: list[str] = []
    title = str(csl.get("title") or "")
    note = str(csl.get("note") or "")
    if title and note and " ".join(title.split()) == " ".join(note.split()) and len(title.split()) > 4:
        problems.append(UNREAD)
    elif _SENTENCE_BREAK.search(title):
        problems.append("the title reads like more than one sentence")
    for role in ("author", "editor"):
        for name in csl.get(role) or []:
            literal = name.get("literal") if isinstance(name, dict) else None
            if literal and literal != "et al." and group_score(str(literal)) < 0:
                problems.append(f"\u201c{literal}\u201d does not read as a name")
    return problems
