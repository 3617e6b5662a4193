"""The dashboard's groupings agree with the decisions themselves (core only, no Qt)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from secretariat_app.core import rules
from secretariat_app.core.enums import Country, ExecutorKind
from secretariat_app.core.models import Decision, Executor, Forum
from secretariat_app.core.services.dashboard_data import dashboard_data, decisions_per_executor
from tests.conftest import DEMO_TODAY


def test_regions_are_ranked_by_the_decisions_they_are_late_on(demo_sqlite):
    """Counted from the ORM objects with the executor-level rule: an executor that has finished
    its part of an overdue decision is not late on it."""
    with demo_sqlite.reader() as session:
        data = dashboard_data(session, DEMO_TODAY)
        late: Counter[int] = Counter()
        finished_on_overdue = 0
        for decision in session.scalars(select(Decision)):
            for assignment in decision.assignments:
                if session.get(Executor, assignment.executor_id).kind != ExecutorKind.REGION:
                    continue
                if rules.days_late(decision.deadline, decision.status, assignment.status, DEMO_TODAY):
                    late[assignment.executor_id] += 1
                elif rules.is_overdue(decision.deadline, decision.status, DEMO_TODAY):
                    finished_on_overdue += 1
    ranked = data.top_overdue_regions
    assert finished_on_overdue > 0  # the demo has partners who finished while another is late
    assert len(ranked) == min(10, len(late))
    assert all(region.overdue == late[region.executor_id] for region in ranked)
    assert [region.overdue for region in ranked] == sorted((r.overdue for r in ranked), reverse=True)
    regions_in_summary_order = [
        t.executor_id for t in data.executors if t.executor_id in {r.executor_id for r in ranked}
    ]
    assert [r.executor_id for r in ranked] == regions_in_summary_order  # ties: most days late first
    assert ranked[0].overdue == max(late.values())


def test_due_before_the_next_forum_lists_exactly_the_open_decisions_in_between(demo_sqlite):
    with demo_sqlite.reader() as session:
        data = dashboard_data(session, DEMO_TODAY)
        assert data.next_forum is not None
        start = data.next_forum.start_date
        expected = {
            decision.id
            for decision in session.scalars(select(Decision))
            if decision.deadline is not None
            and DEMO_TODAY <= decision.deadline <= start
            and rules.is_open(decision.status)
        }
        next_number = session.scalars(select(Forum.number).where(Forum.start_date > DEMO_TODAY)).first()
    assert {fact.id for fact in data.due_before_next} == expected
    assert data.next_forum.number == next_number


def test_each_side_lists_the_executors_of_its_country(demo_sqlite):
    with demo_sqlite.reader() as session:
        data = dashboard_data(session, DEMO_TODAY)
        assigned = decisions_per_executor(session)
        for side, ids in data.executor_ids_by_side.items():
            assert ids
            for executor_id in ids:
                assert session.get(Executor, executor_id).country == side.value
                assert assigned[executor_id] > 0
    assert set(data.executor_ids_by_side) == set(Country)
