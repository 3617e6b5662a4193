"""File → Import…, Export…, Save import template… and Export for a region or agency…, on real
SQLite files and real workbooks, offscreen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.core.errors import Cancelled
from secretariat_app.core.models import Assignment, Decision, Forum, ProgressEntry
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.exchange import plan_import
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.export_dialogs import ExecutorExportDialog, write_in_place
from secretariat_app.ui.import_dialog import ImportDialog
from secretariat_app.ui.jobs import JobDialog
from secretariat_app.ui.main_window import MainWindow
from tests.exchange_files import (
    ASSIGNMENT_HEADER,
    DECISION_HEADER,
    FORUM_HEADER,
    PROGRESS_HEADER,
    write_xlsx,
)
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]


def _workbook(tmp_path: Path, **changes: list[list[Any]]) -> Path:
    """Two forums, three decisions, three assignments, two progress entries."""
    sheets: dict[str, list[list[Any]]] = {
        "forums": [
            FORUM_HEADER,
            [1, 2020, "Оренбург", "Орынбор", "RU", dt.date(2020, 9, 9), dt.date(2020, 9, 10), "", ""],
            [2, 2021, "Павлодар", "Павлодар", "KZ", dt.date(2021, 9, 15), None, "", ""],
        ],
        "decisions": [
            DECISION_HEADER,
            [1, "1.1", "Открыть пункт пропуска", "Өткізу пунктін ашу", "", "transport", None, "", ""],
            [1, "1.2", "Провести выставку", "Көрме өткізу", "", "trade", "01.06.2021", "", ""],
            [2, "3.10", "Повторно открыть пункт", "Пунктті қайта ашу", "", "transport", None, "", "1/1.1"],
        ],
        "assignments": [
            ASSIGNMENT_HEADER,
            [1, "1.1", "RU-ORE", "lead", "in_progress", ""],
            [1, "1.1", "KZ-15", "co-executor", "implemented", ""],
            [2, "3.10", "RU-ORE", "lead", "not_started", ""],
        ],
        "progress": [
            PROGRESS_HEADER,
            [1, "1.1", dt.date(2021, 3, 1), "in_progress", "Начаты работы", "Жұмыс басталды", "", "RU-ORE"],
            [1, "1.2", dt.date(2021, 4, 1), "", "Подготовлен план", "", "", ""],
        ],
    }
    sheets.update(changes)
    return write_xlsx(tmp_path / "history.xlsx", sheets)


def _count(database: Database, model: type) -> int:
    with database.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _cells(model: object, column: int) -> list[str]:
    rows = model.rowCount()  # type: ignore[attr-defined]
    return [str(model.data(model.index(r, column))) for r in range(rows)]  # type: ignore[attr-defined]


@pytest.fixture
def empty_context(database: Database) -> AppContext:
    return make_context(database)


@pytest.fixture
def demo_context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


def _dialog(qtbot: QtBot, context: AppContext, path: Path) -> ImportDialog:
    dialog = ImportDialog(context)
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    return dialog


def test_a_workbook_with_problems_lists_each_with_its_place_and_cannot_be_imported(
    qtbot: QtBot, empty_context: AppContext, tmp_path: Path
) -> None:
    path = _workbook(
        tmp_path,
        decisions=[
            DECISION_HEADER,
            [9, "1.1", "Текст", "Мәтін", "", "transport", None, "", ""],  # unknown forum
            [1, "1.2", "Текст", "", "", "transport", "31.02.2021", "", ""],  # no such date
            [1, "1.3", "Текст", "", "", "transport", None, "almost done", ""],  # unknown status
        ],
        assignments=[ASSIGNMENT_HEADER, [1, "1.2", "RU-XXX", "lead", "", ""]],
        progress=[PROGRESS_HEADER],
    )
    dialog = _dialog(qtbot, empty_context, path)
    dialog.check_button.click()

    model = dialog.problems_model
    places = sorted(zip(_cells(model, 0), _cells(model, 1), _cells(model, 2), strict=True))
    assert places == [
        ("assignments", "2", "executor"),
        ("decisions", "2", "forum"),
        ("decisions", "3", "deadline"),
        ("decisions", "4", "status"),
    ]
    reasons = _cells(model, 3)
    assert any("almost done" in reason for reason in reasons)
    assert any("RU-XXX" in reason for reason in reasons)
    assert not dialog.problems_view.isHidden()
    assert not dialog.import_button.isEnabled()
    dialog.start_import()  # even asked directly, a plan with problems is not applied
    assert _count(empty_context.database, Forum) == 0
    assert _count(empty_context.database, Decision) == 0

    i18n.set_language("kk")  # the reasons are translated when shown
    empty_context.bus.language_changed.emit()
    assert _cells(model, 3) != reasons
    assert model.headerData(0, Qt.Orientation.Horizontal) == i18n._("Sheet")


def test_a_file_that_is_no_workbook_is_one_problem_of_the_whole_file(
    qtbot: QtBot, empty_context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_bytes(b"this is not a workbook")
    dialog = _dialog(qtbot, empty_context, path)
    dialog.check()
    assert dialog.problems_model.rowCount() == 1
    assert _cells(dialog.problems_model, 1) == [""]
    assert "XLSX" in _cells(dialog.problems_model, 3)[0]
    assert not dialog.import_button.isEnabled()


def test_a_good_workbook_previews_counts_then_imports_and_the_decisions_page_shows_it(
    qtbot: QtBot, empty_context: AppContext, tmp_path: Path
) -> None:
    page = DecisionsPage(empty_context)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    dialog = _dialog(qtbot, empty_context, _workbook(tmp_path))
    dialog.check()

    counts = dialog.counts_model
    preview = dict(
        zip(_cells(counts, 0), zip(_cells(counts, 1), _cells(counts, 2), strict=True), strict=True)
    )
    assert preview == {
        "Форумы": ("2", "0"),
        "Решения": ("3", "0"),
        "Поручения": ("3", "0"),
        "Записи о ходе исполнения": ("2", "0"),
    }
    assert dialog.problems_view.isHidden()
    assert _count(empty_context.database, Decision) == 0  # the preview wrote nothing
    assert dialog.import_button.isEnabled()

    announced: list[object] = []
    empty_context.bus.changed.connect(announced.append)
    dialog.import_button.click()

    assert _count(empty_context.database, Decision) == 3
    assert _count(empty_context.database, Assignment) == 3
    assert _count(empty_context.database, ProgressEntry) == 2
    assert len(announced) == 1
    assert page.model.rowCount() == 3  # the page reloaded on the announcement
    assert dialog.status.text() == i18n._("The import is complete.")
    assert not dialog.import_button.isEnabled()  # the same plan is not applied twice

    dialog.check()  # checked again, the file holds nothing new
    assert _cells(dialog.counts_model, 1) == ["0", "0", "0", "0"]
    assert not dialog.import_button.isEnabled()


def test_cancelling_an_import_writes_nothing(
    qtbot: QtBot, empty_context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, empty_context, _workbook(tmp_path))
    dialog.check()
    assert dialog.import_button.isEnabled()
    original = JobDialog.show_progress

    def press_cancel_while_importing(job_dialog: JobDialog, done: int, total: int) -> None:
        original(job_dialog, done, total)
        if dialog.stage == "import" and job_dialog.cancel_button.isEnabled():
            job_dialog.cancel_button.click()

    monkeypatch.setattr(JobDialog, "show_progress", press_cancel_while_importing)
    dialog.import_button.click()

    assert _count(empty_context.database, Forum) == 0
    assert _count(empty_context.database, Decision) == 0
    assert dialog.status.text() == i18n._("The import was cancelled; nothing was written.")
    assert dialog.import_button.isEnabled()  # the checked file can still be imported


def test_a_csv_file_can_be_read_with_the_encoding_and_separator_chosen(
    qtbot: QtBot, demo_context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "decisions.csv"
    path.write_bytes("forum|code|text_ru\n10|99.1|Новое решение\n".replace("|", "\t").encode("cp1251"))
    dialog = _dialog(qtbot, demo_context, path)
    assert dialog.encoding.isEnabled()
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1251"))
    dialog.delimiter.setCurrentIndex(dialog.delimiter.findData("\t"))
    dialog.check()
    assert _cells(dialog.problems_model, 3) == []
    assert dialog.plan is not None and dialog.plan.counts["decisions"].added == 1
    dialog.import_button.click()
    with demo_context.database.reader() as session:
        assert session.scalar(select(func.count()).where(Decision.code == "99.1")) == 1


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


@pytest.fixture
def window(qtbot: QtBot, demo_context: AppContext) -> MainWindow:
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_writes_the_decisions_the_page_shows(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_message_boxes: list[str],
    suffix: str,
) -> None:
    page = window.page("decisions")
    assert isinstance(page, DecisionsPage)
    database = window.context.database
    with database.reader() as session:
        forum_id = forum_by_number(session, 10).id
    page.bar.forum.setCurrentIndex(page.bar.forum.findData(forum_id))
    shown = page.model.rowCount()
    total = _count(database, Decision)
    assert 0 < shown < total
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / f"forum10{suffix}"
    _save_as(monkeypatch, target)

    window.actions_by_name["export"].trigger()

    if suffix == ".xlsx":
        rows = list(load_workbook(target, read_only=True)["decisions"].iter_rows(values_only=True))
    else:
        rows = [line.split(";") for line in target.read_text(encoding="utf-8-sig").splitlines()]
    header, body = rows[0], rows[1:]
    assert len(body) == shown
    assert {str(row[list(header).index("forum")]) for row in body} == {"10"}
    assert str(target) in answer_message_boxes[-1]
    assert [p.name for p in folder.iterdir()] == [target.name]  # no temporary file left behind


def test_the_import_template_is_written(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "blank"  # the clerk typed no suffix
    _save_as(monkeypatch, target)
    window.actions_by_name["template"].trigger()
    written = tmp_path / "blank.xlsx"
    sheets = load_workbook(written).sheetnames
    assert sheets[:1] == ["instructions"] and {"forums", "decisions", "assignments", "progress"} <= set(
        sheets
    )


def test_a_region_gets_a_workbook_of_its_open_decisions_that_imports_back(
    qtbot: QtBot, demo_context: AppContext, tmp_path: Path
) -> None:
    dialog = ExecutorExportDialog(demo_context)
    qtbot.addWidget(dialog)
    dialog.select("RU-ORE")
    assert "(RU-ORE)" in dialog.executor.currentText()
    assert "RU-ORE" in Path(dialog.output.text()).name
    target = tmp_path / "orenburg.xlsx"
    dialog.output.setText(str(target))
    dialog.export_button.click()
    assert load_workbook(target, read_only=True)["executor_report"].max_row > 1
    plan = plan_import(demo_context.database, target)
    assert plan.kind == "executor_report" and not plan.problems


def test_a_cancelled_export_leaves_the_file_that_was_there(tmp_path: Path) -> None:
    target = tmp_path / "decisions.xlsx"
    target.write_bytes(b"before")

    def write(path: Path) -> None:
        path.write_bytes(b"after")

    with pytest.raises(Cancelled):
        write_in_place(target, write, lambda: True)
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["decisions.xlsx"]
    write_in_place(target, write, lambda: False)
    assert target.read_bytes() == b"after"


def test_the_file_menu_offers_import_export_and_template(window: MainWindow) -> None:
    names = ("import", "export", "export_executor", "template")
    actions = [window.actions_by_name[name] for name in names]
    assert all(action.isEnabled() for action in actions)
    assert all(action in window.file_menu.actions() for action in actions)
    dialog = window.open_import_dialog()
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    dialog.close()


def test_checking_and_importing_run_on_worker_threads(
    qtbot: QtBot, empty_context: AppContext, tmp_path: Path
) -> None:
    empty_context.runner.synchronous = False
    dialog = _dialog(qtbot, empty_context, _workbook(tmp_path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.import_button.isEnabled() and not dialog.running
    with qtbot.waitSignal(empty_context.bus.changed, timeout=10_000):
        dialog.import_button.click()
        assert dialog.running and dialog.job is not None
        assert dialog.job.dialog.isVisible() and dialog.job.dialog.cancel_button.isEnabled()
    assert _count(empty_context.database, Decision) == 3
    empty_context.runner.wait()


def test_a_file_written_on_a_worker_appears_only_when_complete(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secretariat_app.ui.export_dialogs import save_template_dialog

    window.context.runner.synchronous = False
    target = tmp_path / "out" / "template.xlsx"
    target.parent.mkdir()
    _save_as(monkeypatch, target)
    job = save_template_dialog(window.context, window)
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert not job.dialog.isVisible()
    assert [p.name for p in target.parent.iterdir()] == ["template.xlsx"]
    assert "decisions" in load_workbook(target).sheetnames
