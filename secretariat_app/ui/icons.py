"""Icons: the app's own (shipped in ``resources/icons``, rendered from its SVG master), the status
marks drawn at run time, and the platform's own standard icons for common actions."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from secretariat_app.core.enums import Status
from secretariat_app.core.resources import resources_dir
from secretariat_app.core.status_style import OUTLINE, status_colour

OVERDUE_COLOUR = "#c62828"
OVERDUE_BACKGROUND = "#fdecea"
STALLED_BACKGROUND = "#fff8e1"

_STANDARD = {
    "new": QStyle.StandardPixmap.SP_FileIcon,
    "open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "edit": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "delete": QStyle.StandardPixmap.SP_TrashIcon,
    "refresh": QStyle.StandardPixmap.SP_BrowserReload,
    "find": QStyle.StandardPixmap.SP_FileDialogContentsView,
    "backup": QStyle.StandardPixmap.SP_DriveHDIcon,
    "report": QStyle.StandardPixmap.SP_FileDialogInfoView,
    "help": QStyle.StandardPixmap.SP_DialogHelpButton,
    "dashboard": QStyle.StandardPixmap.SP_ComputerIcon,
    "forums": QStyle.StandardPixmap.SP_DirIcon,
    "decisions": QStyle.StandardPixmap.SP_FileDialogListView,
    "executors": QStyle.StandardPixmap.SP_DirHomeIcon,
    "reports": QStyle.StandardPixmap.SP_FileDialogInfoView,
}


def app_icon() -> QIcon:
    """The window and task-bar icon: the SVG master, with the rendered sizes for small scales."""
    folder = resources_dir() / "icons"
    result = QIcon(str(folder / "secretariat-app.svg"))
    for png in sorted(folder.glob("secretariat-app-*.png")):
        result.addFile(str(png))
    return result


def icon(name: str) -> QIcon:
    app = QApplication.instance()
    pixmap = _STANDARD.get(name)
    if pixmap is None or not isinstance(app, QApplication):
        return QIcon()
    return app.style().standardIcon(pixmap)


@cache
def status_icon(status: Status) -> QIcon:
    """A disc in the status's colour (:mod:`core.status_style`), outlined so the light ones show;
    the status's symbol is written beside it in the text (colour only adds to the symbol)."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(status_colour(status)))
    painter.setPen(QPen(QColor(OUTLINE), 2))
    painter.drawEllipse(QRectF(3, 3, size - 6, size - 6))
    painter.end()
    return QIcon(pixmap)
