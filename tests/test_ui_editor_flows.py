"""The decision editor as a clerk uses it, keyboard first: one save for everything, Save and new,
progress entries added to a new decision, corrected and removed (audited), links removed, Cancel
dropping it all, typed dates, the two statuses in plain words, the other languages, small screens.
pytest-qt on a real SQLite file; non-ASCII text typed as key events."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTableView, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.models import AuditEntry, Decision, DecisionLink, Forum, ProgressEntry
from secretariat_app.core.services.decisions import decision_by_code, get_decision
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.progress import history
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.editor.window import TITLE_BAR_ROOM, DecisionEditor
from secretariat_app.ui.main_window import switch_language
from secretariat_app.ui.widgets.date_field import DateField
from tests.ui_helpers import answer_message_boxes, make_context, type_text

__all__ = ["answer_message_boxes"]

TABLES = (
    "decision", "decision_text", "deadline_change", "assignment", "progress_entry", "progress_note",
    "decision_link", "audit_log",
)  # fmt: skip


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


def _editor(qtbot: QtBot, context: AppContext, decision_id: int | None) -> DecisionEditor:
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def _decision_id(context: AppContext, forum: int, code: str) -> int:
    with context.database.reader() as session:
        return decision_by_code(session, forum, code).id


def _rows(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables an edit can touch, to compare before and after."""
    with database.reader() as session:
        names = {row[0] for row in session.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        return {
            table: [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
            for table in TABLES
            if table in names
        }


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(
    qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(_focused(), key, modifiers)


def test_three_decisions_in_a_row_with_save_and_new_keyboard_only(qtbot: QtBot, context: AppContext) -> None:
    with context.database.reader() as session:
        forum = forum_by_number(session, 10)
        before = len(forum.decisions)
    editor = _editor(qtbot, context, None)
    editor.form.forum.setFocus()
    editor.form.forum.setCurrentIndex(editor.form.forum.findData(forum.id))
    _press(qtbot, Qt.Key.Key_Tab)
    for number in (1, 2, 3):
        assert _focused() is editor.form.code  # Save and new leaves the cursor in the code field
        qtbot.keyClicks(_focused(), f"12.{number}")
        for _step in range(3):  # sector, deadline, recorded status, then the Russian text
            _press(qtbot, Qt.Key.Key_Tab)
        _press(qtbot, Qt.Key.Key_Tab)
        assert _focused() is editor.form.texts["ru"]
        type_text(_focused(), f"Решение номер {number}: развивать приграничную торговлю.")
        _press(qtbot, Qt.Key.Key_Tab)
        type_text(_focused(), f"{number}-шешім: шекара маңы саудасын дамыту.")
        editor.tabs.setCurrentIndex(0)
        editor.assignments.executor_input.setFocus()
        type_text(_focused(), "KZ-27")
        _press(qtbot, Qt.Key.Key_Return)  # assigns, clears the field, never saves
        qtbot.waitUntil(lambda: editor.assignments.model.rowCount() == 1)
        assert editor.assignments.executor_input.text() == ""
        assert editor.decision_id is None and editor.dirty
        if number == 1:  # another sector than a new decision starts with: Save and new keeps it
            sectors = editor.form.sector
            sectors.setCurrentIndex((sectors.currentIndex() + 1) % sectors.count())
        sector = editor.form.sector.currentData()
        _press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        # the protocol's next code is offered, selected: typing replaces it
        offered = f"12.{number + 1}"
        qtbot.waitUntil(lambda code=offered: not editor.dirty and editor.form.code.text() == code)
        assert editor.form.code.selectedText() == editor.form.code.text()
        assert editor.form.forum.currentData() == forum.id  # the same forum for the next one
        assert editor.form.sector.currentData() == sector  # and the same sector
        assert editor.assignments.model.rowCount() == 0
    with context.database.reader() as session:
        decisions = forum_by_number(session, 10).decisions
        assert len(decisions) == before + 3
        made = {d.code: d for d in decisions if d.code.startswith("12.")}
        assert sorted(made) == ["12.1", "12.2", "12.3"]
        assert made["12.2"].text("kk") == "2-шешім: шекара маңы саудасын дамыту."
        assert [len(d.assignments) for d in made.values()] == [1, 1, 1]


def _fill_entry(editor: DecisionEditor, executor_index: int = 1) -> None:
    dialog = editor.progress_dialog
    assert dialog is not None
    dialog.entry_date.setDate(dt.date(2026, 11, 20))
    dialog.status.setCurrentIndex(dialog.status.findData(Status.IN_PROGRESS.value))
    dialog.executor.setCurrentIndex(executor_index)
    type_text(dialog.notes["kk"], "Жол картасы бекітілді.")
    type_text(dialog.obstacles["ru"], "Задержка финансирования.")
    type_text(dialog.letter_number, "01-12/345")


def test_a_progress_entry_on_a_new_decision_is_saved_with_it(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, context, None)
    with context.database.reader() as session:
        forum_id = forum_by_number(session, 10).id
    editor.form.forum.setCurrentIndex(editor.form.forum.findData(forum_id))
    qtbot.keyClicks(editor.form.code, "13.1")
    type_text(editor.form.texts["ru"], "Развивать туризм.")
    type_text(editor.assignments.executor_input, "KZ-27")
    editor.assignments.add_from_input()
    editor.open_add_progress()
    _fill_entry(editor)
    dialog = editor.progress_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.letter_number, Qt.Key.Key_Return)  # Enter: the dialog's main action
    assert not dialog.isVisible()
    assert "Жол картасы бекітілді." in editor.timeline.browser.toPlainText()
    in_progress = f"{Status.IN_PROGRESS.symbol} {Status.IN_PROGRESS.label()}"
    assert editor.form.effective_status.text() == in_progress  # the entry's status, shown at once
    assert editor.decision_id is None  # nothing written before Save
    editor.save()
    assert editor.decision_id is not None and not editor.dirty
    with context.database.reader() as session:
        entries = history(session, editor.decision_id)
        assert [(e.entry_date, e.status, e.letter_number) for e in entries] == [
            (dt.date(2026, 11, 20), Status.IN_PROGRESS.value, "01-12/345")
        ]
        assert entries[0].notes["kk"].done == "Жол картасы бекітілді."
        assert get_decision(session, editor.decision_id).status == Status.IN_PROGRESS.value
    timeline = editor.timeline.browser.toPlainText()
    for shown in (
        i18n._("Source:"),
        i18n._("What was done:"),
        i18n._("Obstacles:"),
        "01-12/345",
        "20.11.2026",
    ):
        assert shown in timeline


def test_a_report_the_core_refuses_keeps_the_dialog_open_with_the_reason(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    editor.open_add_progress()
    dialog = editor.progress_dialog
    assert dialog is not None
    dialog.accept()  # neither a status nor a note
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    assert "статус" in dialog.error.text()
    dialog.entry_date.edit.setText("31.02.2027")
    type_text(dialog.notes["ru"], "Текст")
    dialog.accept()
    assert dialog.isVisible() and "31.02.2027" in dialog.entry_date.error.text()


def _first_saved_key(editor: DecisionEditor) -> tuple[str, int]:
    assert editor.snapshot is not None and editor.snapshot.progress
    entry = editor.snapshot.progress[-1]
    assert entry.id is not None
    return f"s{entry.id}", entry.id


def test_correcting_an_entry_is_audited_and_the_old_text_stays_in_the_history(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    key, entry_id = _first_saved_key(editor)
    with context.database.reader() as session:
        old = session.get(ProgressEntry, entry_id)
        assert old is not None
        old_text = next(n.done for n in old.notes.values() if n.done)
    editor.open_correct_progress(key)
    dialog = editor.progress_dialog
    assert dialog is not None
    assert old_text in [edit.toPlainText() for edit in dialog.notes.values()]
    dialog.notes["ru"].selectAll()
    type_text(dialog.notes["ru"], "Исправленный текст отчёта")
    dialog.accept()
    assert "Исправленный текст отчёта" in editor.timeline.browser.toPlainText()
    with context.database.reader() as session:  # not yet: it is saved with the decision
        assert all(
            n.done != "Исправленный текст отчёта"
            for n in history(session, editor.decision_id or 0)[-1].notes.values()
        )
    editor.save()
    with context.database.reader() as session:
        notes = session.get(ProgressEntry, entry_id).notes  # type: ignore[union-attr]
        assert notes["ru"].done == "Исправленный текст отчёта"
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "decision", AuditEntry.action == "correct")
        ).all()
    assert len(audit) == 1 and audit[0].record_id == editor.decision_id
    assert json.loads(audit[0].changes)["entry"] == entry_id
    assert old_text in json.dumps(json.loads(audit[0].changes)["before"], ensure_ascii=False)
    history_text = editor.links.history.toPlainText()
    assert old_text in history_text and i18n._("Before the correction it said:") in history_text


def test_removing_an_entry_needs_a_reason_and_is_audited(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    key, entry_id = _first_saved_key(editor)
    editor.open_remove_progress(key)
    dialog = editor.remove_dialog
    assert dialog is not None
    dialog.accept()  # no reason yet
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    type_text(dialog.reason, "Внесено дважды")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "Внесено дважды" in editor.timeline.browser.toPlainText()  # marked, still shown until Save
    editor.save()
    with context.database.reader() as session:
        assert session.get(ProgressEntry, entry_id) is None
        removal = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "decision", AuditEntry.action == "remove")
        ).one()
    assert removal.record_id == editor.decision_id
    assert json.loads(removal.changes)["entry"] == entry_id
    assert json.loads(removal.changes)["reason"] == "Внесено дважды"
    assert "Внесено дважды" in editor.links.history.toPlainText()


def test_cancel_discards_everything_and_the_database_is_unchanged(qtbot: QtBot, context: AppContext) -> None:
    with context.database.reader() as session:
        link = session.scalars(select(DecisionLink)).first()
        assert link is not None
        decision_id = link.decision_id
    before = _rows(context.database)
    editor = _editor(qtbot, context, decision_id)
    type_text(editor.form.texts["ru"], " и ещё")
    type_text(editor.assignments.executor_input, "RU-ORE")
    editor.assignments.add_from_input()
    editor.open_add_progress()
    _fill_entry(editor, 0)
    assert editor.progress_dialog is not None
    editor.progress_dialog.accept()
    assert editor.snapshot is not None
    if editor.snapshot.progress:
        editor.remove_progress(_first_saved_key(editor)[0], "Ошибка")
    editor.remove_link(editor.snapshot.links[0])
    assert editor.dirty
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # asks; the test's answer is Discard
    assert not editor.isVisible()
    assert _rows(context.database) == before


def test_removing_a_link_asks_with_no_as_default_and_is_saved(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    with context.database.reader() as session:
        link = session.scalars(select(DecisionLink)).first()
        assert link is not None
        decision_id, target_id = link.decision_id, link.target_id
    editor = _editor(qtbot, context, decision_id)
    asked: list[Any] = []

    def answer(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    shown = editor.links.links.count()
    row = next(
        i
        for i in range(shown)
        if editor.links.links.item(i).data(Qt.ItemDataRole.UserRole).other_id == target_id
    )
    editor.links.links.setCurrentRow(row)
    editor.links.remove_button.click()
    assert asked and asked[-1][4] == QMessageBox.StandardButton.No
    assert editor.links.links.count() == shown - 1 and editor.dirty
    editor.save()
    with context.database.reader() as session:
        assert (
            session.scalars(
                select(DecisionLink).where(
                    DecisionLink.decision_id == decision_id, DecisionLink.target_id == target_id
                )
            ).first()
            is None
        )


def test_a_decision_without_links_says_what_links_are_for(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, context, None)
    assert editor.links.empty.isVisibleTo(editor.links) and not editor.links.links.isVisibleTo(editor.links)
    assert "подтверждает" in editor.links.empty.text()


def test_the_two_statuses_are_named_plainly_with_their_rule(qtbot: QtBot, context: AppContext) -> None:
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    recorded, reported = editor.form.labels["status"], editor.form.labels["effective"]
    assert recorded.text() == "Статус по записи секретариата:"
    assert reported.text() == "Статус по отчётам исполнителей:"
    assert Status.IMPLEMENTED.label() in recorded.toolTip()
    assert Status.IN_PROGRESS.label().casefold() in reported.toolTip().casefold()


def test_enter_in_the_assign_field_assigns_and_does_not_save(qtbot: QtBot, context: AppContext) -> None:
    before = _rows(context.database)
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    shown = editor.assignments.model.rowCount()
    type_text(editor.assignments.executor_input, "Костанайская область")
    qtbot.keyClick(editor.assignments.executor_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.assignments.model.rowCount() == shown + 1)
    assert editor.assignments.executor_input.text() == "" and editor.dirty
    type_text(editor.assignments.executor_input, "Костанайская область")
    qtbot.keyClick(editor.assignments.executor_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.assignments.error.isVisibleTo(editor))
    assert "«Костанайская область»" in editor.assignments.error.text()
    assert _rows(context.database) == before


def test_enter_while_the_suggestions_are_open_assigns_the_one_they_name(
    qtbot: QtBot, context: AppContext
) -> None:
    """Part of a Kazakh name, the list of suggestions open, Enter: the executor is assigned and
    the field cleared (a new user found Enter only closed the list and kept the text)."""
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    assignments = editor.assignments
    shown = assignments.model.rowCount()
    type_text(assignments.executor_input, "Қостанай")
    qtbot.waitUntil(assignments.suggestions.isVisible)
    assert assignments.executor_input.completer().completionCount() == 1
    qtbot.keyClick(assignments.suggestions, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: assignments.model.rowCount() == shown + 1)
    assert assignments.executor_input.text() == "" and not assignments.suggestions.isVisible()
    assert assignments.model.rows[-1].names["kk"].startswith("Қостанай")
    type_text(assignments.executor_input, "облыс")  # many match: Enter picks the first, Enter assigns
    qtbot.waitUntil(assignments.suggestions.isVisible)
    assert assignments.executor_input.completer().completionCount() > 1
    qtbot.keyClick(assignments.suggestions, Qt.Key.Key_Return)
    assert assignments.suggestions.currentIndex().row() == 0
    assert assignments.model.rowCount() == shown + 1
    qtbot.keyClick(assignments.suggestions, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: assignments.model.rowCount() == shown + 2)
    assert assignments.executor_input.text() == ""


def test_enter_in_a_field_of_the_form_never_saves(qtbot: QtBot, context: AppContext) -> None:
    before = _rows(context.database)
    editor = _editor(qtbot, context, _decision_id(context, 6, "3.1"))
    editor.form.code.setFocus()
    qtbot.keyClicks(editor.form.code, "9")
    qtbot.keyClick(editor.form.code, Qt.Key.Key_Return)
    qtbot.keyClick(editor.form.deadline.edit, Qt.Key.Key_Return)
    assert editor.isVisible() and editor.dirty
    assert not any(button.isDefault() for button in editor.buttons.buttons())
    assert _rows(context.database) == before


def test_the_editor_speaks_kazakh_with_the_city_and_dates_in_kazakh(
    qtbot: QtBot, context: AppContext
) -> None:
    with context.database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.city_kk == "Орынбор")).first()
        assert forum is not None
        decision = session.scalars(
            select(Decision).where(Decision.forum_id == forum.id, Decision.deadline.is_not(None))
        ).first()
        assert decision is not None
        decision_id, deadline = decision.id, decision.deadline
    editor = _editor(qtbot, context, decision_id)
    switch_language(context, "kk")
    try:
        assert "Орынбор" in editor.form.forum.currentText()
        assert "Орысша" in editor.form.text_labels["ru"].text()  # not "Русский" in a Kazakh window
        assert editor.form.deadline.edit.text() == deadline.strftime("%d.%m.%Y")  # type: ignore[union-attr]
        assert editor.save_new_button.text() == i18n.tr("Save and new", "kk") != "Save and new"
        switch_language(context, "en")
        assert editor.form.deadline.edit.text() == deadline.isoformat()  # type: ignore[union-attr]
        assert "Orenburg" in editor.form.forum.currentText()
        assert editor.form.text_labels["ru"].text() == "<b>Text in Russian</b>"
    finally:
        switch_language(context, "ru")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_the_editor_fits_the_screen_with_room_for_the_title_bar(
    qtbot: QtBot, context: AppContext, width: int, height: int
) -> None:
    editor = DecisionEditor(context, _decision_id(context, 6, "3.1"))
    qtbot.addWidget(editor)
    editor.resize(1400, 1000)  # as a bigger screen left it
    editor.show()  # fitted to the (offscreen) screen when first shown
    free = editor.screen().availableGeometry()
    assert editor.height() <= free.height() - TITLE_BAR_ROOM
    assert editor.width() <= free.width()
    taskbar = 40
    assert editor.minimumSizeHint().height() <= height - taskbar - TITLE_BAR_ROOM
    assert editor.minimumSizeHint().width() <= width


def _date_form(qtbot: QtBot) -> tuple[QWidget, DateField, QLineEdit]:
    """A date field between two line edits, in an active window."""
    window = QWidget()
    layout = QVBoxLayout(window)
    field = DateField()
    after = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field.setFocus()
    return window, field, after


@pytest.mark.parametrize("typed", ["13.02.2028", "13022028", "2028-02-13"])
def test_a_typed_date_is_read_shown_in_the_language_and_tab_leaves_the_field(
    qtbot: QtBot, typed: str
) -> None:
    _window, field, after = _date_form(qtbot)
    changes: list[object] = []
    field.dateChanged.connect(changes.append)
    qtbot.keyClicks(field.edit, typed)
    assert field.date() == dt.date(2028, 2, 13) and changes[-1] == dt.date(2028, 2, 13)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)  # one Tab: out of the field, not into its "month"
    assert QApplication.focusWidget() is after
    assert field.edit.text() == "13.02.2028" and field.isValid()


def test_an_impossible_date_is_refused_at_the_field_and_never_moved(qtbot: QtBot) -> None:
    _window, field, _after = _date_form(qtbot)
    field.setDate(dt.date(2028, 2, 28))
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31.02.2028")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert not field.isValid() and field.date() is None
    assert field.error.isVisibleTo(field) and "31.02.2028" in field.error.text()
    assert field.edit.text() == "31.02.2028"  # left for the clerk to correct, not changed to another day
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "13.02.2028")  # select-all then a date: that date, and the error goes
    assert field.date() == dt.date(2028, 2, 13) and not field.error.isVisibleTo(field)


def test_an_optional_date_may_stay_empty_and_a_required_one_says_so(qtbot: QtBot) -> None:
    optional = DateField(optional=True)
    qtbot.addWidget(optional)
    assert optional.isValid() and optional.date() is None
    required = DateField()
    qtbot.addWidget(required)
    assert not required.isValid() and required.problem() == "Укажите дату."


def test_alt_down_opens_the_calendar_and_enter_picks_the_day(qtbot: QtBot) -> None:
    _window, field, _after = _date_form(qtbot)
    field.setDate(dt.date(2028, 2, 13))
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    days = calendar.findChild(QTableView)  # the grid of days has the keyboard
    assert days is not None
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert field.date() == dt.date(2028, 2, 14) and field.calendar is None


def test_dates_follow_the_interface_language(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setDate(dt.date(2028, 2, 13))
    try:
        i18n.set_language("en")
        field.retranslate()
        assert field.edit.text() == "2028-02-13"
        i18n.set_language("kk")
        field.retranslate()
        assert field.edit.text() == "13.02.2028"
    finally:
        i18n.set_language("ru")
