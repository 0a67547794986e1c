"""The library browser [libraryView]: every post, full-text search, filters, trash.

Searching runs on a short timer after the last keystroke (the FTS query itself is
fast), so typing never waits for it. The panel only talks through the hub: picking a
post asks for it with ``requestOpenPost``; changes to the library are announced with
``libraryChanged``; ``libraryChanged`` and ``postSaved`` refresh the list, keeping the
selected post selected.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.post.model import STATUSES, Post, PostSummary
from editor.core.publish.sites import SiteStore
from editor.gui.hub import SignalHub
from editor.gui.panels.common import confirm, show_error, time_exemplars
from editor.gui.panels.library_model import SLUG_ROLE, PostListModel, remote_text
from editor.gui.panels.rows_model import fit_column, keep_readable, table_view

SEARCH_DELAY_MS = 150
ALL = ""


class LibraryPanel(QWidget):
    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAccessibleName("Library")
        self._library = library
        self._hub = hub
        self._trash = False
        self._selected_slug: str | None = None
        self._restoring = False
        self._restoring_before_reset = False

        self.search_box = QLineEdit(placeholderText="Search posts…", clearButtonEnabled=True)
        self.search_box.setObjectName("librarySearch")
        self.search_box.setAccessibleName("Search posts")
        self.status_filter = QComboBox(objectName="libraryStatusFilter")
        self.status_filter.addItem("Any status", ALL)
        for status in STATUSES:
            self.status_filter.addItem(status.capitalize(), status)
        self.tag_filter = QComboBox(objectName="libraryTagFilter")
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(8)

        self.model = PostListModel(self)
        self.view = table_view(self.model, "libraryList")
        self.view.setAccessibleName("Posts")
        header = self.view.header()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The titles keep room to be read: in a narrow panel "Last edit" gives way (the order and the
        # tooltip still tell it), then the list scrolls sideways.
        self._title_room = keep_readable(self.view, 0, give_way=(2,))
        # Fitted from the texts they can show, not by Qt measuring up to a thousand rows again
        # after every autosave moves a row to the top.
        fit_column(self.view, 1, [status.capitalize() for status in STATUSES])
        self.empty_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.empty_label.setObjectName("libraryEmpty")
        self.empty_label.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        self.new_button = QPushButton("New…", objectName="libraryNew", toolTip="Create a new draft post")
        self.duplicate_button = QPushButton("Duplicate", objectName="libraryDuplicate",
                                            toolTip="Make a draft copy of the selected post")
        self.delete_button = QPushButton("Delete", objectName="libraryDelete",
                                         toolTip="Move the selected post to the trash")
        self.restore_button = QPushButton("Restore", objectName="libraryRestore",
                                          toolTip="Take the selected post out of the trash")
        self.empty_trash_button = QPushButton("Empty Trash…", objectName="libraryEmptyTrash",
                                              toolTip="Delete every post in the trash for good")
        self.trash_button = QPushButton("Trash", objectName="libraryTrashToggle", checkable=True,
                                        toolTip="Show the posts in the trash")
        self.count_label = QLabel(objectName="libraryCount")

        self._build_layout()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS, timeout=self.refresh)
        self._connect()
        self.refresh()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.tag_filter, 1)
        post_buttons = QHBoxLayout()
        for button in (self.new_button, self.duplicate_button, self.delete_button, self.restore_button,
                       self.empty_trash_button):
            post_buttons.addWidget(button)
        post_buttons.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.trash_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(post_buttons)
        layout.addLayout(footer)

    def _connect(self) -> None:
        # A new source, a new order (the header), or more rows read as the view scrolls.
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._fit_time_column)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.refresh)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        self.new_button.clicked.connect(self.new_post)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_trash_button.clicked.connect(self.empty_trash)
        self.trash_button.toggled.connect(self.show_trash)

    # -- listing ---------------------------------------------------------------------
    @property
    def in_trash(self) -> bool:
        return self._trash

    def selected_slug(self) -> str | None:
        return self._selected_slug

    def refresh(self) -> None:
        """Reload the rows for the current search, filters and view, keeping the selection."""
        self._search_timer.stop()
        status = self.status_filter.currentData() or None
        tag = self.tag_filter.currentData() or None
        query = self.search_box.text().strip()
        posts = self._library.posts
        found: list[PostSummary] | None = None
        filters = {"deleted": True} if self._trash else {"status": status, "tag": tag}
        try:
            if query and not self._trash:
                found = [p for p in posts.search(query)
                         if (status is None or p.status == status) and (tag is None or tag in p.tags)]
            else:
                total = posts.count(**filters)
            remote = SiteStore(self._library).statuses()
        except PostwrightError as error:
            self._hub.statusMessage.emit(str(error))
            return
        self._fill_tags()
        self.model.set_remote(remote)
        if found is None:  # the reset re-selects the open post (_after_reset)
            self.model.set_source(functools.partial(self._page, filters), total)
        else:
            self.model.set_posts(found)
        # The "On site" column takes room from the titles: shown only once something was published.
        self._title_room.column_hidden_by_owner(3, not remote)
        one_site = self.model.one_site is not None
        fit_column(self.view, 3, [remote_text(entries, one_site=one_site) for entries in remote.values()])
        self._update_empty_state(query, status, tag)
        self._update_buttons()

    def on_post_saved(self, post: Post) -> None:
        """An autosave: update that one row in place (cheap while typing) when the view allows it."""
        row = self.model.row_of_id(post.id)
        filtered = self._trash or self.search_box.text().strip() or self.status_filter.currentData() \
            or self.tag_filter.currentData()
        old = self.model.post_at(row) if row >= 0 else None
        if filtered or old is None or set(old.tags) != set(post.tags):
            self.refresh()
            return
        self._restoring = True
        try:
            self.model.update_post(row, PostSummary(old.id, post.slug, post.title, post.status,
                                                      post.updated_at or old.updated_at, tuple(post.tags)))
            if old.slug == self._selected_slug:
                self._selected_slug = post.slug
            self._reselect()
        finally:
            self._restoring = False

    def _before_reset(self) -> None:
        self._restoring_before_reset = self._restoring
        self._restoring = True  # the view's selection is cleared by the reset, not by the user

    def _after_reset(self) -> None:
        self._fit_time_column()
        self._reselect()
        self._restoring = self._restoring_before_reset

    def _page(self, filters: dict[str, Any], order: str, descending: bool, offset: int,
              limit: int) -> list[PostSummary]:
        """One page of the list for the model (it asks as the view is scrolled)."""
        try:
            return self._library.posts.list(**filters, order=order, descending=descending, offset=offset,
                                            limit=limit)
        except PostwrightError as error:
            self._hub.statusMessage.emit(str(error))
            return []

    def _fit_time_column(self, *_args: object) -> None:
        fit_column(self.view, 2, time_exemplars([post.deleted_at or post.updated_at or "" for post in
                                                 self.model.posts()]))

    def _fill_tags(self) -> None:
        tags = self._library.posts.tags()
        current = self.tag_filter.currentData() or ALL
        if [self.tag_filter.itemData(i) for i in range(1, self.tag_filter.count())] == tags:
            return
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", ALL)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)

    def _reselect(self) -> None:
        row = self.model.row_of(self._selected_slug, load=True) if self._selected_slug else -1
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.view.scrollTo(index)

    def _update_empty_state(self, query: str, status: str | None, tag: str | None) -> None:
        count = self.model.total
        if count:
            self.stack.setCurrentWidget(self.view)
        else:
            if self._trash:
                text = "The trash is empty."
            elif query:
                text = f"No posts match “{query}”."
            elif status or tag:
                text = "No posts with these filters."
            else:
                text = "No posts yet.\nClick New… to start one."
            self.empty_label.setText(text)
            self.stack.setCurrentWidget(self.empty_label)
        noun = "post" if count == 1 else "posts"
        self.count_label.setText(f"{count} {noun} in the trash" if self._trash else f"{count} {noun}")

    def _update_buttons(self) -> None:
        has_selection = self._selected_slug is not None and self.model.row_of(self._selected_slug) >= 0
        for button in (self.new_button, self.duplicate_button, self.delete_button):
            button.setVisible(not self._trash)
        for button in (self.restore_button, self.empty_trash_button):
            button.setVisible(self._trash)
        self.duplicate_button.setEnabled(has_selection)
        self.delete_button.setEnabled(has_selection)
        self.restore_button.setEnabled(has_selection)
        self.empty_trash_button.setEnabled(self.model.rowCount() > 0)
        for widget in (self.search_box, self.status_filter, self.tag_filter):
            widget.setEnabled(not self._trash)

    def show_trash(self, on: bool) -> None:
        if self.trash_button.isChecked() != on:
            self.trash_button.setChecked(on)  # calls back here through toggled
            return
        self._trash = on
        self._selected_slug = None
        self.refresh()

    # -- selection -------------------------------------------------------------------
    def _slug_at(self, index: QModelIndex) -> str | None:
        return index.data(SLUG_ROLE) if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        self._selected_slug = self._slug_at(current)
        self._update_buttons()
        if self._selected_slug and not self._trash:
            self._hub.requestOpenPost.emit(self._selected_slug)

    def _on_activated(self, index: QModelIndex) -> None:
        slug = self._slug_at(index)
        if slug and not self._trash:
            self._hub.requestOpenPost.emit(slug)

    def on_post_opened(self, post: Post) -> None:
        if self._trash or post.slug == self._selected_slug:
            return
        self._selected_slug = post.slug
        self._restoring = True
        try:
            self._reselect()
        finally:
            self._restoring = False
        self._update_buttons()

    def select_slug(self, slug: str) -> None:
        """Select ``slug`` as if the user had clicked it (opens it)."""
        row = self.model.row_of(slug, load=True)
        if row >= 0:
            index = self.model.index(row, 0)
            flags = QItemSelectionModel.SelectionFlag
            self.view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)

    # -- commands --------------------------------------------------------------------
    def new_post(self) -> None:
        title, ok = QInputDialog.getText(self, "New post", "Title of the new post:")
        if not ok or not title.strip():
            return
        try:
            post = self._library.posts.create(Post(title=title.strip()))
        except PostwrightError as error:
            show_error(self, "New post", error)
            return
        self._after_change(post.slug, f"Created “{post.title}”.")
        self._hub.requestOpenPost.emit(post.slug)

    def duplicate_selected(self) -> None:
        if not self._selected_slug:
            return
        try:
            original = self._library.posts.get(self._selected_slug)
            copy = self._library.posts.create(
                original.replace(slug="", title=f"{original.title} (copy)", status="draft", published_at=None,
                                 created_at=None),
                reason="duplicate",
            )
        except PostwrightError as error:
            show_error(self, "Duplicate post", error)
            return
        self._after_change(copy.slug, f"Duplicated as “{copy.title}”.")
        self._hub.requestOpenPost.emit(copy.slug)

    def delete_selected(self) -> None:
        if not self._selected_slug:
            return
        try:
            post = self._library.posts.delete(self._selected_slug)
        except PostwrightError as error:
            show_error(self, "Delete post", error)
            return
        self._after_change(None, f"Moved “{post.title}” to the trash.")

    def restore_selected(self) -> None:
        if not self._selected_slug:
            return
        try:
            post = self._library.posts.undelete(self._selected_slug)
        except PostwrightError as error:
            show_error(self, "Restore post", error)
            return
        self._after_change(None, f"Restored “{post.title}” from the trash.")

    def empty_trash(self) -> None:
        count = self.model.total if self._trash else self._library.posts.count(deleted=True)
        if not count or not confirm(
            self, "Empty trash",
            f"Delete the {count} post{'s' if count != 1 else ''} in the trash for good, with their history?\n"
            "This cannot be undone.",
        ):
            return
        try:
            removed = self._library.posts.empty_trash()
        except PostwrightError as error:
            show_error(self, "Empty trash", error)
            return
        self._after_change(None, f"Deleted {removed} post{'s' if removed != 1 else ''} for good.")

    def _after_change(self, select: str | None, message: str) -> None:
        self._selected_slug = select
        self._hub.libraryChanged.emit()  # refreshes this panel too
        self._hub.statusMessage.emit(message)

    def visible_posts(self) -> list[PostSummary]:
        """The rows loaded so far, as shown (after sorting), top to bottom."""
        return self.model.posts()
