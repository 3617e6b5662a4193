"""Opening, creating, upgrading, backing up and refusing databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from secretariat_app.core import db as dbmod
from secretariat_app.core.backup import KEEP_BACKUPS, backup_sqlite, list_backups
from secretariat_app.core.errors import (
    DamagedDatabaseError,
    DatabaseUnavailableError,
    NewerDatabaseError,
    NotADatabaseError,
)
from secretariat_app.core.models import Base, DecisionText


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_new_database_is_created_at_the_head_revision_with_foreign_keys_and_wal(sqlite_path: Path):
    database = dbmod.open_database(sqlite_path)
    try:
        assert dbmod.current_revision(database) == dbmod.head_revision()
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        database.dispose()


def test_migrations_have_one_head_and_build_exactly_the_models(sqlite_path: Path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(dbmod.alembic_config()).get_heads()
    assert heads == [dbmod.SCHEMA_HEAD]
    database = dbmod.open_database(sqlite_path)
    try:
        with database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        database.dispose()


def test_upgrading_from_the_first_schema_keeps_the_data_and_makes_a_backup(sqlite_path: Path):
    engine = dbmod.make_engine(dbmod.resolve_url(sqlite_path))
    with engine.begin() as connection:
        command.upgrade(dbmod.alembic_config(connection), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sector (id, code, name_ru, name_kk, name_en, position) VALUES (1, 'other', 'Прочее', 'Басқа', 'Other', 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO forum (id, number, year, city_ru, city_kk, country, start_date, end_date, theme_ru, theme_kk,"
                " protocol_number, notes, version) VALUES (1, 6, 2009, 'Оренбург', 'Орынбор', 'RU', '2009-09-01',"
                " '2009-09-02', '', '', '', '', 1)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO decision (id, forum_id, code, code_sort, sector_id, own_status, status, created_at, updated_at,"
                " version) VALUES (1, 1, '1.1', '00000001.00000001', 1, 'in_progress', 'in_progress', '2009-09-02',"
                " '2009-09-02', 1)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO decision_text (decision_id, lang, text, outdated, updated_at) VALUES"
                " (1, 'kk', 'ТІРКЕУСІЗ 30 тәулік', 0, '2009-09-02')"
            )
        )
    engine.dispose()
    database = dbmod.open_database(sqlite_path)
    try:
        assert database.backup_path is not None and database.backup_path.exists()
        with database.reader() as session:
            row = session.scalars(select(DecisionText)).one()
        assert (row.text, row.folded) == ("ТІРКЕУСІЗ 30 тәулік", "тіркеусіз 30 тәулік")
        with sqlite3.connect(database.backup_path) as backup:
            assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    finally:
        database.dispose()


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Protocol of the VII Forum\n" * 100)
    before = _bytes(path)
    with pytest.raises(NotADatabaseError):
        dbmod.open_database(path)
    assert _bytes(path) == before


def test_a_damaged_database_is_refused_and_left_untouched(sqlite_path: Path):
    dbmod.open_database(sqlite_path).dispose()
    data = bytearray(sqlite_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    sqlite_path.write_bytes(bytes(data))
    before = _bytes(sqlite_path)
    with pytest.raises(DamagedDatabaseError):
        dbmod.open_database(sqlite_path)
    assert _bytes(sqlite_path) == before


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(sqlite_path: Path):
    dbmod.open_database(sqlite_path).dispose()
    connection = sqlite3.connect(sqlite_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = _bytes(sqlite_path)
    with pytest.raises(NewerDatabaseError, match="9999"):
        dbmod.open_database(sqlite_path)
    assert _bytes(sqlite_path) == before


def test_another_programs_database_is_refused(sqlite_path: Path):
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(NotADatabaseError):
        dbmod.open_database(sqlite_path)


def test_missing_database_is_reported_when_not_asked_to_create(tmp_path: Path):
    with pytest.raises(DatabaseUnavailableError):
        dbmod.open_database(tmp_path / "gone" / "db.sqlite3", create=False)


def test_default_database_lives_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert dbmod.default_database_path().is_relative_to(tmp_path)
    monkeypatch.setenv("SECRETARIAT_DB", "postgresql+psycopg://clerk@db.example/secretariat")
    assert dbmod.resolve_url().get_backend_name() == "postgresql"
    assert dbmod.resolve_url(tmp_path / "x.db").database == str(tmp_path / "x.db")


def test_backups_are_timestamped_and_only_the_last_ten_are_kept(sqlite_path: Path):
    dbmod.open_database(sqlite_path).dispose()
    made = [backup_sqlite(sqlite_path) for _ in range(KEEP_BACKUPS + 3)]
    kept = list_backups(sqlite_path)
    assert len(kept) == KEEP_BACKUPS
    assert kept[0] == made[-1]
    with sqlite3.connect(kept[0]) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_integrity_check_passes_on_a_healthy_database(demo_database):
    assert dbmod.check_integrity(demo_database) == []
    assert "decision" in inspect(demo_database.engine).get_table_names()


def test_restoring_a_backup_brings_the_data_back_and_keeps_a_safety_copy(sqlite_path: Path):
    from secretariat_app.core.backup import restore_sqlite
    from secretariat_app.core.services.forums import ForumInput, create_forum

    database = dbmod.open_database(sqlite_path)
    with database.session() as session:
        create_forum(session, ForumInput(7, "Усть-Каменогорск", "KZ", "2010-09-09"))
    database.dispose()
    saved = backup_sqlite(sqlite_path)
    database = dbmod.open_database(sqlite_path)
    with database.session() as session:
        create_forum(session, ForumInput(8, "Астрахань", "RU", "2011-09-09"))
    database.dispose()

    safety = restore_sqlite(saved, sqlite_path)

    database = dbmod.open_database(sqlite_path)
    try:
        with database.reader() as session:
            assert session.scalars(select(text("number FROM forum"))).all() == [7]
    finally:
        database.dispose()
    assert safety is not None
    with sqlite3.connect(safety) as connection:
        assert [row[0] for row in connection.execute("SELECT number FROM forum ORDER BY number")] == [7, 8]


def test_restoring_something_that_is_not_a_backup_changes_nothing(sqlite_path: Path, tmp_path: Path):
    from secretariat_app.core.backup import restore_sqlite

    dbmod.open_database(sqlite_path).dispose()
    before = _bytes(sqlite_path)
    bogus = tmp_path / "photo.sqlite3"
    bogus.write_bytes(b"\x89PNG not a database at all")
    with pytest.raises(NotADatabaseError):
        restore_sqlite(bogus, sqlite_path)
    assert _bytes(sqlite_path) == before
