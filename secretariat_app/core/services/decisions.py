"""Decisions: their texts, deadline and its history, links to earlier decisions, and assignments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from secretariat_app.core.decision_texts import outdated_by_change
from secretariat_app.core.enums import TEXT_LANGUAGES, LinkKind, Role, Status
from secretariat_app.core.errors import NotFoundError, ValidationError
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.models import (
    Assignment,
    DeadlineChange,
    Decision,
    DecisionLink,
    DecisionText,
    Forum,
    utcnow,
)
from secretariat_app.core.rules import code_sort_key, decision_status
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.common import check_version
from secretariat_app.core.services.directory import find_sector, get_executor
from secretariat_app.core.services.forums import get_forum
from secretariat_app.core.validation import (
    MAX_TEXT_LENGTH,
    check_code,
    check_deadline,
    check_link,
    clean_text,
    limit_length,
    parse_date,
    parse_status,
)


@dataclass
class DecisionInput:
    forum_id: int
    code: str
    texts: Mapping[str, str]
    sector: str = "other"
    deadline: dt.date | str | None = None
    status: Status | str = Status.NOT_STARTED
    deadline_reason: str = ""


@dataclass
class AssignmentInput:
    executor_id: int
    role: Role | str = Role.LEAD
    status: Status | str = Status.NOT_STARTED
    note: str = ""


@dataclass
class _Valid:
    forum: Forum
    code: str
    texts: dict[str, str]
    sector_id: int
    deadline: dt.date | None
    status: Status
    reason: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _validated(session: Session, data: DecisionInput, current_id: int | None) -> _Valid:
    forum = get_forum(session, data.forum_id)
    code = check_code("code", data.code)
    clash = session.scalars(
        select(Decision.id).where(Decision.forum_id == forum.id, Decision.code == code)
    ).first()
    if clash is not None and clash != current_id:
        raise ValidationError(
            "code",
            N_("Decision {code} of forum {forum} is already recorded."),
            code=code,
            forum=roman(forum.number),
        )
    texts: dict[str, str] = {}
    for lang, text in data.texts.items():
        if lang not in TEXT_LANGUAGES:
            raise ValidationError("texts", N_("Unknown language: {value}."), value=lang)
        cleaned = limit_length(f"text_{lang}", clean_text(text), MAX_TEXT_LENGTH)
        if cleaned:
            texts[lang] = cleaned
    if not (texts.get("ru") or texts.get("kk")):
        raise ValidationError("text_ru", N_("The decision's text is required in Russian or Kazakh."))
    deadline = parse_date("deadline", data.deadline)
    check_deadline(deadline, forum.start_date)
    sector = find_sector(session, data.sector)
    status = parse_status("status", data.status)
    return _Valid(forum, code, texts, sector.id, deadline, status, clean_text(data.deadline_reason))


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(
        Decision,
        decision_id,
        options=[
            selectinload(Decision.texts),
            selectinload(Decision.assignments),
            selectinload(Decision.links),
            selectinload(Decision.linked_from),
        ],
    )
    if decision is None:
        raise NotFoundError(N_("The decision no longer exists."))
    return decision


def decision_by_code(session: Session, forum_number: int, code: str) -> Decision:
    decision = session.scalars(
        select(Decision).join(Forum).where(Forum.number == forum_number, Decision.code == code.strip())
    ).first()
    if decision is None:
        raise NotFoundError(
            N_("There is no decision {code} of forum {forum}."),
            code=code,
            forum=roman(forum_number),
        )
    return decision


def create_decision(
    session: Session, data: DecisionInput, assignments: Sequence[AssignmentInput] = ()
) -> tuple[Decision, Changes]:
    valid = _validated(session, data, None)
    decision = Decision(
        forum_id=valid.forum.id,
        code=valid.code,
        code_sort=code_sort_key(valid.code),
        sector_id=valid.sector_id,
        deadline=valid.deadline,
        own_status=valid.status,
        status=valid.status,
    )
    for lang, text in valid.texts.items():
        decision.texts[lang] = DecisionText(lang=lang, text=text)
    session.add(decision)
    changes = Changes()
    if assignments:
        changes.merge(_replace_assignments(session, decision, assignments))
    refresh_status(decision)
    session.flush()
    return decision, changes.add("created", "decision", decision.id)


def update_decision(
    session: Session,
    decision_id: int,
    data: DecisionInput,
    expected_version: int | None = None,
    assignments: Sequence[AssignmentInput] | None = None,
) -> Changes:
    """Save an edited decision. A changed deadline needs a reason and enters the history; a text
    changed in one language flags the other languages' texts *translation outdated*."""
    decision = get_decision(session, decision_id)
    check_version(decision, expected_version)
    valid = _validated(session, data, decision_id)
    if decision.deadline != valid.deadline:
        if decision.deadline is not None and not valid.reason:
            raise ValidationError("deadline_reason", N_("Say why the deadline changes."))
        decision.deadline_changes.append(
            DeadlineChange(
                old_deadline=decision.deadline,
                new_deadline=valid.deadline,
                reason=valid.reason,
                changed_by=session.info.get("actor", ""),
            )
        )
        decision.deadline = valid.deadline
    decision.forum_id = valid.forum.id
    decision.code = valid.code
    decision.code_sort = code_sort_key(valid.code)
    decision.sector_id = valid.sector_id
    decision.own_status = valid.status
    _apply_texts(decision, valid.texts)
    changes = Changes().add("updated", "decision", decision.id)
    if assignments is not None:
        changes.merge(_replace_assignments(session, decision, assignments))
    refresh_status(decision)
    decision.updated_at = utcnow()  # bumps the version even when only children changed
    session.flush()
    return changes


def _apply_texts(decision: Decision, texts: Mapping[str, str]) -> None:
    now = utcnow()
    changed = {
        lang for lang in set(texts) | set(decision.texts) if texts.get(lang, "") != decision.text(lang)
    }
    for lang in changed:
        if lang in texts:
            entry = decision.texts.get(lang)
            if entry is None:
                decision.texts[lang] = DecisionText(lang=lang, text=texts[lang], updated_at=now)
            else:
                entry.text, entry.outdated, entry.updated_at = texts[lang], False, now
        else:
            del decision.texts[lang]
    for lang in outdated_by_change(changed, decision.texts):
        decision.texts[lang].outdated = True


def confirm_translation(session: Session, decision_id: int, lang: str) -> Changes:
    """A clerk checked that the text in ``lang`` still says what the other language says."""
    decision = get_decision(session, decision_id)
    entry = decision.texts.get(lang)
    if entry is not None and entry.outdated:
        entry.outdated = False
        decision.updated_at = utcnow()
        session.flush()
    return Changes().add("updated", "decision", decision_id)


def delete_decision(session: Session, decision_id: int, expected_version: int | None = None) -> Changes:
    """Delete a decision with its texts, assignments and history (the audit log keeps them)."""
    decision = get_decision(session, decision_id)
    check_version(decision, expected_version)
    for link in list(decision.linked_from):
        session.delete(link)
    session.delete(decision)
    session.flush()
    return Changes().add("deleted", "decision", decision_id)


def refresh_status(decision: Decision) -> None:
    """Store the effective status (the one rule lives in :func:`rules.decision_status`)."""
    decision.status = decision_status(decision.own_status, (a.status for a in decision.assignments))


def _replace_assignments(session: Session, decision: Decision, wanted: Sequence[AssignmentInput]) -> Changes:
    changes = Changes()
    seen: set[int] = set()
    by_executor = {a.executor_id: a for a in decision.assignments}
    for item in wanted:
        executor = get_executor(session, item.executor_id)
        if executor.id in seen:
            raise ValidationError("assignments", N_("{name} is assigned twice."), name=executor.name_ru)
        seen.add(executor.id)
        try:
            role = Role(item.role)
        except ValueError:
            raise ValidationError("role", N_("Unknown role: {value}."), value=item.role) from None
        status = parse_status("status", item.status)
        note = clean_text(item.note)
        current = by_executor.get(executor.id)
        if current is None:
            decision.assignments.append(
                Assignment(
                    executor_id=executor.id,
                    executor=executor,
                    role=role,
                    status=status,
                    note=note,
                )
            )
        elif (current.role, current.status, current.note) != (role, status, note):
            current.role, current.status, current.note = role, status, note
    for executor_id, assignment in by_executor.items():
        if executor_id not in seen:
            decision.assignments.remove(assignment)
    session.flush()
    for assignment in decision.assignments:
        changes.add("updated", "assignment", assignment.id)
    return changes


def set_assignments(
    session: Session,
    decision_id: int,
    assignments: Sequence[AssignmentInput],
    expected_version: int | None = None,
) -> Changes:
    decision = get_decision(session, decision_id)
    check_version(decision, expected_version)
    changes = _replace_assignments(session, decision, assignments)
    refresh_status(decision)
    decision.updated_at = utcnow()
    session.flush()
    return changes.add("updated", "decision", decision_id)


def link_decisions(session: Session, decision_id: int, target_id: int, kind: LinkKind | str) -> Changes:
    """Record that a decision confirms, extends the deadline of, or supersedes an earlier one."""
    decision = get_decision(session, decision_id)
    target = get_decision(session, target_id)
    try:
        link_kind = LinkKind(kind)
    except ValueError:
        raise ValidationError("link", N_("Unknown kind of link: {value}."), value=kind) from None
    check_link(target.id == decision.id, decision.forum.start_date, target.forum.start_date)
    existing = next((link for link in decision.links if link.target_id == target.id), None)
    if existing is None:
        decision.links.append(DecisionLink(target_id=target.id, kind=link_kind))
    else:
        existing.kind = link_kind
    session.flush()
    return Changes().add("updated", "decision", decision.id).add("updated", "decision", target.id)


def unlink_decisions(session: Session, decision_id: int, target_id: int) -> Changes:
    decision = get_decision(session, decision_id)
    for link in list(decision.links):
        if link.target_id == target_id:
            decision.links.remove(link)
    session.flush()
    return Changes().add("updated", "decision", decision_id).add("updated", "decision", target_id)
