"""The import template: the sheets with their headers, a short instruction sheet in Russian and
Kazakh, and drop-down lists (statuses, sectors, roles, region codes) so clerks pick valid values."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from secretariat_app.core.atomic import atomic_write, check_writable
from secretariat_app.core.enums import Country, Role, Status
from secretariat_app.core.i18n import N_, tr
from secretariat_app.core.services.directory import SECTORS, reference_regions
from secretariat_app.exchange.columns import ASSIGNMENTS, DECISIONS, FORUMS, PROGRESS, WORKBOOK_SHEETS

INSTRUCTIONS = "instructions"
LISTS = "lists"
#: How many rows of each sheet get the drop-down lists.
VALIDATED_ROWS = 5000

_TITLE = N_("How to fill in this workbook")
_LINES = (
    N_("Fill in one row per record; do not rename the sheets or the column headers in the first row."),
    N_("forums: one row per forum — its number, host city, country (KZ or RU) and dates."),
    N_(
        "decisions: forum number, decision code (e.g. 3.2), texts in Russian and Kazakh, sector, deadline, status."
    ),
    N_(
        "assignments: forum, decision code, executor (a region code such as RU-ORE, or an agency's name), role, status."
    ),
    N_(
        "progress: forum, decision code, date of the report, new status and what was done; executor if the report is theirs."
    ),
    N_("agencies: ministries and other agencies that are not in the database yet."),
    N_(
        "Dates: 24.11.2026 or 2026-11-24, or a date cell. Statuses and sectors: pick from the list or type the name."
    ),
    N_(
        "Type decision codes such as 3.10 as text (start with an apostrophe), or Excel will turn them into 3.1."
    ),
    N_(
        "Then run: secretariat-app import FILE --dry-run to check the file, and without --dry-run to import it."
    ),
)


def _lists(workbook: Workbook) -> dict[str, str]:
    """A hidden sheet with the allowed values, one column each; returns a range per list."""
    sheet = workbook.create_sheet(LISTS)
    sheet.sheet_state = "hidden"
    columns = {
        "status": [s.value for s in Status],
        "sector": [code for code, *_names in SECTORS],
        "role": [r.value for r in Role],
        "region": [str(r["code"]) for r in reference_regions()],
        "country": [c.value for c in Country],
    }
    ranges = {}
    for position, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(position)
        sheet.cell(row=1, column=position, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=position, value=value)
        ranges[name] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _drop_down(sheet: Worksheet, column: str, source: str, strict: bool = True) -> None:
    header = [cell.value for cell in sheet[1]]
    letter = get_column_letter(header.index(column) + 1)
    validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
    # Not strict: names in any language are accepted too, and agencies are typed by name.
    validation.showErrorMessage = strict
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
    sheet.add_data_validation(validation)


def write_template(path: str | os.PathLike[str]) -> Path:
    """Write an empty import workbook to ``path`` (``.xlsx``)."""
    path = Path(path)
    check_writable(path)
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = INSTRUCTIONS
    instructions.column_dimensions["A"].width = 90
    instructions.column_dimensions["B"].width = 90
    for column, lang in enumerate(("ru", "kk"), start=1):
        title = instructions.cell(row=1, column=column, value=tr(_TITLE, lang))
        title.font = Font(bold=True, size=13)
        for row, line in enumerate(_LINES, start=2):
            cell = instructions.cell(row=row, column=column, value=tr(line, lang))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheets = {}
    for spec in WORKBOOK_SHEETS:
        sheet = workbook.create_sheet(spec.name)
        sheet.append(list(spec.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheets[spec.name] = sheet
    ranges = _lists(workbook)
    _drop_down(sheets[FORUMS], "country", ranges["country"])
    _drop_down(sheets[DECISIONS], "sector", ranges["sector"], strict=False)
    _drop_down(sheets[DECISIONS], "status", ranges["status"], strict=False)
    _drop_down(sheets[ASSIGNMENTS], "executor", ranges["region"], strict=False)
    _drop_down(sheets[ASSIGNMENTS], "role", ranges["role"], strict=False)
    _drop_down(sheets[ASSIGNMENTS], "status", ranges["status"], strict=False)
    _drop_down(sheets[PROGRESS], "status", ranges["status"], strict=False)
    _drop_down(sheets[PROGRESS], "executor", ranges["region"], strict=False)
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return path
