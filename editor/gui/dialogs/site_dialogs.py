"""Settings → Sites (add a WordPress site, test its connection) and File → Publish.

All network work runs in a worker on its own library connection
(``run_with_library``); the dialogs only collect input and show the outcome: the
connection report, the publish gate's errors, or a conflict with the site's edit,
which offers to pull the site's version, keep ours, or publish ours as a new draft.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError, PublishConflictError
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.publish.connection import ConnectionReport, check_connection
from editor.core.publish.publisher import PublishResult, publish_post
from editor.core.publish.pull import PullResult, import_site
from editor.core.publish.sites import Site, SiteStore
from editor.gui.panels.common import MessageLabel, run_with_library

STATUS_CHOICES = (("draft", "Save as a draft on the site"), ("pending", "Send for review (pending)"),
                  ("publish", "Publish now"))


class SitesDialog(QDialog):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sites")
        self.library = library
        self.sites = QListWidget(self)
        self.sites.setObjectName("siteList")
        self.sites.setAccessibleName("Saved sites")
        self.name, self.url, self.user, self.password = (QLineEdit(self) for _ in range(4))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setPlaceholderText("https://clinic.example")
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Address", self.url)
        form.addRow("User name", self.user)
        form.addRow("Application Password", self.password)
        self.test_button = QPushButton("Test Connection", self)
        self.test_button.setObjectName("testConnection")
        self.add_button = QPushButton("Add Site", self)
        self.add_button.setObjectName("addSite")
        self.message = MessageLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.sites,):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.add_button)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.test_button.clicked.connect(self.test)
        self.add_button.clicked.connect(self.add)
        self.last_report: ConnectionReport | None = None
        self._refresh()

    def _refresh(self) -> None:
        self.sites.clear()
        for site in SiteStore(self.library).list():
            self.sites.addItem(f"{site.name} — {site.url} ({site.username})")

    def test(self) -> None:
        url, user, password = self.url.text(), self.user.text(), self.password.text()
        self.test_button.setEnabled(False)
        self.message.show_info("Testing the connection…")
        run_with_library(self.library, lambda _lib: check_connection(url, user, password),
                         self._tested, self._failed, owner=self)

    def _tested(self, report: ConnectionReport) -> None:
        self.last_report = report
        self.test_button.setEnabled(True)
        (self.message.show_info if report.ok else self.message.show_error)(report.message)

    def _failed(self, error: PostwrightError) -> None:
        self.test_button.setEnabled(True)
        self.message.show_error(str(error))

    def add(self) -> None:
        """Save the site on a worker: the system keyring may wait for the user to unlock it."""
        name, url, user, password = self.name.text(), self.url.text(), self.user.text(), self.password.text()
        self.add_button.setEnabled(False)
        run_with_library(self.library, lambda lib: SiteStore(lib).add(name, url, user, password),
                         self._added, self._add_failed, owner=self)

    def _added(self, site: Site) -> None:
        self.add_button.setEnabled(True)
        self.password.clear()
        self.message.show_info(f"Saved {site.name}. Its password is in the system keyring.")
        self._refresh()

    def _add_failed(self, error: PostwrightError) -> None:
        self.add_button.setEnabled(True)
        self.message.show_error(str(error))


class PublishDialog(QDialog):
    def __init__(self, library: Library, post: Post, parent: QWidget | None = None,
                 hub: object | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Publish “{post.title}”")
        self.library, self.post, self.hub = library, post, hub
        self.site = QComboBox(self)
        self.site.setObjectName("publishSite")
        for site in SiteStore(library).list():
            self.site.addItem(site.name)
        self.status = QComboBox(self)
        self.status.setObjectName("publishStatus")
        for value, text in STATUS_CHOICES:
            self.status.addItem(text, value)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.errors = QListWidget(self)
        self.errors.setObjectName("gateErrors")
        self.errors.hide()
        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton("Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.publish_button.clicked.connect(lambda: self.publish(None))
        form = QFormLayout()
        form.addRow("Site", self.site)
        form.addRow("On the site", self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.errors)
        layout.addWidget(self.buttons)
        self.result: PublishResult | None = None  # type: ignore[assignment]  # shadows QDialog.result()
        self.pulled = False  # the site's version replaced the post in the library: the editor must reload it
        if not self.site.count():
            self.publish_button.setEnabled(False)
            self.message.show_error("No site yet: add one in Settings → Sites.")

    def publish(self, resolve: str | None) -> None:
        site, status, post = self.site.currentText(), self.status.currentData(), self.post
        self.publish_button.setEnabled(False)
        self.progress.show()
        self.errors.hide()
        self.message.show_info("Publishing…")
        run_with_library(self.library, lambda lib: publish_post(lib, site, lib.posts.get_by_id(post.id or 0),
                                                                status=status, resolve=resolve),
                         self._published, self._failed, owner=self)

    def _published(self, result: PublishResult) -> None:
        self.result = result
        self.pulled = self.pulled or result.pulled
        self.progress.hide()
        self.publish_button.setEnabled(True)
        verb = "Pulled the site's version" if result.pulled else ("Created" if result.created else "Updated")
        notes = "".join(f"\n{warning}" for warning in result.warnings)
        self.message.show_info(f"{verb} on {result.site}: {result.status}. {result.link}{notes}")
        changed = getattr(self.hub, "libraryChanged", None)
        if changed is not None:  # the library browser shows each post's status on the site
            changed.emit()

    def _failed(self, error: PostwrightError) -> None:
        self.progress.hide()
        self.publish_button.setEnabled(True)
        if isinstance(error, PublishConflictError):
            choice = self.ask_conflict(error)
            if choice:
                self.publish(choice)
                return
        lines = str(error).splitlines()
        self.message.show_error(lines[0])
        if len(lines) > 1:  # the gate's errors, one per line
            self.errors.clear()
            self.errors.addItems([line.strip() for line in lines[1:]])
            self.errors.show()

    def ask_conflict(self, error: PublishConflictError) -> str | None:
        """Which version wins: "theirs", "ours", "new-draft", or None to stop (the side-by-side conflict view)."""
        from editor.gui.dialogs.site_conflict_dialog import SiteConflictDialog

        dialog = SiteConflictDialog(error, self)
        dialog.exec()
        return dialog.choice


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

    def start(self) -> None:
        site, stop, relay = self.site.currentText(), self._stop, self.relay
        stop.clear()
        self._running = True
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.show_info(f"Reading the posts of {site}…")
        run_with_library(self.library, lambda lib: import_site(lib, site, progress=relay.progressed.emit,
                                                               cancelled=stop.is_set),
                         self._done, self._failed, owner=self)

    def cancel(self) -> None:
        """While importing: stop after the current post (what came in stays); otherwise close."""
        if self._running:
            self._stop.set()
            self.message.show_info("Stopping after the current post…")
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
        failed = "".join(f"\nNot imported: {failure}" for failure in result.failed)
        self.message.show_info(f"Imported {len(result.imported)} post(s); {len(result.skipped)} were already in "
                               f"the library.{stopped}{failed}")
        changed = getattr(self.hub, "libraryChanged", None)
        if changed is not None and result.imported:
            changed.emit()

    def _failed(self, error: PostwrightError) -> None:
        self._running = False
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.message.show_error(str(error))
