"""The main window's ways out: export, the patient handout and Copy for website.

Each one ends in ``editor.core.export.website`` (the publish gate, then the one producer of
website HTML), run off the GUI thread. A refusal looks the same from every exit: the
gate's errors listed, the first shown in the editor, dismissable with a reason
(``dialogs.gate_findings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from editor.core.foundation.errors import PostwrightError

if TYPE_CHECKING:
    from editor.core.checks import Finding
    from editor.core.publish.clipboard import WebsiteCopy
    from editor.gui.main_window import MainWindow


def export_post(window: MainWindow) -> None:
    from editor.gui.dialogs.export_dialog import ExportDialog

    if window.session.post is None:
        return
    window.session.flush()
    dialog = ExportDialog(window.library, window.session.post, window)
    dialog.findingRequested.connect(lambda finding: show_finding(window, finding))
    dialog.exec()


def export_handout(window: MainWindow) -> None:
    from editor.gui.dialogs.handout_dialog import HandoutDialog

    if window.session.post is None:
        return
    window.session.flush()
    dialog = HandoutDialog(window.library, window.session.post, window)
    dialog.saved.connect(lambda path: window.status.showMessage(f"Patient handout saved to {path}.", 8000))
    dialog.findingRequested.connect(lambda finding: show_finding(window, finding))
    dialog.identityRequested.connect(window.edit_site_identity)
    dialog.exec()


def show_finding(window: MainWindow, finding: Finding) -> None:
    """Put the editor on a finding (the first error that blocked an exit, say)."""
    if finding.line is None:
        window.hub.statusMessage.emit(f"{finding.code}: fix it in the post's properties. {finding.message}")
        return
    window.hub.jumpToPosition.emit(finding.line, finding.column or 1)


def copy_for_website(window: MainWindow) -> None:
    """The post's article on the clipboard as HTML and plain text (made on a worker, after the gate)."""
    from editor.core.publish.clipboard import website_copy
    from editor.gui.panels.common import run_with_library

    if window.session.post is None:
        return
    window.session.flush()
    post_id = window.session.post.id or 0
    run_with_library(window.library, lambda lib: website_copy(lib, lib.posts.get_by_id(post_id)),
                     lambda copy: _copied(window, copy), lambda error: _not_copied(window, error), owner=window)


def _copied(window: MainWindow, copy: WebsiteCopy) -> None:
    data = QMimeData()
    data.setHtml(copy.html)
    data.setText(copy.text)
    QGuiApplication.clipboard().setMimeData(data)
    images = f" {copy.embedded} image(s) travel inside it." if copy.embedded else ""
    window.status.showMessage(f"Copied the post for the website (HTML and plain text).{images}", 5000)


def _not_copied(window: MainWindow, error: PostwrightError) -> None:
    from editor.core.checks.gate import PublishBlockedError
    from editor.gui.dialogs.gate_findings import show_refusal

    post = window.session.post
    if isinstance(error, PublishBlockedError) and post is not None:
        window.status.showMessage("Not copied: the checks found errors.", 8000)
        show_refusal(window, window.library, post, error, "Not copied", retry=lambda: copy_for_website(window),
                     show_finding=lambda finding: show_finding(window, finding))
        return
    window.status.showMessage(f"Not copied: {error}", 8000)
