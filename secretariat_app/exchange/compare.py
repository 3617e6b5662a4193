"""Comparing the records of a file with the database: what is new, what changed, what is the
same, and which references (forums, decisions, assignments) lead nowhere.

Everything is read with a handful of set-based queries over the forums the file mentions, then
compared in memory by natural keys: a forum by its number, a decision by forum and code, an
assignment by decision and executor, a progress entry by decision, date, executor and what it
says (:mod:`progress_match`: an executor may send two letters a day).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, Executable, Row, String, func, select, type_coerce
from sqlalchemy.orm import Session

from secretariat_app.core.decision_texts import outdated_by_change
from secretariat_app.core.enums import TEXT_LANGUAGES, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.models import (
    Assignment,
    Decision,
    DecisionLink,
    DecisionText,
    Executor,
    Forum,
    ProgressEntry,
    ProgressNote,
)
from secretariat_app.core.rules import decision_status
from secretariat_app.core.validation import (
    check_deadline,
    check_forum_start,
    check_link,
    check_report_date,
    check_reporter_assigned,
)
from secretariat_app.exchange.columns import ASSIGNMENTS, DECISIONS, FORUMS
from secretariat_app.exchange.problems import Problem, problem
from secretariat_app.exchange.progress_match import StoredEntry, match, stored_entry
from secretariat_app.exchange.records import (
    FORUM_FIELDS,
    AgencyRecord,
    AssignmentRecord,
    DecisionRecord,
    ExecutorRef,
    ForumRecord,
    NoteParts,
    ParsedFile,
    ProgressRecord,
)

DecisionKey = tuple[int, str]
KINDS = ("agencies", "forums", "decisions", "assignments", "progress")


@dataclass
class Counts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    #: The file's rows behind each number, for a preview that says which rows (see ``tally``).
    rows: dict[str, list[int]] = field(default_factory=lambda: {"added": [], "updated": [], "unchanged": []})

    def tally(self, outcome: str, row: int) -> None:
        """Count a row as ``added``, ``updated`` or ``unchanged``."""
        setattr(self, outcome, getattr(self, outcome) + 1)
        self.rows[outcome].append(row)


@dataclass
class Update:
    """A changed record: its id, its version when it has one (the one compared against, which the
    write checks is still there), the changed columns (old, new), and the file's row asking for it."""

    id: int
    version: int | None
    changes: dict[str, tuple[Any, Any]]
    sheet: str = ""
    row: int | None = None


@dataclass
class Diff:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    new_agencies: list[AgencyRecord] = field(default_factory=list)
    new_forums: list[ForumRecord] = field(default_factory=list)
    forum_updates: list[Update] = field(default_factory=list)
    new_decisions: list[DecisionRecord] = field(default_factory=list)
    decision_updates: dict[int, Update] = field(default_factory=dict)
    #: Texts to add: (decision, lang, text); texts to change: (text id, new text); texts to flag.
    text_inserts: list[tuple[DecisionKey, str, str]] = field(default_factory=list)
    text_updates: list[tuple[int, str]] = field(default_factory=list)
    texts_outdated: list[int] = field(default_factory=list)
    link_inserts: list[tuple[DecisionKey, DecisionKey, str]] = field(default_factory=list)
    link_updates: list[tuple[int, str]] = field(default_factory=list)
    new_assignments: list[AssignmentRecord] = field(default_factory=list)
    assignment_updates: list[Update] = field(default_factory=list)
    new_progress: list[ProgressRecord] = field(default_factory=list)
    progress_updates: list[tuple[Update, ProgressRecord]] = field(default_factory=list)
    #: The derived status of each decision the file adds, by key (a stored decision's change of
    #: derived status is one of its ``decision_updates``).
    derived: dict[DecisionKey, str] = field(default_factory=dict)
    decision_ids: dict[DecisionKey, int] = field(default_factory=dict)
    forum_ids: dict[int, int] = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return any(c.added or c.updated for c in self.counts.values())


#: The bit of each language in a mask of the languages a decision's texts are stored in.
_LANGUAGE_BIT = {lang: 1 << position for position, lang in enumerate(TEXT_LANGUAGES)}
#: Stored rows read per fetch where a file may bring 10⁵ of them (texts).
_FETCH = 5_000


@dataclass
class _Existing:
    forums: dict[int, Forum]
    decisions: dict[DecisionKey, StoredDecision]
    #: The stored texts, compared with the file's as they are read and never held (600,000 of
    #: them would take some 300 MB): the languages each decision has a text in (a mask of
    #: ``_LANGUAGE_BIT``), the ids of the texts the file changes, and the text ids by language of
    #: only the decisions whose texts the file changes or adds to.
    text_langs: dict[int, int]
    changed_texts: set[int]
    text_ids: dict[int, dict[str, int]]
    links: dict[int, dict[int, Any]]
    assignments: dict[int, dict[int, Any]]
    progress: dict[tuple[int, dt.date, int | None], list[StoredEntry]]
    notes: dict[int, dict[str, NoteParts]]
    agencies: set[str]


def _load(session: Session, parsed: ParsedFile) -> _Existing:
    row: Any
    # Plain Core rows from the connection, fetched many at once: an ORM-enabled ``session.execute``
    # of the same columns, or iterating row by row, costs several times more per row, and 10⁵
    # rows are read here to compare a large file. Rows are read by position where there are many:
    # much faster than by name. Decisions and texts, the most, are read a few thousand at a time
    # and kept compact (``_stored_decisions``, ``_stored_texts``).
    connection = session.connection()
    numbers = parsed.forum_numbers()
    forums = {f.number: f for f in session.scalars(select(Forum))}
    forum_ids = [forums[n].id for n in numbers if n in forums]
    decision_ids = select(Decision.id).where(Decision.forum_id.in_(forum_ids))
    by_id_number = {f.id: f.number for f in forums.values()}
    decision_rows = select(
        Decision.id, Decision.forum_id, Decision.code, Decision.sector_id, Decision.deadline,
        _stored(Decision.own_status), _stored(Decision.status), Decision.version,
    ).where(Decision.forum_id.in_(forum_ids))  # fmt: skip
    decisions = _stored_decisions(connection, decision_rows, by_id_number, parsed)
    text_langs, changed_texts, text_ids = _stored_texts(connection, parsed, decisions, decision_ids)
    links: dict[int, dict[int, Any]] = defaultdict(dict)
    if any(d.links for d in parsed.decisions):
        link_rows = select(
            DecisionLink.id, DecisionLink.decision_id, DecisionLink.target_id, _stored(DecisionLink.kind)
        )
        for row in _fetch(connection, link_rows.where(DecisionLink.decision_id.in_(decision_ids))):
            links[row.decision_id][row.target_id] = row
    assignments: dict[int, dict[int, Any]] = defaultdict(dict)
    assignment_rows = select(
        Assignment.id, Assignment.decision_id, Assignment.executor_id, _stored(Assignment.role),
        _stored(Assignment.status), Assignment.note, Assignment.version,
    ).where(Assignment.decision_id.in_(decision_ids))  # fmt: skip
    for row in _fetch(connection, assignment_rows):
        assignments[row[1]][row[2]] = row
    progress: dict[tuple[int, dt.date, int | None], list[StoredEntry]] = defaultdict(list)
    notes: dict[int, dict[str, NoteParts]] = defaultdict(dict)
    if parsed.progress:
        entry_ids = select(ProgressEntry.id).where(ProgressEntry.decision_id.in_(decision_ids))
        entry_rows = select(
            ProgressEntry.id, ProgressEntry.decision_id, ProgressEntry.entry_date,
            ProgressEntry.executor_id, _stored(ProgressEntry.status), ProgressEntry.letter_number,
            ProgressEntry.letter_date,
        ).where(ProgressEntry.id.in_(entry_ids)).order_by(ProgressEntry.id.desc())  # fmt: skip
        entries = _fetch(connection, entry_rows)
        note_rows = select(
            ProgressNote.entry_id, ProgressNote.lang, ProgressNote.done, ProgressNote.obstacles,
            ProgressNote.next_steps,
        ).where(ProgressNote.entry_id.in_(entry_ids))  # fmt: skip
        for row in _fetch(connection, note_rows):
            notes[row[0]][row[1]] = (row[2], row[3], row[4])
        for row in entries:  # every entry of a day: an executor may report twice (progress_match)
            progress[(row[1], row[2], row[3])].append(stored_entry(row, notes.get(row[0], {})))
    agencies: set[str] = set()
    if parsed.agencies:
        agencies = {
            name.casefold()
            for name in session.scalars(select(Executor.name_ru).where(Executor.kind == "agency"))
        }
    return _Existing(
        forums, decisions, text_langs, changed_texts, text_ids, links, assignments, progress, notes, agencies
    )


class StoredDecision(NamedTuple):
    """A stored decision as the comparison needs it (a third of a result row's size)."""

    id: int
    sector_id: int
    deadline: dt.date | None
    own_status: str
    status: str
    version: int


def _stored_decisions(
    connection: Connection, rows: Executable, forum_numbers: dict[int, int], parsed: ParsedFile
) -> dict[DecisionKey, StoredDecision]:
    """The stored decisions by key, read a few thousand at a time. The file's own key of a decision
    is reused, and repeated values (dates, statuses) are kept once: a file may bring 10⁵."""
    file_keys = {d.key: d.key for d in parsed.decisions}
    shared: dict[Any, Any] = {}
    share = shared.setdefault
    decisions: dict[DecisionKey, StoredDecision] = {}
    for id_, forum_id, code, sector_id, deadline, own_status, status, version in _streamed(connection, rows):
        key = (forum_numbers[forum_id], code)
        key = file_keys.get(key, key)
        decisions[key] = StoredDecision(
            id_,
            sector_id,
            share(deadline, deadline),
            share(own_status, own_status),
            share(status, status),
            version,
        )
    return decisions


def _stored_texts(
    connection: Connection,
    parsed: ParsedFile,
    decisions: dict[DecisionKey, StoredDecision],
    decision_ids: Any,
) -> tuple[dict[int, int], set[int], dict[int, dict[str, int]]]:
    """What :class:`_Existing` says of the stored texts, read a few thousand rows at a time: the
    texts once, compared as they come; their ids again only for the decisions the file changes."""
    in_file = {decisions[d.key].id: d.text_values for d in parsed.decisions if d.key in decisions}
    langs: dict[int, int] = {}
    changed: set[int] = set()
    touched: set[int] = set()
    rows = select(DecisionText.id, DecisionText.decision_id, DecisionText.lang, DecisionText.text)
    for text_id, decision_id, lang, text in _streamed(
        connection, rows.where(DecisionText.decision_id.in_(decision_ids))
    ):
        bit = _LANGUAGE_BIT.get(lang)
        if bit is None:  # no language of ours: no file can give it
            continue
        langs[decision_id] = langs.get(decision_id, 0) | bit
        given = in_file.get(decision_id)
        if given is not None and (new := given[bit.bit_length() - 1]) and new != text:
            changed.add(text_id)
            touched.add(decision_id)
    for decision_id, given in in_file.items():
        mask = langs.get(decision_id, 0)
        if any(text and not mask & (1 << position) for position, text in enumerate(given)):
            touched.add(decision_id)  # a language added: the stored ones are flagged outdated
    ids: dict[int, dict[str, int]] = {}
    if touched:
        id_rows = select(DecisionText.id, DecisionText.decision_id, DecisionText.lang)
        for text_id, decision_id, lang in _streamed(
            connection, id_rows.where(DecisionText.decision_id.in_(decision_ids))
        ):
            if decision_id in touched and lang in _LANGUAGE_BIT:
                ids.setdefault(decision_id, {})[lang] = text_id
    return langs, changed, ids


def _streamed(connection: Connection, statement: Executable) -> Iterator[Any]:
    """The rows of ``statement``, fetched a few thousand at a time.

    The option goes with this statement only: ``Connection.execution_options`` would change the
    connection itself, and PostgreSQL would then be sent even SAVEPOINT as a server-side cursor."""
    result = connection.execute(statement, execution_options={"yield_per": _FETCH})
    for rows in result.partitions():
        yield from rows


def _stored(column: Any) -> Any:
    """An enum column as the text it is stored as: the comparison needs no enum objects (the
    vocabularies are string enums, equal to their text), and making 10⁵ of them costs seconds."""
    return type_coerce(column, String).label(column.key)


def _fetch(connection: Connection, statement: Executable) -> Sequence[Row[Any]]:
    return connection.execute(statement).all()


def compare(session: Session, parsed: ParsedFile, problems: list[Problem]) -> Diff:
    """What importing ``parsed`` would change; reference problems are added to ``problems``."""
    existing = _load(session, parsed)
    diff = Diff()
    diff.forum_ids = {number: forum.id for number, forum in existing.forums.items()}
    diff.decision_ids = {key: row.id for key, row in existing.decisions.items()}
    _compare_agencies(parsed, existing, diff)
    starts = _compare_forums(parsed, existing, diff)
    _check_moved_forums(session.connection(), parsed, existing, problems)
    file_decisions = _compare_decisions(parsed, existing, diff, starts, problems)
    statuses, assignment_rows = _compare_assignments(parsed, existing, diff, file_decisions, problems)
    _compare_progress(parsed, existing, diff, starts, file_decisions, statuses, problems)
    assigned = {(a.forum, a.code) for a in parsed.assignments}
    touched = itertools.chain(file_decisions, (key for key in assigned if key not in file_decisions))
    for key in touched:  # the decisions the file touches: their derived status
        record = file_decisions.get(key)
        current = existing.decisions.get(key)
        if record is not None and record.forum in starts:  # the file gives its own status
            own = record.own_status
        elif current is not None:
            own = Status(current.own_status)
        else:
            continue
        derived = decision_status(own, statuses.get(key, {}).values()).value
        if current is None:
            diff.derived[key] = derived
        elif current.status != derived:
            update = diff.decision_updates.setdefault(
                current.id, Update(current.id, current.version, {}, ASSIGNMENTS, assignment_rows.get(key))
            )
            update.changes["status"] = (current.status, derived)
    return diff


def _compare_agencies(parsed: ParsedFile, existing: _Existing, diff: Diff) -> None:
    for agency in parsed.agencies:
        if agency.name_ru.casefold() in existing.agencies:
            diff.counts["agencies"].tally("unchanged", agency.row)
        else:
            diff.new_agencies.append(agency)
            diff.counts["agencies"].tally("added", agency.row)


def _compare_forums(parsed: ParsedFile, existing: _Existing, diff: Diff) -> dict[int, dt.date]:
    starts = {number: forum.start_date for number, forum in existing.forums.items()}
    for record in parsed.forums:
        starts[record.number] = record.start_date
        current = existing.forums.get(record.number)
        if current is None:
            diff.new_forums.append(record)
            diff.counts["forums"].tally("added", record.row)
            continue
        changes = {
            name: (getattr(current, name), value)
            for name, value in record.values().items()
            if getattr(current, name) != value
        }
        if changes:
            diff.forum_updates.append(Update(current.id, current.version, changes, FORUMS, record.row))
            diff.counts["forums"].tally("updated", record.row)
        else:
            diff.counts["forums"].tally("unchanged", record.row)
    return starts


def _check_moved_forums(
    connection: Connection, parsed: ParsedFile, existing: _Existing, problems: list[Problem]
) -> None:
    """A forum whose start the file changes must still start before the deadlines of its decisions
    and the reports on them: the stored ones the file leaves as they are (the file's own are
    checked row by row against the new start)."""
    moved = {
        record.number: record
        for record in parsed.forums
        if record.number in existing.forums and record.start_date != existing.forums[record.number].start_date
    }
    if not moved:
        return
    in_file = {(d.forum, d.code) for d in parsed.decisions}
    deadlines: dict[int, dt.date] = {}
    for key, row in existing.decisions.items():
        if key[0] in moved and key not in in_file and row.deadline is not None:
            deadlines[key[0]] = min(row.deadline, deadlines.get(key[0], row.deadline))
    forum_ids = {existing.forums[number].id: number for number in moved}
    earliest_reports = (
        select(Decision.forum_id, func.min(ProgressEntry.entry_date))
        .select_from(ProgressEntry)
        .join(Decision, Decision.id == ProgressEntry.decision_id)
        .where(Decision.forum_id.in_(forum_ids))
        .group_by(Decision.forum_id)
    )
    reports = {forum_ids[forum_id]: day for forum_id, day in connection.execute(earliest_reports)}
    for number, record in moved.items():
        _check(
            problems, FORUMS, record.row, "start_date",
            check_forum_start, record.start_date, deadlines.get(number), reports.get(number),
        )  # fmt: skip


def _check(
    problems: list[Problem], sheet: str, row: int, column: str, check: Callable[..., None], *args: Any
) -> bool:
    """Run one of the core's checks on a row's values; a refusal becomes a problem at that cell."""
    try:
        check(*args)
    except ValidationError as error:
        problems.append(Problem(sheet, row, column, error))
        return False
    return True


def _unknown_forum(sheet: str, row: int, number: int) -> Problem:
    return problem(sheet, row, "forum", N_("Unknown forum: {number}."), number=number)


def _compare_decisions(
    parsed: ParsedFile,
    existing: _Existing,
    diff: Diff,
    starts: dict[int, dt.date],
    problems: list[Problem],
) -> dict[DecisionKey, DecisionRecord]:
    in_file = {d.key: d for d in parsed.decisions}
    for record in parsed.decisions:
        key = record.key
        start = starts.get(record.forum)
        if start is None:
            if record.forum not in parsed.failed_forums:
                problems.append(_unknown_forum(DECISIONS, record.row, record.forum))
            continue
        _check(problems, DECISIONS, record.row, "deadline", check_deadline, record.deadline, start)
        for link in record.links:
            target = (link.forum, link.code)
            if target in parsed.failed_decisions:
                continue
            if target not in in_file and target not in existing.decisions:
                problems.append(
                    problem(
                        DECISIONS, record.row, "repeats", N_("There is no decision {code} of forum {forum}."),
                        code=link.code, forum=roman(link.forum),
                    )
                )  # fmt: skip
            else:
                target_start = starts.get(link.forum, start)
                _check(
                    problems, DECISIONS, record.row, "repeats", check_link, target == key, start, target_start
                )
        current = existing.decisions.get(key)
        if current is None:
            diff.new_decisions.append(record)
            diff.counts["decisions"].tally("added", record.row)
            continue
        changes: dict[str, tuple[Any, Any]] = {}
        for name, value in (
            ("sector_id", record.sector_id),
            ("deadline", record.deadline),
            ("own_status", record.own_status.value),
        ):
            if getattr(current, name) != value:
                changes[name] = (getattr(current, name), value)
        changed_texts = _compare_texts(current.id, record, existing, diff, key)
        changed_links = _compare_links(current.id, record, existing, diff, key)
        if changed_texts:
            changes["texts"] = (None, sorted(changed_texts))
        if changes or changed_links:
            diff.decision_updates[current.id] = Update(
                current.id, current.version, changes, DECISIONS, record.row
            )
            diff.counts["decisions"].tally("updated", record.row)
        else:
            diff.counts["decisions"].tally("unchanged", record.row)
    return in_file


def _compare_texts(
    decision_id: int, record: DecisionRecord, existing: _Existing, diff: Diff, key: DecisionKey
) -> set[str]:
    """Texts in the file replace the stored ones; an empty cell leaves a stored text as it is."""
    stored = existing.text_langs.get(decision_id, 0)
    changed = set()
    for lang, text in zip(TEXT_LANGUAGES, record.text_values, strict=True):
        if not text:
            continue
        if not stored & _LANGUAGE_BIT[lang]:
            diff.text_inserts.append((key, lang, text))
            changed.add(lang)
        elif (text_id := existing.text_ids.get(decision_id, {}).get(lang)) in existing.changed_texts:
            assert text_id is not None  # a changed text's decision has its ids
            diff.text_updates.append((text_id, text))
            changed.add(lang)
    if changed:
        ids = existing.text_ids.get(decision_id, {})
        diff.texts_outdated.extend(ids[lang] for lang in outdated_by_change(changed, ids))
    return changed


def _compare_links(
    decision_id: int, record: DecisionRecord, existing: _Existing, diff: Diff, key: DecisionKey
) -> bool:
    stored = existing.links.get(decision_id, {})
    changed = False
    for link in record.links:
        target_id = diff.decision_ids.get((link.forum, link.code))
        current = stored.get(target_id) if target_id is not None else None
        if current is None:
            diff.link_inserts.append((key, (link.forum, link.code), link.kind))
            changed = True
        elif current.kind != link.kind:
            diff.link_updates.append((current.id, link.kind))
            changed = True
    return changed


def _compare_assignments(
    parsed: ParsedFile,
    existing: _Existing,
    diff: Diff,
    file_decisions: dict[DecisionKey, DecisionRecord],
    problems: list[Problem],
) -> tuple[dict[DecisionKey, dict[ExecutorRef, str]], dict[DecisionKey, int]]:
    """The assignments' statuses per decision as they will be, and the file's row of each decision's
    last assignment (where a conflict over the decision's derived status is reported)."""
    statuses: dict[DecisionKey, dict[ExecutorRef, str]] = defaultdict(dict)
    rows: dict[DecisionKey, int] = {}
    for key, row in existing.decisions.items():
        for executor_id, assignment in existing.assignments.get(row.id, {}).items():
            statuses[key][executor_id] = assignment.status
    for record in parsed.assignments:
        key = (record.forum, record.code)
        if key not in file_decisions and key not in existing.decisions:
            if key not in parsed.failed_decisions:
                problems.append(_unknown_decision(ASSIGNMENTS, record.row, record.forum, record.code))
            continue
        statuses[key][record.executor] = record.status.value
        rows[key] = record.row
        decision = existing.decisions.get(key)
        current = (
            existing.assignments.get(decision.id, {}).get(record.executor)
            if decision is not None and isinstance(record.executor, int)
            else None
        )
        if current is None:
            diff.new_assignments.append(record)
            diff.counts["assignments"].tally("added", record.row)
            continue
        wanted = (record.role.value, record.status.value, record.note)
        if (current[3], current[4], current[5]) == wanted:
            diff.counts["assignments"].tally("unchanged", record.row)
            continue
        changes = {
            name: (old, new)
            for name, old, new in zip(("role", "status", "note"), current[3:6], wanted, strict=True)
            if old != new
        }
        if changes:
            diff.assignment_updates.append(
                Update(current.id, current.version, changes, ASSIGNMENTS, record.row)
            )
            diff.counts["assignments"].tally("updated", record.row)
        else:
            diff.counts["assignments"].tally("unchanged", record.row)
    return statuses, rows


def _unknown_decision(sheet: str, row: int, forum: int, code: str) -> Problem:
    return problem(
        sheet, row, "code", N_("There is no decision {code} of forum {forum}."), code=code, forum=roman(forum)
    )


def _compare_progress(
    parsed: ParsedFile,
    existing: _Existing,
    diff: Diff,
    starts: dict[int, dt.date],
    file_decisions: dict[DecisionKey, DecisionRecord],
    statuses: dict[DecisionKey, dict[ExecutorRef, str]],
    problems: list[Problem],
) -> None:
    for record in parsed.progress:
        key = (record.forum, record.code)
        if key not in file_decisions and key not in existing.decisions:
            if key not in parsed.failed_decisions:
                problems.append(
                    _unknown_decision(parsed.progress_sheet, record.row, record.forum, record.code)
                )
            continue
        start = starts.get(record.forum)
        if start is None:  # the decision's own row reports its unknown forum
            continue
        date_column = parsed.progress_column("date")
        _check(
            problems,
            parsed.progress_sheet,
            record.row,
            date_column,
            check_report_date,
            record.entry_date,
            start,
        )
        assigned = record.executor is None or record.executor in statuses.get(key, {})
        if not _check(
            problems, parsed.progress_sheet, record.row, "executor", check_reporter_assigned, assigned
        ):
            continue
        decision = existing.decisions.get(key)
        candidates: list[StoredEntry] = []
        if decision is not None and not isinstance(record.executor, str):
            candidates = existing.progress.get((decision.id, record.entry_date, record.executor), [])
        outcome, _entry = match(record, candidates)
        if outcome == "conflict":
            problems.append(
                problem(
                    parsed.progress_sheet, record.row, parsed.progress_column("source"),
                    N_("The letter {number} of this day is recorded with other content; correct the row or the recorded entry."),
                    number=record.letter_number,
                )
            )  # fmt: skip
        elif outcome == "new":
            diff.new_progress.append(record)
            diff.counts["progress"].tally("added", record.row)
        else:
            diff.counts["progress"].tally("unchanged", record.row)


__all__ = ["FORUM_FIELDS", "Counts", "Diff", "Update", "compare"]
