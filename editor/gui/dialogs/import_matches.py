"""The import dialog's list of suggested online matches for references without an identifier.

An online import asks Crossref which published work each such reference is; a match is
only a suggestion, shown with Crossref's score, unchecked. The person ticks the ones that
are right and presses "Accept Checked Matches"; only then are those references replaced
by the works' details (``references.matching.accept_match``, off the GUI thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.core.foundation.errors import PostwrightError
from editor.core.importers.report import shorten
from editor.gui.panels.common import MessageLabel, run_with_library

if TYPE_CHECKING:
    from editor.core.importers import ImportResult
    from editor.core.library import Library

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1  # (citekey, DOI)


class MatchesPanel(QWidget):
    """Suggested matches, unchecked; checked ones are applied on request."""

    accepted = Signal(int)  # how many references were completed

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importMatchesPanel")
        self._library = library
        self.label = QLabel("Possible matches found online for references without a DOI or PubMed ID. "
                            "Tick the ones that are the same work to replace the reference with its details.")
        self.label.setWordWrap(True)
        self.tree = QTreeWidget(objectName="importMatches")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Reference as imported", "Suggested match", "Score"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Suggested matches")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton("Accept Checked Matches", objectName="importAcceptMatches")
        self.accept_button.setEnabled(False)
        self.accept_button.clicked.connect(self.accept_checked)
        self.tree.itemChanged.connect(lambda _item, _column: self._update_button())
        self.message = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.tree, self.accept_button, self.message):
            layout.addWidget(widget)
        self._busy = False
        self.hide()

    def add_result(self, result: ImportResult) -> None:
        for line in result.reference_status:
            suggestion: Any = line.get("suggestion")
            if not isinstance(suggestion, dict):
                continue
            item = QTreeWidgetItem([shorten(str(line.get("text", "")), 90), str(suggestion.get("citation", "")),
                                    f"{suggestion.get('score', '')}"])
            item.setToolTip(0, str(line.get("text", "")))
            item.setToolTip(1, f"DOI {suggestion.get('doi')}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)  # never applied unless ticked
            item.setData(0, MATCH_ROLE, (str(line.get("key")), str(suggestion.get("doi"))))
            self.tree.addTopLevelItem(item)
        self.setVisible(self.tree.topLevelItemCount() > 0)

    def _checked(self) -> list[QTreeWidgetItem]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for item in items if item is not None and item.checkState(0) == Qt.CheckState.Checked
                and item.flags() & Qt.ItemFlag.ItemIsUserCheckable]

    def _update_button(self) -> None:
        self.accept_button.setEnabled(not self._busy and bool(self._checked()))

    def accept_checked(self) -> None:
        items = self._checked()
        if self._busy or not items:
            return
        pairs = [item.data(0, MATCH_ROLE) for item in items]
        self._busy = True
        self._update_button()
        self.message.show_info("Looking up the checked works\u2026")

        def job(lib: Library) -> int:
            from editor.core.references.matching import accept_match

            for key, doi in pairs:
                accept_match(lib, key, doi)
            return len(pairs)

        run_with_library(self._library, job, lambda count: self._done(items, count), self._failed, owner=self)

    def _done(self, items: list[QTreeWidgetItem], count: int) -> None:
        self._busy = False
        for item in items:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            item.setText(2, "Accepted")
        self.message.show_info(f"Completed {count} reference{'s' if count != 1 else ''} from the matched works.")
        self._update_button()
        self.accepted.emit(count)

    def _failed(self, error: PostwrightError) -> None:
        self._busy = False
        self.message.show_warning(f"The matches were not applied: {error}")
        self._update_button()
