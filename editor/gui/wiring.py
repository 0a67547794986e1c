"""Every signal connection between the window's parts, in one place, read top to bottom.

Parts never connect themselves to the hub: they emit on it and offer slots, and this
function decides who hears what. Where one handler needs another's result first, that
result is its own signal (``PostSession.metadataApplied``) instead of an order of
connections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from editor.gui import section_commands

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

STATUS_MS = 8000


def connect_hub(window: MainWindow) -> None:
    hub, editor, session, status = window.hub, window.editor, window.session, window.status
    renderer, checker, outline = window.render_pipeline, window.check_pipeline, window.outline
    library_panel, properties_panel = window.library_panel, window.properties_panel
    references_panel, problems_panel = window.references_panel, window.problems_panel

    # Typing: autosave timers, then the preview and the checks.
    editor.textChanged.connect(window.on_text_changed)
    editor.statusMessage.connect(status.showMessage)

    # Opening a post (asked for by the library panel, a dialog or the window itself).
    hub.requestOpenPost.connect(window.open_post)
    hub.postOpened.connect(library_panel.on_post_opened)
    hub.postOpened.connect(properties_panel.set_post)
    hub.postOpened.connect(problems_panel.on_post_changed)

    # Editing the post's properties: the session takes the edit first, then the window
    # re-renders and re-checks the post the session now holds.
    hub.postEdited.connect(session.apply_metadata)
    session.metadataApplied.connect(window.on_metadata_applied)

    # Saving.
    hub.saveStateChanged.connect(status.set_save_state)
    hub.postSaved.connect(window.on_post_saved)
    hub.postSaved.connect(library_panel.on_post_saved)
    hub.postSaved.connect(properties_panel.on_post_saved)
    hub.postSaved.connect(problems_panel.on_post_changed)
    session.conflict.connect(window.on_conflict)
    session.trashed.connect(window.on_trashed)  # moved to the trash elsewhere: offered as a new post
    session.reloaded.connect(window.on_reloaded)  # changed elsewhere while unedited here
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        app.applicationStateChanged.connect(window.on_application_state)

    # The library and the reference library changed behind the open post.
    hub.libraryChanged.connect(library_panel.refresh)
    hub.referencesChanged.connect(references_panel.refresh)
    hub.referencesChanged.connect(renderer.references_changed)
    hub.referencesChanged.connect(checker.schedule)

    # Rendering: preview, outline and the cited references.
    renderer.finished.connect(window.on_rendered)
    renderer.failed.connect(lambda error: status.showMessage(f"Preview: {error}", STATUS_MS))
    renderer.failed.connect(window.start_held_work)
    window.preview_fill.complete.connect(window.start_held_work)
    window.preview.resyncNeeded.connect(window.reload_preview)
    hub.rendered.connect(references_panel.show_rendered)

    # Checks: the problems list and the outline's markers.
    checker.finished.connect(window.on_findings)
    checker.failed.connect(lambda error: status.showMessage(f"Checks: {error}", STATUS_MS))
    hub.findingsChanged.connect(problems_panel.set_findings)
    hub.recheckRequested.connect(window.check_now)

    # Navigation and requests from the panels.
    hub.jumpToPosition.connect(window.navigator.go_to_line)
    hub.jumpToSection.connect(window.navigator.go_to_anchor)
    hub.insertCitation.connect(window.insert_citation)
    hub.statusMessage.connect(lambda text: status.showMessage(text, STATUS_MS))

    # Outline edits, each one undo step in the editor.
    outline.moveRequested.connect(lambda i, before: section_commands.move_section_by_index(editor, i, before))
    outline.moveStepRequested.connect(lambda i, step: section_commands.move_section_step(editor, i, step))
    outline.renameRequested.connect(lambda i, title: section_commands.rename_section(editor, i, title))
    outline.addRequested.connect(lambda i: section_commands.add_section_after(editor, i))
    outline.deleteRequested.connect(window.confirm_delete_section)
