"""Every file the app writes is written whole or not at all: a folder, a missing folder, a
read-only place, a refused permission or a full disk is one translated line with exit 2, and a
file that was there before stays byte for byte as it was."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.cli.main import main
from secretariat_app.core import atomic
from secretariat_app.core.atomic import FileWriteError, atomic_write
from secretariat_app.core.db import Database
from secretariat_app.core.faults import FAULT_ENV
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]

WRITERS = {
    "export": lambda db, out: ["--db", db, "export", out],
    "export-csv": lambda db, out: ["--db", db, "export", out.replace(".xlsx", ".csv")],
    "template": lambda db, out: ["template", out],
    "export-executor": lambda db, out: ["--db", db, "export-executor", "KZ-15", out],
    "report": lambda db, out: [
        "--db",
        db,
        "report",
        "--forum",
        "12",
        "--kind",
        "resolutions",
        "--out",
        out.replace(".xlsx", ".pdf"),
    ],
    "backup": lambda db, out: ["--db", db, "backup", out.replace(".xlsx", ".sqlite3")],
}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--lang", "en", *args])
    return code, capsys.readouterr().err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if atomic.PART in p.name)


@pytest.fixture
def db(demo_sqlite: Database) -> str:
    assert demo_sqlite.path is not None
    return str(demo_sqlite.path)


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_folder_as_the_output_is_one_line_and_exit_2(
    command: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = WRITERS[command](db, str(tmp_path / "out.xlsx"))
    folder = Path(args[-1])
    folder.mkdir()
    code, err = _run(capsys, *args)
    if command == "backup":  # a folder is where backup puts a timestamped copy
        assert code == 0
        return
    assert code == 2, err
    assert err.count("\n") == 1 and "is a folder" in err and str(folder) in err
    assert "Traceback" not in err
    assert not _leftovers(tmp_path)


@pytest.mark.parametrize("command", list(WRITERS))
def test_a_missing_folder_is_refused_before_anything_is_written(
    command: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = WRITERS[command](db, str(tmp_path / "nowhere" / "out.xlsx"))
    code, err = _run(capsys, *args)
    assert code == 2, err
    assert err.count("\n") == 1 and "does not exist" in err and str(tmp_path / "nowhere") in err
    assert not (tmp_path / "nowhere").exists()


def test_report_to_the_current_folder_is_refused(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, err = _run(capsys, "--db", db, "report", "--forum", "12", "--kind", "resolutions", "--out", ".")
    assert code == 2 and "is a folder" in err and "Traceback" not in err


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs: a real full disk (needs root; skipped elsewhere)."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_export_onto_a_full_disk_keeps_the_old_file(
    suffix: str, db: str, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = small_disk / f"all{suffix}"
    old = b"the previous export " * 100
    target.write_bytes(old)
    filler = small_disk / "filler"
    filler.write_bytes(b"x" * (40 * 1024))
    code, err = _run(capsys, "--db", db, "export", str(target))
    assert code == 2, err
    assert err.count("\n") == 1 and "no room left" in err and str(target) in err
    assert target.read_bytes() == old
    assert not _leftovers(small_disk)


def test_a_read_only_place_keeps_the_old_file(
    db: str, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = small_disk / "all.xlsx"
    target.write_bytes(b"before")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    for args in (
        ["--db", db, "export", str(target)],
        ["template", str(target)],
        ["--db", db, "export-executor", "KZ-15", str(target)],
        ["--db", db, "report", "--forum", "12", "--kind", "resolutions", "--out", str(small_disk / "r.pdf")],
    ):
        code, err = _run(capsys, *args)
        assert code == 2, (args, err)
        assert err.count("\n") == 1 and "read-only" in err and "Traceback" not in err
    assert target.read_bytes() == b"before"


def test_a_refused_permission_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores file modes, so the refusal the operating system would give is simulated."""
    target = tmp_path / "blank.xlsx"
    target.write_bytes(b"before")

    def refuse(*_args: object, **_kw: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", refuse)
    code, err = _run(capsys, "template", str(target))
    assert code == 2 and "not allowed to write" in err and str(target) in err
    assert target.read_bytes() == b"before"


def test_a_failure_while_flushing_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")

    def full(_handle: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(FileWriteError, match="не осталось места"), atomic_write(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_symbolic_link_is_written_through_and_stays_a_link(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real" / "decisions.csv"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, err = _run(capsys, "--db", db, "export", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes().startswith(b"\xef\xbb\xbfforum;code")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.parametrize("command", ["template", "report"])
def test_a_private_file_stays_private(
    command: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = WRITERS[command](db, str(tmp_path / "out.xlsx"))
    target = Path(args[-1])
    target.write_bytes(b"old")
    target.chmod(0o600)
    code, err = _run(capsys, *args)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_bytes() != b"old"


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
@pytest.mark.parametrize("automatic", [True, False], ids=["backups-folder", "chosen-file"])
def test_a_killed_backup_leaves_nothing_after_the_next_backup(
    db: str, tmp_path: Path, automatic: bool
) -> None:
    """A backup killed midway (kill -9 after its first step) leaves its temporary file and its
    journal; the next backup removes them, also in ``backups/``, where each has a name of its own."""
    with closing(sqlite3.connect(db, isolation_level=None)) as connection:  # several steps long
        connection.execute("CREATE TABLE filler (data BLOB)")
        connection.executemany("INSERT INTO filler VALUES (randomblob(100000))", [()] * 120)
    folder = Path(db).parent / "backups" if automatic else tmp_path / "chosen"
    folder.mkdir(exist_ok=True)
    target = [] if automatic else [str(folder / "copy.sqlite3")]
    env = {**os.environ, FAULT_ENV: "backup:copying"}
    child = subprocess.Popen(
        [sys.executable, "-m", "secretariat_app", "--db", db, "backup", *target],
        env=env, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stderr is not None and child.stderr.readline().strip() == b"fault-point backup:copying"
    assert _leftovers(folder) != []
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert main(["--db", db, "backup", *target]) == 0
    assert _leftovers(folder) == []
    [written] = folder.iterdir()
    assert written.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_running_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    mine = tmp_path / f".a.csv.{os.getpid()}-0000{atomic.PART}.csv"
    mine.write_bytes(b"in progress")
    with atomic_write(target) as temporary:
        temporary.write_bytes(b"done")
    assert mine.exists() and target.read_bytes() == b"done"


def test_the_windows_export_dialog_says_plainly_when_the_place_cannot_be_written(
    qtbot: QtBot, demo_sqlite: Database, tmp_path: Path, answer_message_boxes: list[str]
) -> None:
    from secretariat_app.ui.export_dialogs import ExecutorExportDialog

    dialog = ExecutorExportDialog(make_context(demo_sqlite))
    qtbot.addWidget(dialog)
    dialog.select("RU-ORE")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    for target, words in ((folder, "это папка"), (tmp_path / "nowhere" / "ore.xlsx", "не существует")):
        answer_message_boxes.clear()
        dialog.output.setText(str(target))
        dialog.export_button.click()
        assert len(answer_message_boxes) == 1 and words in answer_message_boxes[0], answer_message_boxes
    assert _leftovers(tmp_path) == [] and not (tmp_path / "nowhere").exists()
