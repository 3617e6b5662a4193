"""An import makes the checks the services make, and writes only over what it compared against."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from secretariat_app.core.db import Database
from secretariat_app.core.errors import ConflictError, ValidationError
from secretariat_app.core.models import (
    Assignment,
    AuditEntry,
    Decision,
    Executor,
    Forum,
    ProgressEntry,
)
from secretariat_app.core.services.decisions import AssignmentInput, get_decision, set_assignments
from secretariat_app.core.services.forums import ForumInput, update_forum
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.exchange import ImportProblemsError, apply_import, plan_import
from secretariat_app.exchange.write import write_diff
from tests.exchange_files import ASSIGNMENT_HEADER, FORUM_HEADER, write_xlsx


def _forum_row(forum: Forum, start: dt.date) -> list[object]:
    return [forum.number, None, forum.city_ru, forum.city_kk, forum.country, start, start, "", ""]


def _forum_input(forum: Forum, start: dt.date) -> ForumInput:
    return ForumInput(
        number=forum.number,
        city_ru=forum.city_ru,
        city_kk=forum.city_kk,
        country=forum.country,
        start_date=start,
        end_date=start,
    )


def _forum_six(database: Database) -> tuple[Forum, dt.date, dt.date]:
    """Forum VI of the demo, the earliest deadline of its decisions and the earliest report on them."""
    with database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.number == 6)).one()
        session.expunge(forum)
        deadline = session.scalar(select(func.min(Decision.deadline)).where(Decision.forum_id == forum.id))
        report = session.scalar(
            select(func.min(ProgressEntry.entry_date)).join(Decision).where(Decision.forum_id == forum.id)
        )
    assert deadline is not None and report is not None
    return forum, deadline, report


def _service_refusal(database: Database, forum: Forum, start: dt.date) -> ValidationError:
    with pytest.raises(ValidationError) as refused, database.session() as session:
        update_forum(session, forum.id, _forum_input(forum, start))
    return refused.value


@pytest.mark.parametrize("past", ["deadlines", "reports"])
def test_moving_a_forums_start_past_its_records_is_refused_by_import_as_by_the_editor(
    demo_database: Database, tmp_path: Path, past: str
) -> None:
    forum, deadline, _report = _forum_six(demo_database)
    if past == "deadlines":
        start = deadline + dt.timedelta(days=1)
    else:  # a report the day after the forum opened stands alone in the way of moving it by two days
        start = forum.start_date + dt.timedelta(days=2)
        assert start <= deadline
        with demo_database.session() as session:
            decision_id = session.scalars(select(Decision.id).where(Decision.forum_id == forum.id)).first()
            assert decision_id is not None
            add_progress_entry(
                session,
                decision_id,
                ProgressInput(forum.start_date + dt.timedelta(days=1), notes={"ru": NoteInput("Начато")}),
            )
    refusal = _service_refusal(demo_database, forum, start)
    path = write_xlsx(tmp_path / "forums.xlsx", {"forums": [FORUM_HEADER, _forum_row(forum, start)]})
    plan = plan_import(demo_database, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("forums", 2, "start_date")]
    assert plan.problems[0].error.msgid == refusal.msgid
    with pytest.raises(ImportProblemsError):
        apply_import(demo_database, plan)
    with demo_database.reader() as session:
        assert session.scalars(select(Forum.start_date).where(Forum.id == forum.id)).one() == forum.start_date


def test_a_forum_moved_but_still_before_its_deadlines_and_reports_is_imported(
    demo_database: Database, tmp_path: Path
) -> None:
    forum, deadline, report = _forum_six(demo_database)
    start = forum.start_date + dt.timedelta(days=1)
    assert start <= min(deadline, report)
    path = write_xlsx(tmp_path / "forums.xlsx", {"forums": [FORUM_HEADER, _forum_row(forum, start)]})
    apply_import(demo_database, plan_import(demo_database, path))
    with demo_database.reader() as session:
        stored = session.scalars(select(Forum).where(Forum.id == forum.id)).one()
        assert (stored.start_date, stored.version) == (start, forum.version + 1)


def _assignment_rows(database: Database, forum_number: int, count: int) -> list[list[object]]:
    """``count`` assignments of a forum's decisions, each with a status it does not have yet."""
    with database.reader() as session:
        found = session.execute(
            select(Decision.code, Assignment.status, Assignment.executor_id)
            .join(Assignment.decision)
            .join(Decision.forum)
            .where(Forum.number == forum_number)
            .order_by(Decision.code_sort, Assignment.id)
            .limit(count)
        ).all()
        rows: list[list[object]] = []
        for code, status, executor_id in found:
            executor = session.get(Executor, executor_id)
            assert executor is not None
            new_status = "no_info" if status != "no_info" else "partial"
            rows.append([forum_number, code, executor.code or executor.name_ru, "", new_status, ""])
    return rows


def test_a_record_another_clerk_saved_between_comparing_and_writing_stops_the_whole_import(
    demo_database: Database, tmp_path: Path
) -> None:
    forum, _deadline, _report = _forum_six(demo_database)
    assignments = _assignment_rows(demo_database, 6, 3)
    path = write_xlsx(
        tmp_path / "changes.xlsx",
        {
            "forums": [FORUM_HEADER, [6, None, "Новый город", "Жаңа қала", *_forum_row(forum, forum.start_date)[4:]]],
            "assignments": [ASSIGNMENT_HEADER, *assignments],
        },
    )  # fmt: skip
    plan = plan_import(demo_database, path)
    assert plan.ok and plan.diff is not None
    assert (plan.counts["forums"].updated, plan.counts["assignments"].updated) == (1, 3)
    with demo_database.reader() as session:
        audit_before = session.scalar(select(func.max(AuditEntry.id)))
        statuses_before = session.execute(select(Assignment.id, Assignment.status)).all()
    # Another clerk saves forum VI (its end date) after the file was compared, before it is written.
    with demo_database.session() as session:
        moved = dataclasses.replace(_forum_input(forum, forum.start_date), end_date=forum.end_date)
        moved.theme_ru = "Тема другого секретаря"
        update_forum(session, forum.id, moved, expected_version=forum.version)
    with pytest.raises(ImportProblemsError) as refused, demo_database.session() as session:
        session.info["audit_source"] = "import"
        write_diff(session, plan.diff, path.name, None, None)
    assert [(p.sheet, p.row) for p in refused.value.problems] == [("forums", 2)]
    assert isinstance(refused.value.problems[0].error, ConflictError)
    with demo_database.reader() as session:  # nothing of the file was written, not even the assignments
        stored = session.scalars(select(Forum).where(Forum.id == forum.id)).one()
        assert (stored.city_ru, stored.theme_ru) == (forum.city_ru, "Тема другого секретаря")
        assert session.execute(select(Assignment.id, Assignment.status)).all() == statuses_before
        assert session.scalar(select(func.max(AuditEntry.id))) == audit_before + 1  # the clerk's save only


def test_an_assignment_changed_meanwhile_is_a_conflict_at_its_row(
    demo_database: Database, tmp_path: Path
) -> None:
    assignments = _assignment_rows(demo_database, 6, 3)
    path = write_xlsx(tmp_path / "assignments.xlsx", {"assignments": [ASSIGNMENT_HEADER, *assignments]})
    plan = plan_import(demo_database, path)
    assert plan.diff is not None and len(plan.diff.assignment_updates) == 3
    _forum, code, executor_code = assignments[1][:3]  # the file's row 3
    with demo_database.session() as session:  # another clerk adds a note to that assignment meanwhile
        decision = session.scalars(
            select(Decision).join(Decision.forum).where(Forum.number == 6, Decision.code == code)
        ).one()
        decision = get_decision(session, decision.id)
        wanted = [
            AssignmentInput(
                a.executor_id, a.role, a.status,
                "уточнено" if (a.executor.code or a.executor.name_ru) == executor_code else a.note,
            )
            for a in decision.assignments
        ]  # fmt: skip
        set_assignments(session, decision.id, wanted)
    with pytest.raises(ImportProblemsError) as refused, demo_database.session() as session:
        write_diff(session, plan.diff, path.name, None, None)
    assert [(p.sheet, p.row) for p in refused.value.problems] == [("assignments", 3)]
