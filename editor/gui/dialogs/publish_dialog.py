"""File → Publish: what the post is on the site now, what publishing will do, then doing it.

On opening (and when another site is chosen) a worker asks the site for the post
(``inspect_remote``: our link, this post's mark, or the same address) and the dialog
says where it stands — "Live on the site since 3 March 2025", "Pending review on the
site", "Not on this site yet" — and offers the choices named by what they do ("Update
the live post", "Unpublish: take it off the site, keep it as a draft"…); the publish
button carries the chosen words. Taking a post off the site asks again, with Cancel
as the default. A post at the same address that Postwright cannot prove is this one
is offered, not assumed: the person picks "update that post" or "publish a separate
one" before the button is enabled. A site-side edit opens the conflict view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.gate import PublishBlockedError
from editor.core.foundation.errors import PostwrightError, PublishConflictError
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.publish.publisher import (
    PublishResult,
    RelinkNeeded,
    WouldUnpublishError,
    inspect_remote,
    publish_post,
)
from editor.core.publish.remote_state import Action, RemoteState, actions
from editor.core.publish.sites import SiteStore
from editor.gui.dialogs.gate_findings import GateFindingsView
from editor.gui.panels.common import MessageLabel, grow_to_fit, run_with_library

FEATURED = (("first", "The first image (not repeated at the top of the text)"),
            ("first-and-text", "The first image, also kept in the text"),
            ("none", "None"))
LIVE_HINT = ("Patients read this post now. WordPress keeps no pending version of a live post: an update is on "
             "the site at once; to have changes reviewed first, unpublish it or ask your reviewer before updating.")
KEPT_AS = {"draft": "It stays on the site as a draft.", "pending": "It stays on the site, waiting for review."}
UNKNOWN = Action("keep", None, "Publish (keeps the status on the site; a new post becomes a draft)")


class _Relay(QObject):
    """Carries a worker's progress to the GUI thread (a queued signal)."""

    said = Signal(str)


class PublishDialog(QDialog):
    def __init__(self, library: Library, post: Post, parent: QWidget | None = None,
                 hub: object | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishDialog")
        self.setWindowTitle(f"Publish “{post.title}”")
        self.library, self.post, self.hub = library, post, hub
        self.state: RemoteState | None = None
        self.caps: dict[str, Any] = {}
        self.result: PublishResult | None = None  # type: ignore[assignment]  # shadows QDialog.result()
        self.pulled = False  # the site's version replaced the post in the library: the editor must reload it
        self.site = QComboBox(self)
        self.site.setObjectName("publishSite")
        self.site.setAccessibleName("Site")
        for saved in SiteStore(library).list():
            self.site.addItem(saved.name)
        self.where = QLabel("", self, wordWrap=True)
        self.where.setObjectName("remoteStatus")
        bold = self.where.font()
        bold.setBold(True)
        self.where.setFont(bold)
        self.found = QLabel("", self, wordWrap=True)
        self.found.setObjectName("foundOnSite")
        self.hint = QLabel(LIVE_HINT, self, wordWrap=True)
        self.hint.setObjectName("liveHint")
        self.hint.hide()
        self.update_found = QRadioButton("", self)
        self.update_found.setObjectName("relinkUpdate")
        self.separate = QRadioButton("Publish this post separately (the site then has two posts)", self)
        self.separate.setObjectName("relinkSeparate")
        self.relink = QButtonGroup(self)
        for button in (self.update_found, self.separate):
            self.relink.addButton(button)
            button.toggled.connect(self._fill_actions)
        self.action = QComboBox(self)
        self.action.setObjectName("publishAction")
        self.action.setAccessibleName("What publishing does")
        self.featured = QComboBox(self)
        self.featured.setObjectName("featuredImage")
        self.featured.setAccessibleName("Featured image")
        for value, text in FEATURED:
            self.featured.addItem(text, value)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.message = MessageLabel(self)
        self.gate_view = GateFindingsView(library, post, self.message, "publish", self)  # as every exit shows it
        self.errors = self.gate_view.findings_list
        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton("Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setObjectName("publishButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        self.publish_button.clicked.connect(lambda: self.publish(None))
        self.action.currentIndexChanged.connect(self._action_chosen)
        self.site.currentIndexChanged.connect(lambda _index: self.inspect())
        form = QFormLayout()
        form.addRow("&Site", self.site)
        choices = QFormLayout()
        choices.addRow("&Action", self.action)
        choices.addRow("&Featured image", self.featured)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.where, self.hint, self.found, self.update_found, self.separate):
            layout.addWidget(widget)
        layout.addLayout(choices)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.gate_view)
        layout.addWidget(self.buttons)
        self.relay = _Relay(self)
        self.relay.said.connect(self.message.show_info)
        self._show_found(None)
        self.resize(640, self.sizeHint().height())
        if not self.site.count():
            self.publish_button.setEnabled(False)
            self.action.setEnabled(False)
            self.where.setText("No site yet: add one in Settings → Sites.")
        else:
            self.inspect()

    # -- where the post stands on the site ----------------------------------------
    def inspect(self) -> None:
        site, post_id = self.site.currentText(), self.post.id or 0
        if not site:
            return
        self.state = None
        self.hint.hide()
        self.where.setText(f"Asking {site} about this post…")
        self._show_found(None)
        self.action.clear()
        self.publish_button.setEnabled(False)
        run_with_library(self.library, lambda lib: (site, *inspect_remote(lib, site, lib.posts.get_by_id(post_id))),
                         self._inspected, self._inspect_failed, owner=self)

    def _inspected(self, answer: tuple[str, RemoteState, dict[str, Any]]) -> None:
        site, state, caps = answer
        if site != self.site.currentText():
            return  # another site was chosen meanwhile
        self.state, self.caps = state, caps
        link = f" — {state.link}" if state.link and state.status == "publish" else ""
        deleted = " It was deleted there since the last publish." if state.deleted else ""
        self.where.setText(state.describe() + link + deleted)
        self.hint.setVisible(state.status == "publish")
        self._show_found(state)
        self._fill_actions()
        grow_to_fit(self)

    def _inspect_failed(self, error: PostwrightError) -> None:
        self.state = None
        self.where.setText(f"Could not ask the site: {error}")
        grow_to_fit(self)
        self.action.clear()
        self.action.addItem(UNKNOWN.label, UNKNOWN)
        self.publish_button.setEnabled(True)
        self._action_chosen()

    def _show_found(self, state: RemoteState | None) -> None:
        marked = state is not None and state.found == "marked"
        unproven = state is not None and state.found == "slug"
        self.found.setVisible(marked or unproven)
        for button in (self.update_found, self.separate):
            button.setVisible(unproven)
        self.relink.setExclusive(False)
        self.update_found.setChecked(False)
        self.separate.setChecked(False)
        self.relink.setExclusive(True)
        if marked and state is not None:
            self.found.setText(f"Found “{state.title}” on the site (post {state.remote_id}), published from this "
                               "post before: it will be updated, not published twice.")
        elif unproven and state is not None:
            self.found.setText(f"The site already has a post at this address: “{state.title}” (post "
                               f"{state.remote_id}). Postwright cannot tell whether it is this post. Choose:")
            self.update_found.setText(f"Update “{state.title}” with this post")

    def _fill_actions(self) -> None:
        state = self.state
        if state is None:
            return
        if state.found == "slug" and not (self.update_found.isChecked() or self.separate.isChecked()):
            self.action.clear()
            self.publish_button.setEnabled(False)
            self.publish_button.setText("Publish")
            return
        shown = RemoteState() if state.found == "slug" and self.separate.isChecked() else state
        current = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        for choice in actions(shown, can_publish=bool(self.caps.get("publish_posts", True))):
            self.action.addItem(choice.label, choice)
        keep = next((i for i in range(self.action.count()) if self.action.itemData(i) == current), 0)
        self.action.setCurrentIndex(keep)
        self.action.blockSignals(False)
        self.publish_button.setEnabled(True)
        self._action_chosen()

    def _action_chosen(self) -> None:
        action = self.action.currentData()
        if isinstance(action, Action):
            self.publish_button.setText(action.label.split(":", 1)[0] + ("…" if action.unpublishes else ""))

    # -- publishing --------------------------------------------------------------
    def chosen(self) -> Action:
        action = self.action.currentData()
        return action if isinstance(action, Action) else UNKNOWN

    def publish(self, resolve: str | None) -> None:
        action, state = self.chosen(), self.state
        if action.unpublishes and resolve is None and not self.confirm_unpublish(action):
            return
        site, post_id, relay = self.site.currentText(), self.post.id or 0, self.relay
        options: dict[str, Any] = {
            "status": action.status, "unpublish": action.unpublishes, "resolve": resolve,
            "featured": self.featured.currentData(),
            "link_to": state.remote_id if state is not None and self.update_found.isChecked() else None,
            "as_new": bool(state is not None and state.found == "slug" and self.separate.isChecked()),
        }
        self.publish_button.setEnabled(False)
        self.progress.show()
        self.gate_view.show_rows([])
        self.message.show_info("Publishing…")
        run_with_library(self.library, lambda lib: publish_post(lib, site, lib.posts.get_by_id(post_id),
                                                                progress=relay.said.emit, **options),
                         self._published, self._failed, owner=self)

    def confirm_unpublish(self, action: Action) -> bool:
        """Taking a post off the site is its own decision: asked again, Cancel the default."""
        title = self.state.title if self.state is not None and self.state.title else self.post.title
        now = "live" if self.state is not None and self.state.status == "publish" else "scheduled to go live"
        box = QMessageBox(QMessageBox.Icon.Warning, "Take the Post off the Site?",
                          f"“{title}” is {now} on {self.site.currentText()}. Unpublishing takes it off the site: "
                          "patients who follow a link to it will find no page until it is published again. "
                          f"{KEPT_AS.get(action.status or '', '')}",
                          QMessageBox.StandardButton.NoButton, self)
        go = box.addButton("Unpublish", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is go

    def _published(self, result: PublishResult) -> None:
        self.result = result
        self.pulled = self.pulled or result.pulled
        self.progress.hide()
        notes = "".join(f"\n{warning}" for warning in result.warnings)
        self.message.show_info(result.summary(self.post.slug) + notes)
        grow_to_fit(self)
        changed = getattr(self.hub, "libraryChanged", None)
        if changed is not None:  # the library browser shows each post's status on the site
            changed.emit()
        self.inspect()

    def _failed(self, error: PostwrightError) -> None:
        self.progress.hide()
        self.publish_button.setEnabled(True)
        if isinstance(error, PublishConflictError):
            choice = self.ask_conflict(error)
            if choice:
                self.publish(choice)
                return
        if isinstance(error, RelinkNeeded | WouldUnpublishError):  # the site changed since it was asked
            self.message.show_error(str(error))
            self.inspect()
            return
        if isinstance(error, PublishBlockedError):
            self.gate_view.show_refusal(error, "Not published")
        else:
            self.message.show_error(str(error))
        grow_to_fit(self)

    def ask_conflict(self, error: PublishConflictError) -> str | None:
        """Which version wins: "theirs", "ours", "new-draft", or None to stop (the side-by-side conflict view)."""
        from editor.gui.dialogs.site_conflict_dialog import SiteConflictDialog

        dialog = SiteConflictDialog(error, self)
        dialog.exec()
        return dialog.choice
