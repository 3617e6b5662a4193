"""Exporting decisions: the same format as the import, a faithful round trip, and no formulas."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.models import Decision, DecisionText, Forum
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.core.setup import seed_directories
from secretariat_app.exchange import apply_import, export_decisions, plan_import
from tests.conftest import DEMO_TODAY
from tests.exchange_files import read_sheets


@pytest.fixture
def empty_sqlite(tmp_path: Path) -> Iterator[Database]:
    """A second, empty database beside the fixture's one (which lives at a fixed path)."""
    database = open_database(tmp_path / "empty" / "target.sqlite3", actor="tests")
    seed_directories(database)
    yield database
    database.dispose()


def test_export_then_import_into_an_empty_database_then_export_gives_the_same_workbook(
    demo_database: Database, empty_sqlite: Database, tmp_path: Path
) -> None:
    database = empty_sqlite
    first = export_decisions(demo_database, tmp_path / "first.xlsx", when=DEMO_TODAY)
    assert first.decisions > 60
    plan = plan_import(database, first.path)
    assert [p.describe("en") for p in plan.problems] == []
    apply_import(database, plan)
    second = export_decisions(database, tmp_path / "second.xlsx", when=DEMO_TODAY)
    before, after = read_sheets(first.path), read_sheets(second.path)
    assert list(before) == ["agencies", "forums", "decisions", "assignments", "progress"]
    assert all(len(rows) > 1 for rows in before.values())
    assert before == after
    again = plan_import(database, second.path)
    assert again.problems == [] and not again.changes_anything


def test_csv_export_round_trips_the_decisions_table(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "decisions.csv"
    export_decisions(demo_sqlite, path, DecisionFilter(forum_numbers=(7,)), when=DEMO_TODAY)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["forum", "code", "text_ru"]
    assert {row[0] for row in rows[1:]} == {"7"}
    plan = plan_import(demo_sqlite, path)
    assert plan.problems == [] and not plan.changes_anything
    assert plan.counts["decisions"].unchanged == len(rows) - 1


def test_the_export_selects_with_the_shared_filter(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    code = main(
        [
            "--db",
            str(demo_sqlite.path),
            "export",
            str(path),
            "--forum",
            "6",
            "--region",
            "RU-ORE",
            "--status",
            "Орындалды",
        ]
    )
    assert code == 0
    decisions = read_sheets(path)["decisions"][1:]
    assert len(decisions) == 2 and all(row[0] == 6 and row[10] == "implemented" for row in decisions)
    assignments = read_sheets(path)["assignments"][1:]
    assert {(row[0], row[1]) for row in assignments} == {(row[0], row[1]) for row in decisions}
    assert "RU-ORE" in {row[2] for row in assignments}
    assert [row[0] for row in read_sheets(path)["forums"][1:]] == [6]


def test_an_unknown_export_status_exits_with_code_2(demo_sqlite: Database, tmp_path: Path) -> None:
    assert (
        main(["--db", str(demo_sqlite.path), "export", str(tmp_path / "x.xlsx"), "--status", "someday"]) == 2
    )


DANGEROUS = [
    '=HYPERLINK("http://evil","click")',
    "+7 701 000 00 00",
    "-1 штука",
    "@SUM(A1)",
    "''=already quoted",
]


def _plant(database: Database, texts: list[str]) -> None:
    with database.session() as session:
        decision = session.scalars(select(Decision).join(Forum).where(Forum.number == 7)).first()
        assert decision is not None
        for lang, text in zip(("ru", "kk", "en"), texts, strict=False):
            row = session.scalars(
                select(DecisionText).where(DecisionText.decision_id == decision.id, DecisionText.lang == lang)
            ).first()
            if row is None:
                session.add(DecisionText(decision_id=decision.id, lang=lang, text=text))
            else:
                row.text = text


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_text_that_looks_like_a_formula_is_written_as_text_and_still_round_trips(
    demo_sqlite: Database, tmp_path: Path, suffix: str
) -> None:
    for batch in (DANGEROUS[:3], DANGEROUS[3:]):
        _plant(demo_sqlite, batch)
        path = tmp_path / f"export{suffix}"
        export_decisions(demo_sqlite, path, DecisionFilter(forum_numbers=(7,)), when=DEMO_TODAY)
        if suffix == ".xlsx":
            sheet = load_workbook(path)["decisions"]
            cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value in batch}
            assert set(cells) == set(batch)
            risky = [c for value, c in cells.items() if value[0] in "=+-@"]
            assert risky and all(c.data_type == "s" and c.quotePrefix for c in risky)  # text, shown as text
        else:
            fields = {
                f for row in csv.reader(path.read_text("utf-8-sig").splitlines(), delimiter=";") for f in row
            }
            assert {f"'{value}" for value in batch} <= fields  # the apostrophe makes a spreadsheet show text
        plan = plan_import(demo_sqlite, path)
        assert plan.problems == [] and not plan.changes_anything  # the values read back unchanged


def test_dates_are_written_as_real_dates(demo_sqlite: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    export_decisions(demo_sqlite, path, when=DEMO_TODAY)
    forums = load_workbook(path)["forums"]
    cell = forums.cell(row=2, column=6)
    assert isinstance(cell.value, dt.datetime) and cell.number_format == "DD.MM.YYYY"


def test_the_exported_workbook_has_readable_widths_and_wrapped_texts(demo_sqlite: Database, tmp_path: Path):
    path = export_decisions(demo_sqlite, tmp_path / "all.xlsx", DecisionFilter()).path
    sheet = load_workbook(path)["decisions"]
    header = [cell.value for cell in sheet[1]]
    text_ru = header.index("text_ru")
    assert sheet.column_dimensions[get_column_letter(text_ru + 1)].width >= 40
    assert sheet[2][text_ru].alignment.wrap_text
    assert not sheet[2][header.index("code")].alignment.wrap_text
