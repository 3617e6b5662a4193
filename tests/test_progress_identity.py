"""Progress entries keep their identity: two letters from one executor on one decision on one day
are two entries; an exact repeat is unchanged; the same letter saying something else is a
located conflict; the preview says which rows are new, changed or unchanged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.models import Decision, Executor, Forum, ProgressEntry
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.exchange import apply_import, export_executor_report, plan_import
from secretariat_app.exchange.preview import row_ranges
from secretariat_app.ui.import_dialog import ImportDialog
from tests.conftest import DEMO_TODAY
from tests.exchange_files import PROGRESS_HEADER, write_xlsx
from tests.ui_helpers import make_context

DAY = DEMO_TODAY + dt.timedelta(days=2)


def _first_open_row(database: Database, path: Path) -> tuple[int, str]:
    export_executor_report(database, "RU-ORE", path, when=DEMO_TODAY)
    sheet = load_workbook(path)["executor_report"]
    return int(sheet.cell(3, 1).value), str(sheet.cell(3, 2).value)


def _entries(database: Database, forum: int, code: str) -> list[tuple[str, str]]:
    with database.reader() as session:
        rows = session.execute(
            select(ProgressEntry.letter_number, ProgressEntry.status)
            .join(Decision)
            .join(Forum)
            .where(Forum.number == forum, Decision.code == code, ProgressEntry.entry_date == DAY)
            .order_by(ProgressEntry.id)
        )
        return [(number, status) for number, status in rows]


def _fill(path: Path, values: dict[str, object]) -> None:
    workbook = load_workbook(path)
    sheet = workbook["executor_report"]
    header = [cell.value for cell in sheet[1]]
    for column, value in values.items():
        sheet.cell(row=3, column=header.index(column) + 1, value=value)
    workbook.save(path)


def _record_letter(database: Database, forum: int, code: str, number: str, done: str) -> None:
    with database.session() as session:
        decision = session.scalars(
            select(Decision).join(Forum).where(Forum.number == forum, Decision.code == code)
        ).one()
        ore = session.scalars(select(Executor).where(Executor.code == "RU-ORE")).one()
        add_progress_entry(
            session, decision.id, ProgressInput(DAY, None, ore.id, {"ru": NoteInput(done)}, number, DAY)
        )


def test_a_second_letter_of_the_day_by_the_executors_workbook_is_recorded(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    """The issue's case: a report with a new status and letter 01-14/5000 was counted unchanged
    because another entry from that region had been logged that day."""
    path = tmp_path / "ore.xlsx"
    forum, code = _first_open_row(demo_sqlite, path)
    _record_letter(demo_sqlite, forum, code, "01-14/4999", "Первое письмо")
    _fill(
        path,
        {
            "new_status": "in_progress",
            "done": "Второе письмо",
            "letter_number": "01-14/5000",
            "letter_date": DAY,
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.counts["progress"].added == 1
    apply_import(demo_sqlite, plan)
    assert _entries(demo_sqlite, forum, code) == [("01-14/4999", None), ("01-14/5000", "in_progress")]
    again = plan_import(demo_sqlite, path)
    assert again.problems == [] and (again.counts["progress"].added, again.counts["progress"].unchanged) == (
        0,
        1,
    )


def test_the_same_letter_saying_something_else_is_a_located_conflict(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = tmp_path / "ore.xlsx"
    forum, code = _first_open_row(demo_sqlite, path)
    _record_letter(demo_sqlite, forum, code, "01-14/5000", "Как записано")
    _fill(path, {"done": "Иначе", "letter_number": "01-14/5000", "letter_date": DAY})
    [conflict] = plan_import(demo_sqlite, path).problems
    assert (conflict.sheet, conflict.row, conflict.column) == ("executor_report", 3, "letter_number")
    assert conflict.column_title == "Номер вашего письма / Хатыңыздың нөмірі"
    assert "01-14/5000" in conflict.message("ru")


def test_two_letters_of_a_day_in_a_workbook_are_two_entries_and_the_preview_lists_rows(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forum, code = _first_open_row(demo_sqlite, tmp_path / "ore.xlsx")
    path = write_xlsx(
        tmp_path / "progress.xlsx",
        {
            "progress": [
                PROGRESS_HEADER,
                [forum, code, DAY, "in_progress", "Первое", "", "01-14/1", "RU-ORE"],
                [forum, code, DAY, "", "Второе", "", "01-14/2", "RU-ORE"],
                [forum, code, DAY, "", "Второе, иначе", "", "01-14/2", "RU-ORE"],
            ]
        },
    )
    [duplicate] = plan_import(demo_sqlite, path).problems  # one letter twice in one file
    assert (duplicate.row, duplicate.column) == (4, "date")
    path = write_xlsx(tmp_path / "progress.xlsx", {"progress": [PROGRESS_HEADER, *(
        [forum, code, DAY, "in_progress", "Первое", "", "01-14/1", "RU-ORE"],
        [forum, code, DAY, "", "Второе", "", "01-14/2", "RU-ORE"],
    )]})  # fmt: skip
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.counts["progress"].rows["added"] == [2, 3]
    apply_import(demo_sqlite, plan)
    assert [n for n, _s in _entries(demo_sqlite, forum, code)] == ["01-14/1", "01-14/2"]
    capsys.readouterr()
    assert main(["--db", str(demo_sqlite.path), "--lang", "en", "import", str(path), "--dry-run"]) == 0
    assert "  unchanged, sheet progress, rows 2–3" in capsys.readouterr().out


def test_row_ranges_are_short() -> None:
    assert row_ranges([9, 2, 3, 4, 7, 10, 11, 12, 3]) == "2–4, 7, 9–12"


def test_the_window_lists_the_rows_of_each_sheet_under_a_branch(
    qtbot: QtBot, demo_sqlite: Database, tmp_path: Path
) -> None:
    path = tmp_path / "ore.xlsx"
    _first_open_row(demo_sqlite, path)
    _fill(path, {"done": "Сделано", "letter_number": "01-14/7", "letter_date": DAY})
    dialog = ImportDialog(make_context(demo_sqlite))
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    dialog.check()
    tree = dialog.rows_view
    assert tree.topLevelItemCount() == 1 and not tree.isHidden()
    branch = tree.topLevelItem(0)
    assert "executor_report" in branch.text(0) and not branch.isExpanded()
    assert [branch.child(i).text(0) for i in range(branch.childCount())] == ["новые: строки 3"]
