"""Opening, backing up and restoring databases off the GUI thread.

Opening a file may back it up and upgrade it, and a restore copies a whole file: they run as jobs
of the one job controller (:mod:`ui.jobs`) while its window says what is happening, so the main
window keeps painting; backing up and restoring have Cancel.
The open database is only replaced, or closed for a restore, once every running job has finished
or — if it can stop — been cancelled: no job is ever left working on a database that went away.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from secretariat_app.core.backup import backup_sqlite, restore_sqlite
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.i18n import N_
from secretariat_app.core.setup import seed_directories
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.jobs import Job, JobDialog, JobHandle
from secretariat_app.ui.tasks import TaskRunner

T = TypeVar("T")
#: How long start-up work may take before a note says that something is happening.
NOTE_AFTER_MS = 400


WAITING = N_("Waiting for the work still running to finish…")


def after_running_jobs(context: AppContext, job: Job[Any], then: Callable[[], None]) -> None:
    """Cancel what can stop, let the rest finish, then ``then()`` — without blocking."""
    if context.runner.busy:
        job.say(WAITING)
        context.runner.cancel_all()
    context.runner.when_idle(then)


def replace_database(
    context: AppContext,
    parent: QWidget | None,
    target: str,
    create: bool,
    on_replaced: Callable[[Database], None],
) -> Job[Database]:
    """Open ``target`` (create, back up and upgrade as needed) on a worker, then swap it in.

    Opening is all or nothing (an upgrade cannot stop halfway), so this job has no Cancel."""
    job: Job[Database] = Job(
        context, parent, N_("Open database"), N_("Opening the database…"), cancellable=False, write=True
    )

    def work(_job: JobHandle) -> Database:
        database = open_database(target, create=create)
        try:
            if create:
                seed_directories(database)
        except BaseException:
            database.dispose()
            raise
        return database

    def opened(database: Database) -> None:
        waiting: Job[None] = Job(context, parent, N_("Open database"), WAITING, cancellable=False)
        waiting.show()
        after_running_jobs(context, waiting, lambda: swap(database, waiting))

    def swap(database: Database, waiting: Job[None]) -> None:
        old, context.database = context.database, database
        old.dispose()
        waiting.close()
        on_replaced(database)

    return job.start(work, opened)


def back_up(context: AppContext, parent: QWidget | None, on_done: Callable[[Path], None]) -> Job[Path] | None:
    """Back the open SQLite file up into ``backups/`` beside it (online: others may keep working)."""
    path = context.database.path
    if path is None:
        return None
    job: Job[Path] = Job(
        context, parent, N_("Back up now"), N_("Backing up the database…"), write=True, help_section="backup"
    )
    return job.start(
        lambda handle: backup_sqlite(
            path, reason="manual", progress=handle.progress, cancelled=handle.cancelled
        ),
        on_done,
    )


def restore(
    context: AppContext,
    parent: QWidget | None,
    backup: Path,
    on_restored: Callable[[Database, Path | None], None],
) -> Job[tuple[Database, Path | None]]:
    """Put ``backup`` in place of the open SQLite file, once nothing runs on it any more.

    The current state is backed up first (by :func:`restore_sqlite`); if the restore fails or is
    cancelled before it began, the database is opened again as it was."""
    path = context.database.path
    assert path is not None
    job: Job[tuple[Database, Path | None]] = Job(
        context,
        parent,
        N_("Restore from backup"),
        N_("Restoring the backup…"),
        write=True,
        help_section="backup",
    )

    def reopen() -> None:
        replace_database(context, parent, str(path), False, lambda db: on_restored(db, None))

    def closed() -> None:
        if job.token():  # cancelled while running jobs were ending: nothing was touched
            job.close()
            return
        job.say(N_("Restoring the backup…"))
        context.database.dispose()

        def work(handle: JobHandle) -> tuple[Database, Path | None]:
            safety = restore_sqlite(backup, path, progress=handle.progress, cancelled=handle.cancelled)
            return open_database(path, create=False), safety

        def done(result: tuple[Database, Path | None]) -> None:
            database, safety = result
            context.database = database
            on_restored(database, safety)

        def failed(error: BaseException) -> None:
            present_error(parent, error)
            reopen()

        job.start(work, done, on_error=failed, on_cancelled=reopen)

    job.show()
    after_running_jobs(context, job, closed)
    return job


def close_when_idle(context: AppContext, parent: QWidget | None, close: Callable[[], object]) -> Job[None]:
    """Closing the window while jobs run: cancel what can stop, let the rest finish, then close."""
    job: Job[None] = Job(context, parent, N_("Forum Secretariat"), WAITING, cancellable=False)
    job.show()

    def done() -> None:
        job.close()
        close()

    after_running_jobs(context, job, done)
    return job


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

    dialog = JobDialog(None, title, message, cancellable=False)
    note = QTimer(singleShot=True, interval=NOTE_AFTER_MS)
    note.timeout.connect(dialog.show)
    note.start()
    runner.run(lambda _h: work(), lambda r: settle("result", r), lambda e: settle("error", e), write=True)
    if not outcome:
        loop.exec()
    note.stop()
    dialog.end()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result
