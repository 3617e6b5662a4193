"""Shared fixtures: real databases in temporary folders, isolated user folders, offscreen Qt.

``SECRETARIAT_TEST_DB_URL`` (a PostgreSQL server URL, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5433/postgres``)
makes the database tests run on PostgreSQL as well: each such test gets a new database there.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from sqlalchemy import URL, create_engine, make_url, text

from secretariat_app.core import i18n
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.demo import load_demo
from secretariat_app.core.setup import seed_directories

#: The demo data is laid out relative to this day in tests, so counts and dates are stable.
DEMO_TODAY = dt.date(2026, 11, 25)
PG_ENV = "SECRETARIAT_TEST_DB_URL"


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Never touch the real user's settings, logs or default database."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SECRETARIAT_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("SECRETARIAT_LOG_DIR", str(home / "logs"))
    monkeypatch.setenv("SECRETARIAT_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("SECRETARIAT_DB", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):  # the system's language must not pick the CLI's language
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language("ru")
    yield
    i18n.set_language("ru")


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_ENV) else ["sqlite"]


@pytest.fixture(scope="session")
def _template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("templates")


def _sqlite_template(folder: Path, name: str, demo: bool) -> Path:
    path = folder / f"{name}.sqlite3"
    if not path.exists():
        database = open_database(path, actor="tests")
        seed_directories(database)
        if demo:
            with database.session() as session:
                load_demo(session, DEMO_TODAY)
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        database.dispose()
    return path


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Where a test's own SQLite database goes (nothing there yet)."""
    return tmp_path / "secretariat.sqlite3"


def _new_pg_database() -> URL:
    server = make_url(os.environ[PG_ENV])
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.set(database=name)


def _open_backend(backend: str, folder: Path, tmp_path: Path, demo: bool) -> Database:
    if backend == "sqlite":
        target = tmp_path / "secretariat.sqlite3"
        shutil.copy(_sqlite_template(folder, "demo" if demo else "empty", demo), target)
        return open_database(target, create=False, actor="tests")
    database = open_database(_new_pg_database(), actor="tests")
    seed_directories(database)
    if demo:
        with database.session() as session:
            load_demo(session, DEMO_TODAY)
    return database


@pytest.fixture(params=_backends())
def database(request: pytest.FixtureRequest, _template_dir: Path, tmp_path: Path) -> Iterator[Database]:
    """A migrated database with the directories seeded (SQLite, and PostgreSQL when configured)."""
    db = _open_backend(request.param, _template_dir, tmp_path, demo=False)
    yield db
    db.dispose()


@pytest.fixture(params=_backends())
def demo_database(request: pytest.FixtureRequest, _template_dir: Path, tmp_path: Path) -> Iterator[Database]:
    """A database holding the demo history laid out around :data:`DEMO_TODAY`."""
    db = _open_backend(request.param, _template_dir, tmp_path, demo=True)
    yield db
    db.dispose()


@pytest.fixture
def demo_sqlite(_template_dir: Path, tmp_path: Path) -> Iterator[Database]:
    """The demo history in an SQLite file only (for GUI, report and file tests)."""
    db = _open_backend("sqlite", _template_dir, tmp_path, demo=True)
    yield db
    db.dispose()
