"""The main window's toolbar: icons with tooltips that name the shortcut, in groups
(file | format | insert | sections | check), one bar that folds what does not fit into its
overflow menu (») on a narrow window. Text labels are optional (View → Toolbar Labels).

Icons are Material Design Icons shipped as SVG files (``resources/icons/``), so they work on
a bare system, and are recoloured from the palette when the light/dark scheme changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QToolBar

from editor.gui.icons import tinted_icon

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

LABELS_SETTING = "toolbar/labels"

ICONS = {
    "actionNewPost": "file-document-plus-outline",
    "actionSave": "content-save-outline",
    "actionImport": "file-import-outline",
    "actionExport": "export-variant",
    "actionExportHandout": "printer-outline",
    "actionHistory": "history",
    "actionBold": "format-bold",
    "actionItalic": "format-italic",
    "actionHeading2": "format-header-2",
    "actionHeading3": "format-header-3",
    "actionBulletList": "format-list-bulleted",
    "actionNumberedList": "format-list-numbered",
    "actionQuote": "format-quote-open",
    "actionLink": "link-variant",
    "actionInsertCitation": "bookmark-plus-outline",
    "actionImage": "image-plus-outline",
    "actionAddSection": "table-row-plus-after",
    "actionMoveSectionUp": "arrow-up-bold-outline",
    "actionMoveSectionDown": "arrow-down-bold-outline",
    "actionCheck": "clipboard-check-outline",
    "actionTogglePreview": "eye-outline",
    "actionFind": "magnify",
}

GROUPS: tuple[tuple[str, ...], ...] = (
    ("actionNewPost", "actionSave", "actionExport"),
    ("actionBold", "actionItalic", "actionHeading2", "actionHeading3", "actionBulletList", "actionNumberedList",
     "actionQuote"),
    ("actionLink", "actionInsertCitation", "actionImage"),
    ("actionAddSection", "actionMoveSectionUp", "actionMoveSectionDown"),
    ("actionCheck", "actionTogglePreview"),
)


def plain_text(action: QAction) -> str:
    """The action's name without mnemonics or a trailing ellipsis: "&Export…" → "Export"."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".")


def tooltip_for(action: QAction) -> str:
    """"Bold (Ctrl+B)", then the longer description on a second line when there is one."""
    name = action.iconText() if action.iconText() and action.iconText() != action.text() else plain_text(action)
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    first = f"{name} ({shortcut})" if shortcut else name
    description = action.statusTip()
    return f"{first}\n{description}" if description and description != name else first


class _IconPainter(QObject):
    """Draws the icons in the palette's text colour, again whenever the palette changes."""

    def __init__(self, window: MainWindow, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._actions = [action for action in actions if action.objectName() in ICONS]
        self.paint()
        window.installEventFilter(self)

    def paint(self) -> None:
        palette = self._window.palette()
        color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        for action in self._actions:
            action.setIcon(tinted_icon(ICONS[action.objectName()], color, disabled))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.paint()
        return False


def build_toolbar(window: MainWindow, actions: dict[str, QAction]) -> QToolBar:
    everything = {**window.editor.named_actions(), **actions}
    toolbar = QToolBar("Toolbar", window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setAccessibleName("Toolbar")
    toolbar.setMovable(False)
    for number, group in enumerate(GROUPS):
        if number:
            toolbar.addSeparator()
        for name in group:
            if name in everything:
                toolbar.addAction(everything[name])
    for action in everything.values():
        if action.objectName() in ICONS:
            action.setToolTip(tooltip_for(action))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
    _IconPainter(window, everything.values())

    labels = actions["actionToolbarLabels"]
    labels.setChecked(_to_bool(window.settings.value(LABELS_SETTING, False)))

    def show_labels(on: bool) -> None:
        style = Qt.ToolButtonStyle.ToolButtonTextUnderIcon if on else Qt.ToolButtonStyle.ToolButtonIconOnly
        toolbar.setToolButtonStyle(style)
        window.settings.setValue(LABELS_SETTING, on)

    labels.toggled.connect(show_labels)
    show_labels(labels.isChecked())
    return toolbar


def _to_bool(value: object) -> bool:
    return value in (True, "true", "1", 1)
