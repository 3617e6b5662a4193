"""Backups of SQLite databases with SQLite's own online backup API (safe while the app runs).

Backup and restore copy the database in steps of :data:`STEP_PAGES` pages, so a caller can show
progress (``progress(done, total)``) and cancel between steps (``cancelled()`` returning true):
a cancelled backup leaves no file behind, and a cancelled restore leaves the database as it was,
byte for byte (SQLite rolls the unfinished copy back, as it does for a process killed midway).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from secretariat_app.core import faults
from secretariat_app.core.atomic import atomic_write, remove_stale_parts_in, write_error
from secretariat_app.core.errors import Cancelled, DatabaseUnavailableError
from secretariat_app.core.i18n import N_

KEEP_BACKUPS = 10
#: Pages copied per step: 1024 pages are 4 MB at SQLite's usual page size, a fraction of a second.
STEP_PAGES = 1024

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class BackupCancelled(Cancelled):
    """The clerk cancelled a backup; no file was written."""

    def __init__(self) -> None:
        super().__init__(N_("The backup was cancelled; no file was written."))


class RestoreCancelled(Cancelled):
    """The clerk cancelled a restore; the database is as it was."""

    def __init__(self) -> None:
        super().__init__(N_("The restore was cancelled; the database is as it was."))


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / "backups"


def backup_sqlite(
    database_path: Path,
    destination: Path | None = None,
    *,
    reason: str = "",
    keep: int = KEEP_BACKUPS,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    step_pages: int = STEP_PAGES,
) -> Path:
    """Copy the database to ``destination`` (default: a timestamped file in ``backups/``).

    Automatic backups in the default folder are pruned to the ``keep`` newest of that database.
    ``progress(done, total)`` is told the pages copied after each step of ``step_pages`` pages;
    when ``cancelled()`` turns true the copy stops at the next step with :class:`BackupCancelled`
    and no file (nor temporary file) is left.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    automatic = destination is None
    if destination is None:
        suffix = f"-{reason}" if reason else ""
        destination = backups_dir(database_path) / f"{database_path.stem}-{stamp}{suffix}.sqlite3"
    elif destination.is_dir():
        destination = destination / f"{database_path.stem}-{stamp}.sqlite3"
    if automatic:
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise write_error(destination.parent, error) from error
        # each automatic backup has a name of its own: sweep what killed ones left of theirs
        remove_stale_parts_in(destination.parent, f".{database_path.stem}-")
    steps = _Steps(progress, cancelled, BackupCancelled, "backup:copying")
    try:
        with atomic_write(destination) as partial:
            _copy_database(database_path, partial, steps, step_pages)
    except sqlite3.Error as error:
        raise DatabaseUnavailableError(
            N_("The backup could not be written: {reason}"), reason=str(error)
        ) from error
    if automatic:
        prune_backups(database_path, keep)
    return destination


def list_backups(database_path: Path) -> list[Path]:
    """Automatic backups of this database, newest first."""
    folder = backups_dir(database_path)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{database_path.stem}-*.sqlite3")
    return sorted(found, key=lambda p: p.name, reverse=True)


def prune_backups(database_path: Path, keep: int = KEEP_BACKUPS) -> None:
    for old in list_backups(database_path)[keep:]:
        old.unlink(missing_ok=True)


def restore_sqlite(
    backup_path: Path,
    database_path: Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    step_pages: int = STEP_PAGES,
) -> Path | None:
    """Replace the database's contents by a backup's; returns the safety copy of what it held.

    The backup is checked first (a file that is not one of our databases, or a damaged one, is
    refused and nothing changes), and the current database is itself backed up before it is
    overwritten, so a wrong choice can be undone. Close the database before calling this.

    ``progress(done, total)`` counts the pages of both copies (the safety copy, then the
    restore). When ``cancelled()`` turns true the work stops at the next step with
    :class:`RestoreCancelled`: the database is byte for byte as it was and the safety copy is
    removed.
    """
    from secretariat_app.core.db import inspect_sqlite_file

    inspect_sqlite_file(backup_path)
    exists = database_path.exists()
    total = (_page_count(database_path) if exists else 0) + _page_count(backup_path)
    overall = _Overall(progress, total)
    safety = None
    if exists:
        try:
            safety = backup_sqlite(
                database_path,
                reason="before-restore",
                progress=overall.phase(),
                cancelled=cancelled,
                step_pages=step_pages,
            )
        except BackupCancelled as error:
            raise RestoreCancelled() from error
    steps = _Steps(overall.phase(), cancelled, RestoreCancelled, "restore:copying")
    try:
        _copy_database(backup_path, database_path, steps, step_pages)
    except BaseException as error:
        if isinstance(error, RestoreCancelled) and safety is not None:
            safety.unlink(missing_ok=True)  # nothing was restored: as if it had not been asked
        if isinstance(error, sqlite3.Error):
            raise DatabaseUnavailableError(
                N_("The backup could not be restored: {reason}"), reason=str(error)
            ) from error
        raise
    return safety


class _Steps:
    """What happens after each step of a copy: the progress is told, the fault tests may stop the
    process once part of it is copied, and a cancel stops the copy with ``stop()``."""

    def __init__(
        self,
        progress: Progress | None,
        cancelled: CancelCheck | None,
        stop: Callable[[], Cancelled],
        point: str,
    ) -> None:
        self.progress, self.cancelled, self.stop, self.point = progress, cancelled, stop, point

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise self.stop()

    def __call__(self, _status: int, remaining: int, total: int) -> None:
        if self.progress is not None:
            self.progress(total - remaining, total)
        if remaining:
            faults.checkpoint(self.point)
            self.check()


class _Overall:
    """One progress over several copies: each phase's pages are added to those of the phases done."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.finished, self.current = progress, max(total, 1), 0, 0

    def phase(self) -> Progress:
        self.finished += self.current
        self.current = 0

        def report(done: int, total: int) -> None:
            self.current = done
            if self.progress is not None:
                self.total = max(self.total, self.finished + total)
                self.progress(self.finished + done, self.total)

        return report


def _page_count(path: Path) -> int:
    """The pages of a database file, from its size (the header's page size)."""
    with path.open("rb") as handle:
        header = handle.read(18)
    page_size = int.from_bytes(header[16:18], "big") if len(header) == 18 else 4096
    page_size = 65536 if page_size == 1 else page_size or 4096
    return -(-path.stat().st_size // page_size)


def _copy_database(source_path: Path, target_path: Path, steps: _Steps, step_pages: int) -> None:
    """Copy with SQLite's online backup API: consistent even while another connection writes.

    The copy runs in steps of ``step_pages`` pages; between them ``steps`` reports progress and
    may cancel. The target is written in one transaction, so an unfinished copy (cancelled,
    failed or killed) is rolled back by SQLite and the target keeps what it held.

    The source is opened read-only — immutable when nothing can write it (a read-only disk), so
    a database there can still be copied somewhere else."""
    from secretariat_app.core.db import sqlite_access, sqlite_uri

    steps.check()
    mode = sqlite_access(source_path) or "ro"
    with (
        closing(sqlite3.connect(sqlite_uri(source_path, mode), uri=True)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target, pages=max(step_pages, 1), progress=steps)
