"""Reading decisions in bulk: the one selection (filter) and the one summary that the GUI, the
CLI, exports and reports share. Everything here is set-based: a few queries, never one per row."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, Subquery, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Country, Status
from secretariat_app.core.models import (
    Assignment,
    Decision,
    DecisionText,
    Executor,
    Forum,
    ProgressEntry,
    Sector,
)
from secretariat_app.core.services.forums import previous_forum


@dataclass(frozen=True)
class AsOf:
    """The date the rules are applied at, with the stalled threshold derived from it."""

    date: dt.date
    stalled_since: dt.date
    stalled_days: int = rules.DEFAULT_STALLED_DAYS


def as_of(
    session: Session, date: dt.date | None = None, stalled_days: int = rules.DEFAULT_STALLED_DAYS
) -> AsOf:
    date = date or dt.date.today()
    previous = previous_forum(session, date)
    threshold = rules.stalled_threshold(date, previous.start_date if previous else None, stalled_days)
    return AsOf(date, threshold, stalled_days)


@dataclass(frozen=True)
class DecisionFilter:
    """Which decisions a list, an export or a report is about. Empty fields do not filter."""

    text: str = ""
    forum_ids: tuple[int, ...] = ()
    forum_numbers: tuple[int, ...] = ()
    before_forum_number: int | None = None
    statuses: tuple[str, ...] = ()
    executor_ids: tuple[int, ...] = ()
    sector_codes: tuple[str, ...] = ()
    overdue_only: bool = False
    stalled_only: bool = False
    hide_cancelled: bool = False


def last_progress_subquery() -> Subquery:
    """Per decision, the date of its latest progress entry."""
    return (
        select(
            ProgressEntry.decision_id.label("decision_id"),
            func.max(ProgressEntry.entry_date).label("last_on"),
        )
        .group_by(ProgressEntry.decision_id)
        .subquery("last_progress")
    )


def fold(text: str) -> str:
    """The case-folded form searches compare (SQLite's own lower() knows only ASCII)."""
    return text.casefold()


def filter_conditions(flt: DecisionFilter, when: AsOf, last_on: ColumnElement) -> list[ColumnElement]:
    """SQL conditions over ``Decision`` (joined with ``Forum``) for a filter as of a date."""
    conditions: list[ColumnElement] = []
    if flt.forum_ids:
        conditions.append(Decision.forum_id.in_(flt.forum_ids))
    if flt.forum_numbers:
        conditions.append(Forum.number.in_(flt.forum_numbers))
    if flt.before_forum_number is not None:
        conditions.append(Forum.number < flt.before_forum_number)
    if flt.statuses:
        conditions.append(Decision.status.in_([Status(s).value for s in flt.statuses]))
    if flt.hide_cancelled:
        conditions.append(Decision.status != Status.CANCELLED.value)
    if flt.sector_codes:
        conditions.append(Decision.sector_id.in_(select(Sector.id).where(Sector.code.in_(flt.sector_codes))))
    if flt.executor_ids:
        conditions.append(
            exists().where(
                Assignment.decision_id == Decision.id, Assignment.executor_id.in_(flt.executor_ids)
            )
        )
    if flt.overdue_only:
        conditions.append(rules.overdue_clause(Decision.deadline, Decision.status, when.date))
    if flt.stalled_only:
        conditions.append(rules.stalled_clause(Decision.status, Forum.end_date, last_on, when.stalled_since))
    words = fold(flt.text).split()
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        conditions.append(
            or_(
                func.lower(Decision.code).like(pattern, escape="\\"),
                # an uncorrelated IN: the texts are scanned once, not once per decision
                Decision.id.in_(
                    select(DecisionText.decision_id).where(DecisionText.folded.like(pattern, escape="\\"))
                ),
            )
        )
    return conditions


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def select_decisions(flt: DecisionFilter, when: AsOf) -> Select:
    """``SELECT decision.id, last_on`` for the filter, in protocol order (forum, then code)."""
    last = last_progress_subquery()
    return (
        select(Decision.id, last.c.last_on)
        .join(Forum, Forum.id == Decision.forum_id)
        .outerjoin(last, last.c.decision_id == Decision.id)
        .where(and_(True, *filter_conditions(flt, when, last.c.last_on)))
        .order_by(Forum.number, Decision.code_sort)
    )


@dataclass(frozen=True)
class DecisionFacts:
    """What the rules need of one decision, and what they say of it."""

    id: int
    forum_number: int
    code: str
    sector_code: str
    deadline: dt.date | None
    status: Status
    adopted_on: dt.date
    last_progress_on: dt.date | None
    standing: rules.Standing


def decision_facts(session: Session, flt: DecisionFilter, when: AsOf) -> list[DecisionFacts]:
    """The selected decisions with their standing (overdue days, stalled), in one query."""
    last = last_progress_subquery()
    query = (
        select(
            Decision.id,
            Forum.number,
            Decision.code,
            Sector.code,
            Decision.deadline,
            Decision.status,
            Forum.end_date,
            last.c.last_on,
        )
        .join(Forum, Forum.id == Decision.forum_id)
        .join(Sector, Sector.id == Decision.sector_id)
        .outerjoin(last, last.c.decision_id == Decision.id)
        .where(and_(True, *filter_conditions(flt, when, last.c.last_on)))
        .order_by(Forum.number, Decision.code_sort)
    )
    facts = []
    for row in session.execute(query):
        status = Status(row[5])
        standing = standing_of(status, row[4], row[6], row[7], when)
        facts.append(DecisionFacts(row[0], row[1], row[2], row[3], row[4], status, row[6], row[7], standing))
    return facts


def standing_of(
    status: Status,
    deadline: dt.date | None,
    adopted_on: dt.date,
    last_progress_on: dt.date | None,
    when: AsOf,
) -> rules.Standing:
    return rules.Standing(
        status=status,
        days_overdue=rules.days_overdue(deadline, status, when.date),
        stalled=rules.is_stalled(status, adopted_on, last_progress_on, when.stalled_since),
    )


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
    overdue and stalled counts of a side are those of its assignments' decisions.
    """
    facts = decision_facts(session, flt, when)
    overall = StatusCounts()
    by_forum: dict[int, StatusCounts] = {}
    for fact in facts:
        for counts in (overall, by_forum.setdefault(fact.forum_number, StatusCounts())):
            counts.by_status[fact.status] += 1
            counts.overdue += fact.standing.overdue
            counts.stalled += fact.standing.stalled
    by_side = {country: StatusCounts() for country in Country}
    standing = {fact.id: fact.standing for fact in facts}
    rows = session.execute(
        select(Assignment.decision_id, Assignment.status, Executor.country)
        .join(Executor, Executor.id == Assignment.executor_id)
        .where(Assignment.decision_id.in_(select_decisions(flt, when).with_only_columns(Decision.id)))
    )
    for decision_id, status, country in rows:
        if country not in by_side:
            continue
        side = by_side[Country(country)]
        side.by_status[Status(status)] += 1
        decision_standing = standing.get(decision_id)
        if decision_standing is not None and rules.is_open(status):
            side.overdue += decision_standing.overdue
            side.stalled += decision_standing.stalled
    return Summary(overall, by_forum, by_side)
