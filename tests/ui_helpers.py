"""Helpers the GUI tests share: an application context over a real database, and typing any
text (Kazakh included) as key events, since ``qtbot.keyClicks`` aborts on non-ASCII text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from secretariat_app.core.db import Database
from secretariat_app.ui.context import AppContext, ChangeBus
from secretariat_app.ui.tasks import TaskRunner


def make_context(database: Database) -> AppContext:
    runner = TaskRunner()
    runner.synchronous = True
    return AppContext(database, runner, ChangeBus())


def type_text(widget: QWidget, text: str) -> None:
    """Send one key press and release per character, carrying the character as the event's text."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def clear_and_type(widget: QWidget, text: str) -> None:
    """Select all, press Delete, then type: how a clerk replaces a field's text."""
    widget.selectAll()  # type: ignore[attr-defined]
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    )
    type_text(widget, text)


@pytest.fixture(autouse=True)
def answer_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes would wait for a click forever offscreen: record them and answer.

    Questions are answered *Discard* (or *Yes*); tests that need another answer patch again.
    """
    shown: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        buttons = args[3] if len(args) > 3 else QMessageBox.StandardButton.Yes
        if isinstance(buttons, QMessageBox.StandardButton) and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    def notice(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, notice)
    return shown
