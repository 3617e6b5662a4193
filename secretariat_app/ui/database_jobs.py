"""Opening, backing up and restoring databases off the GUI thread.

Opening a file may back it up and upgrade it, and a restore copies a whole file: both run through
the job runner while a small window says what is happening, so the main window keeps painting.
The open database is only replaced, or closed for a restore, once every running job has finished
or — if it can stop — been cancelled: no job is ever left working on a database that went away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from secretariat_app.core.backup import backup_sqlite, restore_sqlite
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.i18n import N_, _
from secretariat_app.core.setup import seed_directories
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import TaskHandle, TaskRunner

T = TypeVar("T")
#: How long start-up work may take before a note says that something is happening.
NOTE_AFTER_MS = 400


class BusyDialog(QDialog):
    """A modal note with a moving bar while database work runs; it has no Cancel, since
    the work (an upgrade, a restore) is all or nothing and stops by itself."""

    def __init__(self, parent: QWidget | None, title: str, message: str) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(_(title))
        self.label = QLabel(_(message))
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(360)
        self.bar.setAccessibleName(_("Progress of the work"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def say(self, message: str) -> None:
        self.label.setText(_(message))

    def reject(self) -> None:
        """Esc does not hide the note while the work runs."""

    def finish(self) -> None:
        self.done(QDialog.DialogCode.Accepted)


WAITING = N_("Waiting for the work still running to finish…")


def after_running_jobs(context: AppContext, dialog: BusyDialog, then: Callable[[], None]) -> None:
    """Cancel what can stop, let the rest finish, then ``then()`` — without blocking."""
    if context.runner.busy:
        dialog.say(WAITING)
        context.runner.cancel_all()
    context.runner.when_idle(then)


def replace_database(
    context: AppContext,
    parent: QWidget | None,
    target: str,
    create: bool,
    on_replaced: Callable[[Database], None],
) -> BusyDialog:
    """Open ``target`` (create, back up and upgrade as needed) on a worker, then swap it in."""
    dialog = BusyDialog(parent, N_("Open database"), N_("Opening the database…"))

    def work(_handle: TaskHandle) -> Database:
        database = open_database(target, create=create)
        try:
            if create:
                seed_directories(database)
        except BaseException:
            database.dispose()
            raise
        return database

    def opened(database: Database) -> None:
        after_running_jobs(context, dialog, lambda: swap(database))

    def swap(database: Database) -> None:
        old, context.database = context.database, database
        old.dispose()
        dialog.finish()
        on_replaced(database)

    def failed(error: BaseException) -> None:
        dialog.finish()
        present_error(parent, error)

    dialog.open()
    context.runner.run(work, opened, failed, write=True)
    return dialog


def back_up(
    context: AppContext, parent: QWidget | None, on_done: Callable[[Path], None]
) -> BusyDialog | None:
    """Back the open SQLite file up into ``backups/`` beside it (online: others may keep working)."""
    path = context.database.path
    if path is None:
        return None
    dialog = BusyDialog(parent, N_("Back up now"), N_("Backing up the database…"))

    def done(backup: Path) -> None:
        dialog.finish()
        on_done(backup)

    def failed(error: BaseException) -> None:
        dialog.finish()
        present_error(parent, error)

    dialog.open()
    context.runner.run(lambda _h: backup_sqlite(path, reason="manual"), done, failed, write=True)
    return dialog


def restore(
    context: AppContext,
    parent: QWidget | None,
    backup: Path,
    on_restored: Callable[[Database, Path | None], None],
) -> BusyDialog:
    """Put ``backup`` in place of the open SQLite file, once nothing runs on it any more.

    The current state is backed up first (by :func:`restore_sqlite`); if the restore fails, the
    database is opened again as it was."""
    path = context.database.path
    assert path is not None
    dialog = BusyDialog(parent, N_("Restore from backup"), N_("Restoring the backup…"))

    def closed() -> None:
        dialog.say(N_("Restoring the backup…"))
        context.database.dispose()

        def work(_handle: TaskHandle) -> tuple[Database, Path | None]:
            safety = restore_sqlite(backup, path)
            return open_database(path, create=False), safety

        def done(result: tuple[Database, Path | None]) -> None:
            database, safety = result
            context.database = database
            dialog.finish()
            on_restored(database, safety)

        def failed(error: BaseException) -> None:
            dialog.finish()
            present_error(parent, error)
            replace_database(context, parent, str(path), False, lambda db: on_restored(db, None))

        context.runner.run(work, done, failed, write=True)

    dialog.open()
    after_running_jobs(context, dialog, closed)
    return dialog


def close_when_idle(context: AppContext, parent: QWidget | None, close: Callable[[], object]) -> BusyDialog:
    """Closing the window while jobs run: cancel what can stop, let the rest finish, then close."""
    dialog = BusyDialog(parent, N_("Forum Secretariat"), WAITING)
    dialog.open()

    def done() -> None:
        dialog.finish()
        close()

    after_running_jobs(context, dialog, done)
    return dialog


def wait_with_note(work: Callable[[], T], title: str, message: str) -> T:
    """Run ``work`` on a worker and return its result (or raise its error), keeping the event loop
    running meanwhile; a note appears if it takes longer than a moment.

    For the start, before the main window and its runner exist: opening the database there may
    back it up and upgrade it, and the screen must not freeze without a word meanwhile.
    """
    runner, loop = TaskRunner(), QEventLoop()
    outcome: dict[str, Any] = {}

    def settle(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    dialog = BusyDialog(None, title, message)
    note = QTimer(singleShot=True, interval=NOTE_AFTER_MS)
    note.timeout.connect(dialog.show)
    note.start()
    runner.run(lambda _h: work(), lambda r: settle("result", r), lambda e: settle("error", e), write=True)
    if not outcome:
        loop.exec()
    note.stop()
    dialog.finish()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result
