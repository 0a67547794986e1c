"""File → Import from Site: every post of a saved site, with progress, cancellable between posts.

The import runs on a worker with its own library connection; each post is stored in
its own transaction, so Cancel keeps what came in whole.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.publish.pull import PullResult, import_site, picture_counts
from editor.core.publish.sites import SiteStore
from editor.gui.panels.common import MessageLabel, run_with_library


class _ProgressRelay(QObject):
    """Carries a worker's progress to the GUI thread (a queued signal)."""

    progressed = Signal(int, int, str)


class ImportSiteDialog(QDialog):
    """File → Import from site: every post of a saved site, with progress, cancellable between posts."""

    def __init__(self, library: Library, hub: object | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from Site")
        self.library, self.hub = library, hub
        self.site = QComboBox(self)
        self.site.setObjectName("importSite")
        for site in SiteStore(library).list():
            self.site.addItem(site.name)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        form = QFormLayout()
        form.addRow("Site", self.site)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._stop = threading.Event()
        self._running = False
        self.relay = _ProgressRelay(self)
        self.relay.progressed.connect(self._progressed)
        self.result: PullResult | None = None  # type: ignore[assignment]  # shadows QDialog.result()
        if not self.site.count():
            self.import_button.setEnabled(False)
            self.message.show_error("No site yet: add one in Settings → Sites.")
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())  # room for a result to read

    def start(self) -> None:
        site, stop, relay = self.site.currentText(), self._stop, self.relay
        stop.clear()
        self._running = True
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.show_info(f"Reading the posts of {site}…")
        run_with_library(self.library, lambda lib: import_site(lib, site, progress=relay.progressed.emit,
                                                               cancelled=stop.is_set, cancel=stop),
                         self._done, self._failed, owner=self)

    def cancel(self) -> None:
        """While importing: stop after the current post (what came in stays); otherwise close."""
        if self._running:
            self._stop.set()
            self.message.show_info("Stopping: the post being read (and its pictures) is left out…")
        else:
            self.reject()

    def _progressed(self, done: int, total: int, title: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.message.show_info(f"{done} of {total}: {title}")

    def _done(self, result: PullResult) -> None:
        self._running = False
        self.result = result
        self.progress.hide()
        self.import_button.setEnabled(True)
        stopped = " Stopped before the end." if result.cancelled else ""
        counts = [f"{len(result.imported)} imported", f"{len(result.skipped)} already in the library"]
        if result.failed:
            counts.append(f"{len(result.failed)} not imported")
        counts += picture_counts(result)
        failed = "".join(f"\n• Not imported: {failure}" for failure in result.failed)
        failed += "".join(f"\n• Picture not fetched: {missing}" for missing in result.pictures_missing)
        self.message.show_info(", ".join(counts) + f".{stopped}{failed}")
        changed = getattr(self.hub, "libraryChanged", None)
        if changed is not None and result.imported:
            changed.emit()

    def _failed(self, error: PostwrightError) -> None:
        self._running = False
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.message.show_error(str(error))
