"""Recording forums, decisions, assignments and progress through the core services."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from secretariat_app.core.db import Database
from secretariat_app.core.enums import LinkKind, Role, Status
from secretariat_app.core.errors import ConflictError, DatabaseLockedError, DependencyError, ValidationError
from secretariat_app.core.models import AuditEntry, Decision, Forum
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    confirm_translation,
    create_decision,
    decision_by_code,
    get_decision,
    link_decisions,
    update_decision,
)
from secretariat_app.core.services.directory import (
    ExecutorInput,
    create_executor,
    delete_executor,
    find_executor,
)
from secretariat_app.core.services.forums import ForumInput, create_forum, delete_forum, update_forum
from secretariat_app.core.services.progress import ProgressInput, add_progress_entry, history
from secretariat_app.core.services.queries import DecisionFilter, as_of, decision_facts

START = dt.date(2010, 9, 9)


def _forum(session, number=7, start=START):
    forum, _ = create_forum(
        session,
        ForumInput(
            number=number, city_ru="Усть-Каменогорск", city_kk="Өскемен", country="KZ", start_date=start
        ),
    )
    return forum


def _decision(session, forum, code="1.1", deadline=None, executors=("RU-ORE", "KZ-63")):
    assignments = [
        AssignmentInput(find_executor(session, c).id, Role.LEAD if i == 0 else Role.CO_EXECUTOR)
        for i, c in enumerate(executors)
    ]
    decision, _ = create_decision(
        session,
        DecisionInput(
            forum.id, code, {"ru": "Создать секретариат", "kk": "Хатшылық құру"}, "other", deadline
        ),
        assignments,
    )
    return decision


def test_forum_is_recorded_with_its_validated_fields(database: Database):
    with database.session() as s:
        forum = _forum(s)
        assert (forum.number, forum.year, forum.end_date) == (7, 2010, START)
    with database.reader() as s:
        assert s.scalar(select(Forum.city_kk)) == "Өскемен"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"number": 0}, "number"),
        ({"country": "CN"}, "country"),
        ({"start_date": "31.02.2010"}, "start_date"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"end_date": "2010-09-01"}, "end_date"),
        ({"city_ru": "   "}, "city_ru"),
    ],
)
def test_invalid_forum_input_is_refused_and_nothing_is_written(database: Database, change, field):
    data = {"number": 7, "city_ru": "Омск", "country": "RU", "start_date": "2010-09-09"}
    data.update(change)
    with pytest.raises(ValidationError) as caught, database.session() as s:
        create_forum(s, ForumInput(**data))
    assert caught.value.field == field
    assert str(caught.value)  # a translated, non-empty message
    with database.reader() as s:
        assert s.scalar(select(func.count()).select_from(Forum)) == 0


def test_forum_numbers_are_unique(database: Database):
    with database.session() as s:
        _forum(s)
    with pytest.raises(ValidationError, match="VII"), database.session() as s:
        _forum(s)


def test_decision_codes_are_unique_within_a_forum_only(database: Database):
    with database.session() as s:
        first, second = _forum(s, 7), _forum(s, 8, dt.date(2011, 9, 1))
        _decision(s, first)
        _decision(s, second)  # same code, another forum: fine
        with pytest.raises(ValidationError) as caught:
            _decision(s, first)
        assert caught.value.field == "code"


def test_deadline_before_the_forum_is_refused(database: Database):
    with database.session() as s:
        forum = _forum(s)
        with pytest.raises(ValidationError) as caught:
            _decision(s, forum, deadline=START - dt.timedelta(days=1))
    assert caught.value.field == "deadline"


def test_decision_needs_a_text_in_russian_or_kazakh(database: Database):
    with database.session() as s:
        forum = _forum(s)
        with pytest.raises(ValidationError):
            create_decision(s, DecisionInput(forum.id, "1.1", {"ru": " ", "en": "English only"}, "other"))
        decision, _ = create_decision(s, DecisionInput(forum.id, "1.2", {"kk": "Тек қазақша"}, "other"))
        assert decision.text("ru") == ""


def test_unknown_region_code_is_refused(database: Database):
    with database.session() as s, pytest.raises(ValidationError, match="KZ-VOS"):
        find_executor(s, "KZ-VOS")


def test_executors_are_found_by_code_or_by_name_in_either_language(database: Database):
    with database.reader() as s:
        assert find_executor(s, "ru-ore").code == "RU-ORE"
        assert find_executor(s, "Шығыс Қазақстан облысы").code == "KZ-63"
        assert find_executor(s, "восточно-казахстанская область").code == "KZ-63"


def test_assignments_drive_the_decision_status(database: Database):
    with database.session() as s:
        decision = _decision(s, _forum(s))
        ore, vko = (find_executor(s, c) for c in ("RU-ORE", "KZ-63"))
        assert decision.status == Status.NOT_STARTED
        add_progress_entry(s, decision.id, ProgressInput("2010-12-01", Status.IMPLEMENTED, ore.id))
        assert decision.status == Status.PARTIAL
        add_progress_entry(s, decision.id, ProgressInput("2011-01-10", Status.IMPLEMENTED, vko.id))
        assert decision.status == Status.IMPLEMENTED


def test_an_older_report_does_not_override_a_newer_status(database: Database):
    with database.session() as s:
        decision = _decision(s, _forum(s), executors=("RU-ORE",))
        ore = find_executor(s, "RU-ORE")
        add_progress_entry(s, decision.id, ProgressInput("2011-03-01", Status.IMPLEMENTED, ore.id))
        add_progress_entry(s, decision.id, ProgressInput("2010-12-01", Status.IN_PROGRESS, ore.id))
        assert decision.status == Status.IMPLEMENTED
        assert [e.entry_date.month for e in history(s, decision.id)] == [12, 3]


def test_report_from_an_executor_not_assigned_is_refused(database: Database):
    with database.session() as s:
        decision = _decision(s, _forum(s), executors=("RU-ORE",))
        with pytest.raises(ValidationError):
            add_progress_entry(
                s, decision.id, ProgressInput("2011-01-01", Status.IN_PROGRESS, find_executor(s, "KZ-15").id)
            )


def test_deadline_change_needs_a_reason_and_is_kept_in_the_history(database: Database):
    with database.session() as s:
        forum = _forum(s)
        decision = _decision(s, forum, deadline=dt.date(2011, 1, 1))
        data = DecisionInput(
            forum.id, "1.1", {"ru": "Создать секретариат", "kk": "Хатшылық құру"}, "other", "2011-06-30"
        )
        with pytest.raises(ValidationError) as caught:
            update_decision(s, decision.id, data)
        assert caught.value.field == "deadline_reason"
        data.deadline_reason = "Не завершены процедуры"
        update_decision(s, decision.id, data)
        change = get_decision(s, decision.id).deadline_changes[0]
        assert (change.old_deadline, change.new_deadline, change.reason) == (
            dt.date(2011, 1, 1),
            dt.date(2011, 6, 30),
            "Не завершены процедуры",
        )


def test_changing_one_language_flags_the_other_until_confirmed(database: Database):
    with database.session() as s:
        forum = _forum(s)
        decision = _decision(s, forum)
        update_decision(
            s,
            decision.id,
            DecisionInput(
                forum.id, "1.1", {"ru": "Создать секретариат Форума", "kk": "Хатшылық құру"}, "other"
            ),
        )
        decision = get_decision(s, decision.id)
        assert decision.texts["kk"].outdated and not decision.texts["ru"].outdated
        confirm_translation(s, decision.id, "kk")
        assert not get_decision(s, decision.id).texts["kk"].outdated


def test_concurrent_edit_raises_conflict_instead_of_overwriting(database: Database):
    with database.session() as s:
        forum = _forum(s)
        decision = _decision(s, forum)
        loaded_version = decision.version
    data = DecisionInput(forum.id, "1.1", {"ru": "Версия клерка А", "kk": "Хатшылық құру"}, "other")
    with database.session() as s:
        update_decision(s, decision.id, data, expected_version=loaded_version)
    data.texts = {"ru": "Версия клерка Б", "kk": "Хатшылық құру"}
    with pytest.raises(ConflictError), database.session() as s:
        update_decision(s, decision.id, data, expected_version=loaded_version)
    with database.reader() as s:
        assert get_decision(s, decision.id).text("ru") == "Версия клерка А"


def test_two_sessions_saving_the_same_row_do_not_silently_overwrite(database: Database):
    """PostgreSQL reports the stale version counter; SQLite refuses the stale snapshot's write."""
    with database.session() as s:
        forum_id = _forum(s).id
    # the second reads in a deferred transaction (as a reader that then writes would): a writer
    # session would wait for the first's lock on SQLite instead
    first, second = database.session_factory(), database.session_factory(bind=database.engine)
    try:
        a, b = first.get(Forum, forum_id), second.get(Forum, forum_id)
        a.theme_ru, b.theme_ru = "A", "B"
        first.commit()
        from secretariat_app.core.db import translate_errors

        with pytest.raises((ConflictError, DatabaseLockedError)), translate_errors():
            second.commit()
    finally:
        first.close()
        second.close()


def test_links_are_visible_on_both_decisions(database: Database):
    with database.session() as s:
        old = _decision(s, _forum(s, 6, dt.date(2009, 9, 1)))
        new = _decision(s, _forum(s, 7))
        link_decisions(s, new.id, old.id, LinkKind.EXTENDS)
    with database.reader() as s:
        assert [(link.kind, link.target_id) for link in get_decision(s, new.id).links] == [
            ("extends", old.id)
        ]
        assert [link.decision_id for link in get_decision(s, old.id).linked_from] == [new.id]
        with pytest.raises(ValidationError):
            link_decisions(s, old.id, new.id, LinkKind.CONFIRMS)  # only to an earlier decision


def test_deleting_a_forum_with_decisions_is_refused_with_the_reason(database: Database):
    with database.session() as s:
        forum = _forum(s)
        _decision(s, forum)
    with pytest.raises(DependencyError, match="1"), database.session() as s:
        delete_forum(s, forum.id)


def test_deleting_an_assigned_region_is_refused_but_a_free_agency_can_go(database: Database):
    with database.session() as s:
        _decision(s, _forum(s))
        agency, _ = create_executor(s, ExecutorInput("agency", "МВД России", "Ресей ІІМ"))
        with pytest.raises(DependencyError):
            delete_executor(s, find_executor(s, "RU-ORE").id)
        delete_executor(s, agency.id)


def test_region_needs_a_valid_iso_code(database: Database):
    with database.session() as s, pytest.raises(ValidationError) as caught:
        create_executor(s, ExecutorInput("region", "Новая область", code="Orenburg"))
    assert caught.value.field == "code"


def test_every_change_is_in_the_audit_log_with_who_and_old_and_new_values(database: Database):
    with database.session() as s:
        forum = _forum(s)
    with database.session() as s:
        update_forum(s, forum.id, ForumInput(7, "Усть-Каменогорск", "KZ", START, theme_ru="Новая тема"))
    with database.session() as s:
        delete_forum(s, forum.id)
    with database.reader() as s:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "forum").order_by(AuditEntry.id)
        ).all()
    assert [e.action for e in entries] == ["insert", "update", "delete"]
    assert {e.actor for e in entries} == {"tests"}
    assert json.loads(entries[1].changes)["theme_ru"] == ["", "Новая тема"]


def test_audit_log_rows_cannot_be_changed(database: Database):
    with database.session() as s:
        _forum(s)
    with pytest.raises(PermissionError), database.session() as s:
        entry = s.scalars(select(AuditEntry)).first()
        entry.actor = "someone else"


def test_overdue_appears_once_the_deadline_has_passed(database: Database):
    with database.session() as s:
        decision = _decision(s, _forum(s), deadline=dt.date(2011, 1, 1))
    with database.reader() as s:
        before = decision_facts(s, DecisionFilter(overdue_only=True), as_of(s, dt.date(2010, 12, 31)))
        after = decision_facts(s, DecisionFilter(overdue_only=True), as_of(s, dt.date(2011, 1, 11)))
    assert before == []
    assert [(f.id, f.standing.days_overdue) for f in after] == [(decision.id, 10)]


def test_filters_agree_with_the_rules_on_the_demo_history(demo_database: Database):
    with demo_database.reader() as s:
        when = as_of(s, dt.date(2026, 11, 25))
        everything = decision_facts(s, DecisionFilter(), when)
        overdue = {f.id for f in decision_facts(s, DecisionFilter(overdue_only=True), when)}
        stalled = {f.id for f in decision_facts(s, DecisionFilter(stalled_only=True), when)}
    assert overdue == {f.id for f in everything if f.standing.overdue}
    assert stalled == {f.id for f in everything if f.standing.stalled}
    assert overdue and stalled and len(everything) >= 60


def test_text_search_ignores_case_in_cyrillic_and_kazakh(demo_database: Database):
    with demo_database.reader() as s:
        when = as_of(s, dt.date(2026, 11, 25))
        russian = decision_facts(s, DecisionFilter(text="ЗАПАДНАЯ ЕВРОПА"), when)
        kazakh = decision_facts(s, DecisionFilter(text="БАТЫС ЕУРОПА"), when)
    assert russian and {f.id for f in russian} == {f.id for f in kazakh}


def test_demo_history_covers_every_status_and_both_countries(demo_database: Database):
    with demo_database.reader() as s:
        statuses = set(s.scalars(select(Decision.status)))
        assert statuses == {status.value for status in Status}
        stay = decision_by_code(s, 6, "1.1")
        assert "30 суток" in stay.text("ru") and stay.linked_from


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": "3 2"}, "code"),
        ({"code": ""}, "code"),
        ({"sector": "astrology"}, "sector"),
        ({"deadline": "2011-02-30"}, "deadline"),
        ({"status": "done-ish"}, "status"),
        ({"texts": {"ru": "x" * 20_001}}, "text_ru"),
        ({"texts": {"de": "Text", "ru": "Текст"}}, "texts"),
    ],
)
def test_invalid_decision_input_is_refused_and_nothing_is_written(database: Database, change, field):
    with database.session() as s:
        forum_id = _forum(s).id
    data = {"forum_id": forum_id, "code": "1.1", "texts": {"ru": "Текст", "kk": "Мәтін"}, "sector": "other"}
    data.update(change)
    with pytest.raises(ValidationError) as caught, database.session() as s:
        create_decision(s, DecisionInput(**data))
    assert caught.value.field == field
    with database.reader() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"year": 2011}, "year"),
        ({"protocol_date": "2010-09-01"}, "protocol_date"),
        ({"number": "seven"}, "number"),
    ],
)
def test_more_invalid_forum_input(database: Database, change, field):
    data = {"number": 7, "city_ru": "Омск", "country": "RU", "start_date": "09.09.2010"}
    data.update(change)
    with pytest.raises(ValidationError) as caught, database.session() as s:
        create_forum(s, ForumInput(**data))
    assert caught.value.field == field


def test_invalid_progress_input_is_refused(database: Database):
    with database.session() as s:
        decision_id = _decision(s, _forum(s)).id
    for data, field in (
        (ProgressInput("2009-01-01", Status.IN_PROGRESS), "entry_date"),
        (ProgressInput("2011-01-01"), "notes"),
        (ProgressInput("", Status.IN_PROGRESS), "entry_date"),
        (ProgressInput("2011-01-01", Status.IN_PROGRESS, letter_date="32.01.2011"), "letter_date"),
    ):
        with pytest.raises(ValidationError) as caught, database.session() as s:
            add_progress_entry(s, decision_id, data)
        assert caught.value.field == field


def test_validation_messages_are_translated_into_each_language(database: Database):
    with pytest.raises(ValidationError) as caught, database.session() as s:
        create_forum(s, ForumInput(7, "Омск", "CN", "2010-09-09"))
    error = caught.value
    assert error.message("ru") == "Страна проведения — KZ или RU."
    assert error.message("kk") == "Өткізілетін ел — KZ немесе RU."
    assert error.message("en") == "The host country must be KZ or RU."
