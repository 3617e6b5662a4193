"""Helpers of the exchange tests: real workbooks written with openpyxl, sheet contents read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

FORUM_HEADER = [
    "number",
    "year",
    "city_ru",
    "city_kk",
    "country",
    "start_date",
    "end_date",
    "theme_ru",
    "theme_kk",
]
DECISION_HEADER = [
    "forum",
    "code",
    "text_ru",
    "text_kk",
    "text_en",
    "sector",
    "deadline",
    "status",
    "repeats",
]
ASSIGNMENT_HEADER = ["forum", "code", "executor", "role", "status", "note"]
PROGRESS_HEADER = ["forum", "code", "date", "status", "note_ru", "note_kk", "source", "executor"]


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook as Excel users make them: one sheet per table, headers in the first row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def read_sheets(path: Path) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}
