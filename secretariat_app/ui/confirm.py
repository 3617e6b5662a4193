"""Questions before something that cannot be undone: the safe answer is the default, so Enter
or a hurried click on the highlighted button never deletes or overwrites."""

from __future__ import annotations

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
