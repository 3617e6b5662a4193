"""What other users changed between an import's preview and its writing.

The clerk approves the changes the preview listed. If, before the import takes its lock, another
user saved a record the file would change (its version moved, or it now differs from the file
where it did not), or added a record the file would add, writing would overwrite their save or
collide with it. Each such record becomes a located problem and nothing is written; checking the
file again shows the differences against what they saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from secretariat_app.core.i18n import N_
from secretariat_app.exchange.columns import ASSIGNMENTS, DECISIONS, FORUMS, PROGRESS
from secretariat_app.exchange.compare import DecisionKey, Diff, Update
from secretariat_app.exchange.problems import Problem, problem
from secretariat_app.exchange.records import ParsedFile

SAVED_MEANWHILE = N_(
    "Another user saved this record after the file was checked: nothing was written, so as not "
    "to overwrite their save. Check the file again."
)
ADDED_MEANWHILE = N_(
    "Another user added this record after the file was checked: nothing was written. Check the file again."
)


#: Where assignments are: their ids -> (decision id, executor id), read from the database.
AssignmentPlaces = Callable[[list[int]], Mapping[int, tuple[int, int]]]


def changed_since_preview(
    preview: Diff,
    now: Diff,
    parsed: ParsedFile,
    assignment_places: AssignmentPlaces,
    progress_sheet: str = PROGRESS,
) -> list[Problem]:
    """Problems for every record the import would now write differently than the preview said."""
    problems: list[Problem] = []
    rows = _Rows(parsed, progress_sheet)
    still_new = {f.number for f in now.new_forums}
    problems += [
        problem(FORUMS, f.row, "number", ADDED_MEANWHILE)
        for f in preview.new_forums
        if f.number not in still_new
    ]
    still_new_decisions = {(d.forum, d.code) for d in now.new_decisions}
    problems += [
        problem(DECISIONS, d.row, "code", ADDED_MEANWHILE)
        for d in preview.new_decisions
        if (d.forum, d.code) not in still_new_decisions
    ]
    for sheet, before, after in (
        (ASSIGNMENTS, preview.new_assignments, now.new_assignments),
        (progress_sheet, preview.new_progress, now.new_progress),
    ):
        still = {record.row for record in after}
        problems += [problem(sheet, r.row, "", ADDED_MEANWHILE) for r in before if r.row not in still]
    keys = {decision_id: key for key, decision_id in now.decision_ids.items()}
    for decision_id in _moved(preview.decision_updates.values(), now.decision_updates.values()):
        key = keys.get(decision_id)
        sheet, row = rows.decision(key) if key else (DECISIONS, None)
        problems.append(problem(sheet, row, "code", SAVED_MEANWHILE))
    forum_numbers = {forum_id: number for number, forum_id in now.forum_ids.items()}
    for forum_id in _moved(preview.forum_updates, now.forum_updates):
        number = forum_numbers.get(forum_id)
        problems.append(problem(FORUMS, rows.forums.get(number or 0), "number", SAVED_MEANWHILE))
    moved_assignments = _moved(preview.assignment_updates, now.assignment_updates)
    if moved_assignments:
        places = assignment_places(moved_assignments)
        for assignment_id in moved_assignments:
            decision_id, executor_id = places.get(assignment_id, (0, 0))
            key = keys.get(decision_id)
            row = rows.assignments.get((key, executor_id)) if key else None
            problems.append(problem(ASSIGNMENTS, row, "executor", SAVED_MEANWHILE))
    unique = {(p.sheet, p.row, p.column): p for p in reversed(problems)}  # the first of each place
    order = {sheet: index for index, sheet in enumerate((FORUMS, DECISIONS, ASSIGNMENTS, progress_sheet))}
    return sorted(unique.values(), key=lambda p: (order.get(p.sheet, 9), p.row or 0))


def _moved(before: Iterable[Update], after: Iterable[Update]) -> list[int]:
    """Ids the import would now update although the preview did not say so, or said so at
    another version or with other values."""
    planned = {u.id: u for u in before}
    moved = []
    for update in after:
        seen = planned.get(update.id)
        if seen is None or seen.version != update.version or seen.changes != update.changes:
            moved.append(update.id)
    return moved


class _Rows:
    """Where each record is in the file, for locating problems."""

    def __init__(self, parsed: ParsedFile, progress_sheet: str) -> None:
        self.progress_sheet = progress_sheet
        self.forums = {f.number: f.row for f in parsed.forums}
        self.decisions: dict[DecisionKey, int] = {}
        for d in parsed.decisions:
            self.decisions.setdefault((d.forum, d.code), d.row)
        self.assignments: dict[tuple[DecisionKey, object], int] = {}
        self.first_assignment: dict[DecisionKey, int] = {}
        for a in parsed.assignments:
            self.assignments.setdefault(((a.forum, a.code), a.executor), a.row)
            self.first_assignment.setdefault((a.forum, a.code), a.row)
        self.progress: dict[DecisionKey, int] = {}
        for p in parsed.progress:
            self.progress.setdefault((p.forum, p.code), p.row)

    def decision(self, key: DecisionKey) -> tuple[str, int | None]:
        """The decision's row, else the first assignment or report row that touches it."""
        for sheet, rows in (
            (DECISIONS, self.decisions),
            (ASSIGNMENTS, self.first_assignment),
            (self.progress_sheet, self.progress),
        ):
            if key in rows:
                return sheet, rows[key]
        return DECISIONS, None
