"""Kazakh letters lost to Windows-1251 ("?" where Қ was) never reach the database: such a CSV is
refused with one located message that says how to save it, and a "?"-damaged Kazakh text in any
file is a problem of its row, so it never replaces a stored text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.models import Decision, DecisionText, Forum
from secretariat_app.core.validation import lost_letters
from secretariat_app.exchange import apply_import, plan_import
from tests.exchange_files import DECISION_HEADER, write_xlsx

HEADER = "forum;code;text_ru;text_kk;sector;deadline;status\r\n"
KAZAKH = "Шекаралық өткізу пункттерін жаңғырту"
#: What Excel's plain "CSV" on Russian Windows makes of it.
DAMAGED = KAZAKH.encode("cp1251", errors="replace").decode("cp1251")


def _kazakh_texts(database: Database) -> dict[str, str]:
    with database.reader() as session:
        rows = session.execute(
            select(Decision.code, DecisionText.text)
            .join(DecisionText)
            .join(Forum)
            .where(Forum.number == 6, DecisionText.lang == "kk")
        )
        return {code: text for code, text in rows}


def test_the_detector_tells_lost_letters_from_questions_and_links() -> None:
    assert DAMAGED == "Шекаралы? ?ткізу пункттерін жа??ырту"
    assert lost_letters(DAMAGED) == "?ткізу"
    assert lost_letters("Орындалды ма? Жоқ.") is None
    assert lost_letters("https://gov.kz/page?id=5 сілтемесі") is None
    assert lost_letters(KAZAKH) is None


def test_a_windows_1251_csv_with_lost_kazakh_letters_is_refused_and_nothing_written(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _kazakh_texts(demo_sqlite)
    path = tmp_path / "decisions.csv"
    path.write_bytes(
        (HEADER + "6;1.1;Модернизировать пункты пропуска;" + KAZAKH + ";transport;;in_progress\r\n").encode(
            "cp1251", errors="replace"
        )
    )
    assert demo_sqlite.path is not None
    capsys.readouterr()
    assert main(["--db", str(demo_sqlite.path), "--lang", "en", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Row 2, column text_kk" in err and "“?ткізу”" in err and "CSV UTF-8" in err
    assert main(["--db", str(demo_sqlite.path), "--lang", "kk", "import", str(path)]) == 2
    assert "CSV UTF-8" in capsys.readouterr().err
    assert _kazakh_texts(demo_sqlite) == before


def test_a_russian_only_windows_1251_csv_still_imports(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    text = HEADER + "12;9.1;Провести ярмарку? Да, в Омске;;trade;;not_started\r\n"
    path.write_bytes(text.encode("cp1251"))
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.counts["decisions"].added == 1


def test_a_damaged_kazakh_text_in_utf8_is_a_located_problem_and_keeps_the_stored_text(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    before = _kazakh_texts(demo_sqlite)
    code = sorted(before)[0]
    path = write_xlsx(
        tmp_path / "damaged.xlsx",
        {"decisions": [DECISION_HEADER, [6, code, "", DAMAGED, "", "", "", "", ""]]},
    )
    plan = plan_import(demo_sqlite, path)
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [("decisions", 2, "text_kk")]
    assert "?ткізу" in plan.problems[0].message("en")
    csv_path = tmp_path / "damaged.csv"
    csv_path.write_text(HEADER + f"6;{code};;{DAMAGED};;;\r\n", encoding="utf-8")
    assert [(p.row, p.column) for p in plan_import(demo_sqlite, csv_path).problems] == [(2, "text_kk")]
    assert _kazakh_texts(demo_sqlite) == before


def test_a_whole_kazakh_text_still_replaces_the_stored_one(demo_sqlite: Database, tmp_path: Path) -> None:
    code = sorted(_kazakh_texts(demo_sqlite))[0]
    path = tmp_path / "good.csv"
    path.write_text(HEADER + f"6;{code};;{KAZAKH};;;\r\n", encoding="utf-8-sig")
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == []
    apply_import(demo_sqlite, plan)
    assert _kazakh_texts(demo_sqlite)[code] == KAZAKH


def test_an_executors_report_with_a_damaged_kazakh_note_is_refused_on_its_row(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from secretariat_app.exchange import export_executor_report

    path = tmp_path / "report.xlsx"
    export_executor_report(demo_sqlite, "KZ-15", path)
    workbook = load_workbook(path)
    sheet = workbook["executor_report"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=3, column=header.index("done_kk") + 1, value=DAMAGED)
    workbook.save(path)
    problems = plan_import(demo_sqlite, path).problems
    assert [(p.row, p.column) for p in problems] == [(3, "done_kk")]
