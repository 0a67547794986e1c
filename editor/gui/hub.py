"""The one object that carries app-wide signals.

Panels never reach into each other: they emit on the hub and listen to it, and the
main window connects everything in one place. Payloads are core objects (Post,
RenderedPost, Finding lists), never widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SignalHub(QObject):
    # The open post
    requestOpenPost = Signal(str)  # slug: a panel asks the main window to open a post
    postOpened = Signal(object)  # Post: the editor now shows this post
    postSaved = Signal(object)  # Post: stored in the library (new version)
    postEdited = Signal(object)  # Post: metadata changed in the properties panel (not yet saved)
    saveStateChanged = Signal(str)  # "saved", "unsaved", "saving", "conflict", "error"
    # The library
    libraryChanged = Signal()  # posts added, deleted, restored or imported
    referencesChanged = Signal()  # references added, edited or imported
    # Rendering and checks of the open post
    rendered = Signal(object)  # RenderedPost after each (incremental) render
    findingsChanged = Signal(object)  # list[Finding] for the open post
    recheckRequested = Signal()  # run the checks of the open post again now (e.g. after a dismissal)
    # Navigation and editing requests
    jumpToPosition = Signal(int, int)  # line, column (1-based, in the body)
    jumpToSection = Signal(str)  # section anchor
    insertCitation = Signal(str)  # citekey to insert at the cursor
    statusMessage = Signal(str)  # a short message for the status bar
