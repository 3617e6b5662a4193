"""Progress entries: the dated history of what the executors reported on a decision."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secretariat_app.core.audit import record
from secretariat_app.core.enums import TEXT_LANGUAGES, Status
from secretariat_app.core.errors import NotFoundError, ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import AuditEntry, Decision, ProgressEntry, ProgressNote, utcnow
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decisions import get_decision, refresh_status
from secretariat_app.core.validation import (
    MAX_TEXT_LENGTH,
    check_report_date,
    check_reporter_assigned,
    clean_text,
    limit_length,
    parse_date,
    parse_status,
)

NOTE_PARTS = ("done", "obstacles", "next_steps")
#: the audit log's actions for a report corrected or removed (logged on its decision)
AMENDMENTS = ("correct", "remove")


@dataclass
class NoteInput:
    done: str = ""
    obstacles: str = ""
    next_steps: str = ""


@dataclass
class ProgressInput:
    entry_date: dt.date | str
    status: Status | str | None = None
    executor_id: int | None = None
    notes: Mapping[str, NoteInput] = field(default_factory=dict)
    letter_number: str = ""
    letter_date: dt.date | str | None = None


@dataclass(frozen=True)
class ValidProgress:
    """A report as it will be stored: cleaned texts, parsed dates and status."""

    entry_date: dt.date
    status: Status | None
    executor_id: int | None
    notes: dict[str, dict[str, str]]  # lang -> done / obstacles / next_steps
    letter_number: str
    letter_date: dt.date | None


def validated_progress(data: ProgressInput, forum_start: dt.date, assigned: Collection[int]) -> ValidProgress:
    """Check a report before it is stored (and in the dialog, before it is accepted): a date on or
    after the forum, a named executor that is assigned, and a new status or a note."""
    entry_date = parse_date("entry_date", data.entry_date, required=True)
    assert entry_date is not None
    check_report_date(entry_date, forum_start)
    letter_date = parse_date("letter_date", data.letter_date)
    status = parse_status("status", data.status) if data.status else None
    if data.executor_id is not None:
        check_reporter_assigned(data.executor_id in assigned)
    notes: dict[str, dict[str, str]] = {}
    for lang, note in data.notes.items():
        if lang not in TEXT_LANGUAGES:
            raise ValidationError("notes", N_("Unknown language: {value}."), value=lang)
        parts = {
            name: limit_length(f"{name}_{lang}", clean_text(getattr(note, name)), MAX_TEXT_LENGTH)
            for name in NOTE_PARTS
        }
        if any(parts.values()):
            notes[lang] = parts
    if status is None and not notes:
        raise ValidationError("notes", N_("A report needs a new status or a note."))
    letter_number = limit_length("letter_number", clean_text(data.letter_number), 200)
    return ValidProgress(entry_date, status, data.executor_id, notes, letter_number, letter_date)


def check_removal_reason(reason: str) -> str:
    """A removed report leaves a reason in the audit log: it is required."""
    cleaned = limit_length("reason", clean_text(reason), MAX_TEXT_LENGTH)
    if not cleaned:
        raise ValidationError("reason", N_("Say why the entry is removed."))
    return cleaned


def add_progress_entry(
    session: Session, decision_id: int, data: ProgressInput
) -> tuple[ProgressEntry, Changes]:
    """Record a report. Its status, if any, becomes the status of the executor's assignment (or of
    the decision as a whole when no executor is named), unless a later report already set one."""
    decision = get_decision(session, decision_id)
    valid = validated_progress(data, decision.forum.start_date, [a.executor_id for a in decision.assignments])
    entry = ProgressEntry(
        entry_date=valid.entry_date,
        status=valid.status,
        executor_id=valid.executor_id,
        letter_number=valid.letter_number,
        letter_date=valid.letter_date,
        entered_by=session.info.get("actor", ""),
        entered_at=utcnow(),
    )
    entry.notes = {lang: ProgressNote(lang=lang, **parts) for lang, parts in valid.notes.items()}
    latest = _latest_status_date(decision, valid.executor_id)
    decision.progress.append(entry)
    if valid.status is not None and (latest is None or valid.entry_date >= latest):
        _set_status(decision, valid.executor_id, valid.status)
    refresh_status(decision)
    decision.updated_at = utcnow()
    session.flush()
    return entry, Changes().add("created", "progress_entry", entry.id).add("updated", "decision", decision.id)


def correct_progress_entry(session: Session, decision_id: int, entry_id: int, data: ProgressInput) -> Changes:
    """Correct a report in place. The audit log keeps what it said before (the editor's history
    shows it). When the report set its executor's current status, the status follows the latest
    report with a status once corrected."""
    decision = get_decision(session, decision_id)
    entry = _entry_of(decision, entry_id)
    valid = validated_progress(data, decision.forum.start_date, [a.executor_id for a in decision.assignments])
    before = entry_values(entry)
    concerned = {entry.executor_id, valid.executor_id}
    setters = {executor_id: _latest_status_entry(decision, executor_id) for executor_id in concerned}
    entry.entry_date, entry.status, entry.executor_id = valid.entry_date, valid.status, valid.executor_id
    entry.letter_number, entry.letter_date = valid.letter_number, valid.letter_date
    for lang in set(entry.notes) - set(valid.notes):
        del entry.notes[lang]
    for lang, parts in valid.notes.items():
        note = entry.notes.get(lang)
        if note is None:
            entry.notes[lang] = ProgressNote(lang=lang, **parts)
        else:
            note.done, note.obstacles, note.next_steps = (
                parts["done"],
                parts["obstacles"],
                parts["next_steps"],
            )
    after = entry_values(entry)
    if after == before:
        return Changes()
    record(
        session, "decision", "correct", [(decision.id, {"entry": entry.id, "before": before, "after": after})]
    )
    for executor_id in concerned:
        if setters[executor_id] is entry or _latest_status_entry(decision, executor_id) is entry:
            _follow_latest_report(decision, executor_id)
    refresh_status(decision)
    decision.updated_at = utcnow()
    session.flush()
    return Changes().add("updated", "progress_entry", entry.id).add("updated", "decision", decision.id)


def remove_progress_entry(session: Session, decision_id: int, entry_id: int, reason: str) -> Changes:
    """Remove a report, with a reason the audit log keeps beside what the report said. When it set
    its executor's current status, the status follows the latest remaining report with a status
    (and stays as it is when none is left)."""
    decision = get_decision(session, decision_id)
    entry = _entry_of(decision, entry_id)
    why = check_removal_reason(reason)
    was_setter = _latest_status_entry(decision, entry.executor_id) is entry
    record(
        session,
        "decision",
        "remove",
        [(decision.id, {"entry": entry.id, "reason": why, "before": entry_values(entry)})],
    )
    decision.progress.remove(entry)
    if was_setter:
        _follow_latest_report(decision, entry.executor_id)
    refresh_status(decision)
    decision.updated_at = utcnow()
    session.flush()
    return Changes().add("deleted", "progress_entry", entry_id).add("updated", "decision", decision.id)


def entry_values(entry: ProgressEntry) -> dict[str, Any]:
    """What a report says, as plain JSON values (for the audit log and for showing it again)."""
    return {
        "entry_date": entry.entry_date.isoformat(),
        "status": Status(entry.status).value if entry.status else None,
        "executor_id": entry.executor_id,
        "letter_number": entry.letter_number,
        "letter_date": entry.letter_date.isoformat() if entry.letter_date else None,
        "notes": {
            lang: [note.done, note.obstacles, note.next_steps] for lang, note in sorted(entry.notes.items())
        },
    }


@dataclass(frozen=True)
class Amendment:
    """A correction or a removal of one of a decision's reports, read back from the audit log."""

    entry_id: int
    action: str  # "correct" or "remove"
    at: dt.datetime
    actor: str
    before: dict[str, Any]
    reason: str


def amendments(session: Session, decision_id: int) -> list[Amendment]:
    """The corrections and removals of a decision's reports, oldest first. They are logged on the
    decision (the audit log's index on table and record finds them at once), naming the entry."""
    rows = session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.table_name == "decision",
            AuditEntry.record_id == decision_id,
            AuditEntry.action.in_(AMENDMENTS),
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    found = []
    for row in rows:
        changes = json.loads(row.changes)
        found.append(
            Amendment(
                int(changes.get("entry", 0)),
                row.action,
                row.at,
                row.actor,
                changes.get("before", {}),
                changes.get("reason", ""),
            )
        )
    return found


def _entry_of(decision: Decision, entry_id: int) -> ProgressEntry:
    entry = next((e for e in decision.progress if e.id == entry_id), None)
    if entry is None:
        raise NotFoundError(N_("The progress entry no longer exists."))
    return entry


def _set_status(decision: Decision, executor_id: int | None, status: Status) -> None:
    """A report's status becomes its executor's status (the decision's own when none is named)."""
    assignment = next((a for a in decision.assignments if a.executor_id == executor_id), None)
    if executor_id is None:
        decision.own_status = status
    elif assignment is not None:
        assignment.status = status


def _latest_status_entry(decision: Decision, executor_id: int | None) -> ProgressEntry | None:
    reports = [e for e in decision.progress if e.status is not None and e.executor_id == executor_id]
    return max(reports, key=lambda e: (e.entry_date, e.id or 0), default=None)


def _follow_latest_report(decision: Decision, executor_id: int | None) -> None:
    latest = _latest_status_entry(decision, executor_id)
    if latest is not None and latest.status is not None:
        _set_status(decision, executor_id, Status(latest.status))


def _latest_status_date(decision: Decision, executor_id: int | None) -> dt.date | None:
    dates = [e.entry_date for e in decision.progress if e.status is not None and e.executor_id == executor_id]
    return max(dates) if dates else None


def history(session: Session, decision_id: int) -> list[ProgressEntry]:
    """A decision's reports, oldest first."""
    return list(
        session.scalars(
            select(ProgressEntry)
            .where(ProgressEntry.decision_id == decision_id)
            .options(selectinload(ProgressEntry.notes), selectinload(ProgressEntry.executor))
            .order_by(ProgressEntry.entry_date, ProgressEntry.id)
        )
    )
