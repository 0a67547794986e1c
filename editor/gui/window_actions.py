"""The main window's menus and toolbar. Actions keep objectNames so tests and
accessibility tools can find them; the editor's formatting actions are reused as is."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from editor.gui.panel_focus import focus_next_panel
from editor.gui.theme import saved_appearance, set_appearance

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow


def _action(window: MainWindow, name: str, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> dict[str, QAction]:
    w = window
    actions = {
        "actionNewLibrary": _action(w, "actionNewLibrary", "New &Library…", lambda: _library_chooser().new_library(w),
                                    None, "Create a new, empty library file and work in it"),
        "actionOpenLibrary": _action(w, "actionOpenLibrary", "&Open Library…",
                                     lambda: _library_chooser().open_library(w), QKeySequence.StandardKey.Open,
                                     "Open another library file and work in it"),
        "actionNewPost": _action(w, "actionNewPost", "&New Post…", w.new_post, QKeySequence.StandardKey.New,
                                 "Create a new draft post"),
        "actionSave": _action(w, "actionSave", "&Save", w.save_now, QKeySequence.StandardKey.Save,
                              "Save now and keep a revision (Postwright also saves automatically)"),
        "actionImport": _action(w, "actionImport", "&Import Posts…", w.import_posts, "Ctrl+Shift+O",
                                "Import Markdown, text, web pages or Word documents"),
        "actionImportText": _action(w, "actionImportText", "Import from &Text…", w.import_text, None,
                                    "Paste text copied from a web page and import it as a post"),
        "actionExport": _action(w, "actionExport", "&Web Page, Fragment or Markdown…", w.export_post, "Ctrl+E",
                                "Export the post as a web page, an HTML fragment or Markdown"),
        "actionExportHandout": _action(w, "actionExportHandout", "Patient &Handout (PDF)…", w.export_handout,
                                       "Ctrl+Shift+E", "Make a print-ready PDF of the post to hand to patients"),
        "actionPublish": _action(w, "actionPublish", "&Publish…", w.publish_post, "Ctrl+Shift+U",
                                 "Publish the post to a WordPress site, or send it for review"),
        "actionCopyForWebsite": _action(w, "actionCopyForWebsite", "Copy for &Website", w.copy_for_website,
                                        "Ctrl+Alt+C", "Copy the post as HTML and plain text to paste into a "
                                        "site builder's editor"),
        "actionFetchWebImages": _action(w, "actionFetchWebImages", "Fetch Web &Images into Library…",
                                        w.fetch_web_images, None, "Fetch the pictures this post shows from other "
                                        "websites into the library, after you see which sites are asked"),
        "actionImportSite": _action(w, "actionImportSite", "Import from &Site…", w.import_from_site, None,
                                    "Import every post of a saved WordPress site"),
        "actionSiteIdentity": _action(w, "actionSiteIdentity", "Site &Identity…", w.edit_site_identity, None,
                                      "The clinic's name, logo, colour, header and footer around every article"),
        "actionCheckSettings": _action(w, "actionCheckSettings", "&Writing Checks…", w.edit_check_settings, None,
                                       "Which claims block publishing until a medical editor signs them off"),
        "actionSites": _action(w, "actionSites", "&Sites…", w.manage_sites, None,
                               "Add a WordPress site and test its connection"),
        "actionHistory": _action(w, "actionHistory", "Version &History…", w.show_history, "Ctrl+Shift+H",
                                 "See earlier versions of this post and restore one"),
        "actionQuit": _action(w, "actionQuit", "&Quit", w.close, QKeySequence.StandardKey.Quit),
        "actionMoveSectionUp": _action(w, "actionMoveSectionUp", "Move Section &Up", lambda: w.move_section(-1),
                                       "Ctrl+Shift+Up", "Move the section at the cursor above the previous one"),
        "actionMoveSectionDown": _action(w, "actionMoveSectionDown", "Move Section &Down",
                                         lambda: w.move_section(+1), "Ctrl+Shift+Down",
                                         "Move the section at the cursor below the next one"),
        "actionAddSection": _action(w, "actionAddSection", "&Add Section", w.add_section, "Ctrl+Shift+N",
                                    "Add a new ## section after the current one"),
        "actionCheck": _action(w, "actionCheck", "&Check Post", w.check_now, "F7",
                               "Run the writing checks now"),
        "actionTogglePreview": _action(w, "actionTogglePreview", "&Preview", w.toggle_preview, "Ctrl+Shift+P",
                                       "Show or hide the live preview"),
        "actionAbout": _action(w, "actionAbout", "&About Postwright", w.show_about),
    }
    next_panel = _action(w, "actionNextPanel", "&Next Panel", lambda: focus_next_panel(w, +1), "F6",
                         "Move the keyboard focus to the next panel")
    next_panel.setShortcuts([QKeySequence("F6"), QKeySequence("Ctrl+Tab")])
    previous_panel = _action(w, "actionPreviousPanel", "Pre&vious Panel", lambda: focus_next_panel(w, -1),
                             "Shift+F6", "Move the keyboard focus to the previous panel")
    previous_panel.setShortcuts([QKeySequence("Shift+F6"), QKeySequence("Ctrl+Shift+Tab")])
    actions["actionNextPanel"], actions["actionPreviousPanel"] = next_panel, previous_panel
    actions["actionExport"].setIconText("Export")  # the toolbar's short name for it
    labels = QAction("Toolbar &Labels", w)
    labels.setObjectName("actionToolbarLabels")
    labels.setCheckable(True)
    labels.setStatusTip("Show each toolbar button's name under its icon")
    actions["actionToolbarLabels"] = labels
    actions["actionTogglePreview"].setCheckable(True)
    actions["actionTogglePreview"].setChecked(True)
    return actions


def build_menus(window: MainWindow, actions: dict[str, QAction]) -> None:
    editor_actions = window.editor.named_actions()
    bar = window.menuBar()

    file_menu = bar.addMenu("&File")
    for name in ("actionNewPost", "actionSave", None, "actionNewLibrary", "actionOpenLibrary", None,
                 "actionImport", "actionImportText", "actionImportSite",
                 "export", "actionPublish", None, "actionHistory", None, "actionQuit"):
        if name is None:
            file_menu.addSeparator()
        elif name == "export":
            export_menu = file_menu.addMenu("&Export")
            export_menu.setObjectName("menuExport")
            export_menu.addAction(actions["actionExport"])
            export_menu.addAction(actions["actionExportHandout"])
        else:
            file_menu.addAction(actions[name])

    edit_menu = bar.addMenu("&Edit")
    document = window.editor.document()
    undo = QAction("&Undo", window, objectName="actionUndo", shortcut=QKeySequence(QKeySequence.StandardKey.Undo))
    undo.triggered.connect(window.editor.undo)
    redo = QAction("&Redo", window, objectName="actionRedo", shortcut=QKeySequence(QKeySequence.StandardKey.Redo))
    redo.triggered.connect(window.editor.redo)
    edit_menu.addActions([undo, redo])
    undo.setEnabled(False)
    redo.setEnabled(False)
    document.undoAvailable.connect(undo.setEnabled)
    document.redoAvailable.connect(redo.setEnabled)
    edit_menu.addSeparator()
    edit_menu.addAction(actions["actionCopyForWebsite"])
    edit_menu.addAction(actions["actionFetchWebImages"])
    edit_menu.addSeparator()
    for name in ("actionFind", "actionReplace", "actionFindNext", "actionFindPrevious"):
        if name in editor_actions:
            edit_menu.addAction(editor_actions[name])

    insert_menu = bar.addMenu("&Insert")
    for name in ("actionLink", "actionInsertCitation", "actionImage"):
        if name in editor_actions:
            insert_menu.addAction(editor_actions[name])
    insert_menu.addAction(actions["actionAddSection"])

    format_menu = bar.addMenu("F&ormat")
    for name in ("actionBold", "actionItalic", None, "actionHeading2", "actionHeading3", None, "actionBulletList",
                 "actionNumberedList", "actionQuote"):
        if name is None:
            format_menu.addSeparator()
        elif name in editor_actions:
            format_menu.addAction(editor_actions[name])

    view_menu = bar.addMenu("&View")
    view_menu.addAction(actions["actionTogglePreview"])
    view_menu.addAction(actions["actionToolbarLabels"])
    _appearance_menu(window, view_menu.addMenu("&Appearance"))
    view_menu.addSeparator()
    view_menu.addAction(actions["actionNextPanel"])
    view_menu.addAction(actions["actionPreviousPanel"])
    view_menu.addSeparator()
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())

    tools_menu = bar.addMenu("&Tools")
    for name in ("actionCheck", None, "actionMoveSectionUp", "actionMoveSectionDown"):
        tools_menu.addSeparator() if name is None else tools_menu.addAction(actions[name])
    if "actionSpellCheck" in editor_actions:
        tools_menu.addAction(editor_actions["actionSpellCheck"])

    settings_menu = bar.addMenu("&Settings")
    settings_menu.addAction(actions["actionSites"])
    settings_menu.addAction(actions["actionSiteIdentity"])
    settings_menu.addAction(actions["actionCheckSettings"])

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions["actionAbout"])


def _appearance_menu(window: MainWindow, menu: QMenu) -> None:
    """System / Light / Dark, one checked; the choice applies at once and is remembered."""
    menu.setObjectName("menuAppearance")
    group = QActionGroup(menu)
    current = saved_appearance(window.settings)
    for value, label in (("system", "Follow the &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = menu.addAction(label)
        action.setObjectName(f"actionAppearance{value.title()}")
        action.setCheckable(True)
        action.setChecked(value == current)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, v=value: set_appearance(_app(), v, window.settings))


def _library_chooser() -> ModuleType:
    from editor.gui import library_chooser  # its dialogs load when first asked for, not at start

    return library_chooser


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
