"""Progress entries: the dated history of what the executors reported on a decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secretariat_app.core.enums import TEXT_LANGUAGES, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import Decision, ProgressEntry, ProgressNote, utcnow
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


def add_progress_entry(
    session: Session, decision_id: int, data: ProgressInput
) -> tuple[ProgressEntry, Changes]:
    """Record a report. Its status, if any, becomes the status of the executor's assignment (or of
    the decision as a whole when no executor is named), unless a later report already set one."""
    decision = get_decision(session, decision_id)
    entry_date = parse_date("entry_date", data.entry_date, required=True)
    assert entry_date is not None
    check_report_date(entry_date, decision.forum.start_date)
    letter_date = parse_date("letter_date", data.letter_date)
    status = parse_status("status", data.status) if data.status else None
    assignment = None
    if data.executor_id is not None:
        assignment = next((a for a in decision.assignments if a.executor_id == data.executor_id), None)
        check_reporter_assigned(assignment is not None)
    notes: dict[str, ProgressNote] = {}
    for lang, note in data.notes.items():
        if lang not in TEXT_LANGUAGES:
            raise ValidationError("notes", N_("Unknown language: {value}."), value=lang)
        parts = {
            name: limit_length(f"{name}_{lang}", clean_text(getattr(note, name)), MAX_TEXT_LENGTH)
            for name in ("done", "obstacles", "next_steps")
        }
        if any(parts.values()):
            notes[lang] = ProgressNote(lang=lang, **parts)
    if status is None and not notes:
        raise ValidationError("notes", N_("A report needs a new status or a note."))
    entry = ProgressEntry(
        entry_date=entry_date,
        status=status,
        executor_id=data.executor_id,
        letter_number=limit_length("letter_number", clean_text(data.letter_number), 200),
        letter_date=letter_date,
        entered_by=session.info.get("actor", ""),
        entered_at=utcnow(),
    )
    entry.notes = notes
    latest = _latest_status_date(decision, data.executor_id)
    decision.progress.append(entry)
    if status is not None and (latest is None or entry_date >= latest):
        if assignment is not None:
            assignment.status = status
        else:
            decision.own_status = status
    refresh_status(decision)
    decision.updated_at = utcnow()
    session.flush()
    return entry, Changes().add("created", "progress_entry", entry.id).add("updated", "decision", decision.id)


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
