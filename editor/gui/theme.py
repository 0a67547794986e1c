"""Light and dark palettes: the system's colour scheme by default, or the one chosen in
View → Appearance (kept in the app's settings).

Widgets that draw with their own colours (the Markdown highlighter, the diff view, the
toolbar icons) rebuild them on ``PaletteChange``, so switching takes effect at once.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCE_SETTING = "appearance"
APPEARANCES = ("system", "light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#232629", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1b1e20", QPalette.ColorRole.AlternateBase: "#2a2e32",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2f3336",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7fc1",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2f3336",
    QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Link: "#6cb2ff", QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.BrightText: "#ffffff",
}
_DARK_DISABLED = "#6d7175"


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(app: QApplication, dark: bool) -> QPalette:
    """Fusion's standard (light) palette, or our dark one."""
    palette = app.style().standardPalette()
    if dark:
        for role, color in _DARK.items():
            palette.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DARK_DISABLED))
    return palette


def saved_appearance(settings: QSettings | None = None) -> str:
    value = str((settings or QSettings()).value(APPEARANCE_SETTING, "system") or "system")
    return value if value in APPEARANCES else "system"


def apply_theme(app: QApplication, appearance: str | None = None) -> None:
    """Fusion with the palette for ``appearance`` ("system", "light", "dark"; default: the saved one)."""
    choice = appearance if appearance in APPEARANCES else saved_appearance()
    app.setStyle("Fusion")
    dark = system_is_dark() if choice == "system" else choice == "dark"
    app.setPalette(palette_for(app, dark))


def set_appearance(app: QApplication, appearance: str, settings: QSettings | None = None) -> None:
    """Switch to ``appearance`` now and remember it."""
    (settings or QSettings()).setValue(APPEARANCE_SETTING, appearance)
    apply_theme(app, appearance)


def follow_system_theme(app: QApplication) -> None:
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
