"""One truth about who is late: on random databases, every place that speaks of an executor's late
and stalled decisions says the same, executor by executor, and agrees with the rules applied by
hand to the ORM objects (the oracle below)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from secretariat_app.cli.summary_command import summary_figures
from secretariat_app.core import rules
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.models import Assignment, Decision, Executor, Forum, ProgressEntry, Sector
from secretariat_app.core.services.dashboard_data import dashboard_data
from secretariat_app.core.services.decision_list import count_decisions, decision_ids
from secretariat_app.core.services.queries import DecisionFilter, as_of
from secretariat_app.core.services.report_data import progress_report_data, reminders_data
from secretariat_app.core.services.shared_settings import set_stalled_days
from secretariat_app.core.setup import seed_directories
from secretariat_app.exchange import export_decisions
from secretariat_app.exchange.executor_report import export_executor_report

AS_OF = dt.date(2026, 6, 1)
EXECUTOR_CODES = ("KZ-15", "KZ-27", "KZ-63", "RU-ORE", "RU-AST")

statuses = st.sampled_from(list(Status))
day = st.integers(min_value=-900, max_value=200).map(lambda n: AS_OF + dt.timedelta(days=n))
progress = st.tuples(
    st.one_of(st.none(), st.integers(0, len(EXECUTOR_CODES) - 1)), day, st.one_of(st.none(), statuses)
)
decision = st.fixed_dictionaries(
    {
        "forum": st.integers(0, 2),
        "own": statuses,
        "deadline": st.one_of(st.none(), day),
        "assigned": st.lists(
            st.tuples(st.integers(0, len(EXECUTOR_CODES) - 1), statuses), max_size=4, unique_by=lambda a: a[0]
        ),
        "progress": st.lists(progress, max_size=4),
    }
)
world = st.fixed_dictionaries(
    {"decisions": st.lists(decision, min_size=1, max_size=8), "stalled_days": st.sampled_from([30, 90, 180])}
)


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("property") / "empty.sqlite3"
    database = open_database(path, actor="tests")
    seed_directories(database)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


def _fill(database: Database, data: dict) -> None:
    with database.session() as session:
        set_stalled_days(session, data["stalled_days"])
        sector = session.scalars(select(Sector)).first()
        executors = [
            session.scalars(select(Executor).where(Executor.code == c)).one() for c in EXECUTOR_CODES
        ]
        forums = []
        starts = [AS_OF + dt.timedelta(days=n) for n in (-800, -400, -100, 60)]  # the 4th is planned
        for number, start in enumerate(starts, 1):
            forum = Forum(
                number=number,
                year=start.year,
                city_ru="Город",
                country="KZ",
                start_date=start,
                end_date=start,
            )
            session.add(forum)
            forums.append(forum)
        session.flush()
        for index, spec in enumerate(data["decisions"]):
            forum = forums[spec["forum"]]
            deadline = (
                spec["deadline"] if spec["deadline"] is None or spec["deadline"] >= forum.start_date else None
            )
            own = spec["own"].value
            assigned = [(executors[i], status.value) for i, status in spec["assigned"]]
            item = Decision(
                forum_id=forum.id,
                code=f"{index + 1}.1",
                code_sort=rules.code_sort_key(f"{index + 1}.1"),
                sector_id=sector.id,
                deadline=deadline,
                own_status=own,
                status=rules.decision_status(own, [status for _e, status in assigned]).value,
            )
            session.add(item)
            session.flush()
            for position, (executor, status) in enumerate(assigned):
                role = Role.LEAD if position == 0 else Role.CO_EXECUTOR
                session.add(
                    Assignment(decision_id=item.id, executor_id=executor.id, role=role.value, status=status)
                )
            for who, when, status in spec["progress"]:
                if when < forum.start_date or when > AS_OF:
                    continue
                session.add(
                    ProgressEntry(
                        decision_id=item.id,
                        executor_id=None if who is None else executors[who].id,
                        entry_date=when,
                        status=status.value if status else None,
                    )
                )


def _oracle(database: Database) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Late, stalled and live assignments per executor code, by the rules applied by hand."""
    late: Counter[str] = Counter()
    stalled: Counter[str] = Counter()
    live: Counter[str] = Counter()
    with database.reader() as session:
        threshold = as_of(session, AS_OF).stalled_since
        for item in session.scalars(select(Decision)):
            for assignment in item.assignments:
                code = assignment.executor.code or ""
                news = [
                    p.entry_date
                    for p in item.progress
                    if p.entry_date <= AS_OF and p.executor_id in (None, assignment.executor_id)
                ]
                if rules.is_live(item.status, assignment.status):
                    live[code] += 1
                if rules.days_late(item.deadline, item.status, assignment.status, AS_OF):
                    late[code] += 1
                if rules.is_executor_stalled(
                    item.status, assignment.status, item.forum.end_date, max(news, default=None), threshold
                ):
                    stalled[code] += 1
    return late, stalled, live


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=world)
def test_every_place_counts_the_same_late_and_stalled_executors(empty_template: Path, data: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite3"
        shutil.copy(empty_template, path)
        database = open_database(path, create=False, actor="tests")
        try:
            _fill(database, data)
            _check(database, Path(folder))
        finally:
            database.dispose()


def _check(database: Database, folder: Path) -> None:
    late, stalled, live = _oracle(database)
    with database.reader() as session:
        when = as_of(session, AS_OF)
        dashboard = dashboard_data(session, AS_OF)
        names = {e.id: e for e in session.scalars(select(Executor))}
        figures = summary_figures(dashboard, names)
        ids = {names[i].code: i for i in names}
        report = progress_report_data(session, 4, AS_OF)
        letters = reminders_data(session, 4, AS_OF)
        for code in EXECUTOR_CODES:
            by_executor = DecisionFilter(executor_ids=(ids[code],))
            listed_late = decision_ids(
                session, DecisionFilter(executor_ids=(ids[code],), overdue_only=True), when
            )
            listed_stalled = count_decisions(
                session, DecisionFilter(executor_ids=(ids[code],), stalled_only=True), when
            )
            assert len(listed_late) == late[code], code
            assert listed_stalled == stalled[code], code
            assert count_decisions(session, by_executor, when) >= live[code]
            region = progress_report_data(session, 4, AS_OF, region=code)
            assert (len(region.overdue), len(region.stalled)) == (late[code], stalled[code]), code
    tallies = {names[t.executor_id].code: t for t in dashboard.executors}
    summary = {row["code"]: row for row in figures["executors"]}
    scorecard = {names[t.executor_id].code: t for t in report.scorecard}
    letter = {names[r.executor_id].code: r for r in letters.reminders}
    for code in EXECUTOR_CODES:
        if code not in tallies:
            assert late[code] == stalled[code] == live[code] == 0
            assert code not in summary and code not in letter
            continue
        assert (tallies[code].late, tallies[code].stalled, tallies[code].live) == (
            late[code],
            stalled[code],
            live[code],
        )
        assert (summary[code]["late"], summary[code]["stalled"], summary[code]["live"]) == (
            late[code],
            stalled[code],
            live[code],
        )
        assert (scorecard[code].late, scorecard[code].stalled) == (late[code], stalled[code])
        in_letter = letter[code].decisions if code in letter else ()
        assert sum(letter[code].standing(d).late for d in in_letter) == late[code]
        assert sum(letter[code].standing(d).stalled for d in in_letter) == stalled[code]
    regions = {r.code: r.overdue for r in dashboard.top_overdue_regions}
    assert all(regions[code] == late[code] for code in regions)
    assert sum(side.overdue for side in dashboard.summary.by_side.values()) == sum(late.values())
    assert sum(side.stalled for side in dashboard.summary.by_side.values()) == sum(stalled.values())
    code = EXECUTOR_CODES[0]
    workbook_path = folder / "executor.xlsx"
    export_executor_report(database, code, workbook_path, when=AS_OF)
    sheet = load_workbook(workbook_path)["executor_report"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == live[code]
    assert sum(1 for r in rows if r[header.index("days_late")]) == late[code]
    assert sum(1 for r in rows if r[header.index("no_report_since")]) == stalled[code]
    exported = export_decisions(
        database,
        folder / "late.csv",
        DecisionFilter(executor_ids=(ids_of(database, code),), overdue_only=True),
        when=AS_OF,
    )
    assert exported.decisions == late[code]


def ids_of(database: Database, code: str) -> int:
    with database.reader() as session:
        return session.scalars(select(Executor.id).where(Executor.code == code)).one()


def test_a_decision_with_assignments_is_overdue_exactly_when_an_executor_is_late() -> None:
    """The decision-level rule agrees with the executor-level one for every combination."""
    deadline = dt.date(2026, 1, 1)
    for own in Status:
        for first in Status:
            for second in Status:
                status = rules.decision_status(own, [first, second])
                overdue = rules.is_overdue(deadline, status, AS_OF)
                late = any(rules.days_late(deadline, status, s, AS_OF) for s in (first, second))
                assert overdue == late, (own, first, second)
