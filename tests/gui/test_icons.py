"""Toolbar icons come from the SVG files we ship, in the palette's colours."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage

from editor.core.foundation.paths import resource
from editor.gui.icons import tinted_icon
from editor.gui.toolbar import ICONS

RED, GREY = QColor("#d01010"), QColor("#808080")


def colours(icon: QIcon, size: int, mode: QIcon.Mode, *, opaque: int = 255) -> set[str]:
    """The colours of the icon's pixels at least ``opaque`` opaque (anti-aliased edges are lighter)."""
    image = icon.pixmap(QSize(size, size), mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    assert image.width() == size
    pixels = (image.pixelColor(x, y) for x in range(size) for y in range(size))
    return {pixel.name() for pixel in pixels if pixel.alpha() >= opaque}


def test_every_toolbar_icon_is_a_shipped_file(qapp) -> None:
    for name in ICONS.values():
        assert resource("icons", f"{name}.svg").is_file(), name
    assert resource("icons", "LICENSE").is_file()


def test_icons_are_drawn_in_the_colour_given_for_each_mode_and_size(qapp) -> None:
    for name in ICONS.values():
        icon = tinted_icon(name, RED, GREY)
        for size in (24, 48):
            assert colours(icon, size, QIcon.Mode.Normal) == {RED.name()}, (name, size)
        assert colours(icon, 16, QIcon.Mode.Normal, opaque=1), name  # small, but drawn
        assert colours(icon, 24, QIcon.Mode.Disabled) == {GREY.name()}, name


def test_toolbar_icons_follow_the_palette(qtbot, window) -> None:
    from PySide6.QtGui import QPalette

    bold = window.findChild(type(window.actions_by_name["actionSave"]), "actionBold")
    palette = window.palette()
    palette.setColor(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText, RED)
    window.setPalette(palette)
    qtbot.waitUntil(lambda: colours(bold.icon(), 24, QIcon.Mode.Normal) == {RED.name()}, timeout=5000)


def test_icons_are_drawn_for_the_screen_scale_not_enlarged(qapp) -> None:
    icon = tinted_icon("magnify", RED, GREY)
    hidpi = icon.pixmap(QSize(24, 24), 2.0)
    assert hidpi.devicePixelRatio() == 2.0 and hidpi.size() == QSize(48, 48)
    assert hidpi.toImage() == icon.pixmap(QSize(48, 48), 1.0).toImage()  # drawn at 48 device pixels
