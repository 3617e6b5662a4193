"""Shared by the GUI page tests: a context on a real database, and typing as a clerk types."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from secretariat_app.core.db import Database
from secretariat_app.ui.context import AppContext, ChangeBus
from secretariat_app.ui.tasks import TaskRunner


def make_context(database: Database) -> AppContext:
    runner = TaskRunner()
    runner.synchronous = True
    return AppContext(database, runner, ChangeBus())


def type_text(widget: QWidget, text: str) -> None:
    """Send each character as a key press with text (``qtbot.keyClicks`` aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def clear_and_type(widget: QWidget, text: str) -> None:
    widget.selectAll()  # type: ignore[attr-defined]
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    )
    type_text(widget, text)
