"""Icons drawn from the SVG files in ``resources/icons/``, in a colour taken from the palette.

Each icon is drawn when Qt first asks for it at a size (and again only for a new size or
colour), so it stays sharp at any size and screen scale. Building them costs nothing at
startup; the icon-font library used before took about 0.14 s to import and load its fonts.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from editor.core.foundation.paths import resource


@cache
def _svg(name: str) -> bytes:
    return resource("icons", f"{name}.svg").read_bytes()


class TintedSvgIconEngine(QIconEngine):
    """One single-path SVG filled with ``color``, or ``disabled`` in QIcon's Disabled mode."""

    def __init__(self, name: str, color: QColor, disabled: QColor) -> None:
        super().__init__()
        self._name = name
        self._colors = (QColor(color), QColor(disabled))
        self._renderers: dict[bool, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, bool], QPixmap] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        disabled = mode == QIcon.Mode.Disabled
        renderer = self._renderers.get(disabled)
        if renderer is None:
            color = self._colors[disabled]
            # MDI files hold one uncoloured <path>: colouring it is filling it (SVG Tiny: no #AARRGGBB).
            fill = f'fill="{color.name()}" fill-opacity="{color.alphaF():.3f}"'
            data = _svg(self._name).replace(b"<path ", f"<path {fill} ".encode("ascii"), 1)
            renderer = self._renderers[disabled] = QSvgRenderer(QByteArray(data))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), mode == QIcon.Mode.Disabled)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        """``size`` in device-independent pixels, drawn with ``scale`` device pixels to each (HiDPI)."""
        pixmap = QPixmap(self.pixmap(size * scale, mode, state))  # a copy: the cached one keeps its ratio
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        return TintedSvgIconEngine(self._name, *self._colors)


def tinted_icon(name: str, color: QColor, disabled: QColor) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` in ``color`` (``disabled`` when disabled)."""
    return QIcon(TintedSvgIconEngine(name, color, disabled))
