"""Questions before something that cannot be undone: the safe answer is the default, so Enter
or a hurried click on the highlighted button never deletes or overwrites."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from secretariat_app.core.i18n import _


def confirm_destructive(parent: QWidget | None, title: str, question: str) -> bool:
    """Yes/No with No as the default button; ``True`` only for an explicit Yes."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_discard_typed(parent: QWidget | None, title: str) -> bool:
    """Closing a form with typed text: discard only on an explicit Yes (default No)."""
    return confirm_destructive(parent, title, _("Discard what you typed?"))


class UnsavedAnswer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    STAY = "stay"


def ask_unsaved_changes(parent: QWidget | None, title: str, question: str | None = None) -> UnsavedAnswer:
    """Closing a form with changes (Esc, Cancel, the close button): Save / Discard / Cancel, with
    Cancel the default so Enter neither discards nor saves by surprise. Every form asks this one way."""
    answer = QMessageBox.question(
        parent,
        title.replace("[*]", ""),
        question or _("There are unsaved changes. Save them?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedAnswer.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedAnswer.DISCARD
    return UnsavedAnswer.STAY
