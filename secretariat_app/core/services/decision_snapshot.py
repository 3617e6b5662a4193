"""Plain snapshots of what the decision editor and the filter bar show, read through the core
services in a worker thread. No ORM object leaves the worker: widgets get these values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from secretariat_app.core.db import Database
from secretariat_app.core.enums import LinkKind, Role, Status
from secretariat_app.core.models import Executor
from secretariat_app.core.names import place_name
from secretariat_app.core.services.decisions import decision_by_code, get_decision
from secretariat_app.core.services.directory import list_executors, list_sectors
from secretariat_app.core.services.forums import list_forums
from secretariat_app.core.services.progress import amendments, history

Names = dict[str, str]


def names_of(executor: Executor) -> Names:
    return {lang: executor.name(lang) for lang in ("ru", "kk", "en")}


@dataclass(frozen=True)
class ForumChoice:
    id: int
    number: int
    city: str  # in Russian
    start_date: dt.date
    cities: Names = field(default_factory=dict)

    def city_in(self, lang: str) -> str:
        """The host city in ``lang`` (Орынбор in Kazakh; Orenburg in English, romanized, as
        forums record no English name), else in Russian."""
        return place_name({"ru": self.city, **self.cities}, lang)


@dataclass(frozen=True)
class ExecutorChoice:
    id: int
    names: Names
    code: str


@dataclass(frozen=True)
class Choices:
    """The values drop-downs and completers offer, read once per database."""

    forums: list[ForumChoice]
    sectors: list[tuple[str, Names]]
    executors: list[ExecutorChoice]


def load_choices(database: Database) -> Choices:
    with database.reader() as session:
        forums = [
            ForumChoice(f.id, f.number, f.city_ru, f.start_date, {"kk": f.city_kk})
            for f in list_forums(session)
        ]
        sectors = [
            (s.code, {"ru": s.name_ru, "kk": s.name_kk, "en": s.name_en}) for s in list_sectors(session)
        ]
        executors = [ExecutorChoice(e.id, names_of(e), e.code or "") for e in list_executors(session)]
    return Choices(forums, sectors, executors)


@dataclass(frozen=True)
class AssignmentRow:
    executor_id: int
    names: Names
    role: Role
    status: Status


@dataclass(frozen=True)
class ProgressRow:
    entry_date: dt.date
    status: Status | None
    executor: Names | None
    notes: dict[str, tuple[str, str, str]]  # lang -> (done, obstacles, next steps)
    letter_number: str
    letter_date: dt.date | None
    entered_by: str
    id: int | None = None  # None: not saved yet
    executor_id: int | None = None


@dataclass(frozen=True)
class AmendmentRow:
    """A report corrected or removed: when, by whom, why (removals) and what it said before."""

    entry_id: int
    removed: bool
    at: dt.datetime
    actor: str
    reason: str
    before: ProgressRow


@dataclass(frozen=True)
class LinkRow:
    kind: LinkKind
    outgoing: bool  # this decision refers to the other one
    other_id: int
    forum_number: int
    code: str


@dataclass(frozen=True)
class DeadlineRow:
    old: dt.date | None
    new: dt.date | None
    reason: str
    changed_at: dt.datetime
    changed_by: str


@dataclass(frozen=True)
class DecisionSnapshot:
    id: int
    version: int
    forum_id: int
    forum_number: int
    code: str
    sector_code: str
    deadline: dt.date | None
    own_status: Status
    status: Status
    texts: dict[str, str]
    outdated: dict[str, bool]
    assignments: list[AssignmentRow] = field(default_factory=list)
    progress: list[ProgressRow] = field(default_factory=list)
    links: list[LinkRow] = field(default_factory=list)
    deadline_changes: list[DeadlineRow] = field(default_factory=list)
    amendments: list[AmendmentRow] = field(default_factory=list)


def read_snapshot(session: Session, decision_id: int) -> DecisionSnapshot:
    decision = get_decision(session, decision_id)
    links = [
        LinkRow(LinkKind(link.kind), True, link.target_id, link.target.forum.number, link.target.code)
        for link in decision.links
    ] + [
        LinkRow(LinkKind(link.kind), False, link.decision_id, link.decision.forum.number, link.decision.code)
        for link in decision.linked_from
    ]
    progress = [
        ProgressRow(
            entry.entry_date,
            Status(entry.status) if entry.status else None,
            names_of(entry.executor) if entry.executor else None,
            {lang: (note.done, note.obstacles, note.next_steps) for lang, note in entry.notes.items()},
            entry.letter_number,
            entry.letter_date,
            entry.entered_by,
            entry.id,
            entry.executor_id,
        )
        for entry in history(session, decision_id)
    ]
    return DecisionSnapshot(
        id=decision.id,
        version=decision.version,
        forum_id=decision.forum_id,
        forum_number=decision.forum.number,
        code=decision.code,
        sector_code=decision.sector.code,
        deadline=decision.deadline,
        own_status=Status(decision.own_status),
        status=Status(decision.status),
        texts={lang: entry.text for lang, entry in decision.texts.items()},
        outdated={lang: bool(entry.outdated) for lang, entry in decision.texts.items()},
        assignments=[
            AssignmentRow(a.executor_id, names_of(a.executor), Role(a.role), Status(a.status))
            for a in decision.assignments
        ],
        progress=progress,
        links=links,
        deadline_changes=[
            DeadlineRow(c.old_deadline, c.new_deadline, c.reason, c.changed_at, c.changed_by)
            for c in decision.deadline_changes
        ],
        amendments=_amendment_rows(session, decision_id),
    )


def _amendment_rows(session: Session, decision_id: int) -> list[AmendmentRow]:
    rows = []
    for amendment in amendments(session, decision_id):
        said = amendment.before
        executor_id = said.get("executor_id")
        executor = session.get(Executor, executor_id) if executor_id else None
        before = ProgressRow(
            entry_date=dt.date.fromisoformat(said["entry_date"]),
            status=Status(said["status"]) if said.get("status") else None,
            executor=names_of(executor) if executor else None,
            notes={lang: (parts[0], parts[1], parts[2]) for lang, parts in said.get("notes", {}).items()},
            letter_number=said.get("letter_number", ""),
            letter_date=dt.date.fromisoformat(said["letter_date"]) if said.get("letter_date") else None,
            entered_by="",
            id=amendment.entry_id,
            executor_id=executor_id,
        )
        rows.append(
            AmendmentRow(
                amendment.entry_id,
                amendment.action == "remove",
                amendment.at,
                amendment.actor,
                amendment.reason,
                before,
            )
        )
    return rows


def load_snapshot(database: Database, decision_id: int) -> DecisionSnapshot:
    with database.reader() as session:
        return read_snapshot(session, decision_id)


@dataclass(frozen=True)
class LinkTarget:
    """A decision a clerk typed as ``VI 1.1``, found before it is linked."""

    id: int
    forum_number: int
    code: str
    forum_start: dt.date


def find_link_target(database: Database, forum_number: int, code: str) -> LinkTarget:
    """The decision ``code`` of forum ``forum_number`` (:class:`NotFoundError` when there is none)."""
    with database.reader() as session:
        decision = decision_by_code(session, forum_number, code)
        return LinkTarget(decision.id, decision.forum.number, decision.code, decision.forum.start_date)
