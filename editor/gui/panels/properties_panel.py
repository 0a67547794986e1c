"""The properties panel [propertiesPanel]: the open post's metadata as a form.

``set_post`` fills the form without emitting anything. Each edit by the user emits
``hub.postEdited`` with the updated post (text fields after a short pause or when
they lose focus; choices at once); the session stores it with the next autosave.
A slug that is not valid, or taken, is reported inline and not passed on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.library.posts import validate
from editor.core.post.model import STATUSES, Post
from editor.core.post.slugs import slugify
from editor.gui.hub import SignalHub
from editor.gui.panels.common import MessageLabel
from editor.gui.panels.property_widgets import (
    SUMMARY_GOOD,
    AuthorCombo,
    OptionalDateEdit,
    RelatedPostsEditor,
    summary_color,
)

EDIT_DELAY_MS = 300


class PropertiesPanel(QWidget):
    def __init__(self, library: Library, hub: SignalHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesPanel")
        self.setAccessibleName("Post properties")
        self._library = library
        self._hub = hub
        self._post: Post | None = None
        self._filling = False

        self.title_edit = QLineEdit(objectName="propertyTitle")
        self.slug_edit = QLineEdit(objectName="propertySlug", toolTip="The post's address on the website")
        self.slug_message = MessageLabel(self)
        self.summary_edit = QPlainTextEdit(objectName="propertySummary")
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setPlaceholderText("One or two sentences: shown by search engines (meta description).")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.summary_counter = QLabel(objectName="summaryCounter")
        self.author_combo = AuthorCombo(library)
        self.author_combo.setObjectName("propertyAuthor")
        self.reviewer_combo = AuthorCombo(library)
        self.reviewer_combo.setObjectName("propertyReviewer")
        self.reviewed_edit = OptionalDateEdit()
        self.reviewed_edit.setObjectName("propertyLastReviewed")
        self.status_combo = QComboBox(objectName="propertyStatus")
        for status in STATUSES:
            self.status_combo.addItem(status.capitalize(), status)
        self.tags_edit = QLineEdit(objectName="propertyTags", placeholderText="sleep, weight loss")
        self.series_edit = QLineEdit(objectName="propertySeries", placeholderText="Not in a series")
        self.series_edit.setAccessibleName("Series")
        self.chapter_spin = QSpinBox(objectName="propertyChapter", minimum=0, maximum=999)
        self.chapter_spin.setAccessibleName("Part number in the series")
        self.chapter_spin.setSpecialValueText("—")
        self.chapter_spin.setToolTip("Chapter number within the series")
        self.banner_edit = QLineEdit(objectName="propertyBanner", placeholderText="Optional line above the title")
        self.banner_edit.setAccessibleName("Banner")
        self.banner_check = QCheckBox("Show", objectName="propertyShowBanner")
        self.banner_check.setAccessibleName("Show the banner on the page")
        self.banner_check.setToolTip("Show the banner on the page. An imported banner is kept but not shown "
                                     "until you choose to; the checks read it either way.")
        self.related_editor = RelatedPostsEditor()
        self.placeholder = QLabel("Open a post to see its properties.", alignment=Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self._build_layout()
        self._edit_timer = QTimer(self, singleShot=True, interval=EDIT_DELAY_MS, timeout=self.commit)
        self._connect()
        self._set_enabled(False)

    def _build_layout(self) -> None:
        self.form_widget = QWidget()
        outer = QVBoxLayout(self.form_widget)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Title:", self.title_edit)
        form.addRow("Slug:", self.slug_edit)
        form.addRow("", self.slug_message)
        summary = QVBoxLayout()
        summary.setSpacing(2)
        summary.addWidget(self.summary_edit)
        summary.addWidget(self.summary_counter, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow("Summary:", summary)
        form.addRow("Status:", self.status_combo)
        form.addRow("Author:", self.author_combo)
        form.addRow("Medical reviewer:", self.reviewer_combo)
        form.addRow("Last reviewed:", self.reviewed_edit)
        form.addRow("Tags:", self.tags_edit)
        series = QHBoxLayout()
        series.addWidget(self.series_edit, 1)
        series.addWidget(QLabel("Chapter"))
        series.addWidget(self.chapter_spin)
        form.addRow("Series:", series)
        banner = QHBoxLayout()
        banner.addWidget(self.banner_edit, 1)
        banner.addWidget(self.banner_check)
        form.addRow("Banner:", banner)
        form.addRow("Related posts:", self.related_editor)
        scroll = QScrollArea()
        scroll.setAccessibleName("Post properties")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form_widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)
        self._scroll = scroll

    def _connect(self) -> None:
        for edit in (self.title_edit, self.slug_edit, self.tags_edit, self.series_edit, self.banner_edit):
            edit.textEdited.connect(self._text_edited)
            edit.editingFinished.connect(self._flush)
        self.summary_edit.textChanged.connect(self._summary_changed)
        self.summary_edit.installEventFilter(self)
        self.slug_edit.textEdited.connect(lambda _text: self._check_slug())
        self.status_combo.activated.connect(lambda _i: self.commit())
        self.author_combo.authorChosen.connect(self.commit)
        self.reviewer_combo.authorChosen.connect(self.commit)
        self.author_combo.newAuthorRequested.connect(lambda: self._new_author(self.author_combo))
        self.reviewer_combo.newAuthorRequested.connect(lambda: self._new_author(self.reviewer_combo))
        self.reviewed_edit.dateChanged.connect(self.commit)
        self.chapter_spin.valueChanged.connect(lambda _v: None if self._filling else self.commit())
        self.banner_check.toggled.connect(lambda _on: None if self._filling else self.commit())
        self.related_editor.changed.connect(self.commit)
        self.related_editor.addRequested.connect(self._pick_related)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.summary_edit and event.type() == QEvent.Type.FocusOut:
            self._flush()
        return super().eventFilter(watched, event)

    # -- filling ---------------------------------------------------------------------
    @property
    def post(self) -> Post | None:
        return self._post

    def set_post(self, post: Post | None) -> None:
        """Show ``post`` (None: no post open) without emitting any edit."""
        self._edit_timer.stop()
        self._post = post
        self._set_enabled(post is not None)
        if post is None:
            return
        self._filling = True
        try:
            self.title_edit.setText(post.title)
            self.title_edit.setCursorPosition(0)
            self.slug_edit.setText(post.slug)
            self.summary_edit.setPlainText(post.summary)
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(post.status)))
            for combo, author_id in ((self.author_combo, post.author_id), (self.reviewer_combo, post.reviewer_id)):
                combo.set_author_id(author_id)
                combo.reload()
            self.reviewed_edit.set_iso_date(post.last_reviewed)
            self.tags_edit.setText(", ".join(post.tags))
            self.series_edit.setText(post.series or "")
            self.chapter_spin.setValue(post.series_number or 0)
            self.banner_edit.setText(post.banner or "")
            self.banner_check.setChecked(post.show_banner)
            self.series_edit.setCursorPosition(0)
            self.related_editor.set_related(post.related, self._library.posts.titles(post.related))
        finally:
            self._filling = False
        self.slug_message.clear_message()
        self._update_counter()

    def _set_enabled(self, enabled: bool) -> None:
        self._scroll.setVisible(enabled)
        self.placeholder.setVisible(not enabled)

    def on_post_saved(self, saved: Post) -> None:
        if self._post is not None and saved.id == self._post.id and not self._edit_timer.isActive():
            self._post = saved

    # -- editing ---------------------------------------------------------------------
    def _text_edited(self, _text: str = "") -> None:
        if not self._filling and self._post is not None:
            self._edit_timer.start()

    def _summary_changed(self) -> None:
        self._update_counter()
        self._text_edited()

    def _flush(self) -> None:
        if self._edit_timer.isActive():
            self.commit()

    def _update_counter(self) -> None:
        length = len(self.summary_edit.toPlainText().strip())
        low, high = SUMMARY_GOOD
        self.summary_counter.setText(f"{length} characters (aim for {low}–{high})")
        palette = self.summary_counter.palette()
        palette.setColor(QPalette.ColorRole.WindowText, summary_color(length))
        self.summary_counter.setPalette(palette)

    def _check_slug(self) -> str | None:
        """The slug typed if it can be used, else None (with the reason shown inline)."""
        assert self._post is not None
        slug = self.slug_edit.text().strip()
        if not slug:
            self.slug_message.show_error(f"A post needs a slug; for this title: {slugify(self.title_edit.text())}")
            return None
        try:
            validate(self._post.replace(slug=slug))
        except PostwrightError as error:
            self.slug_message.show_error(str(error))
            return None
        if slug != self._post.slug and self._library.posts.free_slug(slug) != slug:  # one index lookup
            self.slug_message.show_error(f"Another post already has the slug {slug!r}.")
            return None
        self.slug_message.clear_message()
        return slug

    def edited_post(self) -> Post:
        """The open post with the form's values (an unusable slug or empty title kept as before)."""
        assert self._post is not None
        post = self._post
        slug = self._check_slug() or post.slug
        tags = [tag.strip() for tag in self.tags_edit.text().split(",") if tag.strip()]
        return post.replace(
            title=self.title_edit.text().strip() or post.title,
            slug=slug,
            summary=self.summary_edit.toPlainText().strip(),
            status=self.status_combo.currentData(),
            author_id=self.author_combo.author_id(),
            reviewer_id=self.reviewer_combo.author_id(),
            last_reviewed=self.reviewed_edit.iso_date(),
            tags=list(dict.fromkeys(tags)),
            series=self.series_edit.text().strip() or None,
            series_number=self.chapter_spin.value() or None,
            banner=self.banner_edit.text().strip() or None,
            show_banner=self.banner_check.isChecked(),
            related=self.related_editor.slugs(),
        )

    def commit(self) -> None:
        """Emit ``postEdited`` if the form differs from the post."""
        self._edit_timer.stop()
        if self._filling or self._post is None:
            return
        updated = self.edited_post()
        if updated != self._post:
            self._post = updated
            self._hub.postEdited.emit(updated)

    # -- dialogs ---------------------------------------------------------------------
    def _new_author(self, combo: AuthorCombo) -> None:
        from editor.gui.dialogs.author_dialog import NewAuthorDialog

        dialog = NewAuthorDialog(self._library, self,
                                 title="New medical reviewer" if combo is self.reviewer_combo else "New author")
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.author is None:
            return
        for other in (self.author_combo, self.reviewer_combo):
            other.reload()
        combo.set_author_id(dialog.author.id)
        self.commit()

    def _pick_related(self) -> None:
        from editor.gui.dialogs.post_picker import PostPickerDialog

        if self._post is None:
            return
        exclude = {self._post.slug, *self.related_editor.slugs()}
        dialog = PostPickerDialog(self._library.posts.list(), exclude, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.related_editor.add(dialog.chosen, self._library.posts.titles(dialog.chosen))
