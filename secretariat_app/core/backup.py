"""Backups of SQLite databases with SQLite's own online backup API (safe while the app runs)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from secretariat_app.core.atomic import atomic_write, write_error
from secretariat_app.core.errors import DatabaseUnavailableError
from secretariat_app.core.i18n import N_

KEEP_BACKUPS = 10


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / "backups"


def backup_sqlite(
    database_path: Path,
    destination: Path | None = None,
    *,
    reason: str = "",
    keep: int = KEEP_BACKUPS,
) -> Path:
    """Copy the database to ``destination`` (default: a timestamped file in ``backups/``).

    Automatic backups in the default folder are pruned to the ``keep`` newest of that database.
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
    try:
        with atomic_write(destination) as partial:  # a killed backup's leftovers go next time
            _copy_database(database_path, partial)
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


def restore_sqlite(backup_path: Path, database_path: Path) -> Path | None:
    """Replace the database's contents by a backup's; returns the safety copy of what it held.

    The backup is checked first (a file that is not one of our databases, or a damaged one, is
    refused and nothing changes), and the current database is itself backed up before it is
    overwritten, so a wrong choice can be undone. Close the database before calling this.
    """
    from secretariat_app.core.db import inspect_sqlite_file

    inspect_sqlite_file(backup_path)
    safety = backup_sqlite(database_path, reason="before-restore") if database_path.exists() else None
    try:
        _copy_database(backup_path, database_path)
    except sqlite3.Error as error:
        raise DatabaseUnavailableError(
            N_("The backup could not be restored: {reason}"), reason=str(error)
        ) from error
    return safety


def _copy_database(source_path: Path, target_path: Path) -> None:
    """Copy with SQLite's online backup API: consistent even while another connection writes.

    The source is opened read-only — immutable when nothing can write it (a read-only disk), so
    a database there can still be copied somewhere else."""
    from secretariat_app.core.db import sqlite_access, sqlite_uri

    mode = sqlite_access(source_path) or "ro"
    with (
        closing(sqlite3.connect(sqlite_uri(source_path, mode), uri=True)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)
