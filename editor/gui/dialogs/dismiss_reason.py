"""Asking why a finding is fine: the reason stored with a dismissal.

Errors need a reason to be let through to an export; possible patient information
needs one typed out in words (``editor.core.checks.dismissals.reason_problem``), so
there is no preset answer to click.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from editor.core.checks import ERROR, Finding
from editor.core.checks.dismissals import PHI_PREFIX, reason_problem
from editor.core.library import Library


def ask_reason(parent: QWidget, finding: Finding) -> str | None:
    """The reason typed for dismissing ``finding``; ``None`` when the author cancels."""
    if finding.code.startswith(PHI_PREFIX):
        prompt = ("This may be patient information. Type why it is safe to publish\n"
                  "(for example: “this is the clinic's public phone number”):")
    elif finding.severity == ERROR:
        prompt = "Why is this fine to publish? The reason is kept in the post's history:"
    else:
        prompt = "Why is this fine here? (optional)"
    text = ""
    while True:
        text, accepted = QInputDialog.getText(parent, f"Dismiss {finding.code}", f"{finding.message}\n\n{prompt}",
                                              QLineEdit.EchoMode.Normal, text)
        if not accepted:
            return None
        problem = reason_problem(finding.code, text)
        if problem is None:
            return " ".join(text.split())
        prompt = problem


def ask_and_dismiss(parent: QWidget, library: Library, post_id: int, finding: Finding) -> str | None:
    """Ask why ``finding`` is fine and remember it on the post; the reason, or ``None`` if cancelled.

    Raises the library's ``PostwrightError`` when the dismissal cannot be stored.
    """
    from editor.core.checks.store import dismiss  # the checks load on first use, not at start-up

    reason = ask_reason(parent, finding)
    if reason is not None:
        dismiss(library, post_id, finding.fingerprint, reason=reason, finding=finding)
    return reason
