"""The one error presenter: domain errors plainly in the user's language, a cancel silently,
anything unexpected logged with its traceback and shown with the log file's location."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from secretariat_app.core.errors import Cancelled, SecretariatError
from secretariat_app.core.i18n import _
from secretariat_app.core.logs import log_dir

log = logging.getLogger(__name__)


def is_cancel(error: BaseException) -> bool:
    """Every cancel (an import's, a report's, a dialog's) derives from the core's one base."""
    return isinstance(error, Cancelled)


def present_error(parent: QWidget | None, error: BaseException) -> None:
    if is_cancel(error):
        return
    if isinstance(error, SecretariatError):
        QMessageBox.warning(parent, _("Forum Secretariat"), str(error))
        return
    log.error("unexpected error", exc_info=error)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Forum Secretariat"))
    box.setText(_("Something went wrong. Your data is safe; the last action was not completed."))
    box.setInformativeText(
        _("Details were written to the log file in {folder}").format(folder=log_dir() / "secretariat.log")
    )
    box.setDetailedText(f"{type(error).__name__}: {error}")
    box.exec()
