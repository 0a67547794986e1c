"""What the publish gate said, shown the same way by every way out of the app.

Export, Copy HTML, Copy for website, the patient handout and publishing all refuse a post
with open errors (``editor.core.export.website.clear_for_website``). When one does, the
person sees the same thing: a sentence saying what was not done and why, the list of
errors (and warnings), "double-click to show it in the editor", and "Dismiss Selected with
a Reason…". :class:`GateFindingsView` is that list; :func:`refusal_text` the sentence;
:class:`GateRefusalDialog` wraps both for an action that has no dialog of its own
(Edit → Copy for website).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import Finding
from editor.core.checks.gate import GateResult, PublishBlockedError, describe_finding
from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.post.model import Post
from editor.gui.dialogs.dismiss_reason import ask_and_dismiss
from editor.gui.panels.common import MessageLabel, grow_to_fit

MIN_LIST_LINES = 9  # a refusal's first errors readable without scrolling


def refusal_text(error: PublishBlockedError, not_done: str) -> str:
    """``"Not exported: 3 errors must be fixed, or dismissed with a reason, first. …"``"""
    gate = error.result
    count = len(gate.errors)
    if not count:  # held back by the caller's policy (warnings, dismissed errors)
        return f"{not_done}: {getattr(error, 'reason', str(error))}"
    return (f"{not_done}: {count} error{'s' if count != 1 else ''} must be fixed, or dismissed with a reason, "
            "first. Double-click one to show it in the editor.")


def gate_rows(gate: GateResult) -> list[tuple[str, Finding | None]]:
    rows: list[tuple[str, Finding | None]] = [("Error — " + describe_finding(f), f) for f in gate.errors]
    return rows + [("Warning — " + describe_finding(f), f) for f in gate.warnings]


class GateFindingsView(QWidget):
    """The gate's findings as a list (double-click shows one in the editor) with a dismiss button.

    ``prefix`` names the children for tests and accessibility tools: ``<prefix>Findings`` and
    ``<prefix>Dismiss``. ``message`` is the dialog's own message line, told about dismissals.
    """

    findingRequested = Signal(object)  # a Finding to show in the editor

    def __init__(self, library: Library, post: Post, message: MessageLabel, prefix: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library, self._post, self._message = library, post, message
        self.findings_list = QListWidget(objectName=f"{prefix}Findings")
        self.findings_list.setWordWrap(True)
        self.findings_list.setAccessibleName("Findings of the checks")
        self.findings_list.setToolTip("Double-click a finding to show it in the editor")
        self.findings_list.setMinimumHeight(self.fontMetrics().lineSpacing() * MIN_LIST_LINES)
        self.dismiss_button = QPushButton("Dismiss Selected with a Reason…", objectName=f"{prefix}Dismiss")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.findings_list, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignRight)
        self.findings_list.itemActivated.connect(self._activate)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.show_rows([])

    def show_rows(self, rows: Sequence[tuple[str, Finding | None]], *, dismissable: bool = False) -> None:
        self.findings_list.clear()
        for text, finding in rows:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, finding)
            self.findings_list.addItem(item)
        self.findings_list.setVisible(bool(rows))
        self.dismiss_button.setVisible(dismissable and bool(rows))
        self.setVisible(bool(rows))
        if rows:
            self.findings_list.setCurrentRow(0)

    def show_refusal(self, error: PublishBlockedError, not_done: str) -> None:
        """Say why ``not_done`` (e.g. "Not copied"), list the errors, and show the first in the editor."""
        gate = error.result
        self._message.show_error(refusal_text(error, not_done))
        self.show_rows(gate_rows(gate), dismissable=True)
        grow_to_fit(self.window())
        if gate.errors:
            self.findingRequested.emit(gate.errors[0])

    def findings(self) -> list[Finding]:
        items = (self.findings_list.item(row) for row in range(self.findings_list.count()))
        return [f for item in items if (f := item.data(Qt.ItemDataRole.UserRole)) is not None]

    def _activate(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if finding is not None:
            self.findingRequested.emit(finding)

    def dismiss_selected(self) -> None:
        item = self.findings_list.currentItem()
        finding = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if finding is None or self._post.id is None:
            return
        try:
            reason = ask_and_dismiss(self, self._library, self._post.id, finding)
        except PostwrightError as error:
            self._message.show_error(str(error))
            return
        if reason is None:
            return
        self.findings_list.takeItem(self.findings_list.row(item))
        remaining = [f for f in self.findings() if f.severity == "error"]
        self._message.show_info(f"Dismissed {finding.code}: “{reason}”. "
                                + (f"{len(remaining)} error(s) left." if remaining else "Try again to continue."))


class GateRefusalDialog(QDialog):
    """An action without a dialog of its own was refused by the gate: say so, as export does.

    ``retry`` runs the action again (after the person dismissed an error with a reason).
    """

    def __init__(self, library: Library, post: Post, not_done: str, retry: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gateRefusalDialog")
        self.setWindowTitle(f"{not_done} — {post.title}")
        self.message = MessageLabel(self)
        self.message.setObjectName("gateRefusalMessage")
        self.view = GateFindingsView(library, post, self.message, "gateRefusal", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.retry_button: QPushButton | None = None
        if retry is not None:
            self.retry_button = buttons.addButton("Try &Again", QDialogButtonBox.ButtonRole.ActionRole)
            self.retry_button.setObjectName("gateRefusalRetry")
            self.retry_button.clicked.connect(lambda: self._retry(retry))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(680, 360)

    def _retry(self, retry: Callable[[], None]) -> None:
        self.accept()
        retry()

    def findings(self) -> list[Finding]:
        return self.view.findings()


def show_refusal(parent: QWidget, library: Library, post: Post, error: PublishBlockedError, not_done: str, *,
                 retry: Callable[[], None] | None = None,
                 show_finding: Callable[[Finding], None] | None = None) -> GateRefusalDialog:
    """Open a :class:`GateRefusalDialog` for ``error`` (the first error is shown in the editor behind it)."""
    dialog = GateRefusalDialog(library, post, not_done, retry, parent)
    if show_finding is not None:
        dialog.view.findingRequested.connect(show_finding)
    dialog.view.show_refusal(error, not_done)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
