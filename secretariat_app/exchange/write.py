"""Writing a compared file into the database in set-based batches inside the caller's transaction.

Each kind of record goes in with a few ``executemany`` statements (``insert(Model)`` with
``RETURNING`` for the new ids, grouped ``UPDATE`` by primary key), never one ORM flush per row; the
rows of a statement are made batch by batch as they are written (:data:`BATCH` at a time), never all
at once, so a 300,000-row file is written in the memory of a few thousand rows; the
audit log gets one entry per record, marked as an import by the session's ``audit_source``: new
records with one ``INSERT … SELECT`` per table (:func:`audit.record_inserts`, the JSON built by the
database), changed ones with their old → new values (:func:`audit.record`).

What the ORM derives is derived here by the same functions: versions (``models.next_version``),
sort keys (``rules.code_sort_key``), search text and outdated flags (``core.decision_texts``).
Versioned records are updated only over the version they were compared at, as the ORM does.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Connection, Enum, String, Table, bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from secretariat_app.core import audit
from secretariat_app.core.decision_texts import search_text
from secretariat_app.core.enums import ExecutorKind
from secretariat_app.core.errors import ConflictError
from secretariat_app.core.i18n import N_, _
from secretariat_app.core.models import (
    Assignment,
    Base,
    DeadlineChange,
    Decision,
    DecisionLink,
    DecisionText,
    Executor,
    Forum,
    ProgressEntry,
    ProgressNote,
    next_version,
    utcnow,
)
from secretariat_app.core.rules import code_sort_key
from secretariat_app.exchange.compare import Diff, Update
from secretariat_app.exchange.problems import ImportCancelled, ImportProblemsError, Problem
from secretariat_app.exchange.records import ExecutorRef, NoteParts, ProgressRecord

#: Rows made and written per statement: enough to keep the driver busy, few enough that only
#: these rows are ever held at once.
BATCH = 5_000
T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class Steps:
    """Reports progress after each batch and stops at the first batch after a cancel."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total, self.done = max(total, 1), 0
        self.progress, self.cancelled = progress, cancelled

    def advance(self, count: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        self.done = min(self.total, self.done + count)
        if self.progress is not None:
            self.progress(self.done, self.total)


def batches(rows: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """``rows`` in lists of ``size`` (default :data:`BATCH`), taken from the iterable as they are
    needed: a generator of rows is never held whole."""
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size or BATCH)):
        yield batch


def _plain_insert(session: Session, model: type[Base], rows: Iterable[dict[str, Any]], steps: Steps) -> None:
    """Insert rows whose ids nobody needs (texts, notes)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        _sqlite_insert(connection, _table(model), batches(rows), steps)
        return
    for batch in batches(rows):
        connection.execute(insert(_table(model)), batch)
        steps.advance(len(batch))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _insert(
    session: Session, model: type[Base], rows: Iterable[dict[str, Any]], steps: Steps
) -> Sequence[int]:
    """Insert ``rows`` (made as they are written) and return their new ids in the same order;
    audit each as an insert.

    Core statements on the session's connection: the ORM's bulk insert costs several times more
    per row, and these rows need none of its bookkeeping (nothing is loaded into the session).
    PostgreSQL hands the ids back in order with ``RETURNING`` in multi-row batches. SQLite cannot
    (SQLAlchemy would send one statement per row), so there the ids are given: an SQLite
    transaction that writes is the only writer, so the ids after the current largest are free.
    """
    table = _table(model)
    connection = session.connection()
    ids: Sequence[int]
    keys: list[str] = []
    if connection.dialect.name == "sqlite":
        start = int(connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        given = iter(range(start, 2**63))

        def numbered(batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row, new_id in zip(batch, given, strict=False):
                row["id"] = new_id
            return batch

        written = _sqlite_insert(connection, table, map(numbered, batches(rows)), steps, keys)
        ids = range(start, start + written)
    else:
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        returned: list[int] = []
        for batch in batches(rows):
            keys = keys or list(batch[0])
            returned.extend(connection.execute(statement, batch).scalars().all())
            steps.advance(len(batch))
        ids = returned
    if ids:
        audited = [key for key in keys if key not in _NOT_AUDITED]
        for inserted in _id_ranges(table, ids):
            audit.record_inserts(session, table, audited, inserted)
    return ids


def _id_ranges(table: Table, ids: Sequence[int]) -> Iterable[ColumnElement[bool]]:
    """Conditions that select exactly the new rows ``ids``: one range when the ids have no gaps
    (always on SQLite, where they are given), else batches of ids."""
    first, last = min(ids), max(ids)
    if last - first + 1 == len(ids):  # distinct ids filling the range are exactly the range
        yield table.c.id.between(first, last)
        return
    for batch in batches(ids):
        yield table.c.id.in_(batch)


def _sqlite_insert(
    connection: Connection,
    table: Table,
    row_batches: Iterable[list[dict[str, Any]]],
    steps: Steps,
    keys: list[str] | None = None,
) -> int:
    """``executemany`` straight to the driver: SQLAlchemy's per-row parameter processing would cost
    more than SQLite's own work on 10⁵ rows. Every row has the same keys, one per column written
    (put into ``keys`` when a list is given). Returns how many rows were written.

    Values are stored as SQLAlchemy stores them (the column types' own bind processors: dates and
    times as ISO text), converted column by column and once per distinct value: the times of an
    import are all the same, and dates repeat.
    """
    written = 0
    for batch in row_batches:
        if not written:
            names = list(batch[0])
            if keys is not None:
                keys[:] = names
            getter = itemgetter(*names)
            dialect = connection.dialect
            processors = {
                position: processor
                for position, key in enumerate(names)
                if (processor := table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) is not None
            }
            texts = [position for position, key in enumerate(names) if _is_text(table.c[key].type)]
            sql = "INSERT INTO {} ({}) VALUES ({})".format(
                table.name, ", ".join(table.c[k].name for k in names), ", ".join("?" for _ in names)
            )
        written += len(batch)
        params: list[Any] = list(map(getter, batch)) if len(names) > 1 else [(getter(r),) for r in batch]
        if processors or texts:
            columns = list(zip(*params, strict=True))
            for position, processor in processors.items():
                columns[position] = _processed(columns[position], processor)
            for position in texts:
                columns[position] = _transient(columns[position])
            params = list(zip(*columns, strict=True))
        connection.exec_driver_sql(sql, params)
        steps.advance(len(batch))
    return written


def _is_text(column_type: Any) -> bool:
    return isinstance(column_type, String) and not isinstance(column_type, Enum)


def _transient(values: Sequence[Any]) -> tuple[Any, ...]:
    """Texts to bind, as copies of the file's texts that die with the batch.

    The driver asks each text for its UTF-8 form, and Python keeps that form inside the text
    object for as long as it lives: the file's texts live until the import ends (the plan holds
    them), so binding them as they are would keep a second, UTF-8 copy of every Cyrillic text —
    some 90 MB for a 300,000-row file. ASCII texts have no second form."""
    return tuple(v.encode().decode() if type(v) is str and not v.isascii() else v for v in values)


def _processed(values: Sequence[Any], processor: Callable[[Any], Any]) -> tuple[Any, ...]:
    """``values`` through ``processor``, each distinct value once (None stays None)."""
    stored = {value: processor(value) for value in set(values) if value is not None}
    return tuple(map(stored.get, values))


def _update(session: Session, model: type[Base], rows: Iterable[dict[str, Any]], steps: Steps) -> None:
    """``UPDATE … WHERE id = ?`` for rows (made as they are written) grouped within each batch by
    the columns they set (``id`` in each row)."""
    table = _table(model)
    for batch in batches(rows):
        for columns, group in _grouped(batch).items():
            statement = (
                table.update()
                .where(table.c.id == bindparam("row_id"))
                .values({column: bindparam(f"new_{column}") for column in columns})
            )
            params = [{"row_id": r["id"], **{f"new_{c}": r[c] for c in columns}} for r in group]
            session.connection().execute(statement, params)
        steps.advance(len(batch))


def _update_versioned(session: Session, model: type[Base], updates: Sequence[Update], steps: Steps) -> None:
    """Write the changes of versioned records (forums, executors, decisions, assignments) as the
    ORM would: the next version from :func:`models.next_version`, and only over the version the
    file was compared against (``WHERE version = :compared``).

    A record another clerk saved or deleted since the comparison is a conflict at the file's row
    that asked for the change: nothing is written (the caller's transaction rolls back). Each
    batch runs in a savepoint, so the records at fault can be told by their versions before it.
    """
    table = _table(model)
    now = utcnow() if "updated_at" in table.c else None
    compared = {u.id: u for u in updates}
    rows = []
    for update in updates:
        row = {k: new for k, (_old, new) in update.changes.items() if k != "texts"}
        row.update(id=update.id, version=next_version(update.version))
        if now is not None:
            row["updated_at"] = now
        rows.append(row)
    for columns, group in _grouped(rows).items():
        statement = (
            table.update()
            .where(table.c.id == bindparam("row_id"), table.c.version == bindparam("compared_version"))
            .values({column: bindparam(f"new_{column}") for column in columns})
        )
        for batch in batches(group):
            params = [
                {"row_id": r["id"], "compared_version": compared[r["id"]].version, **{f"new_{c}": r[c] for c in columns}}
                for r in batch
            ]  # fmt: skip
            savepoint = session.begin_nested()
            written = session.connection().execute(statement, params).rowcount
            if written != len(params):
                savepoint.rollback()
                raise ImportProblemsError(_conflicts(session, table, [compared[r["id"]] for r in batch]))
            savepoint.commit()
            steps.advance(len(batch))


def _conflicts(session: Session, table: Table, updates: Sequence[Update]) -> list[Problem]:
    """The updates whose record no longer has the version they were compared against."""
    current = dict(
        session.connection()
        .execute(select(table.c.id, table.c.version).where(table.c.id.in_([u.id for u in updates])))
        .all()
    )
    return [
        Problem(
            update.sheet, update.row, "",
            ConflictError(N_("Another user changed or deleted this record after the file was checked.")),
        )
        for update in updates
        if current.get(update.id) != update.version
    ]  # fmt: skip


def _grouped(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    """Rows grouped by the columns they set besides ``id``: one statement per group."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(k for k in row if k != "id"))].append(row)
    return groups


#: Bookkeeping the audit entry itself already says (who, when) or that says nothing to a reader.
_NOT_AUDITED = frozenset(
    {"id", "version", "code_sort", "created_at", "updated_at", "entered_at", "entered_by", "changed_at"}
)


def _audit_updates(session: Session, table: str, updates: Iterable[Update]) -> None:
    audit.record(
        session,
        table,
        "update",
        ((u.id, {k: [old, new] for k, (old, new) in u.changes.items()}) for u in updates),
    )


def total_steps(diff: Diff) -> int:
    return (
        len(diff.new_agencies) + len(diff.new_forums) + len(diff.forum_updates)
        + len(diff.new_decisions) + len(diff.decision_updates) + len(diff.text_inserts)
        + sum(len(d.texts) for d in diff.new_decisions)
        + len(diff.text_updates) + len(diff.new_assignments) + len(diff.assignment_updates)
        + len(diff.new_progress) + len(diff.progress_updates)
    )  # fmt: skip


def write_diff(
    session: Session, diff: Diff, source: str, progress: Progress | None, cancelled: Cancelled | None
) -> None:
    # New ids go into copies: a plan whose writing was cancelled and rolled back can be applied
    # again. A file that adds no decisions adds no decision ids (no copy of a large mapping).
    diff = dataclasses.replace(
        diff,
        forum_ids=dict(diff.forum_ids),
        decision_ids=dict(diff.decision_ids) if diff.new_decisions else diff.decision_ids,
    )
    steps = Steps(total_steps(diff), progress, cancelled)
    steps.advance(0)
    agencies = _write_agencies(session, diff, steps)
    _write_forums(session, diff, steps)
    _write_decisions(session, diff, source, steps)
    executors = _executor_resolver(agencies)
    _write_assignments(session, diff, executors, steps)
    _write_progress(session, diff, executors, steps)


def _write_agencies(session: Session, diff: Diff, steps: Steps) -> dict[str, int]:
    rows = [
        {
            "kind": ExecutorKind.AGENCY.value, "code": None, "country": a.country, "region_kind": "",
            "name_ru": a.name_ru, "name_kk": a.name_kk, "name_en": a.name_en, "is_border": False,
            "version": next_version(None),
        }
        for a in diff.new_agencies
    ]  # fmt: skip
    ids = _insert(session, Executor, rows, steps) if rows else []
    return {a.name_ru.casefold(): i for a, i in zip(diff.new_agencies, ids, strict=True)}


def _executor_resolver(agencies: dict[str, int]) -> Callable[[ExecutorRef | None], int | None]:
    def resolve(ref: ExecutorRef | None) -> int | None:
        return agencies[ref] if isinstance(ref, str) else ref

    return resolve


def _write_forums(session: Session, diff: Diff, steps: Steps) -> None:
    rows = [{**f.values(), "notes": "", "version": next_version(None)} for f in diff.new_forums]
    if rows:
        ids = _insert(session, Forum, rows, steps)
        diff.forum_ids.update((f.number, i) for f, i in zip(diff.new_forums, ids, strict=True))
    _update_versioned(session, Forum, diff.forum_updates, steps)
    _audit_updates(session, Forum.__tablename__, diff.forum_updates)


def _write_decisions(session: Session, diff: Diff, source: str, steps: Steps) -> None:
    now = utcnow()
    rows = (
        {
            "forum_id": diff.forum_ids[d.forum], "code": d.code, "code_sort": code_sort_key(d.code),
            "sector_id": d.sector_id, "deadline": d.deadline, "own_status": d.own_status.value,
            "status": diff.derived[d.key], "created_at": now, "updated_at": now,
            "version": next_version(None),
        }
        for d in diff.new_decisions
    )  # fmt: skip
    new_ids: Sequence[int] = ()
    if diff.new_decisions:
        new_ids = _insert(session, Decision, rows, steps)
        diff.decision_ids.update(zip((d.key for d in diff.new_decisions), new_ids, strict=True))
    reason = _("Changed by import from {file}").format(file=source)
    deadline_changes = []
    for update in diff.decision_updates.values():
        if "deadline" in update.changes:
            old, new = update.changes["deadline"]
            deadline_changes.append(
                {
                    "decision_id": update.id, "old_deadline": old, "new_deadline": new, "reason": reason,
                    "changed_at": now, "changed_by": session.info.get("actor", ""),
                }
            )  # fmt: skip
    _update_versioned(session, Decision, list(diff.decision_updates.values()), steps)
    _audit_updates(session, Decision.__tablename__, diff.decision_updates.values())
    if deadline_changes:
        _insert(session, DeadlineChange, deadline_changes, steps)
    _write_texts(session, diff, new_ids, now, steps)
    _write_links(session, diff, steps)


def _write_texts(session: Session, diff: Diff, new_ids: Sequence[int], now: Any, steps: Steps) -> None:
    """The texts of the new decisions and the new texts of stored ones, then the changed ones."""

    def texts() -> Iterator[tuple[int, str, str]]:
        for decision_id, decision in zip(new_ids, diff.new_decisions, strict=True):
            for lang, text in decision.texts.items():
                yield decision_id, lang, text
        for key, lang, text in diff.text_inserts:
            yield diff.decision_ids[key], lang, text

    rows = (
        {
            "decision_id": decision_id, "lang": lang, "text": text, "folded": search_text(text),
            "outdated": False, "updated_at": now,
        }
        for decision_id, lang, text in texts()
    )  # fmt: skip
    _plain_insert(session, DecisionText, rows, steps)
    updates = (
        {"id": i, "text": t, "folded": search_text(t), "outdated": False, "updated_at": now}
        for i, t in diff.text_updates
    )
    _update(session, DecisionText, updates, steps)
    _update(session, DecisionText, ({"id": i, "outdated": True} for i in diff.texts_outdated), steps)


def _write_links(session: Session, diff: Diff, steps: Steps) -> None:
    """The links of the new decisions and the new links of stored ones, then the changed ones."""
    links = [(d.key, (link.forum, link.code), link.kind) for d in diff.new_decisions for link in d.links]
    links += diff.link_inserts
    rows = [
        {"decision_id": diff.decision_ids[key], "target_id": diff.decision_ids[target], "kind": kind}
        for key, target, kind in links
    ]
    if rows:
        _insert(session, DecisionLink, rows, steps)
    _update(session, DecisionLink, ({"id": i, "kind": k} for i, k in diff.link_updates), steps)


def _write_assignments(
    session: Session, diff: Diff, executor: Callable[[ExecutorRef | None], int | None], steps: Steps
) -> None:
    rows = (
        {
            "decision_id": diff.decision_ids[(a.forum, a.code)], "executor_id": executor(a.executor),
            "role": a.role.value, "status": a.status.value, "note": a.note, "version": next_version(None),
        }
        for a in diff.new_assignments
    )  # fmt: skip
    if diff.new_assignments:
        _insert(session, Assignment, rows, steps)
    _update_versioned(session, Assignment, diff.assignment_updates, steps)
    _audit_updates(session, Assignment.__tablename__, diff.assignment_updates)


def _note_rows(entries: Iterable[tuple[int, dict[str, NoteParts]]]) -> Iterator[dict[str, Any]]:
    """The notes of progress entries, per entry id, as rows of ``progress_note``."""
    for entry_id, notes in entries:
        for lang, (done, obstacles, steps) in notes.items():
            yield {
                "entry_id": entry_id,
                "lang": lang,
                "done": done,
                "obstacles": obstacles,
                "next_steps": steps,
            }


def _write_progress(
    session: Session, diff: Diff, executor: Callable[[ExecutorRef | None], int | None], steps: Steps
) -> None:
    actor, now = session.info.get("actor", ""), utcnow()
    records: list[ProgressRecord] = diff.new_progress
    rows = (
        {
            "decision_id": diff.decision_ids[(p.forum, p.code)], "executor_id": executor(p.executor),
            "entry_date": p.entry_date, "status": p.status.value if p.status else None,
            "letter_number": p.letter_number, "letter_date": p.letter_date, "entered_by": actor,
            "entered_at": now,
        }
        for p in records
    )  # fmt: skip
    ids: Sequence[int] = _insert(session, ProgressEntry, rows, steps) if records else ()
    notes: list[tuple[int, dict[str, NoteParts]]] = []
    updates = []
    changed_notes = []
    for update, record in diff.progress_updates:
        values = {k: new for k, (_old, new) in update.changes.items() if k != "notes"}
        if values:
            updates.append({"id": update.id, **values})
        if "notes" in update.changes:
            changed_notes.append(update.id)
            notes.append((update.id, record.notes))
    _update(session, ProgressEntry, updates, steps)
    _audit_updates(session, ProgressEntry.__tablename__, (u for u, _r in diff.progress_updates))
    for start in range(0, len(changed_notes), 500):
        session.execute(
            delete(ProgressNote).where(
                ProgressNote.entry_id.in_(changed_notes[start : start + 500]),
                ProgressNote.lang.in_(("ru", "kk")),
            )
        )
    new_notes = zip(ids, (record.notes for record in records), strict=True)
    _plain_insert(session, ProgressNote, _note_rows(itertools.chain(new_notes, notes)), Steps(0, None, None))
