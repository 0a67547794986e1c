"""The export dialog: one post as a page, an HTML fragment or Markdown; "Copy HTML" (the
article's source, images inside, the same gated copy as Edit → Copy for website);
and every published post as a small site, with a progress bar.

All the work is ``editor.core.export`` (``export_post``, ``export_all``) run in a
worker; the dialog collects the options and shows the outcome or the error. Exports
go through the publish gate: when it refuses, the dialog lists the errors
[exportFindings], asks the editor to show the first (``findingRequested``), and a
selected error can be dismissed with a reason there and then; warnings are listed
after a successful export. "Export All" lists, per post, why it was left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks import Finding
from editor.core.checks.gate import PublishBlockedError, describe_finding
from editor.core.export import ExportResult, ExportSettings, SiteResult, export_all, export_post
from editor.core.foundation.errors import PostwrightError
from editor.core.foundation.output_paths import OverwriteNotConfirmed, overwriting
from editor.core.library import Library
from editor.core.post.model import Post
from editor.core.publish.clipboard import WebsiteCopy
from editor.core.render.csl import available_styles
from editor.gui import file_dialogs
from editor.gui.dialogs.gate_findings import GateFindingsView
from editor.gui.panels.common import MessageLabel, run_with_library

FORMATS = (
    ("page", "Web page (.html with an assets folder)", ".html"),
    ("fragment", "HTML fragment to paste into a website editor", ".html"),
    ("markdown", "Markdown with front matter (Hugo, Jekyll)", ".md"),
)
FOLDER_SETTING = "last_export_folder"


def last_export_folder(library: Library) -> Path:
    """Where the last export went (the export and handout dialogs start there), else home."""
    return Path(str(library.settings.get(FOLDER_SETTING, "") or Path.home()))


class _Progress(QObject):
    """Carries ``export_all``'s progress calls from the worker to the GUI thread."""

    step = Signal(int, int, str)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult or SiteResult
    findingRequested = Signal(object)  # Finding: show it in the editor

    def __init__(self, library: Library, post: Post, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export — {post.title}")
        self._library = library
        self._post = post
        self._busy = False
        self._replace_ok: set[str] = set()  # destinations the person agreed to replace
        self._last_action = self.export
        settings = ExportSettings.from_settings(library.settings)
        folder = last_export_folder(library)

        self.format_combo = QComboBox(objectName="exportFormat")
        for name, label, _suffix in FORMATS:
            self.format_combo.addItem(label, name)
        self.citations_combo = QComboBox(objectName="exportCitations")
        self.citations_combo.addItem("As [@key] citations", "keys")
        self.citations_combo.addItem("As numbers with a reference list", "numbers")
        self.style_edit = QLineEdit(settings.csl_style, objectName="exportStyle")
        completer = QCompleter(QStringListModel(list(available_styles()), self), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.style_edit.setCompleter(completer)
        self.style_edit.setToolTip("Any bundled CSL style by name, e.g. american-medical-association or vancouver")
        self.destination_edit = QLineEdit(str(folder / f"{post.slug}.html"), objectName="exportDestination")
        self.destination_edit.setAccessibleName("Save as")
        self.browse_button = QPushButton("Browse…")
        self.message = MessageLabel(self)
        self.message.setObjectName("exportMessage")
        self.gate_view = GateFindingsView(library, post, self.message, "export", self)
        self.gate_view.findingRequested.connect(self.findingRequested)
        self.findings_list = self.gate_view.findings_list
        self.dismiss_button = self.gate_view.dismiss_button

        self.site_folder_edit = QLineEdit(str(folder / "site"), objectName="exportSiteFolder")
        self.site_folder_edit.setAccessibleName("Site folder")
        self.site_browse_button = QPushButton("Browse…")
        self.site_button = QPushButton("Export All Published Posts", objectName="exportAll")
        self.site_warnings_check = QCheckBox("Also posts with warnings", objectName="exportAllowWarnings")
        self.site_dismissed_check = QCheckBox("Also posts whose errors were dismissed with a reason",
                                              objectName="exportAllowDismissed")
        self.site_progress = QProgressBar(objectName="exportAllProgress")
        self.site_progress.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.copy_button = self.buttons.addButton("Copy HTML", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("exportCopyHtml")
        self.copy_button.setToolTip("Copy the article's HTML source to the clipboard, images included, for a "
                                    "website editor's HTML view")
        self._build_layout()
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)
        self._connect()
        self._format_changed()

    def _build_layout(self) -> None:
        destination = QHBoxLayout()
        destination.addWidget(self.destination_edit, 1)
        destination.addWidget(self.browse_button)
        form = QFormLayout()
        self._form = form
        form.addRow("Format:", self.format_combo)
        form.addRow("Citations:", self.citations_combo)
        form.addRow("Reference style:", self.style_edit)
        form.addRow("Save as:", destination)
        site = QGroupBox("Whole library")
        site_folder = QHBoxLayout()
        site_folder.addWidget(self.site_folder_edit, 1)
        site_folder.addWidget(self.site_browse_button)
        site_layout = QFormLayout(site)
        site_layout.addRow(QLabel("Every published post as a page, an index.html listing them, shared assets."))
        site_layout.addRow("Folder:", site_folder)
        site_layout.addRow("", self.site_warnings_check)
        site_layout.addRow("", self.site_dismissed_check)
        site_layout.addRow("", self.site_button)
        site_layout.addRow("", self.site_progress)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(site)
        layout.addWidget(self.message)
        layout.addWidget(self.gate_view, 1)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())

    def _connect(self) -> None:
        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.browse_button.clicked.connect(self._browse_file)
        self.site_browse_button.clicked.connect(self._browse_folder)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy_html)
        self.site_button.clicked.connect(self.export_site)
        self.buttons.rejected.connect(self.reject)

    # -- findings from the publish gate -------------------------------------------------
    def _show_findings(self, rows: Sequence[tuple[str, Finding | None]]) -> None:
        self.gate_view.show_rows(rows)

    def findings(self) -> list[Finding]:
        """The findings listed now (blocking errors, or warnings after an export)."""
        return self.gate_view.findings()

    def dismiss_selected(self) -> None:
        self.gate_view.dismiss_selected()

    # -- options ---------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def format_name(self) -> str:
        return self.format_combo.currentData()

    def _suffix(self) -> str:
        return next(suffix for name, _label, suffix in FORMATS if name == self.format_name())

    def _format_changed(self) -> None:
        # Only Markdown can keep [@key] citations: for HTML the row is hidden, not shown greyed out.
        markdown = self.format_name() == "markdown"
        self.citations_combo.setEnabled(markdown)
        self._form.setRowVisible(self.citations_combo, markdown)
        text = self.destination_edit.text().strip()
        if text:
            self.destination_edit.setText(str(Path(text).with_suffix(self._suffix())))

    def _browse_file(self) -> None:
        suffix = self._suffix()
        kind = "Markdown (*.md)" if suffix == ".md" else "HTML (*.html)"
        path = file_dialogs.save_file_name(self, "Export to", kind, self.destination_edit.text())
        if path:
            self.destination_edit.setText(path if path.endswith(suffix) else path + suffix)
            if path.endswith(suffix):  # the save dialog asked before choosing an existing file
                self._replace_ok.add(path)

    def _browse_folder(self) -> None:
        folder = file_dialogs.existing_directory(self, "Export the site into", self.site_folder_edit.text())
        if folder:
            self.site_folder_edit.setText(folder)

    def _style(self) -> str | None:
        return self.style_edit.text().strip() or None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.export_button, self.copy_button, self.site_button):
            widget.setEnabled(not busy)

    def _remember_folder(self, folder: Path) -> None:
        try:
            self._library.settings.set(FOLDER_SETTING, str(folder))
        except PostwrightError:
            pass  # only a convenience for next time; the export itself succeeded

    # -- one post --------------------------------------------------------------------
    def export(self) -> None:
        target = self.destination_edit.text().strip()
        if not target:
            self.message.show_error("Choose where to save the export.")
            return
        post, fmt, style, citations = self._post, self.format_name(), self._style(), self.citations_combo.currentData()
        consent = target in self._replace_ok
        self._last_action = self.export
        self._set_busy(True)
        self.message.show_info("Exporting…")

        def job(lib: Library) -> ExportResult:
            with overwriting(consent):
                return export_post(lib, post, fmt, Path(target).expanduser(), style=style, citations=citations)

        run_with_library(self._library, job, self._exported, self._failed, owner=self)

    def _exported(self, result: ExportResult) -> None:
        self._set_busy(False)
        notes = []
        if result.assets:
            notes.append(f"{len(result.assets)} file{'s' if len(result.assets) != 1 else ''} in assets/")
        if result.unresolved:
            notes.append("citations without a reference: " + ", ".join(f"[@{k}]" for k in result.unresolved))
        if result.missing_assets:
            notes.append(f"{len(result.missing_assets)} image(s) no longer in the library")
        text = f"Exported to {result.path}" + (f" ({'; '.join(notes)})." if notes else ".")
        warnings = result.gate.warnings if result.gate else ()
        if warnings:
            text += f" {len(warnings)} warning{'s' if len(warnings) != 1 else ''} to consider:"
        if result.gate and result.gate.dismissed:
            text += f" {len(result.gate.dismissed)} error(s) let through by a dismissal."
        self._show_findings([("Warning — " + describe_finding(f), f) for f in warnings])
        (self.message.show_warning if warnings or result.missing_assets else self.message.show_info)(text)
        self._remember_folder(result.path.parent)
        self.exported.emit(result)

    def _failed(self, error: PostwrightError, not_done: str = "Not exported") -> None:
        self._set_busy(False)
        self.site_progress.hide()
        if isinstance(error, PublishBlockedError):
            self.gate_view.show_refusal(error, not_done)
            return
        if isinstance(error, OverwriteNotConfirmed) and file_dialogs.confirm_replace(self, error):
            self._replace_ok.add(self.destination_edit.text().strip() if self._last_action == self.export
                                 else self.site_folder_edit.text().strip())
            self._last_action()
            return
        self._show_findings([])
        self.message.show_error(str(error))

    def copy_html(self) -> None:
        """The article's HTML source on the clipboard: the same gated copy as Edit → Copy for website."""
        from editor.core.publish.clipboard import website_copy

        post_id = self._post.id or 0
        self._set_busy(True)
        run_with_library(self._library, lambda lib: website_copy(lib, lib.posts.get_by_id(post_id)), self._copied,
                         lambda error: self._failed(error, "Not copied"), owner=self)

    def _copied(self, copy: WebsiteCopy) -> None:
        self._set_busy(False)
        self._show_findings([])
        QGuiApplication.clipboard().setText(copy.html)
        self.message.show_info(f"Copied the article HTML ({len(copy.html):,} characters) to the clipboard"
                               + (f", {copy.embedded} image(s) inside it." if copy.embedded else "."))

    # -- the whole library -----------------------------------------------------------
    def export_site(self) -> None:
        folder = self.site_folder_edit.text().strip()
        if not folder:
            self.message.show_error("Choose a folder for the site.")
            return
        style, progress = self._style(), self._progress
        warnings, dismissed = self.site_warnings_check.isChecked(), self.site_dismissed_check.isChecked()
        consent = folder in self._replace_ok
        self._last_action = self.export_site
        self._set_busy(True)
        self.site_progress.setRange(0, 0)
        self.site_progress.show()
        self.message.show_info("Exporting the published posts…")

        def job(lib: Library) -> SiteResult:
            with overwriting(consent):
                return export_all(lib, Path(folder).expanduser(), style=style, progress=progress.step.emit,
                                  allow_warnings=warnings, allow_dismissed=dismissed)

        run_with_library(self._library, job, self._site_exported, self._failed, owner=self)

    def _on_step(self, done: int, total: int, slug: str) -> None:
        self.site_progress.setRange(0, total)
        self.site_progress.setValue(done)
        self.site_progress.setFormat(f"{done} of {total}: {slug}")

    def _site_exported(self, result: SiteResult) -> None:
        self._set_busy(False)
        self.site_progress.hide()
        count = len(result.pages)
        text = (f"Exported {count} of {len(result.gates)} published post{'s' if len(result.gates) != 1 else ''} "
                f"and index.html to {result.folder}.")
        rows: list[tuple[str, Finding | None]] = []
        for slug in result.skipped:
            gate = result.gates.get(slug)
            if gate is None:
                continue
            why = (f"{len(gate.errors)} error(s)" if gate.errors else f"{len(gate.warnings)} warning(s)"
                   if gate.warnings else f"{len(gate.dismissed)} dismissed error(s)")
            rows.append((f"{slug}: not exported — {why}", None))
            rows.extend(("    " + describe_finding(f), None) for f in (*gate.errors, *gate.warnings))
        self._show_findings(rows)
        if result.skipped:
            self.message.show_warning(text + f" {len(result.skipped)} left out: only posts without errors or "
                                             "warnings are exported with the whole library.")
        else:
            self.message.show_info(text)
        self._remember_folder(result.folder.parent)
        self.exported.emit(result)
