"""The decisions list of the GUI: a fast id list for a filter and sort, and the shown rows fetched
for a page of ids at a time. Set-based: three queries per page, never one per row. Overdue, stalled
and status come from :mod:`core.rules` through :func:`queries.standing_of`."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from itertools import compress, repeat
from typing import Any, NamedTuple

from sqlalchemy import Select, and_, case, func, null, select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.models import Assignment, Decision, DecisionText, Executor, Forum
from secretariat_app.core.names import name_in
from secretariat_app.core.services.queries import (
    AsOf,
    DecisionFilter,
    filter_conditions,
    fold,
    last_progress_subquery,
    standing_of,
)
from secretariat_app.core.status_style import display_rank


class SortKey(StrEnum):
    CODE = "code"
    FORUM = "forum"
    TEXT = "text"
    STATUS = "status"
    LEAD = "lead"
    DEADLINE = "deadline"
    OVERDUE = "overdue"


_STATUS_ORDER = {status.value: display_rank(status) for status in Status}


@dataclass(frozen=True)
class DecisionRow:
    """One line of the decisions list, in one interface language."""

    id: int
    forum_number: int
    code: str
    text: str
    text_missing: bool  # the text is not written in the wanted language; ``text`` is another's
    text_outdated: bool
    status: Status
    lead: str
    #: the executors late on it (the lead may have finished while a co-executor has not)
    late: tuple[str, ...]
    deadline: dt.date | None
    days_overdue: int
    stalled: bool
    last_progress_on: dt.date | None
    #: the decision's texts by language (those written), so a search can show the one it matched
    texts: tuple[tuple[str, str], ...] = ()

    def text_matching(self, search: str, lang: str) -> tuple[str, str]:
        """(language, text) to show while the list is filtered by ``search``: the text in ``lang``
        when the search words are found there (or in the code), else the text in the language
        that holds the most of them — a clerk searching in Kazakh sees the Kazakh text that
        matched. Without a search, the interface language's text (or the row's fallback)."""
        words = [w for w in fold(search).split() if w not in fold(self.code)]
        texts = dict(self.texts)
        if not words or (lang in texts and all(w in fold(texts[lang]) for w in words)):
            return (lang if lang in texts else "", self.text)
        best, best_hits = "", 0
        for other, text in self.texts:
            folded = fold(text)
            hits = sum(w in folded for w in words)
            if hits > best_hits:
                best, best_hits = other, hits
        if not best or (best == lang):
            return (lang if lang in texts else "", self.text)
        return best, texts[best]


def _lead_name(lang: str) -> Any:
    name = getattr(Executor, f"name_{lang}", Executor.name_ru)
    return (
        select(func.min(func.coalesce(func.nullif(name, ""), Executor.name_ru)))
        .join(Assignment, Assignment.executor_id == Executor.id)
        .where(Assignment.decision_id == Decision.id, Assignment.role == Role.LEAD.value)
        .correlate(Decision)
        .scalar_subquery()
    )


def decision_ids(
    session: Session,
    flt: DecisionFilter,
    when: AsOf,
    sort: SortKey = SortKey.CODE,
    descending: bool = False,
    lang: str = "ru",
    index: SearchIndex | None = None,
    limit: int | None = None,
) -> list[int]:
    """The ids of the decisions the filter selects, in the wanted order (one query), or the first
    ``limit`` of them. With a search ``index`` the free text is matched in memory instead of in
    SQL."""
    if index is not None and flt.text.strip():
        ids = decision_ids(session, replace(flt, text=""), when, sort, descending, lang)
        return index.matching(ids, flt.text)[:limit]
    query = _filtered(select(Decision.id), flt, when)
    # (expression, ascending) pairs; the protocol order breaks ties
    keys: list[tuple[Any, bool]] = []
    if sort is SortKey.FORUM:
        keys = [(Forum.number, True)]
    elif sort is SortKey.TEXT:
        text = (
            select(DecisionText.folded)
            .where(DecisionText.decision_id == Decision.id, DecisionText.lang == lang)
            .correlate(Decision)
            .scalar_subquery()
        )
        keys = [(func.coalesce(text, ""), True)]
    elif sort is SortKey.STATUS:
        keys = [(case(_STATUS_ORDER, value=Decision.status, else_=99), True)]
    elif sort is SortKey.LEAD:
        keys = [(func.coalesce(_lead_name(lang), ""), True)]
    elif sort is SortKey.DEADLINE:
        keys = [(case((Decision.deadline.is_(None), 1), else_=0), True), (Decision.deadline, True)]
    elif sort is SortKey.OVERDUE:
        overdue = rules.overdue_clause(Decision.deadline, Decision.status, when.date)
        # more days overdue means an earlier deadline; decisions not overdue count as 0 days
        keys = [(case((overdue, 1), else_=0), True), (case((overdue, Decision.deadline)), False)]
    keys += [(Forum.number, True), (Decision.code_sort, True)]
    order = [expr.asc() if ascending != descending else expr.desc() for expr, ascending in keys]
    # a plain Core result: ORM row processing costs a tenth of a second over 100,000 ids
    return [row[0] for row in session.connection().execute(query.order_by(*order).limit(limit))]


def _filtered(query: Select, flt: DecisionFilter, when: AsOf) -> Select:
    """``query`` over decisions joined with their forum, restricted by the filter (not its text
    when a search index matches it)."""
    query = query.select_from(Decision).join(Forum, Forum.id == Decision.forum_id)
    if flt.stalled_only:  # only the stalled rule needs the latest progress dates
        last = last_progress_subquery()
        query = query.outerjoin(last, last.c.decision_id == Decision.id)
        last_on: Any = last.c.last_on
    else:
        last_on = null()
    return query.where(and_(True, *filter_conditions(flt, when, last_on)))


def count_decisions(session: Session, flt: DecisionFilter | None = None, when: AsOf | None = None) -> int:
    """How many decisions there are, or how many the filter selects (one counting query: the
    status bar needs no id list)."""
    if flt is None or when is None:
        return int(session.scalar(select(func.count(Decision.id))) or 0)
    return int(session.scalar(_filtered(select(func.count(Decision.id)), flt, when)) or 0)


def decision_rows(session: Session, ids: Sequence[int], lang: str, when: AsOf) -> dict[int, DecisionRow]:
    """The list rows of the given decisions (three queries, whatever the number of ids)."""
    if not ids:
        return {}
    wanted = list(ids)
    last = last_progress_subquery()
    base = session.execute(
        select(
            Decision.id,
            Forum.number,
            Decision.code,
            Decision.status,
            Decision.deadline,
            Forum.end_date,
            last.c.last_on,
        )
        .join(Forum, Forum.id == Decision.forum_id)
        .outerjoin(last, last.c.decision_id == Decision.id)
        .where(Decision.id.in_(wanted))
    ).all()
    texts: dict[int, dict[str, tuple[str, bool]]] = {}
    for decision_id, text_lang, text, outdated in session.execute(
        select(DecisionText.decision_id, DecisionText.lang, DecisionText.text, DecisionText.outdated).where(
            DecisionText.decision_id.in_(wanted)
        )
    ):
        texts.setdefault(decision_id, {})[text_lang] = (text, bool(outdated))
    leads: dict[int, str] = {}
    executors: dict[int, list[tuple[str, str]]] = {}  # per decision: (name, own status)
    for decision_id, role, own_status, executor_ru, executor_kk, executor_en in session.execute(
        select(
            Assignment.decision_id,
            Assignment.role,
            Assignment.status,
            Executor.name_ru,
            Executor.name_kk,
            Executor.name_en,
        )
        .join(Executor, Executor.id == Assignment.executor_id)
        .where(Assignment.decision_id.in_(wanted))
        .order_by(Assignment.id)
    ):
        name = name_in({"ru": executor_ru, "kk": executor_kk, "en": executor_en}, lang)
        executors.setdefault(decision_id, []).append((name, own_status))
        if role == Role.LEAD.value:
            leads.setdefault(decision_id, name)
    rows = {}
    for decision_id, forum_number, code, status_value, deadline, adopted_on, last_on in base:
        status = Status(status_value)
        standing = standing_of(status, deadline, adopted_on, last_on, when)
        own = texts.get(decision_id, {})
        text, outdated = own.get(lang, ("", False))
        missing = not text
        if missing:
            for other in ("ru", "kk", "en"):
                if own.get(other, ("", False))[0]:
                    text = own[other][0]
                    break
        rows[decision_id] = DecisionRow(
            id=decision_id,
            forum_number=forum_number,
            code=code,
            text=text,
            text_missing=missing,
            text_outdated=outdated,
            status=status,
            lead=leads.get(decision_id, ""),
            late=tuple(
                name
                for name, own_status in executors.get(decision_id, ())
                if rules.days_late(deadline, status, own_status, when.date)
            ),
            deadline=deadline,
            days_overdue=standing.days_overdue,
            stalled=standing.stalled,
            last_progress_on=last_on,
            texts=tuple((text_lang, value[0]) for text_lang, value in sorted(own.items()) if value[0]),
        )
    return rows


class SearchIndex:
    """Every decision's code and texts, case-folded and kept in memory, so that typing in the
    search field filters 100,000 decisions without scanning the texts table per keystroke.

    It matches as :func:`queries.filter_conditions` does: every word of the search must occur in
    the code or in one of the texts. A word of the search holds no whitespace, so it occurs in a
    text exactly when it occurs in one of the text's whitespace-separated tokens: each decision is
    kept as its distinct tokens joined by spaces (compact, and less to scan per keystroke).

    The texts are lined up once with the ids the rest of the filter selected (the same list while
    that filter stays), so a match keeps their order without sorting; and the last match is kept,
    so that a keystroke that lengthens the search only looks among the decisions already found.
    Build the index again after decisions change.
    """

    def __init__(self, session: Session) -> None:
        connection = session.connection()  # plain Core rows, streamed: no ORM work per text
        joined = {
            decision_id: fold(code)
            for decision_id, code in connection.execute(select(Decision.id, Decision.code))
        }
        for decision_id, folded in connection.execute(select(DecisionText.decision_id, DecisionText.folded)):
            joined[decision_id] = joined.get(decision_id, "") + " " + folded
        for decision_id, text in joined.items():  # in place: each long string is freed at once
            joined[decision_id] = " ".join(dict.fromkeys(text.split()))
        self._texts = joined
        self._state: _Search | None = None

    def matching(self, ids: Sequence[int], text: str) -> list[int]:
        """The ids (kept in their order) whose code or texts contain every word of ``text``."""
        words = fold(text).split()
        if not words:
            return list(ids)
        state = self._state
        if state is None or state.ids is not ids:  # the texts lined up with these ids, once
            texts = self._texts
            lined_up = _Pool(list(ids), [texts.get(i, "") for i in ids])
            state = _Search(ids, lined_up, [], lined_up)
        # if each earlier word lies inside one of these words, whatever matches now matched then
        # too: look only among those
        pool = state.found
        if not all(any(old in new for new in words) for old in state.words):
            pool = state.all
        for word in words:
            # map and compress loop in C: the interpreter only runs once per word
            hits = list(map(operator.contains, pool.texts, repeat(word)))
            pool = _Pool(list(compress(pool.ids, hits)), list(compress(pool.texts, hits)))
        self._state = _Search(ids, state.all, words, pool)  # one assignment: safe between workers
        return list(pool.ids)


class _Pool(NamedTuple):
    """Decisions and their joined folded texts, side by side."""

    ids: list[int]
    texts: list[str]


class _Search(NamedTuple):
    """The ids last searched (the cached list itself, while the filter stays), their texts, and the
    last words with what they found."""

    ids: Sequence[int]
    all: _Pool
    words: list[str]
    found: _Pool
