"""Importing a file in two steps, so a window can show a preview before anything is written:
:func:`plan_import` reads and checks everything and counts what would change;
:func:`apply_import` writes it in one transaction, or nothing at all."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secretariat_app.core import faults
from secretariat_app.core.db import Database
from secretariat_app.core.errors import SerializationFailure
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import Assignment, AuditEntry, Decision, Forum
from secretariat_app.exchange.columns import EXECUTOR_REPORT, PROGRESS, WORKBOOK_SHEETS
from secretariat_app.exchange.compare import KINDS, Counts, Diff, compare
from secretariat_app.exchange.files import CSV_SUFFIXES, CsvOptions, RawSheet, read_file
from secretariat_app.exchange.meanwhile import changed_since_preview
from secretariat_app.exchange.parse import parse_sheets
from secretariat_app.exchange.problems import (
    ImportCancelled,
    ImportFileError,
    ImportProblemsError,
    Problem,
    file_problem,
    in_file_order,
)
from secretariat_app.exchange.records import ParsedFile
from secretariat_app.exchange.write import Cancelled, Progress, write_diff

_KNOWN_SHEETS = {spec.name for spec in WORKBOOK_SHEETS}


@dataclass
class ImportPlan:
    """What a file would change, and every problem found in it (then nothing can be applied)."""

    path: Path
    problems: list[Problem]
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    parsed: ParsedFile | None = None
    #: ``workbook``, ``csv`` or ``executor_report``.
    kind: str = "workbook"
    #: The comparison made for the preview, and the audit log's last entry when it was made: if
    #: nobody wrote since, applying reuses it instead of comparing the whole file again.
    diff: Diff | None = field(default=None, repr=False)
    audit_mark: int | None = None
    #: What is accepted but worth a look before importing; placed as problems are.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.parsed is not None

    @property
    def changes_anything(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values())


@dataclass(frozen=True)
class ImportSummary:
    """What an applied import added and updated, per kind of record."""

    counts: dict[str, Counts]


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a large file is read, checked and written.

    Those steps allocate millions of cells, tuples and records that live until the end, and the
    collector would traverse them again and again: over a second of a 20,000-decision import. They
    make no reference cycles worth collecting early; collection resumes as it was afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def plan_import(
    database: Database,
    path: str | os.PathLike[str],
    *,
    csv_options: CsvOptions | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    separate_process: bool = False,
) -> ImportPlan:
    """Read and check ``path`` against ``database`` without writing anything.

    With ``separate_process`` a workbook is read in a process of its own (:mod:`isolated`), so a
    reader that crashes cannot take the caller down: the window reads workbooks so. A CSV file is
    read by Python alone, in this process (its rows need not be copied across)."""
    with _cyclic_gc_paused():
        return _plan(database, Path(path), csv_options, progress, cancelled, separate_process)


def _plan(
    database: Database,
    path: Path,
    csv_options: CsvOptions | None,
    progress: Progress | None,
    cancelled: Cancelled | None,
    separate_process: bool,
) -> ImportPlan:
    steps = _Stages(progress, cancelled)
    kind = "csv" if path.suffix.lower() in CSV_SUFFIXES else "workbook"
    try:
        if separate_process and kind != "csv":  # CSV is read by Python alone: nothing to crash
            from secretariat_app.exchange.isolated import read_in_child

            read = read_in_child(path, csv_options, cancelled)
        else:
            read = read_file(path, csv_options)
        sheets = {sheet.name.strip().casefold(): sheet for sheet in read}
    except ImportFileError as error:
        return ImportPlan(path, [file_problem(error)], kind=kind)
    steps.next()
    if EXECUTOR_REPORT in sheets:
        kind = "executor_report"
    elif not _KNOWN_SHEETS & set(sheets):
        no_sheets = ImportFileError(
            N_("The workbook has none of the sheets {sheets}."),
            sheets=", ".join(spec.name for spec in WORKBOOK_SHEETS),
        )
        return ImportPlan(path, [file_problem(no_sheets)], kind=kind)
    for sheet in sheets.values():
        sheet.name = sheet.name.strip().casefold()
    problems: list[Problem] = []
    with database.reader() as session:
        parsed = _parse(session, sheets, problems, kind)
        steps.next()
        diff = compare(session, parsed, problems)
        mark = _audit_mark(session)
        steps.next()
    return ImportPlan(
        path,
        in_file_order(problems, sheets),
        diff.counts,
        parsed,
        kind,
        diff,
        mark,
        in_file_order(parsed.warnings, sheets),
    )


def _audit_mark(session: Session) -> int:
    """Every write through the app leaves an audit entry, so the last id tells whether any happened."""
    return int(session.scalar(select(func.max(AuditEntry.id))) or 0)


def _parse(session: Session, sheets: dict[str, RawSheet], problems: list[Problem], kind: str) -> ParsedFile:
    if kind == "executor_report":
        from secretariat_app.exchange.executor_report import parse_report

        return parse_report(session, sheets, problems)
    return parse_sheets(session, sheets, problems, from_csv=kind == "csv")


#: How often an import is tried again when PostgreSQL could not serialise it with another
#: user's transaction (each try compares again, so their save is seen, never overwritten).
SERIALIZATION_RETRIES = 3


def apply_import(
    database: Database,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportSummary:
    """Write a planned import in one transaction under a lock; any problem or a cancel writes nothing.

    The comparison and the writing happen in the same transaction, and no other user can write in
    between: on SQLite the transaction begins with ``BEGIN IMMEDIATE`` (the database's write lock,
    waited for up to the busy timeout); on PostgreSQL it is ``SERIALIZABLE`` and is tried again
    when the server cannot serialise it with a concurrent one. If anything was written since the
    preview, the file is compared again inside the transaction; a record another user saved or
    added meanwhile that the import would write is a located problem, and nothing is written.
    """
    if plan.problems or plan.parsed is None:
        raise ImportProblemsError(plan.problems)
    for attempt in range(SERIALIZATION_RETRIES + 1):
        try:
            return _apply_locked(database, plan, progress, cancelled)
        except SerializationFailure:
            if attempt == SERIALIZATION_RETRIES:
                raise
    raise AssertionError("unreachable")


def _apply_locked(
    database: Database, plan: ImportPlan, progress: Progress | None, cancelled: Cancelled | None
) -> ImportSummary:
    assert plan.parsed is not None
    with _cyclic_gc_paused(), database.session() as session:
        if not database.is_sqlite:
            session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
        session.info["audit_source"] = "import"
        diff = plan.diff
        # On SQLite the write lock is held, so an unchanged audit log proves nothing changed. On
        # PostgreSQL a transaction may commit with a lower audit id than one already seen, so
        # the file is always compared again there.
        if diff is None or not database.is_sqlite or plan.audit_mark != _audit_mark(session):
            problems: list[Problem] = []
            fresh = compare(session, plan.parsed, problems)
            if diff is not None:
                sheet = EXECUTOR_REPORT if plan.kind == "executor_report" else PROGRESS
                places = partial(_assignment_places, session)
                problems += changed_since_preview(diff, fresh, plan.parsed, places, sheet)
            if problems:
                raise ImportProblemsError(problems)
            diff = fresh
        if not database.is_sqlite:
            _lock_rows(session, diff)
        faults.checkpoint("import:compared")
        progress = _with_checkpoint_mid_write(progress)
        if plan.kind == "executor_report":
            from secretariat_app.exchange.executor_report import write_reports

            write_reports(session, diff, progress, cancelled)
        else:
            write_diff(session, diff, plan.path.name, progress, cancelled)
    return ImportSummary(diff.counts)


def _assignment_places(session: Session, ids: list[int]) -> dict[int, tuple[int, int]]:
    rows = session.execute(
        select(Assignment.id, Assignment.decision_id, Assignment.executor_id).where(Assignment.id.in_(ids))
    )
    return {row.id: (row.decision_id, row.executor_id) for row in rows}


def _with_checkpoint_mid_write(progress: Progress | None) -> Progress:
    """The progress callback, with the fault tests' point once some rows are written."""

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        if done > 0 and done < total:
            faults.checkpoint("import:writing")

    return report


def _lock_rows(session: Session, diff: Diff) -> None:
    """PostgreSQL: lock the rows the import will update (``SELECT … FOR UPDATE``), so a window
    save of one of them waits for the import and then meets the new version as a conflict."""
    for model, ids in (
        (Forum, [u.id for u in diff.forum_updates]),
        (Decision, list(diff.decision_updates)),
        (Assignment, [u.id for u in diff.assignment_updates]),
    ):
        for start in range(0, len(ids), _LOCK_BATCH):
            batch = ids[start : start + _LOCK_BATCH]
            session.execute(select(model.id).where(model.id.in_(batch)).with_for_update()).all()


_LOCK_BATCH = 1000


class _Stages:
    """Progress of planning: reading, checking, comparing."""

    TOTAL = 3

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.done, self.progress, self.cancelled = 0, progress, cancelled

    def next(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.TOTAL)
