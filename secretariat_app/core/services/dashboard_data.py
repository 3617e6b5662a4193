"""What the dashboard shows, gathered in a few set-based queries.

Status, overdue and stalled come from :mod:`core.rules` through :mod:`core.services.queries` and,
per executor, :mod:`core.services.executor_standing` (the places that apply them); this module only
adds the dashboard's own groupings: what falls due before the next forum, and which regions are
late on the most decisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Country, ExecutorKind
from secretariat_app.core.models import Assignment, Executor
from secretariat_app.core.names import name_in
from secretariat_app.core.services.executor_standing import (
    ExecutorTally,
    assignment_standings,
    tally_by_executor,
)
from secretariat_app.core.services.forums import next_forum
from secretariat_app.core.services.queries import (
    AsOf,
    DecisionFacts,
    DecisionFilter,
    as_of,
    decision_facts,
)
from secretariat_app.core.services.summary import Summary, summary_of


@dataclass(frozen=True)
class NextForum:
    number: int
    start_date: dt.date
    city_ru: str
    city_kk: str


@dataclass(frozen=True)
class ExecutorOverdue:
    """One region (or agency) and how many of its assigned decisions it is late on."""

    executor_id: int
    code: str
    name_ru: str
    name_kk: str
    name_en: str
    overdue: int

    def name(self, lang: str) -> str:
        return name_in({"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}, lang)


@dataclass(frozen=True)
class DashboardData:
    when: AsOf
    summary: Summary
    next_forum: NextForum | None
    #: Open decisions whose deadline falls after the as-of date and on or before the next forum.
    due_before_next: list[DecisionFacts]
    top_overdue_regions: list[ExecutorOverdue]
    #: every executor with an assignment, who is most behind first (``summary`` prints them)
    executors: list[ExecutorTally]
    #: The executors of each side that have decisions assigned (what "by side" counts).
    executor_ids_by_side: dict[Country, tuple[int, ...]]


def overdue_by_executor(
    session: Session,
    tallies: list[ExecutorTally],
    kind: ExecutorKind | None = ExecutorKind.REGION,
    limit: int = 10,
) -> list[ExecutorOverdue]:
    """The executors late on something, most behind first (most decisions late, then most days)."""
    executors = {
        row.id: row
        for row in session.execute(
            select(
                Executor.id,
                Executor.kind,
                Executor.code,
                Executor.name_ru,
                Executor.name_kk,
                Executor.name_en,
            )
        )
    }
    # in the tallies' own order (who is most behind first), as `summary` and the report list them
    ranked = [
        tally
        for tally in tallies
        if tally.late and (kind is None or executors[tally.executor_id].kind == kind.value)
    ]
    return [
        ExecutorOverdue(
            tally.executor_id,
            executors[tally.executor_id].code or "",
            executors[tally.executor_id].name_ru,
            executors[tally.executor_id].name_kk or "",
            executors[tally.executor_id].name_en or "",
            tally.late,
        )
        for tally in ranked[:limit]
    ]


def due_before(facts: list[DecisionFacts], start: dt.date, until: dt.date) -> list[DecisionFacts]:
    """Open decisions due after ``start`` and on or before ``until``, soonest first."""
    due = [
        f
        for f in facts
        if f.deadline is not None and start <= f.deadline <= until and rules.is_open(f.status)
    ]
    return sorted(due, key=lambda f: (f.deadline, f.forum_number, f.code))


def dashboard_data(session: Session, date: dt.date | None = None) -> DashboardData:
    when = as_of(session, date)
    facts = decision_facts(session, DecisionFilter(), when)
    standings = assignment_standings(session, facts, when)  # read once: summary and tallies
    summary = summary_of(session, facts, standings)
    upcoming = next_forum(session, when.date)
    due: list[DecisionFacts] = []
    forum = None
    if upcoming is not None:
        forum = NextForum(upcoming.number, upcoming.start_date, upcoming.city_ru, upcoming.city_kk)
        due = due_before(facts, when.date, upcoming.start_date)
    tallies = tally_by_executor(standings)
    return DashboardData(
        when,
        summary,
        forum,
        due,
        overdue_by_executor(session, tallies),
        tallies,
        assigned_executors_by_side(session),
    )


def assigned_executors_by_side(session: Session) -> dict[Country, tuple[int, ...]]:
    rows = session.execute(
        select(Executor.id, Executor.country)
        .where(Executor.id.in_(select(Assignment.executor_id)))
        .order_by(Executor.id)
    )
    sides: dict[Country, list[int]] = {country: [] for country in Country}
    for executor_id, country in rows:
        if country in sides:
            sides[Country(country)].append(executor_id)
    return {country: tuple(ids) for country, ids in sides.items()}


def decisions_per_executor(session: Session) -> dict[int, int]:
    """How many decisions each executor is assigned (executors with none are absent)."""
    rows = session.execute(
        select(Assignment.executor_id, func.count(func.distinct(Assignment.decision_id))).group_by(
            Assignment.executor_id
        )
    )
    return {executor_id: count for executor_id, count in rows}
