"""F6 / Shift+F6 (and Ctrl+Tab / Ctrl+Shift+Tab): move the keyboard focus from panel to panel.

The order is the window's reading order: library, outline, editor, preview, references,
properties, problems. Hidden panels (a closed dock, a dock tab in the background, the
preview switched off) are skipped; a panel's focus goes to its own main widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from editor.gui.main_window import MainWindow

PANEL_ORDER = ("libraryView", "outlineView", "editor", "preview", "referencesView", "propertiesPanel",
               "problemsView")


def panel_widgets(window: MainWindow) -> list[QWidget]:
    """The panels that can take the focus now, in reading order."""
    found = []
    for name in PANEL_ORDER:
        widget = window.findChild(QWidget, name)
        if widget is not None and widget.isVisible() and widget.isEnabled() and not widget.visibleRegion().isEmpty():
            found.append(widget)
    return found


def focus_next_panel(window: MainWindow, step: int = 1) -> QWidget | None:
    """Give the focus to the next (``step`` = 1) or previous (-1) panel; return it."""
    panels = panel_widgets(window)
    if not panels:
        return None
    focused = QApplication.focusWidget()
    current = next((i for i, panel in enumerate(panels)
                    if focused is not None and (focused is panel or panel.isAncestorOf(focused))), None)
    target = panels[0 if current is None and step > 0 else ((current or 0) + step) % len(panels)]
    widget = first_focusable(target) or target
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    return widget


def first_focusable(panel: QWidget) -> QWidget | None:
    """``panel`` itself if Tab can focus it, else its first such child in the focus chain."""
    if panel.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return panel
    widget = panel.nextInFocusChain()
    while widget is not None and widget is not panel:
        if (panel.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return widget
        next_widget = widget.nextInFocusChain()
        if next_widget is None or next_widget is widget or not panel.window().isAncestorOf(next_widget):
            return None
        widget = next_widget
    return None
