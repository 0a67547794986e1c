"""The whole of one finding, beside the problems list [problemDetails].

The list's Message column is cut to its width; here the finding is shown whole and wrapped:
what is wrong (the message's first sentence), what to do (the rest of it), where (section,
line, column), its code and what that check looks for. It is a read-only text browser, so the
keyboard reaches it (Tab from the list), its text can be selected and copied, and a screen
reader reads it.
"""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.checks.finding import ERROR, INFO, WARNING, Finding

SEVERITY_NAMES = {ERROR: "Error", WARNING: "Warning", INFO: "Note"}
PLACEHOLDER = "Select a problem to read all of it here."


def split_advice(message: str) -> tuple[str, str]:
    """(what is wrong, what to do): the message's first sentence and the rest ("" when it is one sentence).

    Uses the checks' own sentence splitter, which knows "e.g.", "Dr.", decimals and quotes.
    """
    from editor.core.checks.prose import Block, sentences

    text = message.strip()
    found = sentences(text, Block(0, len(text), 0))
    if len(found) < 2:
        return text, ""
    return text[: found[0].text_end].strip(), text[found[1].start:].strip()


@lru_cache(maxsize=1)
def _check_descriptions() -> dict[str, str]:
    from editor.core.checks.engine import CHECK_CLASSES

    return {cls.code: cls.description for cls in CHECK_CLASSES if cls.description}


def where(finding: Finding) -> str:
    """"Section “Side effects”, line 34, column 5" (or the post's properties)."""
    if finding.line is None:
        return "The post's properties (title, summary, author, dates or images), not its text"
    section = f"Section “{finding.section}”" if finding.section else "The introduction"
    column = f", column {finding.column}" if finding.column else ""
    return f"{section}, line {finding.line}{column}"


def tooltip_html(finding: Finding) -> str:
    """The whole message as rich text: Qt wraps a rich-text tooltip, a plain one runs off the screen."""
    return f"<p>{html.escape(finding.message)}</p>"


def details_html(finding: Finding) -> str:
    what, advice = split_advice(finding.message)
    parts = [f"<p><b>{html.escape(SEVERITY_NAMES.get(finding.severity, finding.severity))}:</b> "
             f"{html.escape(what)}</p>"]
    if advice:
        parts.append(f"<p><b>What to do:</b> {html.escape(advice)}</p>")
    parts.append(f"<p><b>Where:</b> {html.escape(where(finding))}</p>")
    about = _check_descriptions().get(finding.code, "")
    check = f"<code>{html.escape(finding.code)}</code>" + (f" — {html.escape(about)}" if about else "")
    parts.append(f"<p><b>Check:</b> {check}</p>")
    return "".join(parts)


class FindingDetails(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemDetails")
        self.setAccessibleName("Problem details")
        self.setOpenLinks(False)
        self.setPlaceholderText(PLACEHOLDER)
        self.finding: Finding | None = None

    def show_finding(self, finding: Finding | None) -> None:
        self.finding = finding
        if finding is None:
            self.clear()
            self.setAccessibleDescription("")
            return
        self.setHtml(details_html(finding))
        self.setAccessibleDescription(self.toPlainText())
