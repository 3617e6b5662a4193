"""The audit log: every insert, update and delete made through the ORM records who, when, which
record and old → new values. Bulk writers (imports) call :func:`record` and
:func:`record_inserts` themselves.

The log is append-only: the ORM refuses to update or delete its rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    DateTime,
    String,
    Table,
    Text,
    event,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    select,
)
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session, sessionmaker

from secretariat_app.core.models import AuditEntry, Base, utcnow

IGNORED_COLUMNS = frozenset({"version", "updated_at", "code_sort"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _columns(obj: Base) -> Iterable[str]:
    return (attr.key for attr in inspect(obj).mapper.column_attrs)


def _snapshot(obj: Base) -> dict[str, Any]:
    return {key: _plain(getattr(obj, key)) for key in _columns(obj) if key not in IGNORED_COLUMNS}


def _diff(obj: Base) -> dict[str, list[Any]]:
    state = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for key in _columns(obj):
        if key in IGNORED_COLUMNS:
            continue
        history = state.attrs[key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[key] = [_plain(old), _plain(new)]
    return changes


def _entry(session: Session, obj: Base, action: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "actor": session.info.get("actor", "unknown"),
        "source": session.info.get("audit_source", "app"),
        "table_name": obj.__tablename__,
        "record_id": getattr(obj, "id", None),
        "action": action,
        "changes": json.dumps(changes, ensure_ascii=False, default=str),
    }


def _record_flush(session: Session, _flush_context: Any) -> None:
    rows = []
    for obj in session.new:
        if not isinstance(obj, AuditEntry):
            rows.append(_entry(session, obj, "insert", _snapshot(obj)))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        changes = _diff(obj)
        if changes:
            rows.append(_entry(session, obj, "update", changes))
    for obj in session.deleted:
        if not isinstance(obj, AuditEntry):
            rows.append(_entry(session, obj, "delete", _snapshot(obj)))
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


def _json_default(value: Any) -> Any:
    """Values JSON has no type for: dates and times as ISO text (as :func:`_plain` writes them)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


#: One encoder for bulk records: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default)
_AUDIT_TABLE = cast(Table, AuditEntry.__table__)
_AUDIT_COLUMNS = ("at", "actor", "source", "table_name", "record_id", "action", "changes")


def record(
    session: Session,
    table_name: str,
    action: str,
    entries: Iterable[tuple[int | None, dict[str, Any]]],
) -> None:
    """Log changes made with set-based statements that bypass the ORM's events: one entry per
    record, all with the same who, when and source."""
    encoded = [(record_id, _ENCODER.encode(changes)) for record_id, changes in entries]
    if not encoded:
        return
    connection = session.connection()
    at: Any = utcnow()
    actor = session.info.get("actor", "unknown")
    source = session.info.get("audit_source", "app")
    if connection.dialect.name == "sqlite":
        # Straight to the driver: SQLAlchemy's per-row parameter processing costs more than
        # SQLite's own work when an import logs 10⁵ records. The time is stored exactly as the
        # column's type stores it, converted once.
        store_time = _AUDIT_TABLE.c.at.type.dialect_impl(connection.dialect).bind_processor(
            connection.dialect
        )
        if store_time is not None:
            at = store_time(at)
        connection.exec_driver_sql(
            f"INSERT INTO {_AUDIT_TABLE.name} ({', '.join(_AUDIT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(at, actor, source, table_name, record_id, action, changes) for record_id, changes in encoded],
        )
        return
    # A Core statement elsewhere: the ORM's bulk insert costs several times more per row.
    rows = [
        {
            "at": at, "actor": actor, "source": source, "table_name": table_name,
            "record_id": record_id, "action": action, "changes": changes,
        }
        for record_id, changes in encoded
    ]  # fmt: skip
    connection.execute(insert(_AUDIT_TABLE), rows)


def record_inserts(
    session: Session, table: Table, columns: Sequence[str], inserted: ColumnElement[bool]
) -> None:
    """Log the rows of ``table`` that ``inserted`` selects as inserts, each with the values of
    ``columns`` as stored: one ``INSERT … SELECT`` whose JSON the database builds, so logging 10⁵
    imported rows sends no per-row parameters and encodes nothing in Python."""
    connection = session.connection()
    pairs: list[ColumnElement[Any]] = []
    for name in columns:  # our own column names, so inline literals (PostgreSQL cannot type a bound key)
        pairs += [literal_column(f"'{name}'"), table.c[name]]
    if connection.dialect.name == "postgresql":
        changes: ColumnElement[Any] = sql_cast(func.json_build_object(*pairs), Text)
    else:  # SQLite's JSON functions, built in since 3.38
        changes = func.json_object(*pairs)
    entries = (
        select(
            literal(utcnow(), DateTime),
            literal(session.info.get("actor", "unknown"), String),
            literal(session.info.get("audit_source", "app"), String),
            literal(table.name, String),
            table.c.id,
            literal("insert", String),
            changes,
        )
        .where(inserted)
        .order_by(table.c.id)
    )
    connection.execute(insert(_AUDIT_TABLE).from_select(_AUDIT_COLUMNS, entries))


def _refuse_change(_mapper: Any, _connection: Any, target: AuditEntry) -> None:
    raise PermissionError(f"the audit log is append-only: {target!r}")


event.listen(AuditEntry, "before_update", _refuse_change)
event.listen(AuditEntry, "before_delete", _refuse_change)


def install(factory: sessionmaker[Session]) -> None:
    """Record every flush of sessions made by ``factory``."""
    if not event.contains(factory, "after_flush", _record_flush):
        event.listen(factory, "after_flush", _record_flush)
