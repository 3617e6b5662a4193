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
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core.atomic import atomic_write, check_writable
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.errors import SecretariatError
from secretariat_app.core.i18n import LANGUAGES, N_, tr
from secretariat_app.core.models import DecisionText
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.executor_standing import assignment_standings
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.services.queries import DecisionFilter, as_of, decision_facts
from secretariat_app.core.validation import check_letters
from secretariat_app.exchange import cells
from secretariat_app.exchange.columns import EXECUTOR_REPORT, EXECUTOR_REPORT_COLUMNS
from secretariat_app.exchange.compare import Diff
from secretariat_app.exchange.export import DATE_FORMAT, ExportResult, executor_label
from secretariat_app.exchange.files import RawSheet
from secretariat_app.exchange.parse import FAILED, RowReader, check_columns
from secretariat_app.exchange.problems import ImportFileError, Problem, file_problem, problem
from secretariat_app.exchange.records import ParsedFile, ProgressRecord
from secretariat_app.exchange.write import Cancelled, Progress, Steps

ABOUT = "about"
_KAZAKH_LETTERS = re.compile("[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")
#: The sheet that lists the status names offered by the drop-down of ``new_status`` (hidden).
STATUS_LIST = "statuses"
_NOTE_COLUMNS = ("done", "obstacles", "next_steps")
_NOTE_COLUMNS_KK = ("done_kk", "obstacles_kk", "next_steps_kk")
_REPORT_COLUMNS = ("new_status", *_NOTE_COLUMNS, *_NOTE_COLUMNS_KK, "letter_number", "letter_date")
#: Row 1 holds the column names the importer keys on; row 2 their titles for people, in Russian
#: and Kazakh ("Новый статус / Жаңа мәртебе"); the importer skips it.
_TITLES = {
    "forum": N_("Forum"),
    "code": N_("Code"),
    "text_ru": N_("Decision (Russian)"),
    "text_kk": N_("Decision (Kazakh)"),
    "deadline": N_("Deadline"),
    "current_status": N_("Current status"),
    "days_late": N_("Days late"),
    "no_report_since": N_("No report from you since"),
    "new_status": N_("New status"),
    "done": N_("What was done (Russian)"),
    "done_kk": N_("What was done (Kazakh)"),
    "obstacles": N_("Obstacles (Russian)"),
    "obstacles_kk": N_("Obstacles (Kazakh)"),
    "next_steps": N_("Next steps (Russian)"),
    "next_steps_kk": N_("Next steps (Kazakh)"),
    "letter_number": N_("Number of your letter"),
    "letter_date": N_("Date of your letter"),
}
_WIDTHS = {"forum": 8, "code": 10, "text_ru": 60, "text_kk": 60, "deadline": 12, "letter_number": 16}
_DATE_COLUMNS = ("deadline", "no_report_since", "letter_date")
_REPORT_LANGS = ("ru", "kk")

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
    check_writable(path)
    with database.reader() as session:
        found = find_executor(session, executor)
        label = executor_label(found.kind, found.code, found.name_ru)
        rows = _open_decisions(session, found.id, when)
        names = (found.name("ru"), found.name("kk"))
    workbook = Workbook()
    about = workbook.active
    about.title = ABOUT
    # the importer reads B1 and B2 by their place; the labels beside them are for the executor
    about.append([_bilingual(N_("Whose report")), label])
    about.append([_bilingual(N_("Exported by the secretariat on")), (when or dt.date.today())])
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
    _write_report_sheet(sheet, rows)
    _add_status_choices(workbook, sheet, len(rows))
    with atomic_write(path) as temporary:
        workbook.save(temporary)
    return ExportResult(path, len(rows))


def _title(column: str) -> str:
    return " / ".join(tr(_TITLES[column], lang) for lang in _REPORT_LANGS)


def _status_name(status: Status) -> str:
    """A status as the executor reads it: «Выполнено частично / Ішінара орындалды»."""
    return " / ".join(status.label(lang) for lang in _REPORT_LANGS)


def _write_report_sheet(sheet: Worksheet, rows: list[list[object]]) -> None:
    sheet.append(list(EXECUTOR_REPORT_COLUMNS))
    sheet.append([_title(column) for column in EXECUTOR_REPORT_COLUMNS])
    wrap = Alignment(wrap_text=True, vertical="top")
    for header_row in (1, 2):
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.alignment = wrap
    dates = [EXECUTOR_REPORT_COLUMNS.index(c) + 1 for c in _DATE_COLUMNS]
    for row in rows:
        sheet.append([cells.escape_xlsx(v) if isinstance(v, str) else v for v in row])
        number = sheet.max_row
        for position in dates:
            sheet.cell(row=number, column=position).number_format = DATE_FORMAT
        for cell in sheet[number]:
            cell.alignment = wrap
            if isinstance(cell.value, str) and cells.guard_formula(cell.value):
                cell.data_type = "s"  # a text that looks like a formula stays text (see cells)
                cell.quotePrefix = True
    for position, column in enumerate(EXECUTOR_REPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = _WIDTHS.get(column, 30)
    for cell in sheet[1]:
        cell.font = Font(color="808080", size=8)  # the importer's keys: present, but not in the way
    sheet.freeze_panes = "C3"


def _add_status_choices(workbook: Workbook, sheet: Worksheet, count: int) -> None:
    """A drop-down of the status names in Russian and Kazakh (the importer takes either)."""
    choices = workbook.create_sheet(STATUS_LIST)
    for status in Status:
        for lang in _REPORT_LANGS:
            choices.append([status.label(lang)])
    choices.sheet_state = "hidden"
    column = get_column_letter(EXECUTOR_REPORT_COLUMNS.index("new_status") + 1)
    validation = DataValidation(
        type="list", formula1=f"{STATUS_LIST}!$A$1:$A${choices.max_row}", allow_blank=True
    )
    validation.showErrorMessage = False
    validation.add(f"{column}3:{column}{max(count + 2, 3)}")
    sheet.add_data_validation(validation)


def _open_decisions(session: Session, executor_id: int, when: dt.date | None) -> list[list[object]]:
    """The decisions the executor still has to act on (its live assignments), with how late it is
    on each and since when it has not reported, by the same rules as the rest of the app."""
    moment = as_of(session, when)
    facts = decision_facts(session, DecisionFilter(executor_ids=(executor_id,)), moment)
    standings = assignment_standings(session, facts, moment)
    mine = {
        a.decision_id: a
        for per_decision in standings.values()
        for a in per_decision
        if a.executor_id == executor_id
    }
    live = [fact for fact in facts if mine[fact.id].live]
    texts: dict[int, dict[str, str]] = {}
    for decision_id, lang, text in session.execute(
        select(DecisionText.decision_id, DecisionText.lang, DecisionText.text).where(
            DecisionText.decision_id.in_([fact.id for fact in live])
        )
    ):
        texts.setdefault(decision_id, {})[lang] = text
    rows: list[list[object]] = []
    for fact in live:
        own = mine[fact.id]
        text_of = texts.get(fact.id, {})
        empty_report: list[object] = [None] * len(_REPORT_COLUMNS)
        rows.append(
            [
                fact.forum_number,
                fact.code,
                text_of.get("ru", ""),
                text_of.get("kk", ""),
                fact.deadline,
                _status_name(own.status),
                own.days_late or None,
                moment.stalled_since if own.stalled else None,
                *empty_report,
            ]
        )
    return rows


def parse_report(session: Session, sheets: dict[str, RawSheet], problems: list[Problem]) -> ParsedFile:
    """The filled rows of an executor's report as progress records from that executor."""
    parsed = ParsedFile(progress_sheet=EXECUTOR_REPORT)
    parsed.progress_columns = {"date": "letter_date", "source": "letter_number"}
    executor_id = _report_executor(session, sheets.get(ABOUT), problems)
    sheet = sheets[EXECUTOR_REPORT]
    if executor_id is None or not check_columns(sheet, problems):
        return parsed
    exported = _exported_on(sheets.get(ABOUT))
    index = sheet.index()
    titles = _title_texts()
    for number, values in sheet.rows:
        row = RowReader(sheet, number, values, index, problems)
        if number == 2 and str(row.cell("forum") or "").strip().casefold() in titles:
            # the row of column titles: the headers the clerk sees, which problems name
            sheet.titles = [" ".join(str(v).split()) if v is not None else "" for v in values]
            continue
        if not any(
            cells.text(c, row.cell(c), cells.MAX_TEXT_LENGTH * 2) for c in _REPORT_COLUMNS if c in index
        ):
            continue  # nothing reported on this decision
        record = _report_row(row, executor_id, exported, parsed.warnings)
        if record is not None:
            parsed.progress.append(record)
    return parsed


def _title_texts() -> set[str]:
    """What the title of the forum column may read, in the languages it is written in."""
    msgid = _TITLES["forum"]
    texts = {_title("forum")} | {tr(msgid, lang) for lang in LANGUAGES}
    return {text.casefold() for text in texts}


def _report_status(column: str, value: cells.Cell) -> Status | None:
    """A new status by code or name; «Выполнено / Орындалды» copied from the current status too."""
    if isinstance(value, str) and " / " in value:
        value = value.split(" / ", 1)[0]
    return cells.status(column, value)


def _bilingual(msgid: str) -> str:
    return " / ".join(tr(msgid, lang) for lang in _REPORT_LANGS)


def _report_executor(session: Session, about: RawSheet | None, problems: list[Problem]) -> int | None:
    label = ""
    if about is not None and len(about.header) > 1:  # B1, whatever A1 says (files of every version)
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
    for number, values in about.rows if about else []:
        if number == 2 and len(values) > 1:  # B2
            try:
                return cells.date("exported", values[1])
            except SecretariatError:
                return None
    return None


def _kazakh_text(column: str, value: cells.Cell) -> str:
    return check_letters(column, cells.text(column, value))


def _report_row(
    row: RowReader, executor_id: int, exported: dt.date | None, warnings: list[Problem]
) -> ProgressRecord | None:
    """The row's report; every problem of the row is found, and a row with problems keeps its
    place in the comparison (an unknown decision is reported too) but is never written."""
    forum = row.required_number("forum")
    code = row.required_text("code", 40)
    status = row.read("new_status", _report_status)
    read_parts = [row.read(column, cells.text) for column in _NOTE_COLUMNS]
    read_parts_kk = [row.read(column, _kazakh_text) for column in _NOTE_COLUMNS_KK]
    done, obstacles, next_steps = (_text_or_empty(part) for part in read_parts)
    done_kk, obstacles_kk, next_steps_kk = (_text_or_empty(part) for part in read_parts_kk)
    parts, parts_kk = (done, obstacles, next_steps), (done_kk, obstacles_kk, next_steps_kk)
    letter_number = row.read("letter_number", lambda c, v: cells.text(c, v, 200))
    letter_date = row.read("letter_date", cells.date)
    if (
        status is None
        and not any(parts)
        and not any(parts_kk)
        and all(map(_read, read_parts + read_parts_kk))
    ):
        row.complain("new_status", N_("A report needs a new status or a note."))
    if exported is not None and _read(letter_date) and letter_date is not None and letter_date < exported:
        warnings.append(  # an answer to an earlier request, sent back on the new form: accepted
            problem(
                row.sheet, row.number, "letter_date",
                N_("The letter is dated before the report form was made ({date}); check the date."),
                date=exported.strftime("%d.%m.%Y"),
            )
        )  # fmt: skip
    if not (_read(forum) and _read(code) and code):
        return None
    entry_date = (letter_date if _read(letter_date) else None) or dt.date.today()
    notes: dict[str, tuple[str, str, str]] = {}
    if any(parts_kk):
        notes["kk"] = parts_kk
    if any(parts):
        # the Russian columns; a file of the older layout had one set, in either language
        lang = "kk" if not any(parts_kk) and any(_KAZAKH_LETTERS.search(p) for p in parts) else "ru"
        notes[lang] = parts
    return ProgressRecord(
        row.number, forum, code, entry_date, status if _read(status) else None, executor_id, notes,
        _text_or_empty(letter_number), letter_date if _read(letter_date) else None,
    )  # fmt: skip


def _read(value: object) -> bool:
    """Whether a cell was read without a problem (a failed one has its problem already)."""
    return value is not FAILED


def _text_or_empty(value: str) -> str:
    return value if _read(value) else ""


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
