"""Settings → Sites: the saved WordPress sites, and adding, editing, testing and removing one.

Add and Edit open :class:`SiteEditDialog`, which tests the connection before it saves
and names the part that failed (the address, the site's REST API, the password — a
login password is told apart from an Application Password — or the user's role).
Editing keeps the site's links and, when no new password is typed, its password.
Network and keyring work runs on workers (``run_with_library``); a keyring may wait for
the person to unlock it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.publish import site_secrets
from editor.core.publish.connection import ConnectionReport, check_connection
from editor.core.publish.sites import Site, SiteStore
from editor.gui.panels.common import MessageLabel, grow_to_fit, run_with_library

# Which field a failed connection test points at, and how the message names it.
PROBLEM_PARTS = {
    "bad-url": ("url", "Address"), "https-required": ("url", "Address"), "unreachable": ("url", "Address"),
    "no-https": ("url", "Address"), "bad-certificate": ("url", "Address"), "timeout": ("url", "Address"),
    "redirect": ("url", "Address"), "not-wordpress": ("url", "Address"), "site-elsewhere": ("url", "Address"),
    "rest-disabled": ("url", "The site's REST API"), "no-app-passwords": ("url", "The site's REST API"),
    "login-password": ("password", "Password"), "wrong-credentials": ("password", "User name or password"),
    "no-credentials": ("password", "User name or password"), "cannot-write": ("user", "The user's role"),
    "forbidden": ("user", "The user's role"),
}
SAVABLE = (None, "cannot-publish")  # a contributor can still send posts for review
WORTH_SAVING_ANYWAY = ("unreachable", "timeout")  # offline now, fine later
PASSWORD_HELP = ("Not your login password: in WordPress, open Users → Profile → Application Passwords, add one "
                 "named “Postwright” and paste it here.")


def failure_text(report: ConnectionReport) -> str:
    part = PROBLEM_PARTS.get(report.problem or "", ("", ""))[1]
    return f"{part}: {report.message}" if part else report.message


@dataclass(frozen=True)
class _Outcome:
    report: ConnectionReport
    site: Site | None  # None: not saved


class SiteEditDialog(QDialog):
    """Add a site (``site`` None) or edit one; tests the connection, then saves. The result is in ``saved``."""

    def __init__(self, library: Library, site: Site | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteEditDialog")
        self.setWindowTitle(f"Edit Site “{site.name}”" if site else "Add Site")
        self.library, self.site = library, site
        self.saved: Site | None = None
        self.last_report: ConnectionReport | None = None
        self.name, self.url, self.user, self.password = (QLineEdit(self) for _ in range(4))
        for field, name in ((self.name, "Site name"), (self.url, "Site address"), (self.user, "WordPress user name"),
                            (self.password, "Application Password")):
            field.setAccessibleName(name)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name.setPlaceholderText("clinic")
        self.url.setPlaceholderText("https://clinic.example (the dashboard address works too)")
        if site is not None:
            self.name.setText(site.name)
            self.url.setText(site.url)
            self.user.setText(site.username)
            self.password.setPlaceholderText("Leave empty to keep the saved password")
        help_text = QLabel(PASSWORD_HELP, self, wordWrap=True)
        help_text.setObjectName("passwordHelp")
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Address", self.url)
        form.addRow("&User name", self.user)
        form.addRow("Application &Password", self.password)
        form.addRow("", help_text)
        self.message = MessageLabel(self)
        self.message.setObjectName("siteEditMessage")
        self.buttons = QDialogButtonBox(self)
        self.test_button = self.buttons.addButton("&Test Connection", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_anyway = self.buttons.addButton("Save &Anyway", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.save_anyway.hide()
        self.save_button.setDefault(True)
        self.test_button.clicked.connect(lambda: self._start(save=False, force=False))
        self.save_button.clicked.connect(lambda: self._start(save=True, force=False))
        self.save_anyway.clicked.connect(lambda: self._start(save=True, force=True))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(600, self.sizeHint().height())
        grow_to_fit(self)

    def _busy(self, busy: bool) -> None:
        for button in (self.test_button, self.save_button, self.save_anyway):
            button.setEnabled(not busy)

    def _start(self, *, save: bool, force: bool) -> None:
        name, url, user, password = self.name.text(), self.url.text(), self.user.text(), self.password.text()
        editing = self.site
        self._busy(True)
        self.save_anyway.hide()
        self.message.show_info("Saving…" if force else "Testing the connection…")

        def job(lib: Library) -> _Outcome:
            sites = SiteStore(lib)
            secret = password.strip() or (sites.password(editing) if editing is not None else "")
            report = (ConnectionReport(True, None, "Not tested.") if force
                      else check_connection(url, user, secret))
            if not save or (report.problem not in SAVABLE and not force):
                return _Outcome(report, None)
            address = report.site_url or url
            if editing is None:
                return _Outcome(report, sites.add(name, address, user, secret))
            changed_url = address if address.rstrip("/") != editing.url else None
            return _Outcome(report, sites.edit(editing.name, new_name=name, url=changed_url, username=user,
                                               password=password or None))

        run_with_library(self.library, job, self._finished, self._failed, owner=self)

    def _finished(self, outcome: _Outcome) -> None:
        self._busy(False)
        report = outcome.report
        self.last_report = report
        if outcome.site is not None:
            self.saved = outcome.site
            self.password.clear()
            self.accept()
            return
        if report.ok or report.problem in SAVABLE:
            self.message.show_info(report.message)
            grow_to_fit(self)
            return
        self.message.show_error(failure_text(report))
        grow_to_fit(self)
        field = {"url": self.url, "user": self.user, "password": self.password}.get(
            PROBLEM_PARTS.get(report.problem or "", ("", ""))[0])
        if field is not None:
            field.setFocus()
            field.selectAll()
        self.save_anyway.setVisible(report.problem in WORTH_SAVING_ANYWAY)

    def _failed(self, error: PostwrightError) -> None:
        self._busy(False)
        self.message.show_error(str(error))
        grow_to_fit(self)


class SitesDialog(QDialog):
    """Settings → Sites: the saved sites with Add, Edit, Test and Remove."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitesDialog")
        self.setWindowTitle("Sites")
        self.library = library
        self.sites = QTreeWidget(self)
        self.sites.setObjectName("siteList")
        self.sites.setAccessibleName("Saved sites")
        self.sites.setHeaderLabels(["Name", "Address", "User"])
        self.sites.setRootIsDecorated(False)
        self.sites.setUniformRowHeights(True)
        intro = QLabel("Postwright publishes to these WordPress sites. Passwords are kept in the system keyring; "
                       "posts stay linked to a site's address even if you remove it and add it again.", self,
                       wordWrap=True)
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.test_button = QPushButton("&Test", self)
        self.remove_button = QPushButton("&Remove…", self)
        for button, name in ((self.add_button, "addSite"), (self.edit_button, "editSite"),
                             (self.test_button, "testSite"), (self.remove_button, "removeSite")):
            button.setObjectName(name)
            button.setAutoDefault(False)
        self.message = MessageLabel(self)
        self.message.setObjectName("sitesMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.test_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.sites, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(lambda: self.open_editor(self.selected()))
        self.test_button.clicked.connect(self.test)
        self.remove_button.clicked.connect(self.remove)
        self.sites.itemSelectionChanged.connect(self._update_buttons)
        self.sites.itemDoubleClicked.connect(lambda *_: self.open_editor(self.selected()))
        self.last_report: ConnectionReport | None = None
        self.resize(640, 380)
        self.refresh()
        # Without a system keyring no password can be kept: say how to get one before anyone types it.
        run_with_library(library, lambda _lib: site_secrets.backend(), None,
                         lambda error: self.message.show_warning(str(error)), owner=self)

    def refresh(self, select: str | None = None) -> None:
        self.sites.clear()
        for site in SiteStore(self.library).list():
            item = QTreeWidgetItem([site.name, site.url, site.username])
            self.sites.addTopLevelItem(item)
            if site.name == select:
                self.sites.setCurrentItem(item)
        first = self.sites.topLevelItem(0)
        if self.sites.currentItem() is None and first is not None:
            self.sites.setCurrentItem(first)
        for column in range(3):
            self.sites.resizeColumnToContents(column)
        self._update_buttons()

    def selected(self) -> Site | None:
        item = self.sites.currentItem()
        if item is None:
            return None
        try:
            return SiteStore(self.library).get(item.text(0))
        except PostwrightError:
            return None

    def _update_buttons(self) -> None:
        chosen = self.sites.currentItem() is not None
        for button in (self.edit_button, self.test_button, self.remove_button):
            button.setEnabled(chosen)

    def open_editor(self, site: Site | None) -> None:
        editor = SiteEditDialog(self.library, site, self)
        if editor.exec() == QDialog.DialogCode.Accepted and editor.saved is not None:
            self.refresh(select=editor.saved.name)
            self.message.show_info(f"Saved {editor.saved.name} ({editor.saved.url}). Its password is in the system "
                                   "keyring.")

    def test(self) -> None:
        site = self.selected()
        if site is None:
            return
        self.test_button.setEnabled(False)
        self.message.show_info(f"Testing {site.name}…")
        run_with_library(self.library,
                         lambda lib: check_connection(site.url, site.username, SiteStore(lib).password(site)),
                         self._tested, self._failed, owner=self)

    def _tested(self, report: ConnectionReport) -> None:
        self.last_report = report
        self._update_buttons()
        (self.message.show_info if report.ok else self.message.show_error)(
            report.message if report.ok else failure_text(report))

    def _failed(self, error: PostwrightError) -> None:
        self._update_buttons()
        self.message.show_error(str(error))

    def remove(self) -> None:
        site = self.selected()
        if site is None or not self.confirm_remove(site):
            return
        self.remove_button.setEnabled(False)
        run_with_library(self.library, lambda lib: SiteStore(lib).remove(site.name),
                         lambda _none: self._removed(site), self._failed, owner=self)

    def confirm_remove(self, site: Site) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Remove Site",
                          f"Remove “{site.name}” ({site.url})? Its password is deleted from the system keyring. "
                          "Nothing changes on the website, and posts published there stay linked to its address, "
                          "so adding the site again finds them.", QMessageBox.StandardButton.NoButton, self)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is remove

    def _removed(self, site: Site) -> None:
        self.refresh()
        self.message.show_info(f"Removed {site.name}. Its posts stay linked to {site.url}.")
