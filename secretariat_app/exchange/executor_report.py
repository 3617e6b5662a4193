"""The round trip with one executor: a workbook of its open decisions with empty columns for its
report, and, when it comes back filled, each filled row recorded as a dated progress entry.

The filled rows go through the core's ``add_progress_entry``, so the executor's new status
follows the same rule as a report typed into the app (a later report already recorded wins).
A row recorded once (same decision, date and executor) is not recorded again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core import rules
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.errors import SecretariatError
from secretariat_app.core.i18n import N_, tr
from secretariat_app.core.models import Assignment, Decision, DecisionText, Forum
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.services.queries import DecisionFilter, as_of, select_decisions
from secretariat_app.exchange import cells
from secretariat_app.exchange.columns import EXECUTOR_REPORT, EXECUTOR_REPORT_COLUMNS
from secretariat_app.exchange.compare import Diff
from secretariat_app.exchange.export import DATE_FORMAT, ExportResult, executor_label
from secretariat_app.exchange.files import RawSheet
from secretariat_app.exchange.parse import RowReader, check_columns
from secretariat_app.exchange.problems import ImportFileError, Problem, file_problem
from secretariat_app.exchange.records import ParsedFile, ProgressRecord
from secretariat_app.exchange.write import Cancelled, Progress, Steps

ABOUT = "about"
_KAZAKH_LETTERS = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
_REPORT_COLUMNS = ("new_status", "done", "obstacles", "next_steps", "letter_number", "letter_date")

_ABOUT_LINES = (
    N_("Report on the decisions of the Forum assigned to you."),
    N_("For each decision you worked on, fill in the new status, what was done, the obstacles and the next steps, and the number and date of your letter."),
    N_("Leave the rows of decisions without news empty. Do not change the columns forum and code."),
    N_("Write in Russian or in Kazakh. Return the file to the secretariat."),
)  # fmt: skip


def export_executor_report(
    database: Database, executor: str, path: str | os.PathLike[str], *, when: dt.date | None = None
) -> ExportResult:
    """Write the open decisions assigned to ``executor`` (a region code or an agency's name)."""
    path = Path(path)
    with database.reader() as session:
        found = find_executor(session, executor)
        label = executor_label(found.kind, found.code, found.name_ru)
        rows = _open_decisions(session, found.id, when)
        names = (found.name_ru, found.name_kk or found.name_ru)
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT
    about.append(["executor", label])
    about.append(["exported", (when or dt.date.today())])
    about["B2"].number_format = DATE_FORMAT
    about.column_dimensions["A"].width = 80
    about.column_dimensions["B"].width = 80
    for lang, name in zip(("ru", "kk"), names, strict=True):
        about.append([])
        about.append([name])
        about.cell(row=about.max_row, column=1).font = Font(bold=True)
        for line in _ABOUT_LINES:
            about.append([tr(line, lang)])
            about.cell(row=about.max_row, column=1).alignment = Alignment(wrap_text=True)
    sheet = workbook.create_sheet(EXECUTOR_REPORT)
    sheet.append(list(EXECUTOR_REPORT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for position in (5, 12):
            sheet.cell(row=sheet.max_row, column=position).number_format = DATE_FORMAT
    sheet.freeze_panes = "C2"
    for position, width in ((3, 50), (4, 50), (8, 40), (9, 40), (10, 40)):
        sheet.column_dimensions[get_column_letter(position)].width = width
    status_column = get_column_letter(EXECUTOR_REPORT_COLUMNS.index("new_status") + 1)
    validation = DataValidation(
        type="list", formula1='"{}"'.format(",".join(s.value for s in Status)), allow_blank=True
    )
    validation.showErrorMessage = False
    validation.add(f"{status_column}2:{status_column}{max(len(rows) + 1, 2)}")
    sheet.add_data_validation(validation)
    workbook.save(path)
    return ExportResult(path, len(rows))


def _open_decisions(session: Session, executor_id: int, when: dt.date | None) -> list[list[object]]:
    chosen = select_decisions(DecisionFilter(executor_ids=(executor_id,)), as_of(session, when))
    ids = select(chosen.with_only_columns(Decision.id).subquery().c.id)
    texts: dict[int, dict[str, str]] = {}
    for decision_id, lang, text in session.execute(
        select(DecisionText.decision_id, DecisionText.lang, DecisionText.text).where(
            DecisionText.decision_id.in_(ids)
        )
    ):
        texts.setdefault(decision_id, {})[lang] = text
    query = (
        select(
            Decision.id, Forum.number, Decision.code, Decision.deadline, Decision.status, Assignment.status
        )
        .join(Forum, Forum.id == Decision.forum_id)
        .join(Assignment, (Assignment.decision_id == Decision.id) & (Assignment.executor_id == executor_id))
        .where(Decision.id.in_(ids))
        .order_by(Forum.number, Decision.code_sort)
    )
    rows: list[list[object]] = []
    for decision_id, number, code, deadline, status, own in session.execute(query):
        if not (rules.is_open(status) and rules.is_open(own)):
            continue
        text_of = texts.get(decision_id, {})
        empty_report: list[object] = [None] * len(_REPORT_COLUMNS)
        rows.append(
            [number, code, text_of.get("ru", ""), text_of.get("kk", ""), deadline, own, *empty_report]
        )
    return rows


def parse_report(session: Session, sheets: dict[str, RawSheet], problems: list[Problem]) -> ParsedFile:
    """The filled rows of an executor's report as progress records from that executor."""
    parsed = ParsedFile()
    executor_id = _report_executor(session, sheets.get(ABOUT), problems)
    sheet = sheets[EXECUTOR_REPORT]
    if executor_id is None or not check_columns(sheet, problems):
        return parsed
    exported = _exported_on(sheets.get(ABOUT))
    index = sheet.index()
    for number, values in sheet.rows:
        row = RowReader(sheet, number, values, index, problems)
        if not any(
            cells.text(c, row.cell(c), cells.MAX_TEXT_LENGTH * 2) for c in _REPORT_COLUMNS if c in index
        ):
            continue  # nothing reported on this decision
        record = _report_row(row, executor_id, exported)
        if record is not None:
            parsed.progress.append(record)
    return parsed


def _report_executor(session: Session, about: RawSheet | None, problems: list[Problem]) -> int | None:
    label = ""
    if about is not None and about.header[:1] == ["executor"] and len(about.header) > 1:
        label = about.header[1]
    try:
        if not label:
            raise ImportFileError(
                N_("The executor's report does not say whose it is (sheet about, cell B1).")
            )
        return find_executor(session, label).id
    except SecretariatError as error:
        problems.append(file_problem(error))
        return None


def _exported_on(about: RawSheet | None) -> dt.date | None:
    for _number, values in about.rows if about else []:
        if values[:1] == ["exported"] and len(values) > 1:
            try:
                return cells.date("exported", values[1])
            except SecretariatError:
                return None
    return None


def _report_row(row: RowReader, executor_id: int, exported: dt.date | None) -> ProgressRecord | None:
    forum = row.required_number("forum")
    code = row.required_text("code", 40)
    status = row.read("new_status", cells.status)
    parts = (
        row.read("done", cells.text),
        row.read("obstacles", cells.text),
        row.read("next_steps", cells.text),
    )
    letter_number = row.read("letter_number", lambda c, v: cells.text(c, v, 200))
    letter_date = row.read("letter_date", cells.date)
    if not row.ok:
        return None
    if status is None and not any(parts):
        row.complain("new_status", N_("A report needs a new status or a note."))
        return None
    lang = "kk" if any(_KAZAKH_LETTERS.search(p) for p in parts) else "ru"
    entry_date = letter_date or dt.date.today()
    if exported is not None and letter_date is not None and letter_date < exported:
        row.complain(
            "letter_date",
            N_("The letter predates the report form ({date})."),
            date=exported.strftime("%d.%m.%Y"),
        )
        return None
    notes = {lang: parts} if any(parts) else {}
    return ProgressRecord(
        row.number, forum, code, entry_date, status, executor_id, notes, letter_number, letter_date
    )


def write_reports(
    session: Session, diff: Diff, progress: Progress | None, cancelled: Cancelled | None
) -> None:
    """Record each new report through the core's service (the status rule lives there)."""
    steps = Steps(len(diff.new_progress), progress, cancelled)
    for record in diff.new_progress:
        notes = {lang: NoteInput(*parts) for lang, parts in record.notes.items()}
        executor_id = record.executor if isinstance(record.executor, int) else None
        add_progress_entry(
            session,
            diff.decision_ids[(record.forum, record.code)],
            ProgressInput(
                record.entry_date,
                record.status,
                executor_id,
                notes,
                record.letter_number,
                record.letter_date,
            ),
        )
        steps.advance(1)
