"""What is exported comes back exactly: texts that spreadsheets would decode or choke on, codes
the repeats column can name, and dates a spreadsheet shows as numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from secretariat_app.core.db import Database
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.models import Decision, DecisionText, Forum
from secretariat_app.core.services.decisions import DecisionInput, create_decision
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.exchange import apply_import, export_decisions, export_executor_report, plan_import
from tests.exchange_files import DECISION_HEADER, read_sheets, write_xlsx

TRICKY = ["_x0041_ stays as typed", "a _x0007_ b", "_X00e9_ and _x005F_", "=1+1 is no formula", "-5 %"]


def _decision(database: Database, forum: int, code: str) -> Decision:
    with database.reader() as session:
        found = session.scalars(
            select(Decision).join(Forum).where(Forum.number == forum, Decision.code == code)
        ).one()
        found.texts  # noqa: B018 - loaded while the session is open
        return found


def _set_text(database: Database, decision_id: int, lang: str, text: str) -> None:
    with database.session() as session:  # as an older version of the app may have stored it
        session.execute(
            update(DecisionText)
            .where(DecisionText.decision_id == decision_id, DecisionText.lang == lang)
            .values(text=text)
        )


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_texts_that_look_like_escapes_or_formulas_come_back_exactly(
    demo_sqlite: Database, tmp_path: Path, suffix: str
) -> None:
    with demo_sqlite.reader() as session:
        ids = session.scalars(
            select(Decision.id).join(Forum).where(Forum.number == 6).order_by(Decision.id).limit(len(TRICKY))
        ).all()
    for decision_id, text in zip(ids, TRICKY, strict=True):
        _set_text(demo_sqlite, decision_id, "ru", text)
    path = tmp_path / f"six{suffix}"
    export_decisions(demo_sqlite, path, DecisionFilter(forum_numbers=(6,)))
    if suffix == ".xlsx":
        load_workbook(path)  # a well-formed workbook for every reader
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == []
    assert plan.counts["decisions"].updated == 0  # nothing changed on the way
    exported = {row[1]: row[2] for row in read_sheets(path)["decisions"][1:]} if suffix == ".xlsx" else None
    if exported is not None:
        assert sorted(exported[c] for c in exported if exported[c] in TRICKY) == sorted(TRICKY)


def test_characters_xml_cannot_carry_never_make_a_malformed_sheet(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    decision = _decision(demo_sqlite, 6, "1.1")
    _set_text(demo_sqlite, decision.id, "ru", "до\uffffпосле\ufffe\x07")
    path = tmp_path / "six.xlsx"
    export_decisions(demo_sqlite, path, DecisionFilter(forum_numbers=(6,)))
    load_workbook(path)
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.parsed is not None
    [text] = [d.texts["ru"] for d in plan.parsed.decisions if d.code == "1.1"]
    assert text == "допосле"  # what the app keeps of it (clean_text)


def test_a_non_character_in_an_imported_cell_is_a_located_problem(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(
        "forum;code;text_ru;status\r\n12;9.1;Провести\uffff ярмарку;\r\n12;9.2;Звонок\x07 убран;\r\n",
        encoding="utf-8",
    )
    plan = plan_import(demo_sqlite, path)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "text_ru")]  # control characters are dropped


def test_a_code_with_a_semicolon_is_refused_in_the_window_and_by_import(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    with demo_sqlite.session() as session:
        forum_id = session.scalars(select(Forum.id).where(Forum.number == 12)).one()
        with pytest.raises(ValidationError, match=";"):
            create_decision(session, DecisionInput(forum_id, "3;4", {"ru": "Текст"}))
    path = write_xlsx(
        tmp_path / "codes.xlsx",
        {"decisions": [DECISION_HEADER, [12, "3;4", "Текст", "", "", "", "", "", ""]]},
    )
    assert [(p.row, p.column) for p in plan_import(demo_sqlite, path).problems] == [(2, "code")]


def test_a_code_with_a_slash_can_be_named_in_repeats(demo_sqlite: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "codes.xlsx",
        {
            "decisions": [
                DECISION_HEADER,
                [11, "2/1", "Первое", "", "", "", "", "", ""],
                [12, "7.7", "Повтор", "", "", "", "", "", "11/2/1"],
            ]
        },
    )
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == []
    apply_import(demo_sqlite, plan)
    again = tmp_path / "again.xlsx"
    export_decisions(demo_sqlite, again, DecisionFilter(forum_numbers=(11, 12)))
    assert plan_import(demo_sqlite, again).problems == []


def test_dates_shown_as_numbers_are_read_as_dates(demo_sqlite: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "numbers.xlsx",
        {
            "decisions": [
                DECISION_HEADER,
                [12, "8.1", "Первое", "", "", "", 46500.0, "", ""],
                [12, "8.2", "Второе", "", "", "", "46752", "", ""],
                [12, "8.3", "Третье", "", "", "", 2026, "", ""],
            ]
        },
    )
    plan = plan_import(demo_sqlite, path)
    [problem] = plan.problems
    assert (problem.row, problem.column) == (4, "deadline") and "“2026”" in problem.message("en")
    assert plan.parsed is not None
    deadlines = {d.code: d.deadline for d in plan.parsed.decisions}
    assert (deadlines["8.1"], deadlines["8.2"]) == (dt.date(2027, 4, 23), dt.date(2027, 12, 31))


def test_the_executors_workbook_keeps_texts_as_typed(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "kz15.xlsx"
    export_executor_report(demo_sqlite, "KZ-15", path)
    sheet = load_workbook(path)["executor_report"]
    code_column = [c.value for c in sheet[1]].index("code") + 1
    forum, code = sheet.cell(3, 1).value, sheet.cell(3, code_column).value
    _set_text(demo_sqlite, _decision(demo_sqlite, forum, code).id, "ru", '=HYPERLINK("x") _x0041_')
    export_executor_report(demo_sqlite, "KZ-15", path)
    sheet = load_workbook(path)["executor_report"]
    cell = sheet.cell(3, [c.value for c in sheet[1]].index("text_ru") + 1)
    assert cell.data_type == "s" and cell.quotePrefix
    assert read_sheets(path)["executor_report"][2][2] == '=HYPERLINK("x") _x0041_'
