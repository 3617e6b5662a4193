"""The decisions list's set-based reads: ids for a filter and sort, rows for a page of ids."""

from __future__ import annotations

from secretariat_app.core.db import Database
from secretariat_app.core.services.decision_list import (
    SearchIndex,
    SortKey,
    count_decisions,
    decision_ids,
    decision_rows,
)
from secretariat_app.core.services.queries import DecisionFilter, as_of, decision_facts
from tests.conftest import DEMO_TODAY


def test_rows_carry_the_rules_standing_of_each_decision(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        when = as_of(session, DEMO_TODAY)
        facts = {f.id: f for f in decision_facts(session, DecisionFilter(), when)}
        ids = decision_ids(session, DecisionFilter(), when)
        rows = decision_rows(session, ids, "kk", when)
    assert list(facts) == ids  # protocol order, as everywhere else
    for decision_id, row in rows.items():
        assert row.days_overdue == facts[decision_id].standing.days_overdue
        assert row.stalled == facts[decision_id].standing.stalled
        assert row.status == facts[decision_id].status


def test_days_overdue_sort_puts_the_longest_overdue_first(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        when = as_of(session, DEMO_TODAY)
        ids = decision_ids(session, DecisionFilter(), when, SortKey.OVERDUE, descending=True)
        days = [decision_rows(session, [i], "ru", when)[i].days_overdue for i in ids]
    assert days == sorted(days, reverse=True)
    assert days[0] > 0 and days[-1] == 0


def test_search_index_matches_exactly_what_the_sql_filter_selects(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        when = as_of(session, DEMO_TODAY)
        index = SearchIndex(session)
        assert count_decisions(session) == len(decision_ids(session, DecisionFilter(), when))
        for text in ("тіркеусіз", "ГРАНИЦ", "3.1", "шекара маңы", "область Оренбург", "нет-такого"):
            flt = DecisionFilter(text=text)
            assert decision_ids(session, flt, when, index=index) == decision_ids(session, flt, when)


def test_missing_text_in_the_wanted_language_is_marked_and_another_shown(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        when = as_of(session, DEMO_TODAY)
        rows = decision_rows(session, decision_ids(session, DecisionFilter(), when), "kk", when)
    missing = [row for row in rows.values() if row.text_missing]
    assert missing and all(row.text for row in missing)


def test_a_search_shows_the_text_in_the_language_it_matched() -> None:
    from secretariat_app.core.enums import Status
    from secretariat_app.core.services.decision_list import DecisionRow

    row = DecisionRow(
        id=1, forum_number=6, code="4.1", text="Организовать мониторинг Иртыша", text_missing=False,
        text_outdated=False, status=Status.IN_PROGRESS, lead="", late=(), deadline=None, days_overdue=0,
        stalled=False, last_progress_on=None,
        texts=(("kk", "Ертіс өзеніндегі мониторинг"), ("ru", "Организовать мониторинг Иртыша")),
    )  # fmt: skip
    assert row.text_matching("", "ru") == ("ru", "Организовать мониторинг Иртыша")
    assert row.text_matching("ертіс", "ru") == ("kk", "Ертіс өзеніндегі мониторинг")
    assert row.text_matching("мониторинг", "ru") == ("ru", "Организовать мониторинг Иртыша")  # both: own
    assert row.text_matching("4.1 ИРТЫША", "kk") == ("ru", "Организовать мониторинг Иртыша")
    assert row.text_matching("nothing", "kk") == ("kk", "Организовать мониторинг Иртыша")
