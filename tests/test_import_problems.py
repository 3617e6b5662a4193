"""Import problems as a clerk needs them: all of them in one pass, in the file's order, each
column named by the header the clerk sees, unknown values with the accepted ones; a letter dated
before the report form is a warning, not a refusal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from secretariat_app.cli.main import main
from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.exchange import export_executor_report, plan_import
from tests.conftest import DEMO_TODAY
from tests.exchange_files import DECISION_HEADER, FORUM_HEADER, PROGRESS_HEADER, write_xlsx


def test_a_rows_bad_cell_does_not_hide_its_other_problems(demo_sqlite: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "one-pass.xlsx",
        {
            "forums": [FORUM_HEADER, [20, 2030, "Омск", "", "XX", "10.09.2030", "01.09.2030", "", ""]],
            "decisions": [
                DECISION_HEADER,
                [12, "8.1", "Текст", "", "", "space travel", "01.01.2020", "almost done", "99/1.1"],
            ],
            "progress": [PROGRESS_HEADER, [12, "8.1", "01.01.2020", "maybe", "", "", "", "RU-XXX"]],
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("forums", 2, "country"),
        ("forums", 2, "end_date"),
        ("decisions", 2, "sector"),
        ("decisions", 2, "deadline"),  # before the forum: found although the status is unknown
        ("decisions", 2, "status"),
        ("decisions", 2, "repeats"),
        ("progress", 2, "date"),
        ("progress", 2, "status"),
        ("progress", 2, "executor"),
    ]


def test_problems_follow_the_files_sheets_rows_and_columns(demo_sqlite: Database, tmp_path: Path) -> None:
    header = ["status", "code", "forum", "deadline", "text_ru"]  # the clerk's own column order
    path = write_xlsx(
        tmp_path / "order.xlsx",
        {
            "Decisions": [
                header,
                ["ok", "9.1", 12, "31.12.2027", "Текст"],
                ["in_progress", "9.2", 12, "32.13.2027", ""],
            ],
            "Forums": [FORUM_HEADER, [12, 2000, "Омск", "", "KZ", "08.02.2027", "", "", ""]],
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [
        ("decisions", 2, "status"),
        ("decisions", 3, "deadline"),
        ("decisions", 3, "text_ru"),
        ("forums", 2, "year"),
    ]
    assert plan.problems[0].column_title == "status"


def test_unknown_values_list_the_accepted_ones_in_the_interface_language(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "unknown.xlsx",
        {"decisions": [DECISION_HEADER, [12, "9.1", "Текст", "", "", "space travel", "", "almost done", ""]]},
    )
    sector, status = plan_import(demo_sqlite, path).problems
    i18n.set_language("ru")
    assert "in_progress (В работе)" in status.message() and "implemented (Выполнено)" in status.message()
    assert "transport (" in sector.message()
    i18n.set_language("kk")
    assert "in_progress (Орындалуда)" in status.message()


def _report(demo_sqlite: Database, tmp_path: Path, values: dict[str, object]) -> Path:
    path = tmp_path / "ore.xlsx"
    export_executor_report(demo_sqlite, "RU-ORE", path, when=DEMO_TODAY)
    workbook = load_workbook(path)
    sheet = workbook["executor_report"]
    header = [cell.value for cell in sheet[1]]
    for column, value in values.items():
        sheet.cell(row=3, column=header.index(column) + 1, value=value)
    workbook.save(path)
    return path


def test_the_executor_workbooks_problems_name_the_columns_as_the_clerk_sees_them(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = _report(demo_sqlite, tmp_path, {"new_status": "почти готово", "letter_date": "31.31.2026"})
    problems = plan_import(demo_sqlite, path).problems
    assert [(p.row, p.column) for p in problems] == [(3, "new_status"), (3, "letter_date")]
    assert problems[0].column_title == "Новый статус / Жаңа мәртебе"
    assert "Дата вашего письма / Хатыңыздың күні" in problems[1].describe("ru")
    assert "letter_date" not in problems[1].describe("ru")


def test_a_letter_dated_before_the_form_is_a_warning_and_is_imported(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _report(
        demo_sqlite,
        tmp_path,
        {"done": "Сделано", "letter_number": "01-14/5000", "letter_date": DEMO_TODAY - dt.timedelta(days=3)},
    )
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.counts["progress"].added == 1
    [warning] = plan.warnings
    assert (warning.row, warning.column) == (3, "letter_date")
    capsys.readouterr()
    assert main(["--db", str(demo_sqlite.path), "--lang", "en", "import", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "warning: executor_report, row 3, column Дата вашего письма" in out


def test_the_window_lists_the_warning_and_still_offers_the_import(
    qtbot: QtBot, demo_sqlite: Database, tmp_path: Path
) -> None:
    from secretariat_app.ui.import_dialog import ImportDialog
    from tests.ui_helpers import make_context

    path = _report(
        demo_sqlite, tmp_path, {"done": "Сделано", "letter_date": DEMO_TODAY - dt.timedelta(days=3)}
    )
    dialog = ImportDialog(make_context(demo_sqlite))
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    dialog.check()
    model = dialog.problems_model
    assert model.rowCount() == 1 and model.is_warning(0)
    assert model.data(model.index(0, 2)) == "Дата вашего письма / Хатыңыздың күні"
    assert str(model.data(model.index(0, 3))).startswith("Предупреждение: ")
    assert dialog.import_button.isEnabled() and not dialog.problems_view.isHidden()
