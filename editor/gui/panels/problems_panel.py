"""The problems panel [problemsView]: the open post's findings, from ``hub.findingsChanged``.

Double-click (or Enter) on a finding asks the editor to go there
(``hub.jumpToPosition``); "Dismiss with a Reason…" asks why (typed words for possible
patient information), stores the dismissal with the reason, who and when through
the checks module and asks for a re-check (``hub.recheckRequested``). The list cuts long
messages to its width; each row's tooltip holds the whole message, and the details pane
beside the list (``FindingDetails``, Tab from the list) shows the selected finding whole.
The selection stays on the same finding when the checks run again.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.finding import ERROR, INFO, SEVERITIES, WARNING, Finding
from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.post.model import Post
from editor.gui.dialogs.dismiss_reason import ask_and_dismiss
from editor.gui.hub import SignalHub
from editor.gui.panels.common import show_error
from editor.gui.panels.finding_details import SEVERITY_NAMES, FindingDetails, tooltip_html
from editor.gui.panels.rows_model import RowsTableModel, fit_column, table_view

COLUMNS = ("Severity", "Code", "Message", "Section", "Line")
_SEVERITY_TEXT = SEVERITY_NAMES
_SEVERITY_ICON = {
    ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def summary_text(findings: list[Finding]) -> str:
    """"2 errors · 1 warning · 3 notes", or "No problems found"."""
    counts = Counter(finding.severity for finding in findings)
    if not findings:
        return "No problems found"
    parts = []
    for severity in SEVERITIES:
        count = counts.get(severity, 0)
        if count:
            noun = _SEVERITY_TEXT[severity].lower()
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    return " · ".join(parts)


class FindingsModel(RowsTableModel):
    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icons: dict[str, QIcon] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        """Errors first, then warnings, then notes; in text order within each."""
        rank = {severity: i for i, severity in enumerate(SEVERITIES)}
        self.set_rows(sorted(findings, key=lambda f: (rank.get(f.severity, len(rank)), f.line or 0, f.column or 0)))

    def finding_at(self, row: int) -> Finding:
        return self.row_at(row)

    def findings(self) -> list[Finding]:
        return self.rows()

    def cell(self, finding: Finding, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            line = "" if finding.line is None else str(finding.line)
            section = finding.section or ("Whole post" if finding.line is None else "Introduction")
            return (_SEVERITY_TEXT.get(finding.severity, finding.severity), finding.code, finding.message,
                    section, line)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icon(finding.severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(finding)  # rich text, so Qt wraps it instead of one screen-wide line
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _icon(self, severity: str) -> QIcon:
        if severity not in self._icons:
            style = QApplication.style()  # the application's style (a static call)
            self._icons[severity] = style.standardIcon(_SEVERITY_ICON.get(severity, _SEVERITY_ICON[INFO]))
        return self._icons[severity]


class ProblemsPanel(QWidget):
    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemsView")
        self.setAccessibleName("Problems")
        self._library = library
        self._hub = hub
        self._post: Post | None = None

        self.summary_label = QLabel("", objectName="problemsSummary")
        self.summary_label.hide()  # the empty list says "No problems found" itself
        self.model = FindingsModel(self)
        self.view = table_view(self.model, "problemsTable")
        self.view.setAccessibleName("Problems found by the checks")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 180)
        icon = self.view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self.view) + 8
        fit_column(self.view, 0, list(_SEVERITY_TEXT.values()), extra=icon)
        self._fit_columns([])
        self.empty_label = QLabel("No problems found", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setObjectName("problemsEmpty")
        self.empty_label.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)
        self.stack.setCurrentWidget(self.empty_label)
        self.details = FindingDetails()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="problemsSplitter")
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.view, self.details)

        self.view.activated.connect(self._jump)  # double-click or Enter
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentChanged.connect(self._show_current)

    def set_findings(self, findings: list[Finding]) -> None:
        shown = self.details.finding.fingerprint if self.details.finding is not None else None
        self.model.set_findings(findings)
        self._fit_columns(findings)
        self._select(shown)
        text = summary_text(findings)
        self.summary_label.setText(text if findings else "")
        self.summary_label.setVisible(bool(findings))
        self.stack.setCurrentWidget(self.view if findings else self.empty_label)

    def _fit_columns(self, findings: list[Finding]) -> None:
        """Code and line fitted to what they show (a long post has thousands of rows; Qt's
        fitting would measure them through the view again after every check)."""
        fit_column(self.view, 1, list({finding.code for finding in findings}))
        fit_column(self.view, 4, [str(max((finding.line or 0 for finding in findings), default=0))])

    def _select(self, fingerprint: str | None) -> None:
        """Keep the finding that was selected selected (the checks run again after every pause in typing)."""
        rows = [row for row, finding in enumerate(self.model.findings()) if finding.fingerprint == fingerprint]
        if not rows:
            self.details.show_finding(None)
            return
        self.view.setCurrentIndex(self.model.index(rows[0], 0))

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.details.show_finding(self.model.finding_at(current.row()) if current.isValid() else None)

    def on_post_changed(self, post: Post) -> None:
        if self._post is None or post.id != self._post.id:
            self.set_findings([])  # the new post's findings arrive with its first check
        self._post = post

    def _jump(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        finding = self.model.finding_at(index.row())
        if finding.line is None:
            self._hub.statusMessage.emit(f"{finding.code}: this is about the post's properties, not its text.")
            return
        self._hub.jumpToPosition.emit(finding.line, finding.column or 1)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if not index.isValid():
            return
        finding = self.model.finding_at(index.row())
        menu = QMenu(self)
        go = menu.addAction("Go to Text")
        go.setEnabled(finding.line is not None)
        go.triggered.connect(lambda: self._jump(index))
        menu.addAction("Dismiss with a Reason…").triggered.connect(lambda: self.dismiss_finding(finding))
        menu.addAction("Copy Message").triggered.connect(
            lambda: QGuiApplication.clipboard().setText(finding.message))
        menu.popup(self.view.viewport().mapToGlobal(point))

    def dismiss_finding(self, finding: Finding) -> None:
        """Ask why, remember this finding as fine on this post, hide it and ask for a re-check."""
        if self._post is None or self._post.id is None:
            return
        try:
            if ask_and_dismiss(self, self._library, self._post.id, finding) is None:
                return
        except PostwrightError as error:
            show_error(self, "Dismiss problem", error)
            return
        self.set_findings([f for f in self.model.findings() if f.fingerprint != finding.fingerprint])
        self._hub.statusMessage.emit(f"Dismissed {finding.code} here; it will not be reported again in this post.")
        self._hub.recheckRequested.emit()
