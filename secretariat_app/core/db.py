"""Opening the database: choosing it, checking it, backing it up, upgrading it.

The default is one SQLite file in the user's data folder; ``--db`` or ``SECRETARIAT_DB`` selects
another file or any SQLAlchemy URL (``postgresql+psycopg://…``). A file is first inspected
read-only, so that a damaged file, a file that is not a database, or a database written by a newer
version of the app is reported and left exactly as it was. An older schema is backed up, then
upgraded with the Alembic migrations shipped in the package.

PostgreSQL passwords are never stored by the app: put them in libpq's ``~/.pgpass`` (or a
``pg_service.conf`` service named in the URL as ``?service=NAME``); or store them in the OS keyring
(``keyring set secretariat-app USER@HOST``), which is consulted when the URL has no password.
"""

from __future__ import annotations

import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from secretariat_app import APP_NAME
from secretariat_app.core import audit, faults
from secretariat_app.core.errors import (
    ConflictError,
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseUnavailableError,
    DuplicateRecordError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyDatabaseError,
    SecretariatError,
    SerializationFailure,
)
from secretariat_app.core.i18n import N_
from secretariat_app.core.resources import package_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = package_path("core", "migrations")
#: The newest migration (a test checks that it is Alembic's head). Opening a database that is up
#: to date compares its revision with this, so Alembic — a good part of a second to import — is
#: loaded only when a database is created or upgraded.
SCHEMA_HEAD = "0004"
DB_ENV = "SECRETARIAT_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def default_database_path() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "secretariat.sqlite3"


def resolve_url(target: str | os.PathLike[str] | None = None) -> URL:
    """``target`` (a path or URL), else ``$SECRETARIAT_DB``, else the default file.

    A URL SQLAlchemy cannot read is the user's typing mistake, so it is a :class:`DatabaseError`
    (one translated line), not a library traceback."""
    raw = os.fspath(target) if target else os.environ.get(DB_ENV) or ""
    if not raw:
        return URL.create("sqlite", database=str(default_database_path()))
    if "://" in raw:
        try:
            url = make_url(raw)
            url.get_dialect()  # an unknown backend or driver is a bad address too
        except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ValueError) as error:
            raise DatabaseUnavailableError(
                N_(
                    "The database address {url} is not valid ({reason}). Write a file path or an "
                    "address such as postgresql+psycopg://clerk@server/secretariat."
                ),
                url=_without_password(raw),
                reason=str(error).split("\n")[0],
            ) from error
        return url
    return URL.create("sqlite", database=str(Path(raw).expanduser().resolve()))


def _without_password(raw: str) -> str:
    """A typed URL as it may be shown: ``user:secret@host`` loses ``:secret``."""
    scheme, _sep, rest = raw.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return raw
    return f"{scheme}://{credentials.split(':', 1)[0]}@{host}"


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL (None for other backends and in-memory databases)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def alembic_config(connection: Any = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def default_actor() -> str:
    """Who is recorded in the audit log: the clerk's name from settings, else the OS user."""
    from secretariat_app.core.settings import load_settings

    name = load_settings().clerk_name.strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no user name on some service accounts
        return "unknown"


@dataclass
class Database:
    """An open database: its engine and the factory of units of work."""

    url: URL
    engine: Engine
    actor: str
    session_factory: sessionmaker[Session] = field(repr=False)
    backup_path: Path | None = None
    #: Opened read-only (a file or folder without write permission, a read-only filesystem):
    #: browsing, reports and exports work, every write is refused with a clear message.
    read_only: bool = False

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work, one transaction: committed on success, rolled back on any error.

        Database failures become the app's own errors here, so callers never see raw driver
        exceptions.
        """
        session = self.session_factory()
        session.info["actor"] = self.actor
        try:
            with translate_errors(), session.begin():
                yield session
                faults.checkpoint("session:before-commit")
        finally:
            session.close()
        faults.checkpoint("session:committed")

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A session for reading only: closing it rolls back whatever it may have changed, and the
        objects it loaded stay readable (detached) afterwards. It takes no write lock."""
        session = self.session_factory(bind=self.engine)
        try:
            with translate_errors():
                yield session
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors() -> Iterator[None]:
    try:
        yield
    except SecretariatError:
        raise
    except StaleDataError as error:
        raise ConflictError(
            N_("Another user saved this record after you opened it. Nothing was overwritten.")
        ) from error
    except sa_exc.IntegrityError as error:
        if _sqlstate(error) in SERIALIZATION_STATES:
            raise SerializationFailure(
                N_("Another user was saving at the same moment; nothing was written. Try again.")
            ) from error
        if not _is_duplicate(error):
            raise  # another broken rule is a fault of ours: logged with its traceback
        raise DuplicateRecordError(
            N_(
                "Another user added the same record at the same time; nothing was written. "
                "Look at the records again and repeat what is still missing."
            )
        ) from error
    except sa_exc.OperationalError as error:
        if _sqlstate(error) in SERIALIZATION_STATES:
            raise SerializationFailure(
                N_("Another user was saving at the same moment; nothing was written. Try again.")
            ) from error
        text = str(error.orig).lower()
        if "readonly" in text or "read-only" in text or "read only" in text:
            raise ReadOnlyDatabaseError(
                N_("The database is open read-only: changes cannot be saved.")
            ) from error
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                N_("The database is busy: another program is writing to it. Try again in a moment.")
            ) from error
        if "malformed" in text or "not a database" in text:
            raise DamagedDatabaseError(N_("The database file is damaged.")) from error
        raise DatabaseUnavailableError(
            N_("The database cannot be reached: {reason}"), reason=str(error.orig)
        ) from error
    except sa_exc.DatabaseError as error:
        text = str(error.orig).lower()
        if "malformed" in text or "not a database" in text:
            raise DamagedDatabaseError(N_("The database file is damaged.")) from error
        raise


#: PostgreSQL's "serialization failure" and "deadlock detected": the transaction may be retried.
SERIALIZATION_STATES = frozenset({"40001", "40P01"})


def _sqlstate(error: sa_exc.DBAPIError) -> str:
    return str(getattr(error.orig, "sqlstate", "") or "")


def _is_duplicate(error: sa_exc.IntegrityError) -> bool:
    """A unique key met twice: PostgreSQL's 23505, SQLite's "UNIQUE constraint failed"."""
    return _sqlstate(error) == "23505" or "unique constraint" in str(error.orig).lower()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """A read-only connection changes no journal mode: that would write the file's header."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _password_from_keyring(url: URL) -> URL:
    if url.get_backend_name() == "sqlite" or url.password or "service" in url.query:
        return url
    try:
        import keyring

        secret = keyring.get_password(APP_NAME, f"{url.username}@{url.host}")
    except Exception:  # no keyring backend on this machine: libpq's own means remain
        secret = None
    return url.set(password=secret) if secret else url


#: Execution option of the connections that units of work use: on SQLite they begin with
#: ``BEGIN IMMEDIATE``, taking the write lock at once, so a transaction that reads and then writes
#: (a save checking the version, an import comparing) cannot be overtaken between its read and its
#: write, and a second writer waits for the busy timeout instead of failing at once.
WRITER_OPTION = "secretariat_writer"


def _begin(connection: Any) -> None:
    """SQLAlchemy's documented pysqlite recipe: we emit BEGIN ourselves, in the mode wanted."""
    writer = connection.get_execution_options().get(WRITER_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def make_engine(url: URL, read_only: str = "") -> Engine:
    """An engine for ``url``. ``read_only`` (SQLite only) is ``"ro"`` to open the file read-only
    or ``"immutable"`` when nothing can write it (a read-only filesystem, a read-only folder)."""
    if url.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if read_only and path is not None:
            uri = sqlite_uri(path, read_only)
            engine = create_engine(
                url,
                creator=lambda: sqlite3.connect(
                    uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                ),
            )
            event.listen(engine, "connect", _sqlite_read_only_pragmas)
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
        # Let SQLAlchemy, not pysqlite, begin transactions, so each unit of work is one transaction.
        event.listen(engine, "connect", _disable_pysqlite_transactions)
        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(_password_from_keyring(url), pool_pre_ping=True)


def sqlite_uri(path: Path, mode: str) -> str:
    """``file:`` URI opening ``path`` read-only; ``immutable`` also skips every lock and the
    ``-wal``/``-shm`` files, so nothing at all is created beside the file."""
    query = "mode=ro&immutable=1" if mode == "immutable" else "mode=ro"
    return f"{path.as_uri()}?{query}"


def sqlite_access(path: Path) -> str:
    """How a healthy existing file can be opened: ``""`` read-write, ``"ro"`` read-only (the file
    is not writable but its folder is, so SQLite's lock files can be made), ``"immutable"``
    (neither: a read-only filesystem or folder)."""
    folder_writable = os.access(path.parent, os.W_OK | os.X_OK) and not _on_read_only_filesystem(path)
    if folder_writable and os.access(path, os.W_OK):
        return ""
    wal_files_ready = all(
        Path(f"{path}{suffix}").exists() and os.access(f"{path}{suffix}", os.W_OK)
        for suffix in ("-wal", "-shm")
    )
    return "ro" if folder_writable or wal_files_ready else "immutable"


def _on_read_only_filesystem(path: Path) -> bool:
    try:
        return bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows: permissions tell
        return False


def _disable_pysqlite_transactions(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


@dataclass(frozen=True)
class SchemaState:
    revision: str | None
    has_tables: bool


def inspect_sqlite_file(path: Path, *, verify: bool = False) -> SchemaState:
    """Look at an existing file strictly read-only; raise a clear error if it cannot be ours.

    The file is opened as *immutable* (no locks, no ``-wal``, ``-shm`` or journal files made),
    so a file that is refused is left exactly as it was, whatever its journal mode. When the file
    has a write-ahead log beside it, the log may hold its latest commits, so it is read through
    it (read-only); those files exist already. ``verify`` runs SQLite's quick check as well (the
    whole file is read), for commands that must not work on a damaged file at all.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseUnavailableError(
            N_("The database file cannot be read: {reason}"), reason=error.strerror or str(error)
        ) from error
    if not header:
        return SchemaState(None, False)
    if header != SQLITE_HEADER:
        raise NotADatabaseError(N_("{path} is not a Forum Secretariat database."), path=str(path))
    has_log = Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    mode = "ro" if has_log and sqlite_access(path) != "immutable" else "immutable"
    try:
        connection = sqlite3.connect(sqlite_uri(path, mode), uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            if verify:
                problems = [r[0] for r in connection.execute("PRAGMA quick_check") if r[0] != "ok"]
                if problems:
                    raise sqlite3.DatabaseError("; ".join(problems[:3]))
            return SchemaState(revision, bool(tables - {"alembic_version"}))
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DamagedDatabaseError(
            N_("The database file {path} is damaged: {reason}"), path=str(path), reason=str(error)
        ) from error


def _inspect_engine(engine: Engine) -> SchemaState:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return SchemaState(revision, bool(tables - {"alembic_version"}))


def open_database(
    target: str | os.PathLike[str] | URL | None = None,
    *,
    create: bool = True,
    actor: str | None = None,
    verify: bool = False,
) -> Database:
    """Open (and if needed create or upgrade) the database; raise :class:`DatabaseError` if not.

    An SQLite file that cannot be written (permissions, a read-only filesystem) opens read-only.
    ``verify`` reads the whole file first and refuses a damaged one (``init``, ``backup``,
    ``check``): nothing is written to a file before it is known to be sound.
    """
    url = target if isinstance(target, URL) else resolve_url(target)
    path = sqlite_path(url)
    read_only = ""
    if path is not None:
        if path.exists():
            state = inspect_sqlite_file(path, verify=verify)
            read_only = sqlite_access(path)
        elif not create:
            raise DatabaseUnavailableError(N_("There is no database at {path}."), path=str(path))
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseUnavailableError(
                    N_("The database cannot be created at {path}: {reason}"),
                    path=str(path),
                    reason=error.strerror or str(error),
                ) from error
            state = SchemaState(None, False)
    engine = make_engine(url, read_only)
    try:
        if path is None:
            with translate_errors():
                state = _inspect_engine(engine)
        if read_only and state.revision != SCHEMA_HEAD:
            _refuse_read_only_upgrade(engine, url, state)
        backup = None if read_only else _check_and_upgrade(engine, url, state)
    except Exception:
        engine.dispose()
        raise
    writer = engine if read_only else engine.execution_options(**{WRITER_OPTION: True})
    factory = sessionmaker(writer, expire_on_commit=False)
    audit.install(factory)
    return Database(url, engine, actor or default_actor(), factory, backup, read_only=bool(read_only))


def _refuse_read_only_upgrade(engine: Engine, url: URL, state: SchemaState) -> None:
    """A read-only file that is not at our schema: say why it is refused (newer, foreign, older)."""
    if state.revision is None and not state.has_tables:
        raise ReadOnlyDatabaseError(N_("The database is empty and read-only: it cannot be set up."))
    _check_and_upgrade(engine, url, state, dry=True)  # a foreign or newer file says so
    raise ReadOnlyDatabaseError(
        N_(
            "The database is of an older version and read-only: it cannot be upgraded. Open it once "
            "where it can be written."
        )
    )


def _check_and_upgrade(engine: Engine, url: URL, state: SchemaState, dry: bool = False) -> Path | None:
    """Refuse a foreign or newer database; back up and upgrade an older one (unless ``dry``)."""
    if state.revision == SCHEMA_HEAD:
        return None
    head = head_revision()
    if state.revision is None and state.has_tables:
        raise NotADatabaseError(
            N_("{path} is a database of another program, not of Forum Secretariat."),
            path=sqlite_path(url) or url.render_as_string(hide_password=True),
        )
    if state.revision == head:
        return None
    if state.revision is not None and state.revision not in known_revisions():
        raise NewerDatabaseError(
            N_(
                "This database was written by a newer version of Forum Secretariat "
                "(schema {revision}). Install the newer version to open it."
            ),
            revision=state.revision,
        )
    if dry:
        return None
    backup = None
    path = sqlite_path(url)
    if state.revision is not None and path is not None:
        from secretariat_app.core.backup import backup_sqlite

        backup = backup_sqlite(path, reason=f"before-upgrade-{state.revision}")
    upgrade(engine)
    return backup


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with translate_errors(), engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(database: Database) -> str | None:
    return _inspect_engine(database.engine).revision


def check_integrity(database: Database) -> list[str]:
    """Problems found by the database's own integrity check (empty when all is well)."""
    if not database.is_sqlite:
        return []
    with translate_errors(), database.engine.connect() as connection:
        rows = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        fk_rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        problems += [f"foreign key: {tuple(row)}" for row in fk_rows]
    return problems


__all__ = [
    "Database",
    "DatabaseError",
    "check_integrity",
    "default_database_path",
    "open_database",
    "resolve_url",
]
