"""The Decisions page and the decision editor, on a real SQLite file, offscreen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import roman
from secretariat_app.core.services.decisions import (
    DecisionInput,
    create_decision,
    get_decision,
    update_decision,
)
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.progress import history
from secretariat_app.core.validation import parse_forum_number
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_model import COLUMNS, ID_ROLE
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.editor.dialogs import ConflictChoice
from secretariat_app.ui.editor.links import parse_link_reference
from secretariat_app.ui.editor.window import DecisionEditor
from secretariat_app.ui.main_window import switch_language
from tests.conftest import DEMO_TODAY
from tests.ui_helpers import answer_message_boxes, clear_and_type, make_context, type_text

__all__ = ["answer_message_boxes"]

KAZAKH_TEXT = "Шекара маңы өңірлерінің әріптестігін дамыту: ғылым, қарым-қатынас, үлгі, һәм іс"


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


def _new_decision_in_editor(qtbot: QtBot, context: AppContext, code: str) -> DecisionEditor:
    editor = DecisionEditor(context, None)
    qtbot.addWidget(editor)
    with context.database.reader() as session:
        forum_id = forum_by_number(session, 10).id
    editor.form.forum.setCurrentIndex(editor.form.forum.findData(forum_id))
    qtbot.keyClicks(editor.form.code, code)
    type_text(editor.form.texts["kk"], KAZAKH_TEXT)
    type_text(editor.form.texts["ru"], "Развивать сотрудничество приграничных регионов.")
    return editor


def _wait_rows(qtbot: QtBot, page: DecisionsPage) -> None:
    page.table.resize(1200, 800)
    for row in range(min(page.model.rowCount(), 5)):
        page.model.data(page.model.index(row, 0))
    qtbot.waitUntil(lambda: all(page.model.is_row_loaded(r) for r in range(min(page.model.rowCount(), 5))))


def test_clerk_creates_decision_typed_in_kazakh_assigns_two_regions_and_adds_progress(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _new_decision_in_editor(qtbot, context, "9.1")
    assert editor.form.texts["kk"].toPlainText() == KAZAKH_TEXT
    for typed in ("KZ-27", "Оренбургская область"):
        type_text(editor.assignments.executor_input, typed)
        editor.assignments.add_from_input()
    assert editor.assignments.model.rowCount() == 2
    editor.save()
    assert editor.decision_id is not None
    assert not editor.dirty
    with context.database.reader() as session:
        decision = get_decision(session, editor.decision_id)
        assert decision.text("kk") == KAZAKH_TEXT
        assert [a.role for a in decision.assignments] == [Role.LEAD.value, Role.CO_EXECUTOR.value]
        west_kazakhstan = find_executor(session, "KZ-27").id

    editor.open_add_progress()
    dialog = editor.progress_dialog
    assert dialog is not None
    dialog.entry_date.setDate(dt.date(2026, 11, 20))
    dialog.status.setCurrentIndex(dialog.status.findData(Status.IN_PROGRESS.value))
    dialog.executor.setCurrentIndex(dialog.executor.findData(west_kazakhstan))
    type_text(dialog.notes["kk"], "Жол картасы бекітілді.")
    type_text(dialog.obstacles["kk"], "Қаржыландыру кешікті.")
    type_text(dialog.next_steps["kk"], "Үкіметке хат жіберу.")
    type_text(dialog.obstacles["ru"], "Задержка финансирования.")
    type_text(dialog.next_steps["ru"], "Направить письмо в правительство.")
    assert all(edit.accessibleName() for edit in dialog.note_edits.values())
    dialog.accept()
    assert editor.dirty  # the entry waits for Save, with everything else
    editor.save()
    assert not editor.dirty

    shown = editor.timeline.browser.toPlainText()
    assert "Жол картасы бекітілді." in shown
    assert "Қаржыландыру кешікті." in shown
    assert "Үкіметке хат жіберу." in shown
    assert "Задержка финансирования." in shown
    assert "Направить письмо в правительство." in shown
    with context.database.reader() as session:
        entries = history(session, editor.decision_id)
        assert [(e.entry_date, e.status) for e in entries] == [(dt.date(2026, 11, 20), "in_progress")]
        notes = entries[0].notes
        assert (notes["kk"].done, notes["kk"].obstacles, notes["kk"].next_steps) == (
            "Жол картасы бекітілді.",
            "Қаржыландыру кешікті.",
            "Үкіметке хат жіберу.",
        )
        assert (notes["ru"].done, notes["ru"].obstacles, notes["ru"].next_steps) == (
            "",
            "Задержка финансирования.",
            "Направить письмо в правительство.",
        )
        assert get_decision(session, editor.decision_id).status == Status.IN_PROGRESS.value


def test_a_decision_becomes_overdue_as_of_a_later_date(qtbot: QtBot, context: AppContext) -> None:
    editor = _new_decision_in_editor(qtbot, context, "9.2")
    editor.form.deadline.setDate(dt.date(2026, 12, 31))
    editor.save()
    decision_id = editor.decision_id

    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.bar.search.setText("9.2")
    page.bar.search.returnPressed.emit()  # setText is no edit: Enter applies it, whatever today is
    page.bar.as_of.setDate(dt.date(2026, 12, 1))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    _wait_rows(qtbot, page)
    overdue_column = [key for key, _title in COLUMNS].index("overdue")
    assert page.model.data(page.model.index(0, ID_ROLE and 0), ID_ROLE) == decision_id
    assert page.model.data(page.model.index(0, overdue_column)) == ""

    page.bar.as_of.setDate(dt.date(2027, 1, 10))
    qtbot.waitUntil(lambda: page.model.is_row_loaded(0))
    assert page.model.data(page.model.index(0, overdue_column)) == "⚠ 10"
    assert "10" in page.model.data(page.model.index(0, overdue_column), Qt.ItemDataRole.ToolTipRole)


def test_filter_bar_narrows_the_list_and_shows_n_of_m(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.bar.as_of.setDate(DEMO_TODAY)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    total = page.model.total
    assert page.bar.count.text() == f"{total} из {total}"

    page.bar.overdue.setChecked(True)
    overdue = page.model.rowCount()
    assert 0 < overdue < total
    _wait_rows(qtbot, page)
    assert all(page.model.row_data(r).days_overdue > 0 for r in range(min(overdue, 5)))  # type: ignore[union-attr]
    assert page.bar.count.text() == f"{overdue} из {total}"

    page.bar.overdue.setChecked(False)
    type_text(page.bar.search, "тіркеусіз")  # Kazakh word, found across languages
    qtbot.waitUntil(lambda: page.model.rowCount() < total, timeout=2000)
    _wait_rows(qtbot, page)
    assert page.model.rowCount() >= 1


def test_sorting_by_days_overdue_puts_the_longest_overdue_first(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.bar.as_of.setDate(DEMO_TODAY)
    column = [key for key, _title in COLUMNS].index("overdue")
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    _wait_rows(qtbot, page)
    days = [page.model.row_data(r).days_overdue for r in range(3)]  # type: ignore[union-attr]
    assert days == sorted(days, reverse=True) and days[0] > 0


def test_changing_the_deadline_asks_for_a_reason_and_enters_the_history(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _new_decision_in_editor(qtbot, context, "9.3")
    editor.form.deadline.setDate(dt.date(2027, 3, 1))
    editor.save()
    editor.form.deadline.setDate(dt.date(2027, 6, 1))
    assert editor.form.deadline_reason.isVisibleTo(editor)
    editor.save()
    assert editor.form.errors["deadline_reason"].isVisibleTo(editor)
    assert editor.dirty
    type_text(editor.form.deadline_reason, "Письмо акимата о переносе")
    editor.save()
    assert not editor.dirty
    history = editor.links.history.toPlainText()
    assert "Письмо акимата" in history and "01.03.2027 → 01.06.2027" in history


def test_validation_message_appears_next_to_the_field(qtbot: QtBot, context: AppContext) -> None:
    editor = DecisionEditor(context, None)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.form.code, "1.1")
    editor.save()
    assert editor.form.errors["text_ru"].isVisibleTo(editor)
    assert "русском" in editor.form.errors["text_ru"].text()
    assert editor.decision_id is None


def test_another_clerks_save_shows_both_versions_and_keeps_mine_on_request(
    qtbot: QtBot, context: AppContext
) -> None:
    with context.database.session() as session:
        forum = forum_by_number(session, 10)
        decision, _changes = create_decision(
            session, DecisionInput(forum.id, "9.9", {"ru": "Исходный текст", "kk": "Бастапқы мәтін"})
        )
        decision_id = decision.id
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    with context.database.session() as session:  # another clerk saves meanwhile
        update_decision(
            session,
            decision_id,
            DecisionInput(forum.id, "9.9", {"ru": "Текст другого секретаря", "kk": "Бастапқы мәтін"}),
        )
    editor.form.texts["ru"].setPlainText("Мой текст")
    editor.save()

    dialog = editor.conflict_dialog
    assert dialog is not None
    assert "Мой текст" in dialog.mine.toPlainText()
    assert "Текст другого секретаря" in dialog.theirs.toPlainText()
    assert editor.form.texts["ru"].toPlainText() == "Мой текст"  # nothing typed is lost
    dialog.keep_mine.click()
    assert dialog.choice is ConflictChoice.KEEP_MINE
    with context.database.reader() as session:
        assert get_decision(session, decision_id).text("ru") == "Мой текст"
    assert not editor.dirty


def test_taking_the_other_version_shows_it_in_the_editor(qtbot: QtBot, context: AppContext) -> None:
    with context.database.session() as session:
        forum = forum_by_number(session, 10)
        decision, _changes = create_decision(session, DecisionInput(forum.id, "9.8", {"ru": "Было"}))
        decision_id = decision.id
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    with context.database.session() as session:
        update_decision(session, decision_id, DecisionInput(forum.id, "9.8", {"ru": "Стало"}))
    editor.form.texts["ru"].setPlainText("Моё")
    editor.save()
    assert editor.conflict_dialog is not None
    editor.conflict_dialog.take_theirs.click()
    assert editor.form.texts["ru"].toPlainText() == "Стало"
    assert not editor.dirty


def test_closing_with_unsaved_changes_asks_and_can_stay(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    editor = _new_decision_in_editor(qtbot, context, "9.4")
    editor.show()
    editor.reject()
    assert asked and editor.isVisible()
    assert editor.form.texts["kk"].toPlainText() == KAZAKH_TEXT


def test_translation_checked_clears_the_outdated_flag(qtbot: QtBot, context: AppContext) -> None:
    with context.database.session() as session:
        forum = forum_by_number(session, 10)
        decision, _changes = create_decision(
            session, DecisionInput(forum.id, "9.7", {"ru": "Один", "kk": "Бір"})
        )
        update_decision(session, decision.id, DecisionInput(forum.id, "9.7", {"ru": "Два", "kk": "Бір"}))
        decision_id = decision.id
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    assert editor.form.outdated_banners["kk"].isVisibleTo(editor)
    editor.form.checked_buttons["kk"].click()
    assert not editor.form.outdated_banners["kk"].isVisibleTo(editor)
    assert editor.dirty
    editor.save()
    assert not editor.form.outdated_banners["kk"].isVisibleTo(editor)
    with context.database.reader() as session:
        assert not get_decision(session, decision_id).texts["kk"].outdated


def test_a_repeated_decision_link_shows_on_both_decisions(qtbot: QtBot, context: AppContext) -> None:
    with context.database.reader() as session:
        earlier = forum_by_number(session, 6)
    editor = _new_decision_in_editor(qtbot, context, "9.5")
    editor.save()
    editor.links.link_kind.setCurrentIndex(editor.links.link_kind.findData("confirms"))
    editor.links.link_target.setText("VI 1.1")
    editor.links.link_button.click()
    assert editor.links.links.count() == 1
    assert "1.1" in editor.links.links.item(0).text() and "VI" in editor.links.links.item(0).text()
    editor.save()
    assert not editor.dirty and editor.links.links.count() == 1

    with context.database.reader() as session:
        from secretariat_app.core.services.decisions import decision_by_code

        earlier_id = decision_by_code(session, earlier.number, "1.1").id
    other = DecisionEditor(context, earlier_id)
    qtbot.addWidget(other)
    texts = [other.links.links.item(i).text() for i in range(other.links.links.count())]
    assert any("9.5" in text and "подтверждено" in text for text in texts)


@pytest.mark.parametrize("typed", ["VX 1.1", "IIII 1.1", "0 1.1", "VIIII 1.1"])
def test_the_editor_refuses_forum_numbers_the_core_refuses(
    qtbot: QtBot, context: AppContext, typed: str
) -> None:
    with pytest.raises(ValidationError):
        parse_forum_number("link", typed.split()[0])
    editor = _new_decision_in_editor(qtbot, context, "9.6")
    editor.save()
    editor.links.link_target.setText(typed)
    editor.links.link_button.click()
    assert editor.links.links.count() == 0
    assert not editor.links.error.isHidden()
    assert editor.links.link_target.text() == typed  # kept, for the clerk to correct


def test_the_editor_reads_forum_numbers_as_the_core_does() -> None:
    for number in range(1, 60):
        for written in (str(number), roman(number), roman(number).lower()):
            assert parse_link_reference(f"{written} 1.1") == (parse_forum_number("f", written), "1.1")


def test_enter_on_a_row_opens_the_decision_editor(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.show()
    _wait_rows(qtbot, page)
    page.table.setCurrentIndex(page.model.index(2, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editors = page.findChildren(DecisionEditor)
    assert len(editors) == 1
    assert editors[0].decision_id == page.model.decision_id(2)
    assert editors[0].form.code.text() == page.model.row_data(2).code  # type: ignore[union-attr]


def test_assignment_role_and_status_fit_their_longest_value_in_either_language(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _new_decision_in_editor(qtbot, context, "9.3")
    editor.resize(1000, 720)
    editor.show()
    for typed in ("KZ-27", "Оренбургская область"):
        type_text(editor.assignments.executor_input, typed)
        editor.assignments.add_from_input()
    header = editor.assignments.table.horizontalHeader()
    for lang in ("ru", "kk"):
        switch_language(context, lang)
        assert i18n.get_language() == lang
        for column in (1, 2):
            combo = editor.assignments.combo(0, column)
            assert isinstance(combo, QComboBox)
            metrics = combo.fontMetrics()
            longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
            assert header.sectionSize(column) > longest + combo.iconSize().width()
        # the executor's name keeps the rest of the width and shows whole
        table = editor.assignments.table
        model = table.model()
        names = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        widest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
        assert header.sectionSize(0) > widest
        assert sum(header.sectionSize(c) for c in range(3)) <= table.viewport().width() + 1


def test_status_column_of_the_list_is_wide_enough_for_a_stalled_status(
    qtbot: QtBot, context: AppContext
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    status_column = [key for key, _title in COLUMNS].index("status")
    metrics = page.table.fontMetrics()
    needed = metrics.horizontalAdvance(f"{Status.PARTIAL.symbol} {Status.PARTIAL.label()} · без движения")
    assert page.table.horizontalHeader().sectionSize(status_column) > needed


def test_a_new_decision_starts_in_the_sector_other(qtbot: QtBot, context: AppContext) -> None:
    editor = DecisionEditor(context, None)
    qtbot.addWidget(editor)
    assert editor.form.sector.currentData() == "other"
    assert editor.form.sector.currentText() == "Прочее"
    assert not editor.dirty


def test_the_executor_column_names_who_is_late_not_a_lead_who_has_finished(
    qtbot: QtBot, context: AppContext
) -> None:
    """5.4 of forum VI: the lead (Volgograd) has implemented its part; West Kazakhstan is late."""
    from secretariat_app.core.services.decision_list import decision_rows
    from secretariat_app.core.services.queries import as_of

    with context.database.reader() as session:
        forum = forum_by_number(session, 6)
        decision = next(d for d in forum.decisions if d.code == "5.4")
        rows = decision_rows(session, [decision.id], "ru", as_of(session, DEMO_TODAY))
    row = rows[decision.id]
    assert row.lead == "Волгоградская область"
    assert row.late == ("Западно-Казахстанская область",)
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.bar.as_of.setDate(dt.date(2026, 11, 25))
    page.bar.search.setText("5.4")
    page.bar.search.returnPressed.emit()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.model.is_row_loaded(0))
    lead_column = [key for key, _title in COLUMNS].index("lead")
    row_of_decision = page.model.row_of(decision.id)
    qtbot.waitUntil(lambda: page.model.is_row_loaded(row_of_decision))
    assert (
        page.model.data(page.model.index(row_of_decision, lead_column)) == "⚠ Западно-Казахстанская область"
    )


def test_a_search_in_kazakh_shows_the_kazakh_text_it_found(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)  # the interface is in Russian
    qtbot.addWidget(page)
    _wait_rows(qtbot, page)
    type_text(page.bar.search, "жайық")
    qtbot.waitUntil(lambda: page.model.filter.text == "жайық", timeout=5_000)
    _wait_rows(qtbot, page)
    assert page.model.rowCount() > 0
    for row in range(page.model.rowCount()):
        shown = page.model.data(page.model.index(row, 2))
        assert shown.startswith("KK: ") and "жайық" in shown.casefold(), shown
    clear_and_type(page.bar.search, "паводков")
    qtbot.waitUntil(lambda: page.model.filter.text == "паводков", timeout=5_000)
    _wait_rows(qtbot, page)
    assert all(
        not page.model.data(page.model.index(r, 2)).startswith("KK: ") for r in range(page.model.rowCount())
    )


def test_a_missing_text_has_one_mark_explained_in_the_column_tooltip(
    qtbot: QtBot, context: AppContext
) -> None:
    i18n.set_language("en")  # English texts are optional: most rows lack one
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    _wait_rows(qtbot, page)
    rows = [page.model.row_data(r) for r in range(5)]
    shown = [page.model.data(page.model.index(r, 2)) for r in range(5)]
    assert any(row.text_missing for row in rows) and not any("[EN?]" in text for text in shown)
    for row, text in zip(rows, shown, strict=True):
        assert text.startswith("† ") == row.text_missing, text
    legend = page.model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert legend.startswith("† ") and "another language" in legend
