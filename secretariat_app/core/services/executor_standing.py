"""What the rules say of each executor's assignments as of a date, and per executor in sum.

This is the one place that applies the executor-level rules of :mod:`core.rules` (live, late,
stalled) to stored assignments: the dashboard, ``summary``, the reports, the reminder letters and
the executor workbook all count from here, so they cannot disagree. (Filters that must stay in SQL
for long lists use the rules' SQL forms; a test checks the two against each other.)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.models import Assignment, ProgressEntry
from secretariat_app.core.services.queries import AsOf, DecisionFacts


@dataclass(frozen=True, slots=True)
class AssignmentStanding:
    """One executor's assignment to one decision, as the rules see it on ``AsOf.date``."""

    decision_id: int
    executor_id: int
    role: Role
    status: Status
    live: bool
    days_late: int
    stalled: bool
    #: The latest progress entry from this executor or from nobody in particular.
    last_news_on: dt.date | None

    @property
    def late(self) -> bool:
        return self.days_late > 0


def assignment_standings(
    session: Session, facts: Iterable[DecisionFacts], when: AsOf
) -> dict[int, list[AssignmentStanding]]:
    """Per decision of ``facts``, its assignments in the order they were made (two queries)."""
    by_id = {fact.id: fact for fact in facts}
    if not by_id:
        return {}
    ids = list(by_id)
    news: dict[tuple[int, int | None], dt.date] = {}
    for decision_id, executor_id, last_on in session.execute(
        select(ProgressEntry.decision_id, ProgressEntry.executor_id, func.max(ProgressEntry.entry_date))
        .where(ProgressEntry.decision_id.in_(ids))
        .group_by(ProgressEntry.decision_id, ProgressEntry.executor_id)
    ):
        news[(decision_id, executor_id)] = last_on
    standings: dict[int, list[AssignmentStanding]] = defaultdict(list)
    for decision_id, executor_id, role, status_value in session.execute(
        select(Assignment.decision_id, Assignment.executor_id, Assignment.role, Assignment.status)
        .where(Assignment.decision_id.in_(ids))
        .order_by(Assignment.decision_id, Assignment.id)
    ):
        fact = by_id[decision_id]
        status = Status(status_value)
        last_news = rules.latest(news.get((decision_id, executor_id)), news.get((decision_id, None)))
        standings[decision_id].append(
            AssignmentStanding(
                decision_id=decision_id,
                executor_id=executor_id,
                role=Role(role),
                status=status,
                live=rules.is_live(fact.status, status),
                days_late=rules.days_late(fact.deadline, fact.status, status, when.date),
                stalled=rules.is_executor_stalled(
                    fact.status, status, fact.adopted_on, last_news, when.stalled_since
                ),
                last_news_on=last_news,
            )
        )
    return standings


@dataclass
class ExecutorTally:
    """One executor's record over a selection of decisions, counted on its own assignments."""

    executor_id: int
    assigned: int = 0
    live: int = 0
    late: int = 0
    stalled: int = 0
    max_days_late: int = 0
    #: the sum of the days late over its late assignments (ranks two executors late as often)
    days_late: int = 0
    implemented: int = 0
    in_progress: int = 0
    #: assignments that ask for action (not cancelled, not for information)
    actionable: int = 0

    @property
    def implemented_share(self) -> float:
        return self.implemented / self.actionable if self.actionable else 0.0

    def add(self, standing: AssignmentStanding) -> None:
        self.assigned += 1
        self.live += standing.live
        self.late += standing.late
        self.stalled += standing.stalled
        self.max_days_late = max(self.max_days_late, standing.days_late)
        self.days_late += standing.days_late
        self.implemented += standing.status is Status.IMPLEMENTED
        self.in_progress += standing.status in (Status.IN_PROGRESS, Status.PARTIAL)
        self.actionable += standing.status not in (Status.CANCELLED, Status.FOR_INFORMATION)


def tally_by_executor(
    standings: dict[int, list[AssignmentStanding]], only: Iterable[int] | None = None
) -> list[ExecutorTally]:
    """Per executor (of ``only``, when given), most behind first: the most late decisions, then the
    most days late, then the smallest share implemented."""
    wanted = set(only) if only is not None else None
    tallies: dict[int, ExecutorTally] = {}
    for per_decision in standings.values():
        for standing in per_decision:
            if wanted is None or standing.executor_id in wanted:
                tallies.setdefault(standing.executor_id, ExecutorTally(standing.executor_id)).add(standing)
    return sorted(tallies.values(), key=lateness_order)


def lateness_order(tally: ExecutorTally) -> tuple[float, ...]:
    """Who is most behind comes first; ties by executor id keep the order stable."""
    return (-tally.late, -tally.days_late, -tally.stalled, tally.implemented_share, tally.executor_id)
