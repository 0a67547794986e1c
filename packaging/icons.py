"""Render the app icon (resources/app/postwright.svg) for every platform's installer.

    python packaging/icons.py OUT_DIR

writes ``postwright-<N>.png`` for the Linux icon theme sizes and macOS (1024), and
``postwright.ico`` (16–256 px) for Windows. Drawn with Qt's SVG renderer, so it needs only
what the app itself installs (PySide6, Pillow).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "app" / "postwright.svg"
THEME_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MACOS_SIZE = 1024


def render(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read the icon {SOURCE}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for size in (*THEME_SIZES, MACOS_SIZE):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"postwright-{size}.png"
        if not image.save(str(target)):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    ico = out_dir / "postwright.ico"
    with Image.open(out_dir / "postwright-256.png") as largest:
        largest.save(ico, sizes=[(size, size) for size in ICO_SIZES])
    written.append(ico)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in render(Path(sys.argv[1])):
        print(path)
