"""The secretariat's rules, each in exactly one place: the GUI, the CLI, imports and reports all
call these functions (or the SQL forms beside them, built from the same constants).

**Status of a decision.** Every decision has the status the secretariat recorded for it as a whole
(``own_status``) and, usually, assignments with each executor's own status. The effective status:

1. ``cancelled`` or ``for information`` recorded for the decision wins: nobody has to act.
2. ``implemented`` recorded for the decision wins too: the secretariat has confirmed completion.
3. Otherwise, with no assignments, the recorded status is the status.
4. Otherwise it follows the assignments that are not cancelled (all cancelled → cancelled):
   all implemented → implemented; some implemented or partially implemented → partially
   implemented; any in progress → in progress; all "no information" → no information;
   otherwise not started.

**Overdue**: the deadline has passed as of a date and the status is not closed (implemented,
cancelled, for information). Days overdue count from the day after the deadline.

**Stalled**: an open decision with no progress entry since a threshold: the later of *N days
before the as-of date* (N is a setting of the database, 180 unless changed) and *the start of the
previous forum* (the latest forum that began on or before the as-of date). A decision adopted
after the threshold is not stalled yet. This also catches decisions without a deadline.

**Who is late** — the same rules for one executor's assignment, which is what letters, the
scorecard and every per-region count speak of:

- an assignment is **live** when neither it nor its decision is closed;
- an executor is **late** on a decision when the assignment is live and the decision's deadline
  has passed as of the date; days late count from the day after the deadline;
- an executor is **stalled** on a decision when the assignment is live, the decision was adopted
  before the threshold and no progress entry *from that executor* has been recorded since then (an
  entry that names no executor is news of the decision as a whole and counts for every executor).

The decision-level rules agree with them: an open decision with assignments always has a live
one, so a decision with assignments is overdue exactly when one of its executors is late.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import SQLCoreOperations

from secretariat_app.core.enums import CLOSED_STATUSES, Status

DEFAULT_STALLED_DAYS = 180


def decision_status(own_status: Status | str, assignment_statuses: Iterable[Status | str]) -> Status:
    """The effective status of a decision (see the module's docstring)."""
    own = Status(own_status)
    if own in (Status.CANCELLED, Status.FOR_INFORMATION, Status.IMPLEMENTED):
        return own
    statuses = [Status(s) for s in assignment_statuses]
    if not statuses:
        return own
    active = [s for s in statuses if s is not Status.CANCELLED]
    if not active:
        return Status.CANCELLED
    active = [s for s in active if s is not Status.FOR_INFORMATION] or active
    if all(s is Status.IMPLEMENTED for s in active):
        return Status.IMPLEMENTED
    if all(s is Status.FOR_INFORMATION for s in active):
        return Status.FOR_INFORMATION
    if any(s in (Status.IMPLEMENTED, Status.PARTIAL) for s in active):
        return Status.PARTIAL
    if any(s is Status.IN_PROGRESS for s in active):
        return Status.IN_PROGRESS
    if all(s is Status.NO_INFO for s in active):
        return Status.NO_INFO
    return Status.NOT_STARTED


def is_open(status: Status | str) -> bool:
    return Status(status) not in CLOSED_STATUSES


def days_overdue(deadline: dt.date | None, status: Status | str, as_of: dt.date) -> int:
    """Days past the deadline as of ``as_of``; 0 when not overdue."""
    if deadline is None or not is_open(status) or deadline >= as_of:
        return 0
    return (as_of - deadline).days


def is_overdue(deadline: dt.date | None, status: Status | str, as_of: dt.date) -> bool:
    return days_overdue(deadline, status, as_of) > 0


def overdue_clause(deadline: SQLCoreOperations[Any], status: SQLCoreOperations[Any], as_of: dt.date) -> Any:
    """The same rule as :func:`is_overdue`, as SQL over the given columns."""
    return and_(
        deadline.is_not(None),
        deadline < as_of,
        status.not_in([s.value for s in CLOSED_STATUSES]),
    )


def stalled_threshold(
    as_of: dt.date, previous_forum_start: dt.date | None, days: int = DEFAULT_STALLED_DAYS
) -> dt.date:
    """The date since which an open decision must have had news not to count as stalled."""
    threshold = as_of - dt.timedelta(days=days)
    if previous_forum_start is not None and previous_forum_start <= as_of:
        threshold = max(threshold, previous_forum_start)
    return threshold


def is_stalled(
    status: Status | str,
    adopted_on: dt.date,
    last_progress_on: dt.date | None,
    threshold: dt.date,
) -> bool:
    """An open decision, adopted before ``threshold``, with no progress entry since then."""
    if not is_open(status) or adopted_on >= threshold:
        return False
    return last_progress_on is None or last_progress_on < threshold


def stalled_clause(
    status: SQLCoreOperations[Any],
    adopted_on: SQLCoreOperations[Any],
    last_progress_on: SQLCoreOperations[Any],
    threshold: dt.date,
) -> Any:
    """The same rule as :func:`is_stalled`, as SQL over the given columns."""
    return and_(
        status.not_in([s.value for s in CLOSED_STATUSES]),
        adopted_on < threshold,
        or_(last_progress_on.is_(None), last_progress_on < threshold),
    )


def is_live(decision_status: Status | str, assignment_status: Status | str) -> bool:
    """An assignment someone still has to act on: neither it nor its decision is closed."""
    return is_open(decision_status) and is_open(assignment_status)


def live_clause(decision_status: SQLCoreOperations[Any], assignment_status: SQLCoreOperations[Any]) -> Any:
    """The same rule as :func:`is_live`, as SQL over the given columns."""
    closed = [s.value for s in CLOSED_STATUSES]
    return and_(decision_status.not_in(closed), assignment_status.not_in(closed))


def days_late(
    deadline: dt.date | None,
    decision_status: Status | str,
    assignment_status: Status | str,
    as_of: dt.date,
) -> int:
    """Days an executor is late on a decision as of ``as_of``; 0 when it is not late."""
    if not is_open(assignment_status):
        return 0
    return days_overdue(deadline, decision_status, as_of)


def late_clause(
    deadline: SQLCoreOperations[Any],
    decision_status: SQLCoreOperations[Any],
    assignment_status: SQLCoreOperations[Any],
    as_of: dt.date,
) -> Any:
    """The same rule as :func:`days_late` (late at all), as SQL over the given columns."""
    return and_(
        overdue_clause(deadline, decision_status, as_of),
        assignment_status.not_in([s.value for s in CLOSED_STATUSES]),
    )


def is_executor_stalled(
    decision_status: Status | str,
    assignment_status: Status | str,
    adopted_on: dt.date,
    last_news_on: dt.date | None,
    threshold: dt.date,
) -> bool:
    """A live assignment of a decision adopted before ``threshold`` with no news since then.

    ``last_news_on`` is the latest progress entry from this executor or from nobody in particular.
    """
    return is_open(assignment_status) and is_stalled(decision_status, adopted_on, last_news_on, threshold)


def executor_stalled_clause(
    decision_status: SQLCoreOperations[Any],
    assignment_status: SQLCoreOperations[Any],
    adopted_on: SQLCoreOperations[Any],
    last_news_on: SQLCoreOperations[Any],
    threshold: dt.date,
) -> Any:
    """The same rule as :func:`is_executor_stalled`, as SQL over the given columns."""
    return and_(
        stalled_clause(decision_status, adopted_on, last_news_on, threshold),
        assignment_status.not_in([s.value for s in CLOSED_STATUSES]),
    )


def latest(*dates: dt.date | None) -> dt.date | None:
    """The latest of the dates given, ignoring missing ones (an executor's news: its own entries
    and those of the decision as a whole)."""
    known = [d for d in dates if d is not None]
    return max(known) if known else None


MIN_STALLED_DAYS = 7
MAX_STALLED_DAYS = 3650


@dataclass(frozen=True)
class Standing:
    """What the rules say of one decision as of a date."""

    status: Status
    days_overdue: int
    stalled: bool

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


_NUMBER = re.compile(r"(\d+)")


def code_sort_key(code: str) -> str:
    """A string that sorts protocol codes naturally in SQL: 3.2 < 3.10 < 10.1."""
    return _NUMBER.sub(lambda m: m.group(1).rjust(8, "0"), code.strip().casefold())
