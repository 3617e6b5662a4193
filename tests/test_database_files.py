"""Database files: a refused file is never written to, in any journal mode; ``check``, ``backup``
and ``init`` refuse a damaged file; a database that cannot be written opens read-only; a
malformed address is one translated line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.cli.main import main
from secretariat_app.core import db as dbmod
from secretariat_app.core.errors import (
    DamagedDatabaseError,
    DatabaseUnavailableError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
)
from secretariat_app.core.services.forums import ForumInput, create_forum
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]

JOURNAL_MODES = ("delete", "truncate", "persist", "wal")


def _make_database(path: Path, journal_mode: str) -> None:
    """A database of ours, closed cleanly and left in ``journal_mode``."""
    dbmod.open_database(path, actor="tests").dispose()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode={journal_mode}")
    connection.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _damage(path: Path) -> None:
    """Scribble over the b-tree page headers past the first page, as a failing disk would."""
    data = bytearray(path.read_bytes())
    for start in range(4096, len(data), 4096):
        data[start : start + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"
    path.write_bytes(bytes(data))


def _files_beside(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.is_file()}


@pytest.mark.parametrize("journal_mode", JOURNAL_MODES)
@pytest.mark.parametrize("kind", ["damaged", "newer", "foreign"])
def test_a_refused_file_is_left_byte_identical_with_nothing_beside_it(
    tmp_path: Path, journal_mode: str, kind: str
) -> None:
    path = tmp_path / "db.sqlite3"
    if kind == "foreign":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE contacts (name TEXT)")
            connection.execute(f"PRAGMA journal_mode={journal_mode}")
        connection.close()
        Path(f"{path}-journal").unlink(missing_ok=True)
    else:
        _make_database(path, journal_mode)
    if kind == "newer":
        connection = sqlite3.connect(path)
        with connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if kind == "damaged":
        _damage(path)
    before, files = path.read_bytes(), _files_beside(path)
    expected = {"damaged": DamagedDatabaseError, "newer": NewerDatabaseError, "foreign": NotADatabaseError}
    with pytest.raises(expected[kind]):
        dbmod.open_database(path, create=False, verify=kind == "damaged")
    assert path.read_bytes() == before
    assert _files_beside(path) == files  # no -wal, -shm or -journal appeared


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
@pytest.mark.parametrize("command", ["check", "backup", "init"])
def test_check_backup_and_init_refuse_a_damaged_file_and_never_write_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], journal_mode: str, command: str
) -> None:
    path = tmp_path / "db.sqlite3"
    _make_database(path, journal_mode)
    _damage(path)
    before, files = path.read_bytes(), _files_beside(path)
    assert main(["--db", str(path), "--lang", "en", command]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "damaged" in err
    assert path.read_bytes() == before
    assert _files_beside(path) == files
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://clerk@server:port/secretariat",
        "postgresql+nodriver://clerk@server/secretariat",
        "nosuchdb://clerk@server/secretariat",
    ],
)
def test_a_malformed_database_address_is_one_translated_line_and_exit_2(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", url, "--lang", "kk", "check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "Дерекқор мекенжайы" in err and "Traceback" not in err


def test_a_password_in_a_malformed_address_is_not_shown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql+psycopg://clerk:s3cret@server:port/x", "check"]) == 2
    assert "s3cret" not in capsys.readouterr().err


# --- a database that cannot be written --------------------------------------------------------


@pytest.fixture
def read_only_copy(tmp_path: Path, demo_sqlite: dbmod.Database) -> Iterator[Path]:
    """The demo database in a place that cannot be written: a read-only bind mount when we are
    root (permissions do not stop root), else a folder and a file without write permission."""
    source = demo_sqlite.path
    assert source is not None
    demo_sqlite.dispose()
    writable, shown = tmp_path / "writable", tmp_path / "readonly"
    writable.mkdir()
    shown.mkdir()
    shutil.copy(source, writable / "db.sqlite3")
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "--bind", str(writable), str(shown)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("cannot bind-mount here: " + mounted.stderr.decode(errors="replace"))
        try:
            subprocess.run(["mount", "-o", "remount,ro,bind", str(shown)], check=True)
            yield shown / "db.sqlite3"
        finally:
            subprocess.run(["umount", str(shown)], check=True)
    else:
        shown.rmdir()
        writable.rename(shown)
        (shown / "db.sqlite3").chmod(0o444)
        shown.chmod(0o555)
        try:
            yield shown / "db.sqlite3"
        finally:
            shown.chmod(0o755)


def test_a_database_that_cannot_be_written_opens_read_only_for_reading_commands(
    read_only_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = read_only_copy.read_bytes()
    database = dbmod.open_database(read_only_copy, create=False)
    try:
        assert database.read_only
        with pytest.raises(ReadOnlyDatabaseError), database.session() as session:
            create_forum(session, ForumInput(20, "Омск", "RU", "2030-09-01"))
    finally:
        database.dispose()
    db = ["--db", str(read_only_copy), "--lang", "en"]
    assert main([*db, "check"]) == 0
    assert "no problems found" in capsys.readouterr().out
    assert main([*db, "export", str(tmp_path / "all.csv")]) == 0
    assert (tmp_path / "all.csv").stat().st_size > 1000
    report = tmp_path / "report.pdf"
    assert main([*db, "report", "--forum", "12", "--as-of", "2026-11-25", "--out", str(report)]) == 0
    assert report.read_bytes().startswith(b"%PDF")
    copy = tmp_path / "copy.sqlite3"
    assert main([*db, "backup", str(copy)]) == 0
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    capsys.readouterr()
    assert main([*db, "init"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert read_only_copy.read_bytes() == before


def test_the_window_shows_a_read_only_database_with_a_banner_and_no_editing(
    qtbot: QtBot, read_only_copy: Path
) -> None:
    from secretariat_app.ui.main_window import MainWindow

    database = dbmod.open_database(read_only_copy, create=False)
    window = MainWindow(make_context(database))
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.read_only_banner.isVisible()
        assert (
            "read-only" in window.read_only_banner.text()
            or "только для чтения" in window.read_only_banner.text()
        )
        for name in ("new", "delete", "import", "restore", "backup"):
            assert not window.actions_by_name[name].isEnabled(), name
        assert window.actions_by_name["export"].isEnabled()
        assert window.actions_by_name["report"].isEnabled()
        for key in ("forums", "executors"):  # the directory pages' own buttons too
            page = window.show_page(key)
            assert page is not None
            page.table.selectRow(0)
            assert not page.new_button.isEnabled() and not page.delete_button.isEnabled(), key
            assert page.edit_button.isEnabled(), key
    finally:
        window.close()
        database.dispose()


def test_the_window_has_no_banner_for_a_writable_database(qtbot: QtBot, demo_sqlite: dbmod.Database) -> None:
    from secretariat_app.ui.main_window import MainWindow

    window = MainWindow(make_context(demo_sqlite))
    qtbot.addWidget(window)
    window.show()
    assert not window.read_only_banner.isVisible()
    assert window.actions_by_name["import"].isEnabled()
    window.close()


def test_a_missing_folder_for_a_new_database_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(DatabaseUnavailableError):
        dbmod.open_database(blocker / "sub" / "db.sqlite3")
