"""Reading decisions in bulk: the one selection (filter) and the one summary that the GUI, the
CLI, exports and reports share. Everything here is set-based: a few queries, never one per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, or_, select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Status
from secretariat_app.core.models import (
    Assignment,
    Decision,
    DecisionText,
    Forum,
    ProgressEntry,
    Sector,
)
from secretariat_app.core.services import shared_settings
from secretariat_app.core.services.forums import previous_forum


@dataclass(frozen=True)
class AsOf:
    """The date the rules are applied at, with the stalled threshold derived from it."""

    date: dt.date
    stalled_since: dt.date
    stalled_days: int = rules.DEFAULT_STALLED_DAYS


def as_of(session: Session, date: dt.date | None = None, stalled_days: int | None = None) -> AsOf:
    """The rules' date (today unless given) and the stalled threshold, from the database's own
    setting unless ``stalled_days`` is given."""
    date = date or dt.date.today()
    days = shared_settings.stalled_days(session) if stalled_days is None else stalled_days
    previous = previous_forum(session, date)
    threshold = rules.stalled_threshold(date, previous.start_date if previous else None, days)
    return AsOf(date, threshold, days)


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


def executor_news() -> ColumnElement:
    """For the ``Assignment`` of the enclosing query, the date of the latest progress entry from
    its executor or from nobody in particular (news of the decision as a whole)."""
    return (
        select(func.max(ProgressEntry.entry_date))
        .where(
            ProgressEntry.decision_id == Assignment.decision_id,
            or_(ProgressEntry.executor_id == Assignment.executor_id, ProgressEntry.executor_id.is_(None)),
        )
        .correlate(Assignment)
        .scalar_subquery()
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
        # with an executor, "overdue" and "stalled" speak of that executor's own assignment; an
        # uncorrelated IN: the executor's assignments are read once, not probed per decision
        mine = (
            select(Assignment.decision_id)
            .join(Decision, Decision.id == Assignment.decision_id)
            .where(Assignment.executor_id.in_(flt.executor_ids))
        )
        if flt.overdue_only:
            mine = mine.where(
                rules.late_clause(Decision.deadline, Decision.status, Assignment.status, when.date)
            )
        if flt.stalled_only:
            mine = mine.join(Forum, Forum.id == Decision.forum_id).where(
                rules.executor_stalled_clause(
                    Decision.status, Assignment.status, Forum.end_date, executor_news(), when.stalled_since
                )
            )
        conditions.append(Decision.id.in_(mine.correlate(None)))
    else:
        if flt.overdue_only:
            conditions.append(rules.overdue_clause(Decision.deadline, Decision.status, when.date))
        if flt.stalled_only:
            conditions.append(
                rules.stalled_clause(Decision.status, Forum.end_date, last_on, when.stalled_since)
            )
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
