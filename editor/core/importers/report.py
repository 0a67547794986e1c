"""The import report: where every block of the source went, and a short readable summary.

``Report`` collects one :class:`ReportLine` per block while a post is read. The summary
groups them so a person sees at a glance what went where, especially what was left
out as site chrome and what stayed in the body because the importer was not sure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from editor.core.importers.blocks import plain_text
from editor.core.importers.model import ReportLine

_LABELS = {
    "title": "Title",
    "banner": "Banner (kept as a property, not shown until you choose to)",
    "summary": "Summary (the excerpt under the title)",
    "body": "Body",
    "reference": "Reference list",
    "author": "Author box",
    "related": "Related posts",
    "image": "Images",
    "dropped": "Left out",
}
_LISTED = 6  # items shown per group before "and N more"


class Report:
    """The import report being written: one line per block of the source, in order."""

    def __init__(self, lines: list[ReportLine] | None = None) -> None:
        self.lines = lines if lines is not None else []

    def add(self, destination: str, text: str, note: str = "") -> None:
        self.lines.append(ReportLine(destination, shorten(plain_text(text), 80), note))


_CITATION = re.compile(r"\[@[^\]\n]*\]")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def prose_words(markdown: str) -> int:
    """Words a reader sees in a Markdown body: citation markers and link targets are not words."""
    text = _LINK_TARGET.sub("]", _CITATION.sub(" ", markdown))
    return sum(1 for _match in _WORD.finditer(text))


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _quoted(texts: list[str]) -> str:
    shown = "; ".join(f"\u201c{shorten(text, 40)}\u201d" for text in texts[:_LISTED])
    more = len(texts) - _LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def summarize(lines: Iterable[ReportLine | Mapping[str, str]]) -> list[str]:
    """A few readable lines: "Body: 14 blocks, 6 headings", "Left out as site chrome (9): …"."""
    rows = [line if isinstance(line, ReportLine) else ReportLine(line["to"], line["text"], line.get("note", ""))
            for line in lines]
    out: list[str] = []
    for destination in ("title", "banner", "summary"):
        for row in rows:
            if row.destination == destination:
                out.append(f"{_LABELS[destination]}: \u201c{shorten(row.text)}\u201d")
    body = [row for row in rows if row.destination == "body"]
    if body:
        headings = sum(row.note == "heading" for row in body)
        out.append(f"Body: {len(body) - headings} blocks under {headings} headings")
    unsure = [row for row in body if row.note not in ("", "heading")]
    for note in dict.fromkeys(row.note for row in unsure):
        texts = [row.text for row in unsure if row.note == note]
        out.append(f"Kept in the body ({note}): {_quoted(texts)}")
    for destination in ("reference", "author", "related"):
        texts = [row.text for row in rows if row.destination == destination and not row.note]
        if texts:
            out.append(f"{_LABELS[destination]} ({len(texts)}): {_quoted(texts)}")
    images = [row for row in rows if row.destination == "image"]
    for note in dict.fromkeys(row.note for row in images):
        texts = [row.text for row in images if row.note == note]
        out.append(f"Images, {note} ({len(texts)}): {_quoted(texts)}")
    dropped = [row for row in rows if row.destination == "dropped"]
    for note in dict.fromkeys(row.note for row in dropped):
        texts = [row.text for row in dropped if row.note == note]
        out.append(f"Left out, {note or 'not article text'} ({len(texts)}): {_quoted(texts)}")
    return out


def reference_lines(status: Iterable[Mapping[str, object]], *, commands: bool = True) -> list[str]:
    """One line per reference: "Reference 3 (smith2019): needs review (no year) — “Smith J. …”",
    and under it an online suggestion (with the command that accepts it, for the command line)."""
    out = []
    for line in status:
        problems = line.get("problems") or []
        why = f" ({'; '.join(str(p) for p in problems)})" if isinstance(problems, list) and problems else ""
        out.append(f"Reference {line.get('number')} ({line.get('key')}): {line.get('status')}{why} \u2014 "
                   f"\u201c{shorten(str(line.get('text', '')), 60)}\u201d")
        suggestion = line.get("suggestion")
        if isinstance(suggestion, Mapping):
            accept = f"; accept with: {suggestion.get('accept')}" if commands else " (see the matches below)"
            out.append(f"  suggested match (score {suggestion.get('score')}): {suggestion.get('citation')}{accept}")
    return out
