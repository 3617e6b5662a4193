"""Importing workbooks and CSV files: everything is checked first, then written at once or not at all."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.models import (
    Assignment,
    AuditEntry,
    DeadlineChange,
    Decision,
    DecisionText,
    Forum,
    ProgressEntry,
)
from secretariat_app.exchange import (
    CsvOptions,
    ImportCancelled,
    ImportProblemsError,
    apply_import,
    plan_import,
)
from secretariat_app.exchange import files as exchange_files
from tests.exchange_files import (
    ASSIGNMENT_HEADER,
    DECISION_HEADER,
    FORUM_HEADER,
    PROGRESS_HEADER,
    write_xlsx,
)

DATA = Path(__file__).parent / "data"


def _history(tmp_path: Path, **changes: list[list[object]]) -> Path:
    """A small but complete history: two forums, three decisions, assignments and reports."""
    sheets: dict[str, list[list[object]]] = {
        "forums": [
            FORUM_HEADER,
            [
                1,
                2020,
                "Оренбург",
                "Орынбор",
                "RU",
                dt.date(2020, 9, 9),
                dt.date(2020, 9, 10),
                "Тема",
                "Тақырып",
            ],
            [2, None, "Павлодар", "Павлодар", "KZ", "15.09.2021", "2021-09-16", "", ""],
        ],
        "decisions": [
            DECISION_HEADER,
            [
                1,
                "1.1",
                "Открыть пункт пропуска",
                "Өткізу пунктін ашу",
                "",
                "transport",
                dt.date(2021, 12, 31),
                "in_progress",
                "",
            ],
            [
                1,
                "1.2",
                "Провести выставку",
                "Көрме өткізу",
                "Hold a fair",
                "Сауда және кеден",
                "01.06.2021",
                "Не начато",
                "",
            ],
            [
                2,
                "3.10",
                "Повторно открыть пункт",
                "Пунктті қайта ашу",
                "",
                "Transport and logistics",
                None,
                "",
                "1/1.1",
            ],
        ],
        "assignments": [
            ASSIGNMENT_HEADER,
            [1, "1.1", "RU-ORE", "lead", "in_progress", ""],
            [1, "1.1", "KZ-15", "co-executor", "Орындалды", "по линии акимата"],
            [2, "3.10", "ru-ore", "Ответственный исполнитель", "not_started", ""],
        ],
        "progress": [
            PROGRESS_HEADER,
            [
                1,
                "1.1",
                dt.date(2021, 3, 1),
                "in_progress",
                "Начаты работы",
                "Жұмыс басталды",
                "12-3/45",
                "RU-ORE",
            ],
            [1, "1.2", "2021-04-01", "", "Подготовлен план", "", "", ""],
        ],
    }
    sheets.update(changes)
    return write_xlsx(tmp_path / "history.xlsx", sheets)


def _count(database: Database, model: type) -> int:
    with database.reader() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_complete_workbook_is_imported_with_dates_names_and_derived_status(
    database: Database, tmp_path: Path
) -> None:
    plan = plan_import(database, _history(tmp_path))
    assert [p.describe("en") for p in plan.problems] == []
    summary = apply_import(database, plan)
    assert {k: (c.added, c.updated) for k, c in summary.counts.items() if c.added or c.updated} == {
        "forums": (2, 0),
        "decisions": (3, 0),
        "assignments": (3, 0),
        "progress": (2, 0),
    }
    with database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.number == 2)).one()
        assert (forum.year, forum.start_date, forum.end_date) == (
            2021,
            dt.date(2021, 9, 15),
            dt.date(2021, 9, 16),
        )
        first = session.scalars(select(Decision).where(Decision.code == "1.1")).one()
        # one executor in progress, the other implemented: partially implemented, by the core's rule
        assert (first.own_status, first.status) == ("in_progress", Status.PARTIAL.value)
        second = session.scalars(select(Decision).where(Decision.code == "1.2")).one()
        assert (second.deadline, second.own_status, second.sector.code) == (
            dt.date(2021, 6, 1),
            "not_started",
            "trade",
        )
        assert second.texts["en"].text == "Hold a fair"
        assert second.texts["ru"].folded == "провести выставку"
        later = session.scalars(select(Decision).where(Decision.code == "3.10")).one()
        assert [link.target.code for link in later.links] == ["1.1"]
        assert later.code_sort > first.code_sort
        entry = session.scalars(select(ProgressEntry).where(ProgressEntry.executor_id.is_not(None))).one()
        assert (entry.letter_number, entry.notes["kk"].done) == ("12-3/45", "Жұмыс басталды")
        sources = set(session.scalars(select(AuditEntry.source).where(AuditEntry.table_name == "decision")))
        assert sources == {"import"}


def test_reimporting_the_same_file_changes_nothing(database: Database, tmp_path: Path) -> None:
    path = _history(tmp_path)
    apply_import(database, plan_import(database, path))
    audit_before = _count(database, AuditEntry)
    plan = plan_import(database, path)
    assert not plan.changes_anything
    apply_import(database, plan)
    assert _count(database, AuditEntry) == audit_before
    assert _count(database, ProgressEntry) == 2


def test_a_text_added_in_another_language_flags_the_stored_ones_and_leaves_the_rest(
    database: Database, tmp_path: Path
) -> None:
    apply_import(database, plan_import(database, _history(tmp_path)))
    rows = [
        DECISION_HEADER,
        [1, "1.1", "Открыть пункт пропуска", "Өткізу пунктін ашу", "Open a checkpoint", "transport",
         dt.date(2021, 12, 31), "in_progress", ""],
        [1, "1.2", "Провести выставку", "Көрме өткізу", "Hold a fair", "trade", dt.date(2021, 6, 1),
         "not_started", ""],
    ]  # fmt: skip
    plan = plan_import(database, _history(tmp_path, decisions=rows))
    assert (plan.counts["decisions"].updated, plan.counts["decisions"].unchanged) == (1, 1)
    apply_import(database, plan)
    with database.reader() as session:
        added = session.scalars(select(Decision).where(Decision.code == "1.1")).one()
        assert added.texts["en"].text == "Open a checkpoint" and not added.texts["en"].outdated
        assert added.texts["ru"].outdated and added.texts["kk"].outdated
        same = session.scalars(select(Decision).where(Decision.code == "1.2")).one()
        assert not any(text.outdated for text in same.texts.values())


def test_a_changed_row_updates_the_record_and_records_the_deadline_change(
    database: Database, tmp_path: Path
) -> None:
    apply_import(database, plan_import(database, _history(tmp_path)))
    changed = _history(
        tmp_path,
        decisions=[
            DECISION_HEADER,
            [
                1,
                "1.2",
                "Провести ярмарку",
                "Көрме өткізу",
                "Hold a fair",
                "trade",
                "01.09.2021",
                "implemented",
                "",
            ],
        ],
    )
    plan = plan_import(database, changed)
    assert (plan.counts["decisions"].updated, plan.counts["decisions"].unchanged) == (1, 0)
    apply_import(database, plan)
    with database.reader() as session:
        decision = session.scalars(select(Decision).where(Decision.code == "1.2")).one()
        assert (decision.status, decision.deadline, decision.version) == (
            "implemented",
            dt.date(2021, 9, 1),
            2,
        )
        assert decision.texts["ru"].text == "Провести ярмарку"
        assert decision.texts["kk"].outdated  # the Russian text changed: the Kazakh one needs checking
        change = session.scalars(select(DeadlineChange)).one()
        assert (change.old_deadline, change.new_deadline) == (dt.date(2021, 6, 1), dt.date(2021, 9, 1))
        updates = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.table_name == "decision")
        ).all()
        assert [(u.source, u.record_id) for u in updates] == [("import", decision.id)]


def test_every_problem_is_reported_with_its_place_and_nothing_is_written(
    database: Database, tmp_path: Path
) -> None:
    path = _history(
        tmp_path,
        decisions=[
            DECISION_HEADER,
            [9, "1.1", "Текст", "Мәтін", "", "transport", None, "", ""],  # unknown forum
            [1, "1.2", "Текст", "", "", "transport", dt.date(2019, 1, 1), "", ""],  # deadline before forum
            [1, "1.2", "Текст", "", "", "transport", None, "", ""],  # duplicate code
            [1, "1.3", "", "", "only English", "transport", None, "", ""],  # missing text
            [1, "1.4", "Текст", "", "", "transport", "31.02.2021", "", ""],  # bad date
            [1, "1.5", "Текст", "", "", "transport", None, "almost done", ""],  # unknown status
            [1, "1.6", "Текст", "", "", "space travel", None, "", ""],  # unknown sector
        ],
        assignments=[ASSIGNMENT_HEADER, [1, "1.2", "RU-XXX", "lead", "", ""]],  # unknown region
        progress=[PROGRESS_HEADER],
    )
    plan = plan_import(database, path)
    places = sorted((p.sheet, p.row, p.column) for p in plan.problems)
    assert places == [
        ("assignments", 2, "executor"),
        ("decisions", 2, "forum"),
        ("decisions", 3, "deadline"),
        ("decisions", 4, "code"),
        ("decisions", 5, "text_ru"),
        ("decisions", 6, "deadline"),
        ("decisions", 7, "status"),
        ("decisions", 8, "sector"),
    ]
    messages = {(p.row, p.column): p.message("ru") for p in plan.problems}
    assert "almost done" in messages[(7, "status")]
    assert "RU-XXX" in next(p.describe("ru") for p in plan.problems if p.sheet == "assignments")
    assert messages[(6, "deadline")] != messages[(3, "deadline")]
    with pytest.raises(ImportProblemsError):
        apply_import(database, plan)
    assert _count(database, Forum) == 0


def test_the_command_lists_problems_and_exits_with_code_2(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _history(
        tmp_path, assignments=[ASSIGNMENT_HEADER, [1, "1.1", "Марсианское агентство", "lead", "", ""]]
    )
    code = main(
        ["--db", database.url.render_as_string(hide_password=False), "--lang", "en", "import", str(path)]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert "assignments, row 2, column executor: Unknown region or agency: Марсианское агентство." in out
    assert "nothing was imported" in err
    assert _count(database, Forum) == 0


def test_dry_run_writes_nothing(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "--db",
                database.url.render_as_string(hide_password=False),
                "--lang",
                "en",
                "import",
                "--dry-run",
                str(_history(tmp_path)),
            ]
        )
        == 0
    )
    assert "Decisions: 3 added" in capsys.readouterr().out
    assert _count(database, Decision) == 0


def test_a_cancelled_import_writes_nothing(database: Database, tmp_path: Path) -> None:
    plan = plan_import(database, _history(tmp_path))
    seen: list[tuple[int, int]] = []
    with pytest.raises(ImportCancelled):
        apply_import(
            database,
            plan,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) > 2,
        )
    assert _count(database, Forum) == 0 and _count(database, Decision) == 0
    apply_import(database, plan, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]


def test_an_agency_introduced_by_the_file_can_be_assigned(database: Database, tmp_path: Path) -> None:
    path = _history(
        tmp_path,
        agencies=[["name_ru", "name_kk", "name_en", "country"], ["Минтранс России", "", "", "RU"]],
        assignments=[ASSIGNMENT_HEADER, [1, "1.1", "минтранс россии", "lead", "", ""]],
        progress=[PROGRESS_HEADER, [1, "1.1", "01.03.2021", "in_progress", "", "", "", "Минтранс России"]],
    )
    plan = plan_import(database, path)
    assert plan.problems == []
    apply_import(database, plan)
    with database.reader() as session:
        assignment = session.scalars(select(Assignment)).one()
        assert assignment.executor.name_ru == "Минтранс России"
        assert session.scalars(select(ProgressEntry.executor_id)).one() == assignment.executor_id


def test_a_report_from_an_executor_not_assigned_is_refused(database: Database, tmp_path: Path) -> None:
    path = _history(
        tmp_path, progress=[PROGRESS_HEADER, [1, "1.2", "01.03.2021", "in_progress", "", "", "", "RU-ORE"]]
    )
    assert [(p.sheet, p.row, p.column) for p in plan_import(database, path).problems] == [
        ("progress", 2, "executor")
    ]


def _decisions_csv(tmp_path: Path, delimiter: str, encoding: str) -> Path:
    rows = [
        ["forum", "code", "text_ru", "text_kk", "sector", "deadline", "status"],
        [
            "12",
            "1.1",
            "Провести совместную выставку",
            "Бірлескен көрме өткізу",
            "Торговля и таможня",
            "09.09.2027",
            "Не начато",
        ],
        ["12", "1.2", "Открыть пункт; пропуска", "", "transport", "2027-12-31", "in_progress"],
    ]
    text = (
        "\r\n".join(delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows) + "\r\n"
    )
    path = tmp_path / f"decisions-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8-sig"), (";", "utf-8"), (";", "cp1251"), (",", "cp1251")]
)
def test_csv_in_utf8_or_windows_1251_with_comma_or_semicolon_is_detected(
    demo_sqlite: Database, tmp_path: Path, delimiter: str, encoding: str
) -> None:
    if encoding == "cp1251":  # Windows-1251 has no Kazakh letters: Excel writes "?" for them
        path = _decisions_csv(tmp_path, delimiter, "utf-8")
        path.write_bytes(path.read_text("utf-8").replace("Бірлескен көрме өткізу", "").encode("cp1251"))
    else:
        path = _decisions_csv(tmp_path, delimiter, encoding)
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and plan.kind == "csv"
    apply_import(demo_sqlite, plan)
    with demo_sqlite.reader() as session:
        texts = session.scalars(
            select(DecisionText.text)
            .join(Decision)
            .join(Forum)
            .where(Forum.number == 12, DecisionText.lang == "ru")
        ).all()
    assert sorted(texts) == ["Открыть пункт; пропуска", "Провести совместную выставку"]


def test_the_csv_separator_can_be_given(demo_sqlite: Database, tmp_path: Path) -> None:
    path = _decisions_csv(tmp_path, ";", "utf-8")
    assert plan_import(demo_sqlite, path, csv_options=CsvOptions(delimiter=",")).problems  # wrong: one column
    assert (
        plan_import(demo_sqlite, path, csv_options=CsvOptions(delimiter=";", encoding="utf-8")).problems == []
    )


@pytest.mark.parametrize("name", ["libreoffice.xlsx", "libreoffice.ods"])
def test_workbooks_saved_by_libreoffice_are_read(demo_sqlite: Database, name: str) -> None:
    """Made once with ``soffice --headless --convert-to`` from tests/data/libreoffice-source.csv."""
    plan = plan_import(demo_sqlite, DATA / name)
    assert plan.problems == []
    assert plan.counts["decisions"].added == 3
    apply_import(demo_sqlite, plan)
    with demo_sqlite.reader() as session:
        rows = session.execute(
            select(Decision.code, Decision.deadline, Decision.own_status)
            .join(Forum)
            .where(Forum.number == 12)
            .order_by(Decision.code_sort)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("1.1", dt.date(2027, 9, 9), "not_started"),
        ("1.2", dt.date(2027, 12, 31), "in_progress"),
        ("1.3", None, "in_progress"),
    ]


def _only_problem(database: Database, path: Path) -> str:
    plan = plan_import(database, path)
    assert len(plan.problems) == 1 and plan.parsed is None
    return plan.problems[0].message("en")


def test_a_file_that_is_not_a_workbook_is_refused_plainly(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    path.write_bytes(b"Dear colleagues, please find attached ...")
    assert "not an Excel or LibreOffice workbook" in _only_problem(database, path)


def test_a_workbook_without_known_sheets_is_refused(database: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "other.xlsx", {"Лист1": [["a", "b"], [1, 2]]})
    assert "none of the sheets" in _only_problem(database, path)


def test_a_password_protected_workbook_is_refused(database: Database, tmp_path: Path) -> None:
    """Excel saves an encrypted workbook as an OLE container holding an ``EncryptedPackage``."""
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 1024
    )
    assert "password" in _only_problem(database, path)


def test_a_zip_bomb_is_refused_before_it_is_inflated(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    assert "unpack" in _only_problem(database, path)


def test_a_file_over_the_size_limit_is_refused(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange_files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("forum,code\n" + "1,1.1\n" * 500)
    assert "too large" in _only_problem(database, path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_too_many_rows_are_refused(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(exchange_files, "MAX_ROWS_PER_SHEET", 3)
    rows = [DECISION_HEADER] + [[1, f"1.{i}", "Текст", "", "", "", None, "", ""] for i in range(5)]
    if suffix == ".xlsx":
        path = write_xlsx(tmp_path / "many.xlsx", {"decisions": rows})
    else:
        path = tmp_path / "many.csv"
        path.write_text("\n".join(",".join(str(v or "") for v in row) for row in rows))
    assert "more than 3 rows" in _only_problem(database, path)


def test_an_overlong_cell_is_a_problem_of_its_own(database: Database, tmp_path: Path) -> None:
    path = _history(
        tmp_path,
        decisions=[DECISION_HEADER, [1, "1.1", "ы" * 20_001, "", "", "transport", None, "", ""]],
        assignments=[ASSIGNMENT_HEADER, [1, "1.1", "RU-ORE", "lead", "", ""]],
        progress=[PROGRESS_HEADER, [1, "1.1", "01.03.2021", "in_progress", "", "", "", ""]],
    )  # the assignment of 1.1 and its report are not reported again
    problems = plan_import(database, path).problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [("decisions", 2, "text_ru")]
    assert "20000" in problems[0].message("en")


def test_a_missing_column_is_reported(database: Database, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", {"decisions": [["forum", "text_ru"], [1, "Текст"]]})
    assert [(p.sheet, p.row, p.column) for p in plan_import(database, path).problems] == [
        ("decisions", 1, "code")
    ]


def test_csv_reading_never_loads_binary_junk(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(io.BytesIO(b"\x00\x01\x02" * 100).getvalue())
    assert "not an Excel" in _only_problem(database, path)


def test_a_record_added_between_preview_and_import_is_a_located_problem_not_overwritten(
    database: Database, tmp_path: Path
) -> None:
    from secretariat_app.core.services.forums import ForumInput, create_forum

    plan = plan_import(database, _history(tmp_path))
    assert plan.counts["forums"].added == 2
    with database.session() as session:  # another clerk records forum 1 meanwhile, with another city
        create_forum(
            session, ForumInput(number=1, city_ru="Орск", country="RU", start_date=dt.date(2020, 9, 9))
        )
    with pytest.raises(ImportProblemsError) as raised:
        apply_import(database, plan)
    assert [(p.sheet, p.row) for p in raised.value.problems] == [("forums", 2)]
    with database.reader() as session:
        assert session.scalars(select(Forum.city_ru).where(Forum.number == 1)).one() == "Орск"
    again = plan_import(database, _history(tmp_path))  # checked again, the file updates it openly
    assert (again.counts["forums"].added, again.counts["forums"].updated) == (1, 1)


def test_planning_reports_progress_and_can_be_cancelled(database: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    plan_import(database, _history(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (3, 3)
    with pytest.raises(ImportCancelled):
        plan_import(database, _history(tmp_path), cancelled=lambda: True)
