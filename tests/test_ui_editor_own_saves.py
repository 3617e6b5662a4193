"""The decision editor's one save: progress entries, assignments and texts go in one transaction
and never make the editor's own Save a conflict; another clerk's save still does, and the
conflict window shows both versions' real statuses (pytest-qt, real SQLite, the real background
runner)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    decision_by_code,
    get_decision,
    set_assignments,
    update_decision,
)
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.editor.dialogs import ConflictChoice
from secretariat_app.ui.editor.window import DecisionEditor
from tests.ui_helpers import answer_message_boxes, make_context, type_text

__all__ = ["answer_message_boxes"]


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    context = make_context(demo_sqlite)
    context.runner.synchronous = False  # the real order of jobs and callbacks
    return context


def _open(qtbot: QtBot, context: AppContext, forum: int, code: str) -> DecisionEditor:
    with context.database.reader() as session:
        decision_id = decision_by_code(session, forum, code).id
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.snapshot is not None)
    return editor


def _settle(qtbot: QtBot, context: AppContext) -> None:
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)


def _report_status(editor: DecisionEditor, status: Status) -> int:
    """Add a progress entry through the dialog that sets the first executor's status."""
    editor.open_add_progress()
    dialog = editor.progress_dialog
    assert dialog is not None
    dialog.entry_date.setDate(dt.date(2026, 11, 20))
    dialog.status.setCurrentIndex(dialog.status.findData(status.value))
    dialog.executor.setCurrentIndex(1)
    type_text(dialog.notes["ru"], "Работы завершены")
    dialog.accept()
    return int(dialog.executor.itemData(1))


def _assign_another(editor: DecisionEditor) -> int:
    assigned = editor.assignments.assigned_ids()
    other = next(c for c in editor.choices.executors if c.id not in assigned and c.code)
    editor.assignments.executor_input.setText(other.code)
    editor.assignments.add_from_input()
    return other.id


@pytest.mark.parametrize(("forum", "code"), [(6, "3.1"), (9, "4.1")])
def test_a_progress_entry_and_an_assignment_are_saved_together_without_conflict(
    qtbot: QtBot, context: AppContext, forum: int, code: str
) -> None:
    editor = _open(qtbot, context, forum, code)
    reporting = _report_status(editor, Status.IMPLEMENTED)
    added = _assign_another(editor)
    with context.database.reader() as session:
        entries_before = len(get_decision(session, editor.decision_id or 0).progress)
    editor.save()
    _settle(qtbot, context)

    assert editor.conflict_dialog is None
    assert not editor.dirty
    with context.database.reader() as session:
        decision = get_decision(session, editor.decision_id or 0)
        statuses = {a.executor_id: a.status for a in decision.assignments}
        entries = [e for e in decision.progress if e.executor_id == reporting]
        assert len(decision.progress) == entries_before + 1
    assert added in statuses
    assert statuses[reporting] == Status.IMPLEMENTED.value  # the entry's status, shown at once and kept
    assert entries and entries[-1].status == Status.IMPLEMENTED.value


def test_another_clerks_save_while_an_entry_waits_is_a_conflict_and_keep_mine_writes_it_all(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _open(qtbot, context, 6, "3.1")
    _report_status(editor, Status.IMPLEMENTED)
    decision_id = editor.decision_id or 0
    with context.database.session() as session:  # another clerk saves meanwhile
        decision = get_decision(session, decision_id)
        entries_before = len(decision.progress)
        update_decision(
            session,
            decision_id,
            DecisionInput(
                decision.forum_id,
                decision.code,
                {"ru": "Текст другого секретаря", "kk": decision.text("kk")},
                decision.sector.code,
                decision.deadline,
                decision.own_status,
            ),
        )
    _assign_another(editor)
    editor.save()
    _settle(qtbot, context)

    dialog = editor.conflict_dialog
    assert dialog is not None
    theirs, mine = dialog.theirs.toPlainText(), dialog.mine.toPlainText()
    assert "Текст другого секретаря" in theirs
    implemented = f"{Status.IMPLEMENTED.symbol} {Status.IMPLEMENTED.label()}"
    assert f"Оренбургская область — {implemented}" in mine  # as the waiting entry sets it
    assert f"Оренбургская область — {implemented}" not in theirs  # still as stored
    assert "1" in mine.split("\n")[-1]  # the entry waiting to be added is named
    with context.database.reader() as session:  # nothing of the refused save was written
        assert len(get_decision(session, decision_id).progress) == entries_before

    dialog.keep_mine.click()
    assert dialog.choice is ConflictChoice.KEEP_MINE
    _settle(qtbot, context)
    assert not editor.dirty
    with context.database.reader() as session:
        decision = get_decision(session, decision_id)
        assert len(decision.progress) == entries_before + 1
        assert decision.text("ru") != "Текст другого секретаря"


def test_saving_keeps_an_assignment_note_the_editor_does_not_show(qtbot: QtBot, context: AppContext) -> None:
    editor = _open(qtbot, context, 9, "4.1")
    decision_id = editor.decision_id or 0
    with context.database.session() as session:
        decision = get_decision(session, decision_id)
        kept = [
            AssignmentInput(a.executor_id, a.role, a.status, note="Письмо 01-14/77 о продлении")
            for a in decision.assignments
        ]
        set_assignments(session, decision_id, kept)
    editor.close()
    editor = _open(qtbot, context, 9, "4.1")
    _assign_another(editor)
    editor.save()
    _settle(qtbot, context)
    assert editor.conflict_dialog is None
    with context.database.reader() as session:
        notes = {a.note for a in get_decision(session, decision_id).assignments}
    assert "Письмо 01-14/77 о продлении" in notes


def test_the_import_window_lists_records_another_clerk_saved_after_the_check(
    qtbot: QtBot, demo_sqlite: Database, tmp_path: Path
) -> None:
    from secretariat_app.ui.import_dialog import ImportDialog
    from tests.exchange_files import DECISION_HEADER, write_xlsx

    context = make_context(demo_sqlite)  # synchronous: the check and the import run inline
    path = write_xlsx(
        tmp_path / "in.xlsx",
        {"decisions": [DECISION_HEADER, [6, "3.1", "Текст из файла", "", "", "", "", "", ""]]},
    )
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    dialog.check_button.click()
    assert dialog.plan is not None and dialog.plan.ok
    with demo_sqlite.session() as session:  # another clerk saves the same decision meanwhile
        decision = decision_by_code(session, 6, "3.1")
        update_decision(
            session,
            decision.id,
            DecisionInput(
                decision.forum_id,
                "3.1",
                {"ru": "Сохранено в окне", "kk": decision.text("kk")},
                decision.sector.code,
                decision.deadline,
                decision.own_status,
            ),
        )
    dialog.start_import()

    model = dialog.problems_model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in (0, 1)] == ["decisions", "2"]
    with demo_sqlite.reader() as session:
        assert decision_by_code(session, 6, "3.1").text("ru") == "Сохранено в окне"
