"""Render the app's icon from its SVG master: the PNG sizes shipped in the package (window icon,
Linux desktop entry) and the Windows ``.ico`` used only by the bundle build.

    .venv/bin/python scripts/make-icons.py

Run it after editing ``secretariat_app/resources/icons/secretariat-app.svg`` and commit the results.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "secretariat_app" / "resources" / "icons"
MASTER = ICONS / "secretariat-app.svg"
WINDOWS_ICON = ROOT / "resources" / "secretariat-app.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"secretariat-app-{size}.png"


def render(size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(MASTER)).render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"make-icons: could not write {target}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    for size in SIZES:
        render(size, png_path(size))
    largest = Image.open(png_path(max(SIZES)))
    largest.save(WINDOWS_ICON, sizes=[(size, size) for size in SIZES])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
