"""What printed reports show, selected in a few set-based queries and handed over as plain values.

Reports draw; they never query. Everything a report needs of a decision — its texts, its
executors with their statuses, its progress history and what the rules say of it as of a date —
is loaded here with one query per table (never one per decision), on top of the selection and the
rules of :mod:`~secretariat_app.core.services.queries` and :mod:`~secretariat_app.core.rules`, so
that a report's counts are the counts the rest of the app shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Country, Role, Status
from secretariat_app.core.i18n import sort_key
from secretariat_app.core.models import (
    DeadlineChange,
    Decision,
    DecisionText,
    Executor,
    Forum,
    ProgressEntry,
    ProgressNote,
)
from secretariat_app.core.names import name_in
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.executor_standing import (
    AssignmentStanding,
    ExecutorTally,
    assignment_standings,
    tally_by_executor,
)
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.queries import (
    AsOf,
    DecisionFilter,
    as_of,
    decision_facts,
    select_decisions,
)
from secretariat_app.core.services.shared_settings import (
    LetterNumbering,
    Signatory,
    cochair,
    letter_numbering,
    signer,
)
from secretariat_app.core.services.summary import StatusCounts, Summary, summarize


@dataclass(frozen=True, slots=True)
class ForumRef:
    number: int
    city: dict[str, str]
    country: str
    start_date: dt.date
    end_date: dt.date
    theme: dict[str, str]

    def city_in(self, lang: str) -> str:
        """The host city in ``lang``; a city's name falls back to Russian (names are not texts)."""
        return name_in(self.city, lang)


@dataclass(frozen=True, slots=True)
class ExecutorRef:
    id: int
    kind: str
    code: str | None
    country: str | None
    names: dict[str, str]

    def name(self, lang: str) -> str:
        return name_in(self.names, lang)


@dataclass(frozen=True, slots=True)
class NoteText:
    done: str
    obstacles: str
    next_steps: str


@dataclass(frozen=True, slots=True)
class ProgressLine:
    entry_date: dt.date
    executor_id: int | None
    status: Status | None
    letter_number: str
    letter_date: dt.date | None
    notes: dict[str, NoteText]


@dataclass(frozen=True, slots=True)
class DeadlineMove:
    """One change of a decision's deadline as reports print it: from, to, when and why."""

    changed_on: dt.date
    old: dt.date | None
    new: dt.date | None
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionLine:
    """One decision as reports print it; ``progress`` is the whole history, latest first."""

    id: int
    forum_number: int
    code: str
    texts: dict[str, str]
    deadline: dt.date | None
    status: Status
    standing: rules.Standing
    adopted_on: dt.date
    last_progress_on: dt.date | None
    implemented_on: dt.date | None
    #: each executor's assignment with what the rules say of it (late, stalled) as of the date
    assignments: tuple[AssignmentStanding, ...]
    progress: tuple[ProgressLine, ...]
    #: every change of the deadline, oldest first (the deadline printed is the last ``new``)
    deadline_moves: tuple[DeadlineMove, ...] = ()

    @property
    def lead_ids(self) -> list[int]:
        leads = [a.executor_id for a in self.assignments if a.role is Role.LEAD]
        return leads or [a.executor_id for a in self.assignments[:1]]

    def assignment_of(self, executor_id: int) -> AssignmentStanding | None:
        return next((a for a in self.assignments if a.executor_id == executor_id), None)

    @property
    def late(self) -> list[AssignmentStanding]:
        """The executors late on this decision, most days late first (all share one deadline)."""
        return [a for a in self.assignments if a.late]

    @property
    def stalled(self) -> list[AssignmentStanding]:
        return [a for a in self.assignments if a.stalled]

    def last_report_from(self, executor_id: int) -> ProgressLine | None:
        """The executor's own latest report (entries naming no executor are not its reports)."""
        return next((p for p in self.progress if p.executor_id == executor_id), None)


@dataclass
class Directory:
    forums: dict[int, ForumRef]
    executors: dict[int, ExecutorRef]


@dataclass
class ProgressReportData:
    """Everything the progress report for ``forum`` prints (decisions of the forums before it)."""

    forum: ForumRef
    previous: ForumRef | None
    when: AsOf
    directory: Directory
    decisions: list[DecisionLine]
    summary: Summary
    region: ExecutorRef | None
    scorecard: list[ExecutorTally]
    #: overdue decisions, most days first; in a region's report, those the region is late on
    overdue: list[DecisionLine]
    #: decisions without news since the threshold; in a region's report, those it is stalled on
    stalled: list[DecisionLine]
    implemented_since: list[DecisionLine]
    new_of_previous: int
    missing_texts: dict[str, int] = field(default_factory=dict)
    #: the decisions still to be carried out, in protocol order (see :func:`open_decisions`)
    open_decisions: list[DecisionLine] = field(default_factory=list)
    #: every decision of the earlier forums, for the annex; empty unless the archive was asked for
    archive: list[DecisionLine] = field(default_factory=list)

    def own_tally(self) -> ExecutorTally | None:
        """A region's own tally (the scorecard's one row), or ``None`` in the full report."""
        if self.region is None:
            return None
        found = next((t for t in self.scorecard if t.executor_id == self.region.id), None)
        return found or ExecutorTally(self.region.id)

    def own_counts(self) -> StatusCounts:
        """A region's own assignments by their own status (never its partners')."""
        assert self.region is not None
        counts = StatusCounts()
        for decision in self.decisions:
            assignment = decision.assignment_of(self.region.id)
            if assignment is not None:
                counts.by_status[assignment.status] += 1
                counts.overdue += assignment.late
                counts.stalled += assignment.stalled
        return counts

    def stalled_not_overdue(self) -> list[DecisionLine]:
        """The decisions without news that the overdue list does not already give (there, each
        late executor without news is marked so): the PDF's and the Word edition's no-news list."""
        overdue = {d.id for d in self.overdue}
        return [d for d in self.stalled if d.id not in overdue]


@dataclass
class ResolutionsData:
    forum: ForumRef
    when: AsOf
    directory: Directory
    decisions: list[DecisionLine]
    #: the forum's protocol, as recorded on the forum ("" and None when not recorded yet)
    protocol_number: str = ""
    protocol_date: dt.date | None = None
    #: who signs for each side (Kazakhstan, Russia), from the shared settings
    cochairs: dict[Country, Signatory] = field(default_factory=dict)

    def missing_texts(self, langs: tuple[str, ...]) -> dict[str, list[str]]:
        """Per language, the codes of the decisions with no text in it (protocol order)."""
        return {
            lang: codes
            for lang in langs
            if (codes := [d.code for d in self.decisions if not d.texts.get(lang, "").strip()])
        }


@dataclass(frozen=True, slots=True)
class Reminder:
    """A letter to one executor about the decisions it is late or stalled on (its live assignments)."""

    executor_id: int
    decisions: tuple[DecisionLine, ...]
    #: the letter's outgoing number once issued (prefix + running number); "" in a draft
    outgoing_number: str = ""

    def standing(self, decision: DecisionLine) -> AssignmentStanding:
        """The addressee's own assignment to one of the letter's decisions."""
        assignment = decision.assignment_of(self.executor_id)
        assert assignment is not None
        return assignment


@dataclass(frozen=True, slots=True)
class Addressee:
    """Whom a letter to an executor is addressed to, per language (each part optional)."""

    position: dict[str, str]
    name: dict[str, str]
    salutation: dict[str, str]

    @property
    def known(self) -> bool:
        return any(self.position.values()) or any(self.name.values())


@dataclass
class RemindersData:
    forum: ForumRef
    when: AsOf
    directory: Directory
    reminders: list[Reminder]
    #: per executor with a letter: whom it is addressed to
    addressees: dict[int, Addressee] = field(default_factory=dict)
    #: who signs the letters, and how outgoing numbers are made (settings)
    signer: Signatory = field(default_factory=Signatory)
    numbering: LetterNumbering = field(default_factory=LetterNumbering)


# --- selection -----------------------------------------------------------------------------------


def load_directory(session: Session) -> Directory:
    forums = {
        f.number: ForumRef(
            f.number,
            {"ru": f.city_ru, "kk": f.city_kk},
            f.country,
            f.start_date,
            f.end_date,
            {"ru": f.theme_ru, "kk": f.theme_kk},
        )
        for f in session.scalars(select(Forum).order_by(Forum.number))
    }
    executors = {
        e.id: ExecutorRef(
            e.id, e.kind, e.code, e.country, {"ru": e.name_ru, "kk": e.name_kk, "en": e.name_en}
        )
        for e in session.scalars(select(Executor))
    }
    return Directory(forums, executors)


def load_decisions(session: Session, flt: DecisionFilter, when: AsOf) -> list[DecisionLine]:
    """The selected decisions in protocol order, with texts, assignments, history and deadline moves:
    five queries."""
    facts = decision_facts(session, flt, when)
    ids = select_decisions(flt, when).with_only_columns(Decision.id)
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for decision_id, lang, text in session.execute(
        select(DecisionText.decision_id, DecisionText.lang, DecisionText.text).where(
            DecisionText.decision_id.in_(ids)
        )
    ):
        texts[decision_id][lang] = text
    assignments = assignment_standings(session, facts, when)
    notes: dict[int, dict[str, NoteText]] = defaultdict(dict)
    for entry_id, lang, done, obstacles, next_steps in session.execute(
        select(
            ProgressNote.entry_id,
            ProgressNote.lang,
            ProgressNote.done,
            ProgressNote.obstacles,
            ProgressNote.next_steps,
        )
        .join(ProgressEntry, ProgressEntry.id == ProgressNote.entry_id)
        .where(ProgressEntry.decision_id.in_(ids))
    ):
        notes[entry_id][lang] = NoteText(done, obstacles, next_steps)
    history: dict[int, list[ProgressLine]] = defaultdict(list)
    implemented_on: dict[int, dt.date] = {}
    entries = session.execute(
        select(
            ProgressEntry.id,
            ProgressEntry.decision_id,
            ProgressEntry.executor_id,
            ProgressEntry.entry_date,
            ProgressEntry.status,
            ProgressEntry.letter_number,
            ProgressEntry.letter_date,
        )
        .where(ProgressEntry.decision_id.in_(ids))
        .order_by(ProgressEntry.decision_id, ProgressEntry.entry_date.desc(), ProgressEntry.id.desc())
    )
    for entry in entries:
        entry_status = Status(entry.status) if entry.status else None
        history[entry.decision_id].append(
            ProgressLine(
                entry.entry_date,
                entry.executor_id,
                entry_status,
                entry.letter_number,
                entry.letter_date,
                notes.pop(entry.id, {}),
            )
        )
        if entry_status is Status.IMPLEMENTED:
            implemented_on.setdefault(entry.decision_id, entry.entry_date)
    moves: dict[int, list[DeadlineMove]] = defaultdict(list)
    for change in session.execute(
        select(
            DeadlineChange.decision_id,
            DeadlineChange.changed_at,
            DeadlineChange.old_deadline,
            DeadlineChange.new_deadline,
            DeadlineChange.reason,
        )
        .where(DeadlineChange.decision_id.in_(ids))
        .order_by(DeadlineChange.decision_id, DeadlineChange.changed_at, DeadlineChange.id)
    ):
        moves[change.decision_id].append(
            DeadlineMove(change.changed_at.date(), change.old_deadline, change.new_deadline, change.reason)
        )
    return [
        DecisionLine(
            id=fact.id,
            forum_number=fact.forum_number,
            code=fact.code,
            texts=texts.get(fact.id, {}),
            deadline=fact.deadline,
            status=fact.status,
            standing=fact.standing,
            adopted_on=fact.adopted_on,
            last_progress_on=fact.last_progress_on,
            implemented_on=implemented_on.get(fact.id, fact.last_progress_on),
            assignments=tuple(assignments.get(fact.id, ())),
            progress=tuple(history.get(fact.id, ())),
            deadline_moves=tuple(moves.get(fact.id, ())),
        )
        for fact in facts
    ]


def resolve_region(session: Session, region: str | None) -> Executor | None:
    """The executor a report is limited to (by code or name); a clear error when unknown."""
    return find_executor(session, region) if region else None


def scorecard(decisions: list[DecisionLine], only: int | None = None) -> list[ExecutorTally]:
    """Per executor (or only one), counted on its own assignments; who is most behind first."""
    standings = {decision.id: list(decision.assignments) for decision in decisions}
    return tally_by_executor(standings, None if only is None else (only,))


def open_decisions(decisions: list[DecisionLine], executor_id: int | None = None) -> list[DecisionLine]:
    """The decisions still to be carried out: open ones (not implemented, cancelled or for
    information); for one executor, those where its own assignment is still live."""
    if executor_id is None:
        return [d for d in decisions if rules.is_open(d.status)]
    return [d for d in decisions if (a := d.assignment_of(executor_id)) is not None and a.live]


def progress_report_data(
    session: Session,
    forum_number: int,
    date: dt.date | None = None,
    region: str | None = None,
    langs: tuple[str, ...] = ("ru", "kk"),
    with_archive: bool = False,
) -> ProgressReportData:
    """The data of the progress report prepared for forum ``forum_number`` as of ``date``;
    ``with_archive`` adds every decision of the earlier forums for the annex."""
    directory = load_directory(session)
    forum = forum_by_number(session, forum_number)
    executor = resolve_region(session, region)
    when = as_of(session, date)
    flt = DecisionFilter(before_forum_number=forum_number, executor_ids=(executor.id,) if executor else ())
    decisions = load_decisions(session, flt, when)
    earlier = [number for number in directory.forums if number < forum_number]
    previous = directory.forums[max(earlier)] if earlier else None
    overdue, stalled = late_and_stalled(decisions, executor.id if executor else None)
    since = previous.start_date if previous else None
    implemented = [
        d
        for d in decisions
        if d.status is Status.IMPLEMENTED
        and d.implemented_on is not None
        and since is not None
        and since <= d.implemented_on <= when.date
    ]
    return ProgressReportData(
        forum=directory.forums[forum.number],
        previous=previous,
        when=when,
        directory=directory,
        decisions=decisions,
        summary=summarize(session, flt, when),
        region=directory.executors[executor.id] if executor else None,
        scorecard=scorecard(decisions, executor.id if executor else None),
        overdue=overdue,
        stalled=stalled,
        implemented_since=implemented,
        new_of_previous=sum(1 for d in decisions if previous and d.forum_number == previous.number),
        missing_texts={
            lang: sum(1 for d in decisions if not d.texts.get(lang, "").strip()) for lang in langs
        },
        open_decisions=open_decisions(decisions, executor.id if executor else None),
        archive=list(decisions) if with_archive else [],
    )


def late_and_stalled(
    decisions: list[DecisionLine], executor_id: int | None = None
) -> tuple[list[DecisionLine], list[DecisionLine]]:
    """The overdue and the stalled decisions, most days overdue first; for one executor, those
    it is late or stalled on itself (its partners' delays are not its own)."""
    if executor_id is None:
        overdue = [d for d in decisions if d.standing.overdue]
        stalled = [d for d in decisions if d.standing.stalled]
    else:
        mine = [(d, d.assignment_of(executor_id)) for d in decisions]
        overdue = [d for d, a in mine if a is not None and a.late]
        stalled = [d for d, a in mine if a is not None and a.stalled]
    overdue.sort(key=lambda d: -d.standing.days_overdue)
    return overdue, stalled


def resolutions_data(
    session: Session, forum_number: int, date: dt.date | None = None, region: str | None = None
) -> ResolutionsData:
    """The decisions adopted at forum ``forum_number`` (optionally those of one executor)."""
    directory = load_directory(session)
    forum = forum_by_number(session, forum_number)
    executor = resolve_region(session, region)
    when = as_of(session, date)
    flt = DecisionFilter(forum_numbers=(forum_number,), executor_ids=(executor.id,) if executor else ())
    return ResolutionsData(
        directory.forums[forum.number],
        when,
        directory,
        load_decisions(session, flt, when),
        protocol_number=forum.protocol_number,
        protocol_date=forum.protocol_date,
        cochairs={side: cochair(session, side) for side in Country},
    )


def reminders_data(
    session: Session, forum_number: int, date: dt.date | None = None, region: str | None = None
) -> RemindersData:
    """Before forum ``forum_number``: per executor, the decisions it is late or stalled on."""
    directory = load_directory(session)
    forum = forum_by_number(session, forum_number)
    executor = resolve_region(session, region)
    when = as_of(session, date)
    flt = DecisionFilter(before_forum_number=forum_number, executor_ids=(executor.id,) if executor else ())
    decisions = load_decisions(session, flt, when)
    decisions.sort(key=lambda d: -d.standing.days_overdue)
    per_executor: dict[int, list[DecisionLine]] = defaultdict(list)
    for decision in decisions:
        for assignment in decision.assignments:
            if (assignment.late or assignment.stalled) and (
                executor is None or assignment.executor_id == executor.id
            ):
                per_executor[assignment.executor_id].append(decision)

    def letter_order(executor_id: int) -> tuple[object, ...]:
        ref = directory.executors[executor_id]
        return (ref.country or "", ref.kind, sort_key(ref.name("ru"), "ru"))

    order = sorted(per_executor, key=letter_order)
    return RemindersData(
        directory.forums[forum.number],
        when,
        directory,
        [Reminder(i, tuple(per_executor[i])) for i in order],
        addressees=load_addressees(session, order),
        signer=signer(session),
        numbering=letter_numbering(session),
    )


def load_addressees(session: Session, executor_ids: list[int]) -> dict[int, Addressee]:
    """Whom the letters to these executors address (one query)."""
    rows = session.execute(
        select(
            Executor.id,
            Executor.addressee_position_ru,
            Executor.addressee_position_kk,
            Executor.addressee_name_ru,
            Executor.addressee_name_kk,
            Executor.salutation_ru,
            Executor.salutation_kk,
        ).where(Executor.id.in_(executor_ids))
    )
    return {
        row.id: Addressee(
            {"ru": row.addressee_position_ru, "kk": row.addressee_position_kk},
            {"ru": row.addressee_name_ru, "kk": row.addressee_name_kk},
            {"ru": row.salutation_ru, "kk": row.salutation_kk},
        )
        for row in rows
    }
