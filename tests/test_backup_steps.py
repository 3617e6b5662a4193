"""Backup and restore copy in steps: they report their progress, and a cancel (the window's Cancel,
Ctrl+C on the command line) stops them with nothing left behind — no backup file, no temporary
file, and a database that a cancelled restore leaves byte for byte as it was."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from secretariat_app.core import atomic
from secretariat_app.core.backup import (
    BackupCancelled,
    RestoreCancelled,
    backup_sqlite,
    backups_dir,
    list_backups,
    restore_sqlite,
)
from secretariat_app.core.db import Database
from secretariat_app.core.faults import FAULT_ENV

ROOT = Path(__file__).resolve().parent.parent
#: Small steps, so the demo database takes many of them.
STEP = 8


def _rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute("SELECT number, city_ru FROM forum ORDER BY number").fetchall()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.PART in p.name or p.name.endswith("-journal"))


def _wal_frames(db: Path) -> int:
    """Bytes in the database's write-ahead log: none means the file alone is the database (a
    read-only reader leaves an empty log behind, which holds nothing)."""
    wal = Path(f"{db}-wal")
    return wal.stat().st_size if wal.exists() else 0


class CancelAfter:
    """Progress that records every call and asks to cancel once ``calls`` of them were made."""

    def __init__(self, calls: int | None = None) -> None:
        self.calls, self.seen = calls, []  # type: tuple[int | None, list[tuple[int, int]]]

    def progress(self, done: int, total: int) -> None:
        self.seen.append((done, total))

    def cancelled(self) -> bool:
        return self.calls is not None and len(self.seen) >= self.calls


@pytest.fixture
def db(demo_sqlite: Database) -> Path:
    assert demo_sqlite.path is not None
    demo_sqlite.dispose()
    return demo_sqlite.path


def test_a_backup_copies_in_steps_and_reports_each(db: Path, tmp_path: Path) -> None:
    watch = CancelAfter()
    target = backup_sqlite(db, tmp_path / "copy.sqlite3", progress=watch.progress, step_pages=STEP)
    assert len(watch.seen) > 3
    assert [done for done, _total in watch.seen] == sorted(done for done, _total in watch.seen)
    assert watch.seen[-1][0] == watch.seen[-1][1] == watch.seen[0][1]
    assert _rows(target) == _rows(db)


@pytest.mark.parametrize("automatic", [True, False], ids=["backups-folder", "chosen-file"])
def test_a_backup_cancelled_after_its_first_step_leaves_no_file(
    db: Path, tmp_path: Path, automatic: bool
) -> None:
    watch = CancelAfter(calls=1)
    target = None if automatic else tmp_path / "copy.sqlite3"
    with pytest.raises(BackupCancelled):
        backup_sqlite(db, target, progress=watch.progress, cancelled=watch.cancelled, step_pages=STEP)
    assert len(watch.seen) == 1 and watch.seen[0][0] < watch.seen[0][1]
    folder = backups_dir(db) if automatic else tmp_path
    assert list_backups(db) == [] and _leftovers(folder) == []
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_backup_cancelled_before_it_starts_copies_nothing(db: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupCancelled):
        backup_sqlite(db, tmp_path / "copy.sqlite3", cancelled=lambda: True, step_pages=STEP)
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".copy") or p.name.startswith("copy"))
        == []
    )


def _with_another_forum(db: Path, tmp_path: Path) -> Path:
    """A backup of ``db``, and then ``db`` changed: restoring the backup would change it back."""
    saved = backup_sqlite(db, tmp_path / "saved.sqlite3")
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("UPDATE forum SET city_ru = 'Другой город' WHERE number = 12")
    return saved


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("phase", ["safety-copy", "restore"])
def test_a_restore_cancelled_midway_leaves_the_database_byte_identical(
    db: Path, tmp_path: Path, journal: str, phase: str
) -> None:
    with closing(sqlite3.connect(db)) as connection:
        connection.execute(f"PRAGMA journal_mode={journal}")
    saved = _with_another_forum(db, tmp_path)
    before, rows = db.read_bytes(), _rows(db)
    pages = len(before) // 4096
    watch = CancelAfter()
    # cancel after the first step of the safety copy, or of the restore's own copy (its pages
    # are counted after those of the safety copy)
    cancel_now = (lambda: len(watch.seen) >= 1) if phase == "safety-copy" else (
        lambda: any(pages < done < total for done, total in watch.seen)
    )  # fmt: skip
    with pytest.raises(RestoreCancelled):
        restore_sqlite(saved, db, progress=watch.progress, cancelled=cancel_now, step_pages=STEP)
    assert db.read_bytes() == before and _rows(db) == rows
    assert list_backups(db) == []  # the safety copy goes too: as if nothing had been asked
    assert _leftovers(db.parent) == [] and _wal_frames(db) == 0
    if phase == "restore":
        assert any(done > pages for done, _total in watch.seen)


def test_a_restore_reports_both_copies_as_one_progress(db: Path, tmp_path: Path) -> None:
    saved = _with_another_forum(db, tmp_path)
    watch = CancelAfter()
    safety = restore_sqlite(saved, db, progress=watch.progress, step_pages=STEP)
    assert safety is not None and _rows(db) == _rows(saved) != _rows(safety)
    dones = [done for done, _total in watch.seen]
    assert dones == sorted(dones) and watch.seen[-1][0] == watch.seen[-1][1]
    assert watch.seen[-1][1] >= 2 * (len(saved.read_bytes()) // 4096)


def _big_database(db: Path) -> None:
    """Make the demo database long enough to take several steps of the default size."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute("CREATE TABLE filler (data BLOB)")
        connection.executemany("INSERT INTO filler VALUES (randomblob(100000))", [()] * 120)


def _backup_process(db: Path, *args: str, point: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, FAULT_ENV: point}
    command = [sys.executable, "-m", "secretariat_app", "--db", str(db), "--lang", "en", "backup", *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_for(process: subprocess.Popen[bytes], point: str) -> None:
    assert process.stderr is not None
    deadline, seen = time.monotonic() + 60, b""
    while f"fault-point {point}".encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0 and process.poll() is None, seen.decode(errors="replace")
        ready, _w, _x = select.select([process.stderr], [], [], remaining)
        if ready:
            seen += os.read(process.stderr.fileno(), 4096)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("automatic", [True, False], ids=["backups-folder", "chosen-file"])
def test_ctrl_c_cancels_a_command_line_backup_cleanly(db: Path, tmp_path: Path, automatic: bool) -> None:
    _big_database(db)
    target = [] if automatic else [str(tmp_path / "copy.sqlite3")]
    process = _backup_process(db, *target, point="backup:copying")
    _wait_for(process, "backup:copying")
    folder = backups_dir(db) if automatic else tmp_path
    assert any(atomic.PART in p.name for p in folder.iterdir())  # midway: the copy has begun
    process.send_signal(signal.SIGINT)
    assert process.wait(30) == 2
    assert process.stderr is not None
    assert process.stderr.read().decode() == "The backup was cancelled; no file was written.\n"
    assert _leftovers(folder) == [] and list_backups(db) == []
    assert not (tmp_path / "copy.sqlite3").exists()
