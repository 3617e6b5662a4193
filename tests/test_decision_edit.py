"""One edit of a decision as one unit of work, and progress entries corrected and removed through
the audit log, on real databases (no Qt)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from secretariat_app.core.db import Database
from secretariat_app.core.enums import LinkKind, Role, Status
from secretariat_app.core.errors import ConflictError, NotFoundError, ValidationError
from secretariat_app.core.models import AuditEntry, DecisionLink, ProgressEntry
from secretariat_app.core.services.decision_edit import DecisionEdit, LinkChange, save_decision_edit
from secretariat_app.core.services.decision_snapshot import load_snapshot
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    create_decision,
    decision_by_code,
    get_decision,
    update_decision,
)
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import ForumInput, create_forum
from secretariat_app.core.services.progress import (
    NoteInput,
    ProgressInput,
    add_progress_entry,
    amendments,
    correct_progress_entry,
    remove_progress_entry,
)

START = dt.date(2010, 9, 9)


def _decision(database: Database) -> tuple[int, int]:
    """A decision of a new forum with one executor; returns its id and the executor's."""
    with database.session() as session:
        forum, _ = create_forum(
            session, ForumInput(number=7, city_ru="Омск", city_kk="Омбы", country="RU", start_date=START)
        )
        executor = find_executor(session, "RU-ORE").id
        decision, _ = create_decision(
            session,
            DecisionInput(forum.id, "1.1", {"ru": "Создать секретариат"}),
            [AssignmentInput(executor, Role.LEAD)],
        )
        return decision.id, executor


def _report(day: int, status: Status | None, executor: int | None, done: str = "") -> ProgressInput:
    return ProgressInput(
        dt.date(2011, 1, day), status, executor, {"ru": NoteInput(done=done or f"Отчёт {day}")}
    )


def _status(database: Database, decision_id: int, executor: int) -> str:
    with database.reader() as session:
        return next(
            a.status for a in get_decision(session, decision_id).assignments if a.executor_id == executor
        )


def test_a_correction_keeps_the_old_entry_in_the_audit_log_and_moves_the_status(database: Database) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        entry, _ = add_progress_entry(
            session, decision_id, _report(5, Status.IN_PROGRESS, executor, "Начато")
        )
        entry_id = entry.id
    with database.session() as session:
        correct_progress_entry(
            session, decision_id, entry_id, _report(5, Status.IMPLEMENTED, executor, "Завершено")
        )
    assert _status(database, decision_id, executor) == Status.IMPLEMENTED.value
    with database.reader() as session:
        found = amendments(session, decision_id)
        assert session.get(ProgressEntry, entry_id).notes["ru"].done == "Завершено"  # type: ignore[union-attr]
    assert [(a.entry_id, a.action) for a in found] == [(entry_id, "correct")]
    assert found[0].before["notes"]["ru"][0] == "Начато" and found[0].before["status"] == "in_progress"
    snapshot = load_snapshot(database, decision_id)
    assert snapshot.amendments[0].before.notes["ru"][0] == "Начато"


def test_a_correction_that_changes_nothing_is_not_logged(database: Database) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        entry, _ = add_progress_entry(session, decision_id, _report(5, None, executor))
        changes = correct_progress_entry(session, decision_id, entry.id, _report(5, None, executor))
        assert not changes
        assert amendments(session, decision_id) == []


def test_removing_the_latest_report_gives_the_status_back_to_the_one_before(database: Database) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        add_progress_entry(session, decision_id, _report(5, Status.IN_PROGRESS, executor))
        latest, _ = add_progress_entry(session, decision_id, _report(9, Status.IMPLEMENTED, executor))
        latest_id = latest.id
    with database.session() as session, pytest.raises(ValidationError):
        remove_progress_entry(session, decision_id, latest_id, "   ")  # a reason is required
    with database.session() as session:
        remove_progress_entry(session, decision_id, latest_id, "Письмо относится к другому решению")
    assert _status(database, decision_id, executor) == Status.IN_PROGRESS.value
    with database.reader() as session:
        assert session.get(ProgressEntry, latest_id) is None
        removal = session.scalars(select(AuditEntry).where(AuditEntry.action == "remove")).one()
    assert json.loads(removal.changes)["reason"] == "Письмо относится к другому решению"
    with database.session() as session, pytest.raises(NotFoundError):
        remove_progress_entry(session, decision_id, latest_id, "ещё раз")


def test_one_edit_writes_all_its_parts_or_none(database: Database) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        forum, _ = create_forum(
            session,
            ForumInput(
                number=6, city_ru="Оренбург", city_kk="Орынбор", country="RU", start_date=dt.date(2009, 9, 9)
            ),
        )
        earlier = create_decision(session, DecisionInput(forum.id, "2.2", {"ru": "Раньше"}))[0].id
        decision = get_decision(session, decision_id)
        version, forum_id = decision.version, decision.forum_id
    edit = DecisionEdit(
        decision=DecisionInput(forum_id, "1.1", {"ru": "Новый текст"}),
        assignments=[AssignmentInput(executor, Role.LEAD)],
        decision_id=decision_id,
        expected_version=version,
        new_progress=[
            _report(3, Status.IN_PROGRESS, executor),
            _report(4, None, 10**6),
        ],  # the second is refused
        new_links=[LinkChange(None, earlier, LinkKind.CONFIRMS)],
    )
    with pytest.raises(ValidationError), database.session() as session:
        save_decision_edit(session, edit)
    with database.reader() as session:
        decision = get_decision(session, decision_id)
        assert decision.text("ru") == "Создать секретариат" and not decision.progress and not decision.links

    edit.new_progress = edit.new_progress[:1]
    with database.session() as session:
        save_decision_edit(session, edit)
    with database.reader() as session:
        decision = get_decision(session, decision_id)
        assert decision.text("ru") == "Новый текст" and len(decision.progress) == 1
        assert [link.target_id for link in decision.links] == [earlier]
        assert decision.assignments[0].status == Status.IN_PROGRESS.value


def test_an_edit_after_another_clerks_save_is_a_conflict_and_writes_nothing(database: Database) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        decision = get_decision(session, decision_id)
        version, forum_id = decision.version, decision.forum_id
        update_decision(session, decision_id, DecisionInput(forum_id, "1.1", {"ru": "Другой секретарь"}))
    edit = DecisionEdit(
        decision=DecisionInput(forum_id, "1.1", {"ru": "Мой текст"}),
        assignments=[AssignmentInput(executor, Role.LEAD)],
        decision_id=decision_id,
        expected_version=version,
        new_progress=[_report(3, Status.IN_PROGRESS, executor)],
    )
    with pytest.raises(ConflictError), database.session() as session:
        save_decision_edit(session, edit)
    with database.reader() as session:
        decision = get_decision(session, decision_id)
        assert decision.text("ru") == "Другой секретарь" and not decision.progress


def test_a_new_decision_is_saved_with_its_report_and_a_link_removed_from_an_older_one(
    database: Database,
) -> None:
    decision_id, executor = _decision(database)
    with database.session() as session:
        forum_id = get_decision(session, decision_id).forum_id
        other, _ = create_decision(session, DecisionInput(forum_id, "1.2", {"ru": "Второе"}))
        other_id = other.id
        session.add(DecisionLink(decision_id=other_id, target_id=decision_id, kind=LinkKind.CONFIRMS))
    edit = DecisionEdit(
        decision=DecisionInput(forum_id, "1.3", {"kk": "Жаңа шешім"}),
        assignments=[AssignmentInput(executor, Role.LEAD)],
        new_progress=[_report(2, Status.IN_PROGRESS, executor)],
        removed_links=[LinkChange(other_id, decision_id)],
    )
    with database.session() as session:
        new_id, _changes = save_decision_edit(session, edit)
    with database.reader() as session:
        assert len(decision_by_code(session, 7, "1.3").progress) == 1
        assert get_decision(session, new_id).status == Status.IN_PROGRESS.value
        assert not get_decision(session, other_id).links
