"""The decision editor's bookkeeping of its own saves, so that only another clerk's save is a
conflict.

Some actions of the editor are written at once (a progress entry, a link, a checked
translation) while typed edits wait for Save. Each of those writes moves the decision's version.
The version the editor's Save expects must follow them, but only them: if another clerk saved
in between, the expected version stays where it was and the Save is a conflict, as it must be.
And values the clerk did not touch in the form (an executor's status, the decision's recorded
status, an assignment's note) are taken as they are in the database when the Save is written,
so a status set by the editor's own progress entry is not put back by its Save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decisions import AssignmentInput, DecisionInput, get_decision
from secretariat_app.ui.tasks import TaskHandle


class OwnVersion:
    """The version the editor's next Save expects; moved by the editor's own writes only.

    Read and moved on the writer thread when a job runs (jobs run in the order they were asked
    for), so a Save asked for while an own write is still queued expects the version it leaves.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: int | None = None

    @property
    def current(self) -> int | None:
        with self._lock:
            return self._version

    def reset(self, version: int | None) -> None:
        """The editor shows a version read from the database (all typed edits replaced)."""
        with self._lock:
            self._version = version

    def followed(self, before: int, after: int) -> None:
        """An own write moved the version from ``before`` to ``after``: if the editor was at
        ``before`` (nobody else saved), it is now at ``after``."""
        with self._lock:
            if self._version == before:
                self._version = after


def own_write(
    database: Database, decision_id: int, versions: OwnVersion, write: Callable[[Session], Changes]
) -> Callable[[TaskHandle], Changes]:
    """A job that writes at once on behalf of the editor and moves its expected version."""

    def work(_handle: TaskHandle) -> Changes:
        with database.session() as session:
            before = get_decision(session, decision_id).version
            changes = write(session)
            session.flush()
            after = get_decision(session, decision_id).version
        versions.followed(before, after)  # committed
        return changes

    return work


def untouched_from_database(
    session: Session,
    decision_id: int,
    data: DecisionInput,
    assignments: Sequence[AssignmentInput],
    loaded_own_status: Status,
    loaded_statuses: dict[int, Status],
) -> tuple[DecisionInput, list[AssignmentInput]]:
    """What the Save writes: the clerk's changes over what the database holds now.

    A status the clerk left as it was loaded takes the stored value (the editor's own progress
    entry may have changed it since), and an assignment keeps its stored note (the editor does
    not show notes, so it must not erase them).
    """
    decision = get_decision(session, decision_id)
    stored = {a.executor_id: a for a in decision.assignments}
    if Status(data.status) == loaded_own_status:
        data = replace(data, status=Status(decision.own_status))
    merged = []
    for item in assignments:
        current = stored.get(item.executor_id)
        if current is None:
            merged.append(item)
            continue
        status = item.status
        if loaded_statuses.get(item.executor_id) == Status(item.status):
            status = Status(current.status)
        merged.append(replace(item, status=status, note=current.note))
    return data, merged
