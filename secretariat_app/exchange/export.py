"""Exporting decisions in the exchange format, selected with the same filter as the GUI's lists
and the reports (``DecisionFilter``/``select_decisions``), so what a clerk sees is what is written.

The export is read with a few set-based queries and written row by row in openpyxl's write-only
mode; text that a spreadsheet could take for a formula is written as text (see :mod:`cells`).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from secretariat_app.core.atomic import atomic_write, check_writable
from secretariat_app.core.db import Database
from secretariat_app.core.enums import ExecutorKind
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.models import (
    Assignment,
    Decision,
    DecisionLink,
    DecisionText,
    Executor,
    Forum,
    ProgressEntry,
    ProgressNote,
    Sector,
)
from secretariat_app.core.services.queries import AsOf, DecisionFilter, as_of, select_decisions
from secretariat_app.exchange import cells
from secretariat_app.exchange.columns import (
    AGENCIES,
    ASSIGNMENTS,
    DECISION_COLUMNS,
    DECISIONS,
    FORUMS,
    PROGRESS,
    WORKBOOK_SHEETS,
)

DATE_FORMAT = "DD.MM.YYYY"
Row = list[Any]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    decisions: int


def executor_label(kind: str, code: str | None, name_ru: str) -> str:
    """How a file names an executor: a region by its code, an agency by its Russian name."""
    return code if kind == ExecutorKind.REGION.value and code else name_ru


def collect(session: Session, flt: DecisionFilter, when: AsOf) -> dict[str, list[Row]]:
    """The rows of each sheet for the decisions ``flt`` selects."""
    chosen = select_decisions(flt, when).with_only_columns(Decision.id).subquery()
    ids = select(chosen.c.id)
    decisions = list(
        session.execute(
            select(
                Decision.id, Forum.number, Decision.code, Sector.code, Decision.deadline,
                Decision.own_status, Decision.status,
            )
            .join(Forum, Forum.id == Decision.forum_id)
            .join(Sector, Sector.id == Decision.sector_id)
            .where(Decision.id.in_(ids))
            .order_by(Forum.number, Decision.code_sort, Decision.id)
        )
    )  # fmt: skip
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for decision_id, lang, text in session.execute(
        select(DecisionText.decision_id, DecisionText.lang, DecisionText.text).where(
            DecisionText.decision_id.in_(ids)
        )
    ):
        texts[decision_id][lang] = text
    links = _links(session, ids)
    sheets: dict[str, list[Row]] = {spec.name: [] for spec in WORKBOOK_SHEETS}
    for decision_id, forum, code, sector, deadline, own_status, status in decisions:
        text_of = texts.get(decision_id, {})
        repeats = links.get(decision_id, [])
        sheets[DECISIONS].append(
            [
                forum, code, text_of.get("ru", ""), text_of.get("kk", ""), text_of.get("en", ""), sector, deadline,
                own_status, "; ".join(f"{n}/{c}" for n, c, _k in repeats),
                "; ".join(k for _n, _c, k in repeats), status,
            ]
        )  # fmt: skip
    order = {row[0]: position for position, row in enumerate(decisions)}
    sheets[ASSIGNMENTS] = _assignments(session, ids, order)
    sheets[PROGRESS] = _progress(session, ids, order)
    sheets[FORUMS] = _forums(session, flt, {row[1] for row in decisions})
    sheets[AGENCIES] = _agencies(session, flt, sheets)
    return sheets


def _links(session: Session, ids: Select[Any]) -> dict[int, list[tuple[int, str, str]]]:
    target = aliased(Decision)
    rows = session.execute(
        select(DecisionLink.decision_id, Forum.number, target.code, DecisionLink.kind)
        .join(target, target.id == DecisionLink.target_id)
        .join(Forum, Forum.id == target.forum_id)
        .where(DecisionLink.decision_id.in_(ids))
        .order_by(DecisionLink.decision_id, Forum.number, target.code_sort)
    )
    links: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for decision_id, number, code, kind in rows:
        links[decision_id].append((number, code, kind))
    return links


def _assignments(session: Session, ids: Select[Any], order: dict[int, int]) -> list[Row]:
    rows = session.execute(
        select(
            Assignment.decision_id, Forum.number, Decision.code, Executor.kind, Executor.code,
            Executor.name_ru, Assignment.role, Assignment.status, Assignment.note, Assignment.id,
        )
        .join(Decision, Decision.id == Assignment.decision_id)
        .join(Forum, Forum.id == Decision.forum_id)
        .join(Executor, Executor.id == Assignment.executor_id)
        .where(Assignment.decision_id.in_(ids))
    )  # fmt: skip
    ordered = sorted(rows, key=lambda r: (order[r[0]], r[9]))
    return [[r[1], r[2], executor_label(r[3], r[4], r[5]), r[6], r[7], r[8]] for r in ordered]


def _progress(session: Session, ids: Select[Any], order: dict[int, int]) -> list[Row]:
    notes: dict[int, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    entry_ids = select(ProgressEntry.id).where(ProgressEntry.decision_id.in_(ids))
    for entry_id, lang, done, obstacles, next_steps in session.execute(
        select(
            ProgressNote.entry_id, ProgressNote.lang, ProgressNote.done, ProgressNote.obstacles,
            ProgressNote.next_steps,
        ).where(ProgressNote.entry_id.in_(entry_ids))
    ):  # fmt: skip
        notes[entry_id][lang] = (done, obstacles, next_steps)
    rows = session.execute(
        select(
            ProgressEntry.decision_id, Forum.number, Decision.code, ProgressEntry.entry_date,
            ProgressEntry.status, ProgressEntry.letter_number, Executor.kind, Executor.code,
            Executor.name_ru, ProgressEntry.letter_date, ProgressEntry.id,
        )
        .join(Decision, Decision.id == ProgressEntry.decision_id)
        .join(Forum, Forum.id == Decision.forum_id)
        .outerjoin(Executor, Executor.id == ProgressEntry.executor_id)
        .where(ProgressEntry.decision_id.in_(ids))
    )  # fmt: skip
    result = []
    for r in sorted(rows, key=lambda r: (order[r[0]], r[3], r[10])):
        ru = notes[r[10]].get("ru", ("", "", ""))
        kk = notes[r[10]].get("kk", ("", "", ""))
        executor = executor_label(r[6], r[7], r[8]) if r[6] else ""
        result.append(
            [r[1], r[2], r[3], r[4] or "", ru[0], kk[0], r[5], executor, ru[1], kk[1], ru[2], kk[2], r[9]]
        )
    return result


def _forums(session: Session, flt: DecisionFilter, numbers: set[int]) -> list[Row]:
    query = select(Forum).order_by(Forum.number)
    if flt != DecisionFilter():
        query = query.where(Forum.number.in_(numbers | set(flt.forum_numbers)))
    return [
        [
            f.number, f.year, f.city_ru, f.city_kk, f.country, f.start_date, f.end_date,
            f.theme_ru, f.theme_kk, f.protocol_number, f.protocol_date,
        ]
        for f in session.scalars(query)
    ]  # fmt: skip


def _agencies(session: Session, flt: DecisionFilter, sheets: dict[str, list[Row]]) -> list[Row]:
    agencies = session.scalars(
        select(Executor).where(Executor.kind == ExecutorKind.AGENCY.value).order_by(Executor.id)
    ).all()
    if flt != DecisionFilter():
        used = {row[2] for row in sheets[ASSIGNMENTS]} | {row[7] for row in sheets[PROGRESS]}
        agencies = [a for a in agencies if a.name_ru in used]
    return [[a.name_ru, a.name_kk, a.name_en, a.country or ""] for a in agencies]


def export_decisions(
    database: Database,
    path: str | os.PathLike[str],
    flt: DecisionFilter | None = None,
    *,
    when: dt.date | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
) -> ExportResult:
    """Write the selected decisions to ``path``: a full workbook (``.xlsx``) or the decisions table
    alone (``.csv``, by default UTF-8 with BOM and semicolons, as Excel on Russian Windows reads)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError("path", N_("Export to a .xlsx or .csv file."))
    check_writable(path)  # a folder or a missing folder is said before the data is read
    with database.reader() as session:
        sheets = collect(session, flt or DecisionFilter(), as_of(session, when))
    with atomic_write(path) as temporary:
        if suffix == ".csv":
            write_csv(temporary, DECISION_COLUMNS, sheets[DECISIONS], delimiter=delimiter, encoding=encoding)
        else:
            write_workbook(
                temporary, [(spec.name, spec.columns, sheets[spec.name]) for spec in WORKBOOK_SHEETS]
            )
    return ExportResult(path, len(sheets[DECISIONS]))


#: Columns of long text: wide, and wrapped so that a whole decision can be read in its cell.
_LONG_TEXT_PREFIXES = ("text_", "note", "obstacles", "next_steps", "theme_", "name_")
_WIDTHS = {"code": 10, "forum": 8, "number": 8, "year": 8, "executor": 24, "country": 10}
_WRAP = Alignment(wrap_text=True, vertical="top")


def _is_long_text(column: str) -> bool:
    return column.startswith(_LONG_TEXT_PREFIXES)


def _width(column: str) -> float:
    if column.startswith("text_"):
        return 60
    if _is_long_text(column):
        return 40
    return _WIDTHS.get(column, max(12, len(column) + 2))


def _cells(
    sheet: WriteOnlyWorksheet,
    row: Iterable[Any],
    wrapped: frozenset[int] = frozenset(),
    wrap_style: StyleArray | None = None,
) -> Iterator[Any]:
    for position, value in enumerate(row):
        if value is None or value == "":
            yield None
        elif isinstance(value, str):
            cell = WriteOnlyCell(sheet, cells.escape_xlsx(value))
            if position in wrapped and wrap_style is not None:
                # a copy of a styled cell's style array: setting ``alignment`` on each of a big
                # workbook's text cells looks the style up every time and costs seconds
                cell._style = copy.copy(wrap_style)
            if cells.guard_formula(value):
                cell.data_type = "s"  # text, never a formula …
                cell.quotePrefix = True  # … and kept as text when a clerk edits the cell
            yield cell
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = DATE_FORMAT
            yield cell
        else:
            yield value


def write_workbook(
    path: Path, sheets: Iterable[tuple[str, tuple[str, ...], Iterable[Row]]], workbook: Workbook | None = None
) -> None:
    workbook = workbook or Workbook(write_only=True)
    bold = Font(bold=True)
    for name, columns, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.freeze_panes = "A2"
        for position, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(position)].width = _width(column)
        wrapped = frozenset(position for position, column in enumerate(columns) if _is_long_text(column))
        styled = WriteOnlyCell(sheet)
        styled.alignment = _WRAP
        wrap_style = styled._style
        header = []
        for column in columns:
            cell = WriteOnlyCell(sheet, column)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append(list(_cells(sheet, row, wrapped, wrap_style)))
    workbook.save(path)


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return cells.escape_csv(str(value)) if isinstance(value, str) else str(value)


def write_csv(
    path: Path, columns: tuple[str, ...], rows: Iterable[Row], *, delimiter: str, encoding: str
) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])


__all__ = ["AGENCIES", "FORUMS", "ExportResult", "collect", "export_decisions", "write_workbook"]
