"""The counts every overview shows (dashboard, forums page, report summary): decisions by status
overall and per forum, and assignments by status per side, with overdue and stalled counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.models import Executor
from secretariat_app.core.services.executor_standing import AssignmentStanding, assignment_standings
from secretariat_app.core.services.queries import AsOf, DecisionFacts, DecisionFilter, decision_facts

_SIDES = frozenset(country.value for country in Country)


@dataclass
class StatusCounts:
    """How many decisions (or assignments) have each status, with overdue and stalled counts."""

    by_status: Counter[Status] = field(default_factory=Counter)
    overdue: int = 0
    stalled: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def share(self, status: Status) -> float:
        return self.by_status[status] / self.total if self.total else 0.0

    @property
    def implemented_share(self) -> float:
        """Implemented among decisions that need action (for-information and cancelled excluded)."""
        actionable = self.total - self.by_status[Status.FOR_INFORMATION] - self.by_status[Status.CANCELLED]
        return self.by_status[Status.IMPLEMENTED] / actionable if actionable else 0.0


@dataclass
class Summary:
    overall: StatusCounts
    by_forum: dict[int, StatusCounts]
    by_side: dict[Country, StatusCounts]


def summarize(session: Session, flt: DecisionFilter, when: AsOf) -> Summary:
    """Counts by status over the selected decisions: overall, per forum, and per side.

    Per side counts the *assignments* to executors of that country, by their own status; the
    overdue and stalled counts of a side are its executors' late and stalled assignments.
    """
    facts = decision_facts(session, flt, when)
    return summary_of(session, facts, assignment_standings(session, facts, when))


def summary_of(
    session: Session, facts: list[DecisionFacts], standings: dict[int, list[AssignmentStanding]]
) -> Summary:
    """:func:`summarize` over decisions and assignment standings a caller has already read."""
    overall = StatusCounts()
    by_forum: dict[int, StatusCounts] = {}
    for fact in facts:
        for counts in (overall, by_forum.setdefault(fact.forum_number, StatusCounts())):
            counts.by_status[fact.status] += 1
            counts.overdue += fact.standing.overdue
            counts.stalled += fact.standing.stalled
    by_side = {country: StatusCounts() for country in Country}
    countries = {row.id: row.country for row in session.execute(select(Executor.id, Executor.country))}
    for per_decision in standings.values():
        for standing in per_decision:
            country = countries.get(standing.executor_id)
            if country not in _SIDES:
                continue
            side = by_side[Country(country)]
            side.by_status[standing.status] += 1
            side.overdue += standing.late
            side.stalled += standing.stalled
    return Summary(overall, by_forum, by_side)
