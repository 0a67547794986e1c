"""Asking why a finding is fine: the reason stored with a dismissal.

Errors need a reason to be let through to an export; possible patient information
needs one typed out in words (``editor.core.checks.dismissals.reason_problem``), so
there is no preset answer to click.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from editor.core.checks import ERROR, Finding
from editor.core.checks.dismissals import PHI_PREFIX, reason_problem


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
