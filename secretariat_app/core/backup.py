"""Backups of SQLite databases with SQLite's own online backup API (safe while the app runs)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

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
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    try:
        source = sqlite3.connect(f"{database_path.as_uri()}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        partial.replace(destination)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
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


def restore_sqlite(backup_path: Path, database_path: Path) -> Path:
    """Replace the database by a backup; the current file is itself backed up first."""
    safety = backup_sqlite(database_path, reason="before-restore") if database_path.exists() else None
    source = sqlite3.connect(f"{backup_path.as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(database_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return safety or database_path
