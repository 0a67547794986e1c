"""Version history: the post's revisions, each compared with the text as it is now, and restore.

Below the revisions, the findings dismissed on the post [historyDismissals]: when, who,
what and the reason given, so what was let through to the website stays on record.

Restoring goes through ``lib.revisions.restore`` (itself recorded as a new revision, so
nothing is lost); the restored Post is kept in ``restored`` and sent with ``postRestored``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import dismissals
from editor.core.checks.dismissals import describe as describe_dismissal
from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.post.model import Post, Revision
from editor.gui.dialogs.diff_view import DiffView, change_counts
from editor.gui.panels.common import MessageLabel, confirm, local_time

_REASONS = {"autosave": "Autosaved", "save": "Saved", "created": "Created", "import": "Imported",
            "duplicate": "Duplicated"}


def describe(revision: Revision) -> str:
    reason = _REASONS.get(revision.reason, revision.reason.capitalize())
    return f"{local_time(revision.created_at)} — {reason} (version {revision.version})"


class HistoryDialog(QDialog):
    postRestored = Signal(object)  # Post

    def __init__(self, library: Library, post: Post, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"Version history — {post.title}")
        self._library = library
        self._post = post
        self.restored: Post | None = None
        self.revisions: list[Revision] = []

        self.list = QListWidget(objectName="historyList")
        self.list.setAccessibleName("Versions")
        self.list.setMinimumWidth(260)
        self.diff = DiffView()
        self.summary = QLabel(objectName="historySummary", wordWrap=True)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton("Restore This Version…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("historyRestore")
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)

        self.dismissals = QListWidget(objectName="historyDismissals")
        self.dismissals.setAccessibleName("Findings dismissed on this post")
        self.dismissals.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 3)
        left_layout.addWidget(QLabel("Dismissed findings:"))
        left_layout.addWidget(self.dismissals, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 720])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(1040, 640)

        self.list.currentRowChanged.connect(self._show_revision)
        self._load()

    def _load(self) -> None:
        try:
            self.revisions = self._library.revisions.list(self._post.id) if self._post.id is not None else []
        except PostwrightError as error:
            self.message.show_error(str(error))
            self.revisions = []
        try:
            records = dismissals(self._library, self._post.id) if self._post.id is not None else []
        except PostwrightError:
            records = []
        for record in records:
            item = QListWidgetItem(f"{local_time(record.created_at)} — {describe_dismissal(record)}")
            item.setToolTip(record.message or record.fingerprint)
            self.dismissals.addItem(item)
        if not records:
            self.dismissals.addItem("None: every finding on this post is shown.")
        for revision in self.revisions:
            item = QListWidgetItem(describe(revision))
            item.setToolTip(revision.title)
            self.list.addItem(item)
        if self.revisions:
            self.list.setCurrentRow(0)
        else:
            self.summary.setText("This post has no earlier versions yet.")
            self.restore_button.setEnabled(False)

    def selected_revision(self) -> Revision | None:
        row = self.list.currentRow()
        return self.revisions[row] if 0 <= row < len(self.revisions) else None

    def _show_revision(self, row: int) -> None:
        revision = self.selected_revision()
        if revision is None:
            return
        self.diff.set_texts(revision.body, self._post.body, f"Version {revision.version}", "Now")
        added, removed = change_counts(self.diff.rows)
        if not self.diff.rows:
            change = "The text is the same as now."
        else:
            change = f"Since this version: {added} line{'s' if added != 1 else ''} added or changed, " \
                     f"{removed} removed or changed."
        if revision.title != self._post.title:
            change += f" The title was “{revision.title}”."
        self.summary.setText(change)

    def restore_selected(self) -> None:
        revision = self.selected_revision()
        if revision is None or not confirm(
            self, "Restore version",
            f"Replace the post with version {revision.version} ({local_time(revision.created_at)})?\n"
            "The current text stays in the history, so this can be undone.",
        ):
            return
        try:
            self.restored = self._library.revisions.restore(self._post.slug, revision.id)
        except PostwrightError as error:
            self.message.show_error(str(error))
            return
        self.postRestored.emit(self.restored)
        self.accept()
