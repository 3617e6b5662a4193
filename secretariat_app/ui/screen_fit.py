"""Windows that fit the screen they open on: laptops at 1366×768 and 1280×720 with a taskbar leave
about 700 pixels of height, less the title bar, and a window taller than that hides its status bar
and its buttons below the screen's edge."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: the size the main window opens at when the screen has room to spare
PREFERRED_MAIN = QSize(1280, 800)
#: room the window manager's frame and title bar take around a window
FRAME = QSize(16, 40)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (or the primary one) that windows may use: no taskbar."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def main_window_geometry(available: QRect, preferred: QSize = PREFERRED_MAIN) -> tuple[QRect, bool]:
    """Where the main window opens on ``available``: centred at ``preferred`` size when that fits
    with its frame, else maximised (the second value), so the status bar is never off-screen."""
    if (
        preferred.width() + FRAME.width() > available.width()
        or preferred.height() + FRAME.height() > available.height()
    ):
        return available, True
    rect = QRect(QPoint(0, 0), preferred)
    rect.moveCenter(available.center())
    return rect, False


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a window's frame lies within the available area (a saved geometry from a larger
    screen may not)."""
    return available.contains(frame)


def bounded(wanted: QSize, available: QRect) -> QSize:
    """``wanted`` shrunk, if need be, so a window with its frame fits ``available``."""
    return QSize(
        min(wanted.width(), available.width() - FRAME.width()),
        min(wanted.height(), available.height() - FRAME.height()),
    )


def resize_to_fit(widget: QWidget, wanted: QSize) -> None:
    """Resize a dialog to ``wanted``, or to what its screen can show of it (it scrolls inside)."""
    widget.resize(bounded(wanted, available_geometry(widget)))
