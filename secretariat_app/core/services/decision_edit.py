"""One edit of a decision, saved as one unit of work: its fields and texts, its assignments, the
progress reports added, corrected or removed, the links added or removed and the translations
confirmed, all in one transaction, or nothing when any part is refused.

The editor gathers an edit while the clerk works and hands it here on Save; Cancel simply drops
it. The decision's version is checked first, so another clerk's save in between is a conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from secretariat_app.core.enums import LinkKind, Status
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    confirm_translation,
    create_decision,
    get_decision,
    link_decisions,
    unlink_decisions,
    update_decision,
)
from secretariat_app.core.services.progress import (
    ProgressInput,
    add_progress_entry,
    correct_progress_entry,
    remove_progress_entry,
)


@dataclass(frozen=True)
class LinkChange:
    """A link from ``decision_id`` to ``target_id`` (either may be the edited decision)."""

    decision_id: int | None  # None: the edited decision, not saved yet
    target_id: int
    kind: LinkKind = LinkKind.CONFIRMS


@dataclass
class DecisionEdit:
    """Everything the clerk changed in the editor since the decision was loaded."""

    decision: DecisionInput
    assignments: Sequence[AssignmentInput]
    decision_id: int | None = None
    #: the version the clerk loaded; another clerk's save since then is a conflict
    expected_version: int | None = None
    #: the statuses as loaded, so statuses the clerk did not touch take the stored ones
    loaded_own_status: Status | None = None
    loaded_statuses: dict[int, Status] = field(default_factory=dict)
    new_progress: list[ProgressInput] = field(default_factory=list)
    corrected_progress: dict[int, ProgressInput] = field(default_factory=dict)
    removed_progress: dict[int, str] = field(default_factory=dict)  # entry id -> reason
    new_links: list[LinkChange] = field(default_factory=list)
    removed_links: list[LinkChange] = field(default_factory=list)
    translations_checked: set[str] = field(default_factory=set)


def save_decision_edit(session: Session, edit: DecisionEdit) -> tuple[int, Changes]:
    """Write the whole edit in the caller's transaction; returns the decision's id and what changed."""
    if edit.decision_id is None:
        decision, changes = create_decision(session, edit.decision, edit.assignments)
        decision_id = decision.id
    else:
        decision_id = edit.decision_id
        data, assignments = untouched_from_database(session, edit)
        changes = update_decision(
            session, decision_id, data, expected_version=edit.expected_version, assignments=assignments
        )
    for lang in sorted(edit.translations_checked):
        changes.merge(confirm_translation(session, decision_id, lang))
    for entry_id, reason in edit.removed_progress.items():
        changes.merge(remove_progress_entry(session, decision_id, entry_id, reason))
    for entry_id, corrected in edit.corrected_progress.items():
        changes.merge(correct_progress_entry(session, decision_id, entry_id, corrected))
    for report in sorted(edit.new_progress, key=lambda r: _date_key(r.entry_date)):
        changes.merge(add_progress_entry(session, decision_id, report)[1])
    for link in edit.removed_links:
        changes.merge(unlink_decisions(session, link.decision_id or decision_id, link.target_id))
    for link in edit.new_links:
        changes.merge(link_decisions(session, link.decision_id or decision_id, link.target_id, link.kind))
    return decision_id, changes


def _date_key(value: dt.date | str) -> str:
    """Reports are added oldest first, so the latest one's status is the one that stays."""
    return value.isoformat() if isinstance(value, dt.date) else value


def untouched_from_database(
    session: Session, edit: DecisionEdit
) -> tuple[DecisionInput, list[AssignmentInput]]:
    """What the Save writes: the clerk's changes over what the database holds now.

    A status the clerk left as it was loaded takes the stored value (after "keep my version" the
    other clerk's status stays), and an assignment keeps its stored note (the editor does not show
    notes, so it must not erase them).
    """
    decision = get_decision(session, edit.decision_id or 0)
    stored = {a.executor_id: a for a in decision.assignments}
    data = edit.decision
    if edit.loaded_own_status is not None and Status(data.status) == edit.loaded_own_status:
        data = replace(data, status=Status(decision.own_status))
    merged = []
    for item in edit.assignments:
        current = stored.get(item.executor_id)
        if current is None:
            merged.append(item)
            continue
        status = item.status
        if edit.loaded_statuses.get(item.executor_id) == Status(item.status):
            status = Status(current.status)
        merged.append(replace(item, status=status, note=current.note))
    return data, merged
