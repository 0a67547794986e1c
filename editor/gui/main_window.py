"""The main window [MainWindow]: editor and preview in the middle, panels around them.

The window builds its parts; :func:`editor.gui.wiring.connect_hub` connects them in
one place, and the panels and widgets only talk through the signal hub. The path of a keystroke:
editor text → session (autosave timers) → render pipeline (one section re-rendered
in its thread) → preview patch and outline; the check pipeline follows after a pause.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMainWindow, QMessageBox, QSplitter, QWidget

from editor.core.foundation.errors import PostwrightError
from editor.core.library import Library
from editor.core.media.image_refs import PreparedImage
from editor.core.post.citation_syntax import format_cluster
from editor.core.post.model import Post
from editor.gui import section_commands, website_exits
from editor.gui.first_paint import after_next_paint
from editor.gui.hub import SignalHub
from editor.gui.navigation import Navigator
from editor.gui.outline import OutlineView
from editor.gui.pipelines import CheckPipeline, RenderPipeline, RenderResult
from editor.gui.preview import PreviewView
from editor.gui.preview_fill import PreviewFill
from editor.gui.session import PostSession
from editor.gui.status import PostStatusBar
from editor.gui.toolbar import build_toolbar
from editor.gui.window_actions import build_actions, build_menus
from editor.gui.wiring import connect_hub
from editor.gui.writing import MarkdownEditor
from editor.gui.writing.mirror import TextMirror

EDITOR_POINT_SIZE = 11.5
DEFAULT_WINDOW_SIZE = (1440, 900)
DECORATION_ALLOWANCE = QSize(16, 48)  # a window manager's frame and title bar, unknown until shown
PREVIEW_ZOOM = 0.85  # the site's type is sized for a full-width page; the preview pane is narrower


class MainWindow(QMainWindow):
    libraryChosen = Signal(object)  # a Library opened by File → New/Open Library: the app moves to it
    def __init__(self, library: Library, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.library = library
        self.settings = settings
        self.hub = SignalHub(self)

        self.editor = MarkdownEditor(
            citekey_provider=self._citekeys, personal_words=library.dictionary.words,
            add_personal_word=self._add_personal_word, store_prepared=self._store_prepared,
        )
        self._set_up_typography()
        # Chromium starts when the preview is first shown: an empty widget holds its place until then.
        self.preview = PreviewView(asset_loader=self._load_asset, start=False)
        self.preview.setZoomFactor(PREVIEW_ZOOM)
        self.preview_fill = PreviewFill(self.preview, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("editorPreviewSplitter")
        self.splitter.addWidget(self.editor)
        self._preview_place: QWidget | None = QWidget()
        self.splitter.addWidget(self._preview_place)
        self.splitter.setChildrenCollapsible(False)
        after_next_paint(self.editor.viewport(), self._after_first_paint)
        self.setCentralWidget(self.splitter)

        self.mirror = TextMirror(self.editor.document(), self)  # workers get the text without a GUI-thread copy
        # Saves too: toPlainText() copies the whole document (6 ms for a 200k-word post), the mirror joins its lines.
        self.session = PostSession(library, self.hub, self.mirror.text, self)
        self.render_pipeline = RenderPipeline(library, self.mirror.snapshot, self)
        self.check_pipeline = CheckPipeline(library, self.mirror.snapshot, self)
        self.outline = OutlineView()
        self.docks: dict[str, QDockWidget] = {}
        self._build_panels()
        self.status = PostStatusBar(self)
        self.setStatusBar(self.status)
        self.actions_by_name = build_actions(self)
        build_menus(self, self.actions_by_name)
        build_toolbar(self, self.actions_by_name)
        self.navigator = Navigator(self.editor, self.preview, self.outline, self)
        connect_hub(self)
        self._restore_layout()
        self._update_title()

    # -- construction -------------------------------------------------------------------
    def _set_up_typography(self) -> None:
        font = QFont(self.editor.font())
        font.setPointSizeF(EDITOR_POINT_SIZE)
        self.editor.setFont(font)
        self.editor.document().setDocumentMargin(16)
        self.editor.setCursorWidth(2)

    def _build_panels(self) -> None:
        from editor.gui.panels.library_panel import LibraryPanel
        from editor.gui.panels.problems_panel import ProblemsPanel
        from editor.gui.panels.properties_panel import PropertiesPanel
        from editor.gui.panels.references_panel import ReferencesPanel

        self.library_panel = LibraryPanel(self.library, self.hub)
        self.properties_panel = PropertiesPanel(self.library, self.hub)
        self.references_panel = ReferencesPanel(self.library, self.hub, fill=False)
        self.problems_panel = ProblemsPanel(self.library, self.hub)
        area = Qt.DockWidgetArea
        self._add_dock("library", "Library", self.library_panel, area.LeftDockWidgetArea)
        self._add_dock("outline", "Outline", self.outline, area.LeftDockWidgetArea)
        self._add_dock("properties", "Properties", self.properties_panel, area.RightDockWidgetArea)
        self._add_dock("references", "References", self.references_panel, area.RightDockWidgetArea)
        self._add_dock("problems", "Problems", self.problems_panel, area.BottomDockWidgetArea)
        self.tabifyDockWidget(self.docks["properties"], self.docks["references"])
        self.docks["references"].raise_()

    def _after_first_paint(self) -> None:
        # The post's render (held for this paint too) goes to its thread first, then Chromium starts.
        QTimer.singleShot(0, self, self._fill_in)

    def _fill_in(self) -> None:
        if not self.library.closed:  # not a window closed (its library with it) before it ever painted
            self.start_preview()
            self.references_panel.refresh()

    def start_preview(self) -> None:
        """Start the preview (Chromium) in its place beside the editor (a cold start shows the post first)."""
        place, self._preview_place = self._preview_place, None
        if place is None:
            return
        self.preview.start()
        self.splitter.replaceWidget(self.splitter.indexOf(place), self.preview)
        place.deleteLater()

    def _add_dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock

    # -- opening and saving -------------------------------------------------------------
    def open_post(self, slug: str) -> bool:
        if self.session.post is not None and self.session.post.slug == slug:
            return True
        try:
            post = self.session.open(slug)
        except PostwrightError as error:
            self.status.showMessage(str(error), 8000)
            return False
        self._show_post(post)
        self.settings.setValue("lastPost", slug)
        return True

    def _show_post(self, post: Post) -> None:
        # The preview comes first: the checks, spelling and the highlighting of the text below the
        # first screens wait until its page has loaded (start_held_work), as all need the interpreter.
        self.editor.highlighter.hold_sweep(True)
        self.editor.spelling.hold(True)
        self.editor.load_text(post.body)
        self.outline.show_findings([])
        self.editor.spelling.schedule()
        self.check_pipeline.hold(post)
        self.render_pipeline.set_post(post, body=post.body, after=self.editor.viewport())
        self.hub.postOpened.emit(post)
        self._update_title()

    def open_initial_post(self) -> None:
        last = self.settings.value("lastPost", "", str)
        if isinstance(last, str) and last and self.open_post(last):
            return
        newest = self.library.posts.list(limit=1)
        if newest:
            self.open_post(newest[0].slug)

    def save_now(self) -> None:
        self.session.request_save("save")  # the writer thread stores it; the status bar says when

    def on_text_changed(self) -> None:
        self.session.mark_body_changed()
        self.render_pipeline.schedule()
        self.check_pipeline.schedule()

    def on_post_saved(self, post: Post) -> None:
        self._update_title()

    def on_metadata_applied(self, post: Post) -> None:
        self.render_pipeline.update_post(post)
        self.check_pipeline.set_post(post)
        self._update_title()

    def on_conflict(self, mine: Post, stored: Post) -> None:
        from editor.gui.dialogs.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(mine, stored, self)
        dialog.exec()
        choice = dialog.choice or "stored"
        try:
            shown = self.session.resolve_conflict(choice, mine, stored)
        except PostwrightError as error:
            QMessageBox.warning(self, "Postwright", str(error))
            return
        if choice != "mine":
            self._show_post(shown)

    def on_trashed(self, mine: Post) -> None:
        from editor.gui.dialogs import save_dialogs

        if save_dialogs.ask_keep_trashed(self, mine):
            try:
                copy = self.session.keep_as_new_post(mine.replace(body=self.editor.toPlainText()))
            except PostwrightError as error:
                QMessageBox.warning(self, "Postwright", str(error))
                return
            self._show_post(copy)
            self.settings.setValue("lastPost", copy.slug)
            return
        self.session.discard()
        newest = self.library.posts.list(limit=1)
        if newest:
            self.open_post(newest[0].slug)

    def on_reloaded(self, post: Post) -> None:
        """Changed elsewhere while unedited here: show the new text, keeping the reader's place.

        The preview follows the way it follows typing (a patch of the sections that changed, the
        title and byline swapped in place), so it keeps its page and its scroll position.
        """
        position = self.editor.textCursor().position()
        scroll = self.editor.verticalScrollBar().value()
        self.editor.load_text(post.body)
        self.editor.spelling.schedule()
        self.render_pipeline.update_post(post)
        self.check_pipeline.set_post(post)
        self.hub.postOpened.emit(post)
        self._update_title()
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(post.body)))
        self.editor.setTextCursor(cursor)
        self.editor.verticalScrollBar().setValue(scroll)

    def on_application_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.session.request_save()

    # -- rendering, checks, outline -------------------------------------------------------
    def on_rendered(self, result: RenderResult) -> None:
        if self.session.post is None or result.request.post.id != self.session.post.id:
            return
        self.preview_fill.given(result)
        if result.patch is None:
            if result.shell is not None:
                self.preview.load_shell(result.shell)
        elif not result.patch.is_empty:
            self.preview.apply_patch(result.patch)
        if result.draft:
            return
        if result.chrome is not None:
            self.preview.apply_chrome(*result.chrome)
        self.navigator.sections = result.sections
        self.outline.set_sections(result.sections, result.section_words, self.outline.problems, result.outline)
        self.status.set_words(result.words)
        self.hub.rendered.emit(result.rendered)

    def start_held_work(self, *_args: object) -> None:
        """The preview of the open post has loaded (or could not be built): check it, and
        finish highlighting and spell checking it."""
        self.editor.highlighter.hold_sweep(False)
        self.editor.spelling.hold(False)
        if self.session.post is not None and self.check_pipeline.held:
            self.check_pipeline.set_post(self.session.post, now=True)

    def reload_preview(self) -> None:
        if self.session.post is not None:
            self.render_pipeline.set_post(self.session.post)

    def on_findings(self, findings: list) -> None:
        self.hub.findingsChanged.emit(findings)
        self.outline.show_findings(findings)

    def check_now(self) -> None:
        if self.session.post is not None:
            self.check_pipeline.set_post(self.session.post, now=True)

    # -- commands -------------------------------------------------------------------------
    def move_section(self, direction: int) -> None:
        if not section_commands.move_current_section(self.editor, direction):
            self.status.showMessage("No section to swap with in that direction.", 3000)

    def add_section(self) -> None:
        section_commands.add_section_after(self.editor, self.navigator.section_at_cursor())

    def confirm_delete_section(self, index: int) -> None:
        sections = self.navigator.sections
        title = sections[index].title if index < len(sections) else ""
        answer = QMessageBox.question(
            self, "Delete section", f"Delete the section “{title}” and everything under it?\n"
            "You can undo this with Ctrl+Z.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            section_commands.delete_section(self.editor, index)

    def insert_citation(self, key: str) -> None:
        cursor = self.editor.textCursor()
        cursor.insertText(format_cluster([key]))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def new_post(self) -> None:
        title, ok = QInputDialog.getText(self, "New post", "Title of the new post:")
        if not ok or not title.strip():
            return
        try:
            post = self.library.posts.create(Post(title=title.strip()))
        except PostwrightError as error:
            QMessageBox.warning(self, "New post", str(error))
            return
        self.hub.libraryChanged.emit()
        self.open_post(post.slug)

    def import_posts(self) -> None:
        from editor.gui.dialogs.import_dialogs import import_files_interactively

        import_files_interactively(self.library, self.hub, self)

    def import_text(self) -> None:
        from editor.gui.dialogs.import_dialogs import ImportTextDialog

        ImportTextDialog(self.library, self.hub, self).exec()

    def export_handout(self) -> None:
        website_exits.export_handout(self)

    def export_post(self) -> None:
        website_exits.export_post(self)

    def publish_post(self) -> None:
        from editor.gui.dialogs.publish_dialog import PublishDialog

        if self.session.post is None:
            return
        self.session.flush()
        dialog = PublishDialog(self.library, self.session.post, self, hub=self.hub)
        dialog.gate_view.findingRequested.connect(lambda finding: website_exits.show_finding(self, finding))
        dialog.exec()
        if dialog.pulled:  # the site's version is now the library's: show it, never autosave over it
            slug = self.session.post.slug
            self.session.post = None
            self.open_post(slug)

    def copy_for_website(self) -> None:
        website_exits.copy_for_website(self)

    def fetch_web_images(self) -> None:
        from editor.gui.dialogs.fetch_pictures_dialog import fetch_web_images

        fetch_web_images(self)

    def import_from_site(self) -> None:
        from editor.gui.dialogs.import_site_dialog import ImportSiteDialog

        ImportSiteDialog(self.library, self.hub, self).exec()

    def edit_site_identity(self) -> None:
        from PySide6.QtWidgets import QDialog

        from editor.gui.dialogs.identity_dialog import SiteIdentityDialog

        if SiteIdentityDialog(self.library, self).exec() == QDialog.DialogCode.Accepted:
            self.reload_preview()  # the frame (header, footer, colour) is part of the preview shell
            self.check_now()  # the privacy check reads the clinic's public contact

    def edit_check_settings(self) -> None:
        from PySide6.QtWidgets import QDialog

        from editor.gui.dialogs.check_settings_dialog import CheckSettingsDialog

        if CheckSettingsDialog(self.library, self).exec() == QDialog.DialogCode.Accepted:
            self.check_now()  # the severities shown in Problems follow the new choice

    def manage_sites(self) -> None:
        from editor.gui.dialogs.site_dialogs import SitesDialog

        SitesDialog(self.library, self).exec()

    def show_history(self) -> None:
        from editor.gui.dialogs.history_dialog import HistoryDialog

        if self.session.post is None:
            return
        self.session.flush()
        dialog = HistoryDialog(self.library, self.session.post, self)
        restored = dialog.restored if dialog.exec() else None
        if restored is not None:
            self.session.post = None
            self.open_post(restored.slug)

    def toggle_preview(self) -> None:
        self.start_preview()
        self.preview.setVisible(not self.preview.isVisible())
        self.actions_by_name["actionTogglePreview"].setChecked(self.preview.isVisible())

    def show_about(self) -> None:
        from editor.gui.dialogs.about_dialog import AboutDialog

        AboutDialog(self.library.path, self).exec()

    # -- library callbacks for the editor -------------------------------------------------
    def _citekeys(self, prefix: str) -> list[tuple[str, str]]:
        refs = self.library.references.search(prefix) if prefix else self.library.references.list()[:50]
        return [(ref.citekey, str(ref.csl.get("title", ""))) for ref in refs[:50]]

    def _add_personal_word(self, word: str) -> None:
        try:
            self.library.dictionary.add(word)
        except PostwrightError as error:
            self.status.showMessage(str(error), 8000)

    def _store_prepared(self, prepared: PreparedImage) -> int:
        """On a worker: a pasted, dropped or inserted picture into the library, on a connection of its own."""
        from editor.core.media.image_refs import store_prepared
        from editor.gui.panels.common import thread_library

        lib, owned = thread_library(self.library)
        try:
            return store_prepared(lib, prepared)
        finally:
            if owned:
                lib.close()

    def _load_asset(self, asset_id: int) -> tuple[bytes, str] | None:
        try:
            return self.library.assets.get(asset_id)
        except PostwrightError:
            return None

    # -- window state ---------------------------------------------------------------------
    def _update_title(self) -> None:
        post = self.session.post
        self.setWindowTitle(f"{post.title} — Postwright" if post else "Postwright")

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        state = self.settings.value("windowState")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self._fit_first_window()
            self.splitter.setSizes([620, 560])
            self.resizeDocks([self.docks["library"], self.docks["properties"]], [260, 330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["problems"]], [150], Qt.Orientation.Vertical)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def _fit_first_window(self) -> None:
        """1440×900 where the screen has room; on a smaller screen (1366×768 laptops) the whole
        window, title bar included, fits the screen's free area and is placed on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_WINDOW_SIZE)
        width = min(DEFAULT_WINDOW_SIZE[0], available.width() - DECORATION_ALLOWANCE.width())
        height = min(DEFAULT_WINDOW_SIZE[1], available.height() - DECORATION_ALLOWANCE.height())
        self.resize(max(width, self.minimumSizeHint().width()), max(height, self.minimumSizeHint().height()))
        frame = QRect(QPoint(0, 0), self.size() + DECORATION_ALLOWANCE)
        frame.moveCenter(available.center())
        self.move(max(frame.left(), available.left()), max(frame.top(), available.top()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._last_changes_settled():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.settings.sync()
        self.session.close_post()
        self.session.shutdown()
        self.render_pipeline.stop()
        self.check_pipeline.stop()
        self.editor.shutdown()
        super().closeEvent(event)

    def _last_changes_settled(self) -> bool:
        """Wait (with a timeout) for the last save; if it cannot finish, ask what to do."""
        from editor.gui.dialogs import save_dialogs

        while self.session.post is not None and not self.session.flush() and self.session.dirty:
            post = self.session.post
            reason = str(self.session.last_error or "the save did not finish in time (the library is busy).")
            choice = save_dialogs.ask_unsaved_on_close(self, post.title, reason)
            if choice == "cancel":
                return False
            if choice == "discard" or (choice == "file" and save_dialogs.save_text_to_file(
                    self, post.replace(body=self.editor.toPlainText()))):
                self.session.discard()
                return True
        return True
