"""The import template, and the round trip of a report workbook with one executor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.models import Assignment, Decision, Executor, Forum, ProgressEntry
from secretariat_app.exchange import apply_import, export_executor_report, plan_import, write_template
from secretariat_app.exchange.columns import WORKBOOK_SHEETS
from tests.conftest import DEMO_TODAY
from tests.exchange_files import read_sheets


def test_the_template_has_the_headers_instructions_and_drop_down_lists(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path)]) == 0
    workbook = load_workbook(path)
    for spec in WORKBOOK_SHEETS:
        assert [c.value for c in workbook[spec.name][1]] == list(spec.columns)
    instructions = [c.value for c in workbook["instructions"]["A"]] + [
        c.value for c in workbook["instructions"]["B"]
    ]
    assert any("forums" in (line or "") and "Форум" in (line or "") for line in instructions)  # Russian
    assert any(ch in "".join(filter(None, instructions)) for ch in "ӘҒҚҢӨҰҮІ")  # Kazakh
    lists = workbook["lists"]
    assert lists.sheet_state == "hidden"
    values = {cell.value for column in lists.iter_cols() for cell in column}
    assert {"in_progress", "transport", "co-executor", "RU-ORE", "KZ-15"} <= values
    validated = {
        (sheet, str(dv.sqref).split(":")[0][0])
        for sheet in ("forums", "decisions", "assignments", "progress")
        for dv in workbook[sheet].data_validations.dataValidation
    }
    assert {
        ("decisions", "F"),
        ("decisions", "H"),
        ("assignments", "C"),
        ("assignments", "D"),
        ("progress", "D"),
    } <= validated


def test_the_empty_template_imports_as_nothing_to_do(database: Database, tmp_path: Path) -> None:
    plan = plan_import(database, write_template(tmp_path / "template.xlsx"))
    assert plan.problems == [] and not plan.changes_anything


def test_a_template_needs_an_xlsx_name(tmp_path: Path) -> None:
    assert main(["template", str(tmp_path / "template.ods")]) == 2


def _fill(path: Path, rows: dict[str, dict[str, object]]) -> None:
    """What the executor does: fill some rows (by forum/code), leave the others empty."""
    workbook = load_workbook(path)
    sheet = workbook["executor_report"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=3):  # row 2: the column titles for people
        values = rows.get(f"{int(row[0].value)}/{row[1].value}")
        for column, value in (values or {}).items():
            row[header.index(column)].value = value
    workbook.save(path)


def test_an_executor_report_comes_back_as_dated_progress_entries(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = tmp_path / "ore.xlsx"
    result = export_executor_report(demo_sqlite, "RU-ORE", path, when=DEMO_TODAY)
    report = read_sheets(path)["executor_report"]
    assert result.decisions == len(report) - 2 >= 3
    closed = {
        Status(s).label(lang)
        for s in ("implemented", "cancelled", "for_information")
        for lang in ("ru", "kk")
    }
    assert all(not (set(row[5].split(" / ")) & closed) for row in report[2:])
    first, second, untouched = (f"{int(row[0])}/{row[1]}" for row in report[2:5])
    _fill(
        path,
        {
            first: {
                "new_status": "implemented",
                "done": "Работы завершены",
                "letter_number": "01-12/7",
                "letter_date": dt.date(2026, 12, 1),
            },
            second: {"done": "Жұмыс жалғасуда", "obstacles": "Қаржы жетіспейді", "letter_date": "02.12.2026"},
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert plan.kind == "executor_report" and plan.problems == []
    assert plan.counts["progress"].added == 2
    apply_import(demo_sqlite, plan)
    with demo_sqlite.reader() as session:
        ore = session.scalars(select(Executor).where(Executor.code == "RU-ORE")).one()

        def decision(key: str) -> Decision:
            forum, code = key.split("/")
            return session.scalars(
                select(Decision).join(Forum).where(Forum.number == int(forum), Decision.code == code)
            ).one()

        done = session.scalars(
            select(ProgressEntry)
            .where(ProgressEntry.decision_id == decision(first).id, ProgressEntry.executor_id == ore.id)
            .order_by(ProgressEntry.id.desc())
        ).first()
        assert done is not None
        assert (done.entry_date, done.status, done.letter_number) == (
            dt.date(2026, 12, 1),
            "implemented",
            "01-12/7",
        )
        assert done.notes["ru"].done == "Работы завершены"
        assignment = session.scalars(
            select(Assignment).where(
                Assignment.decision_id == decision(first).id, Assignment.executor_id == ore.id
            )
        ).one()
        assert assignment.status == "implemented"
        news = session.scalars(
            select(ProgressEntry).where(
                ProgressEntry.decision_id == decision(second).id,
                ProgressEntry.entry_date == dt.date(2026, 12, 2),
            )
        ).one()
        assert (news.status, news.notes["kk"].obstacles) == (None, "Қаржы жетіспейді")
        assert not session.scalars(
            select(ProgressEntry).where(
                ProgressEntry.decision_id == decision(untouched).id, ProgressEntry.entry_date > DEMO_TODAY
            )
        ).all()
    again = plan_import(demo_sqlite, path)
    assert again.problems == [] and not again.changes_anything


def test_a_filled_report_row_with_a_bad_status_is_reported(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "ore.xlsx"
    export_executor_report(demo_sqlite, "RU-ORE", path, when=DEMO_TODAY)
    first = read_sheets(path)["executor_report"][2]
    _fill(path, {f"{int(first[0])}/{first[1]}": {"new_status": "почти готово"}})
    problems = plan_import(demo_sqlite, path).problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [("executor_report", 3, "new_status")]


def test_export_executor_command_names_an_unknown_executor(demo_sqlite: Database, tmp_path: Path) -> None:
    assert main(["--db", str(demo_sqlite.path), "export-executor", "RU-XXX", str(tmp_path / "x.xlsx")]) == 2


def test_the_executor_workbook_reads_in_russian_and_kazakh_and_still_imports(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = tmp_path / "ore.xlsx"
    export_executor_report(demo_sqlite, "RU-ORE", path, when=DEMO_TODAY)
    workbook = load_workbook(path)
    sheet = workbook["executor_report"]
    header = [c.value for c in sheet[1]]
    titles = dict(zip(header, (c.value for c in sheet[2]), strict=True))
    assert titles["new_status"] == "Новый статус / Жаңа мәртебе"
    about = workbook["about"]
    assert about["A1"].value == "Чей отчёт / Кімнің есебі" and about["B1"].value
    assert about["A2"].value == "Дата выгрузки секретариатом / Хатшылық жүктеп берген күн"
    assert sheet.freeze_panes == "C3"
    assert sheet.column_dimensions["C"].width >= 40 and sheet[3][2].alignment.wrap_text
    current = sheet.cell(row=3, column=header.index("current_status") + 1).value
    assert current in {f"{s.label('ru')} / {s.label('kk')}" for s in Status}
    (validation,) = sheet.data_validations.dataValidation
    names = {c.value for c in workbook["statuses"]["A"]}
    assert {"Выполнено", "Орындалды", "Выполнено частично"} <= names
    status_column = get_column_letter(header.index("new_status") + 1)
    assert str(validation.sqref).startswith(f"{status_column}3:")
    first, second = (f"{int(row[0])}/{row[1]}" for row in read_sheets(path)["executor_report"][2:4])
    _fill(
        path,
        {
            first: {"new_status": "Орындалды", "done": "Работы завершены", "done_kk": "Жұмыс аяқталды"},
            second: {"new_status": current, "obstacles_kk": "Қаржы жетіспейді"},
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.counts["progress"].added == 2
    assert plan.parsed is not None
    notes = {f"{record.forum}/{record.code}": record.notes for record in plan.parsed.progress}
    assert notes[first] == {"kk": ("Жұмыс аяқталды", "", ""), "ru": ("Работы завершены", "", "")}
    assert notes[second] == {"kk": ("", "Қаржы жетіспейді", "")}
