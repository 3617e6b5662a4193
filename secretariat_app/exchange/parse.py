"""Checking an imported file cell by cell and turning its rows into records.

Every problem is collected with its sheet, row and column instead of stopping at the first, so a
clerk can fix the whole file in one go. The sheets of a workbook are checked column by column
(:class:`SheetColumns`); an executor's report, a few rows, row by row (:class:`RowReader`).
Sectors and executors are looked up with the core's ``find_sector`` and ``find_executor`` once per
distinct value, not once per row.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from secretariat_app.core.enums import TEXT_LANGUAGES, Country, LinkKind, Role, Status
from secretariat_app.core.errors import SecretariatError, ValidationError
from secretariat_app.core.i18n import LANGUAGES, N_, get_language
from secretariat_app.core.services.directory import find_executor, find_sector, list_sectors
from secretariat_app.core.validation import (
    MAX_CODE_LENGTH,
    MAX_NAME_LENGTH,
    check_code,
    check_letters,
    forum_date_errors,
)
from secretariat_app.exchange import cells
from secretariat_app.exchange.columns import (
    AGENCIES,
    ASSIGNMENTS,
    DECISIONS,
    FORUMS,
    PROGRESS,
    REQUIRED_COLUMNS,
)
from secretariat_app.exchange.files import KAZAKH_SUFFIX, Cell, RawSheet
from secretariat_app.exchange.problems import Problem, problem
from secretariat_app.exchange.progress_match import identity
from secretariat_app.exchange.records import (
    AgencyRecord,
    AssignmentRecord,
    DecisionRecord,
    ExecutorRef,
    ForumRecord,
    LinkRecord,
    NoteParts,
    ParsedFile,
    ProgressRecord,
)

T = TypeVar("T")
_FAILED: Any = object()
#: What a cell that failed reads as (it has its problem already).
FAILED = _FAILED
_KEY_COLUMNS = frozenset({"number", "forum", "code"})


class RowReader:
    """The cells of one row by column name; a bad cell becomes a problem and reads as failed.
    Used for executors' reports; a workbook's large sheets go through :class:`SheetColumns`."""

    def __init__(
        self,
        sheet: RawSheet,
        number: int,
        values: list[Cell],
        index: dict[str, int],
        problems: list[Problem],
        memo: dict[Any, Any] | None = None,
    ) -> None:
        self.sheet, self.number, self.values, self.index = sheet.name, number, values, index
        self.problems = problems
        self.ok = True
        self.unescape = False
        #: Conversions of repeated values (codes, statuses, dates, executors) are made once per file.
        self.memo = memo if memo is not None else {}
        #: The values read so far (failed ones excluded), to recognise a failed row's key.
        self.attempted: dict[str, Any] = {}

    def cell(self, column: str) -> Cell:
        position = self.index.get(column)
        if position is None or position >= len(self.values):
            return None
        value = self.values[position]
        if self.unescape and isinstance(value, str):
            return cells.unescape_csv(value)
        return value

    def read(self, column: str, convert: Callable[[str, Cell], T], memo: bool = False) -> T:
        """The cell converted; with ``memo`` the conversion (or its error) is shared by equal cells."""
        position = self.index.get(column)
        cell = self.values[position] if position is not None and position < len(self.values) else None
        if self.unescape and type(cell) is str:
            cell = cells.unescape_csv(cell)
        if memo:
            key = (convert, column, type(cell), cell)
            result = self.memo.get(key, _FAILED)
            if result is _FAILED:
                try:
                    result = convert(column, cell)
                except SecretariatError as error:
                    result = error
                self.memo[key] = result
            if isinstance(result, SecretariatError):
                self.fail(column, result)
                return _FAILED
            if column in _KEY_COLUMNS:
                self.attempted[column] = result
            return result
        try:
            return convert(column, cell)
        except SecretariatError as error:
            self.fail(column, error)
            return _FAILED

    def fail(self, column: str, error: SecretariatError) -> None:
        self.ok = False
        self.problems.append(Problem(self.sheet, self.number, column, error))

    def complain(self, column: str, msgid: str, **params: Any) -> None:
        self.ok = False
        self.problems.append(problem(self.sheet, self.number, column, msgid, **params))

    def required_text(self, column: str, max_length: int = cells.MAX_TEXT_LENGTH) -> str:
        value = self.read(column, lambda c, v: cells.text(c, v, max_length))
        if value == "":
            self.complain(column, N_("This field is required."))
        return value

    def required_date(self, column: str) -> dt.date:
        value = self.read(column, cells.date, memo=True)
        if value is None:
            self.complain(column, N_("A date is required."))
            return _FAILED
        return value

    def required_number(self, column: str) -> int:
        value = self.read(column, cells.whole_number, memo=True)
        if value is None:
            self.complain(column, N_("This field is required."))
            return _FAILED
        return value


class Lookups:
    """Sectors and executors by the values clerks typed, each distinct value looked up once."""

    def __init__(self, session: Session, agencies: list[AgencyRecord]) -> None:
        self.session = session
        self.sectors: dict[str, int | SecretariatError] = {}
        self.executors: dict[str, ExecutorRef | SecretariatError] = {}
        self.new_agencies: dict[str, str] = {}
        for agency in agencies:
            for name in (agency.name_ru, agency.name_kk, agency.name_en):
                if name:
                    self.new_agencies[name.casefold()] = agency.name_ru.casefold()

    def sector(self, column: str, value: Cell) -> int:
        raw = cells.text(column, value, MAX_NAME_LENGTH) or "other"
        key = raw.casefold()
        if key not in self.sectors:
            try:
                self.sectors[key] = find_sector(self.session, raw).id
            except SecretariatError as error:
                self.sectors[key] = error
        found = self.sectors[key]
        if isinstance(found, SecretariatError):
            raise ValidationError(
                column,
                N_("Unknown sector: {value}. Use one of: {choices}."),
                value=raw,
                choices=self._sector_choices(),
            )
        return found

    def _sector_choices(self) -> cells.Choices:
        """The sectors' codes and names, read now (the session is gone when the message is shown)."""
        names = [(s.code, {lang: s.name(lang) for lang in LANGUAGES}) for s in list_sectors(self.session)]
        return cells.Choices(lambda: [(code, name[get_language()]) for code, name in names])

    def optional_executor(self, column: str, value: Cell) -> ExecutorRef | None:
        return self.executor(column, value) if cells.text(column, value, MAX_NAME_LENGTH) else None

    def executor(self, column: str, value: Cell) -> ExecutorRef:
        raw = cells.text(column, value, MAX_NAME_LENGTH)
        key = raw.casefold()
        if key not in self.executors:
            try:
                self.executors[key] = find_executor(self.session, raw).id
            except ValidationError as error:
                self.executors[key] = self.new_agencies.get(key) or error
        found = self.executors[key]
        if isinstance(found, SecretariatError):
            raise ValidationError(
                column,
                N_(
                    "Unknown region or agency: {value}. Write a region's code (KZ-15, RU-ORE …) or a "
                    "region's or agency's name as the app shows it, or add the agency on the sheet agencies."
                ),
                value=raw,
            )
        return found


def check_columns(sheet: RawSheet, problems: list[Problem]) -> bool:
    missing = [c for c in REQUIRED_COLUMNS[sheet.name] if c not in sheet.header]
    for column in missing:
        problems.append(problem(sheet.name, 1, column, N_("The column {column} is missing."), column=column))
    return not missing


class SheetColumns:
    """The cells of one sheet checked column by column, each column's position resolved once.

    A whole column is converted in one loop (repeated values once each, when memoised) instead of
    one generic call per cell: a 20,000-decision workbook has 1.3 million cells. A bad cell becomes
    a problem of its row and reads as ``_FAILED``; a row's problems keep the order in which its
    columns were checked, and rows are reported in sheet order.
    """

    def __init__(self, sheet: RawSheet, unescape: bool) -> None:
        self.sheet = sheet.name
        self.index = sheet.index()
        raw_rows, sheet.rows = sheet.rows, []  # the sheet is emptied: its cells are only needed here
        self.numbers = [number for number, _values in raw_rows]
        #: The cells by column (a CSV's short lines padded with None). Each row's list is let go
        #: here, before any record is made: 300,000 of them take some 50 MB.
        self.columns = list(itertools.zip_longest(*map(itemgetter(1), raw_rows)))
        del raw_rows
        self.unescape = unescape
        #: Problems by row position, in the order found.
        self.errors: dict[int, list[Problem]] = {}

    def __len__(self) -> int:
        return len(self.numbers)

    def column_cells(self, column: str) -> list[Cell]:
        position = self.index.get(column)
        if position is None or position >= len(self.columns):
            return [None] * len(self.numbers)
        column_cells = list(self.columns[position])
        if self.unescape:
            column_cells = [cells.unescape_csv(c) if type(c) is str else c for c in column_cells]
        return column_cells

    def read(self, column: str, convert: Callable[[str, Cell], Any], memo: bool = False) -> list[Any]:
        """The column converted; with ``memo`` each distinct cell is converted once (codes,
        statuses, dates, executors repeat), without it every cell is (texts rarely repeat)."""
        column_cells = self.column_cells(column)
        if memo:
            return self._read_distinct(column, column_cells, convert)
        results: list[Any] = []
        append = results.append
        for position, cell in enumerate(column_cells):
            try:
                append(convert(column, cell))
            except SecretariatError as error:
                self.fail(position, column, error)
                append(_FAILED)
        return results

    def _read_distinct(
        self, column: str, column_cells: list[Cell], convert: Callable[[str, Cell], Any]
    ) -> list[Any]:
        keys: list[Any] = column_cells
        if len(set(map(type, column_cells))) > 1:  # 1, 1.0 and True are equal keys: add the type
            keys = [(type(cell), cell) for cell in column_cells]
        converted: dict[Any, Any] = {}
        errors: dict[Any, SecretariatError] = {}
        for key, cell in dict(zip(keys, column_cells, strict=True)).items():
            try:
                converted[key] = convert(column, cell)
            except SecretariatError as error:
                errors[key] = error
        if not errors:
            return list(map(converted.__getitem__, keys))
        for position, key in enumerate(keys):
            if key in errors:
                self.fail(position, column, errors[key])
        return [converted.get(key, _FAILED) for key in keys]

    def texts(self, column: str, max_length: int = cells.MAX_TEXT_LENGTH) -> list[str]:
        """A text column. The usual cell, printable text within the limit, is only stripped here
        (a call of :func:`cells.text` per cell would cost as much as the rest of the check);
        every other cell goes through :func:`cells.text`."""
        results: list[str] = []
        append = results.append
        for position, cell in enumerate(self.column_cells(column)):
            if type(cell) is str and cell.isprintable():
                stripped = cell.strip()
                if len(stripped) <= max_length:
                    append(stripped)
                    continue
            try:
                append(cells.text(column, cell, max_length))
            except SecretariatError as error:
                self.fail(position, column, error)
                append(_FAILED)
        if column.endswith(KAZAKH_SUFFIX):
            self._check_letters(column, results)
        return results

    def _check_letters(self, column: str, results: list[str]) -> None:
        """A Kazakh text that lost letters ("?" for Қ) is a problem of its row: it must never
        replace a stored text."""
        for position, value in enumerate(results):
            if value is not _FAILED and "?" in value:
                try:
                    check_letters(column, value)
                except ValidationError as error:
                    self.fail(position, column, error)
                    results[position] = _FAILED

    def text(self, column: str) -> list[str]:
        """An optional text column; one the sheet leaves out reads as empty without being read."""
        if column not in self.index:
            return [""] * len(self.numbers)
        return self.texts(column)

    def fail(self, position: int, column: str, error: SecretariatError) -> None:
        self.errors.setdefault(position, []).append(
            Problem(self.sheet, self.numbers[position], column, error)
        )

    def complain(self, position: int, column: str, msgid: str, **params: Any) -> None:
        self.errors.setdefault(position, []).append(
            problem(self.sheet, self.numbers[position], column, msgid, **params)
        )

    def ok(self, position: int) -> bool:
        return position not in self.errors

    def required(self, column: str, values: list[Any], empty: Any, msgid: str) -> list[Any]:
        """Complain of every ``empty`` value (read without a problem) and mark it failed."""
        for position, value in enumerate(values):
            if value is not _FAILED and value == empty:
                self.complain(position, column, msgid)
                values[position] = _FAILED
        return values

    def required_text(self, column: str, max_length: int = cells.MAX_TEXT_LENGTH) -> list[str]:
        values = self.texts(column, max_length)
        for position, value in enumerate(values):
            if value == "":  # unlike other required cells an empty text still reads as ""
                self.complain(position, column, N_("This field is required."))
        return values

    def required_date(self, column: str) -> list[dt.date]:
        return self.required(
            column, self.read(column, cells.date, memo=True), None, N_("A date is required.")
        )

    def required_number(self, column: str) -> list[int]:
        values = self.read(column, cells.whole_number, memo=True)
        return self.required(column, values, None, N_("This field is required."))

    def report(self, problems: list[Problem]) -> None:
        for position in sorted(self.errors):
            problems.extend(self.errors[position])


def parse_sheets(
    session: Session, sheets: dict[str, RawSheet], problems: list[Problem], *, from_csv: bool = False
) -> ParsedFile:
    """Records of the known sheets of a workbook (or of a CSV's one ``decisions`` table)."""
    parsed = ParsedFile()

    def columns(name: str) -> SheetColumns | None:
        sheet = sheets.get(name)
        if sheet is None or not check_columns(sheet, problems):
            return None
        return SheetColumns(sheet, unescape=from_csv)

    def read(name: str, records: Callable[[SheetColumns], list[T]]) -> list[T]:
        sheet = columns(name)
        if sheet is None:
            return []
        found = records(sheet)
        sheet.report(problems)
        return found

    parsed.agencies = read(AGENCIES, _agencies)
    lookups = Lookups(session, parsed.agencies)
    parsed.forums = read(FORUMS, lambda sheet: _forums(sheet, parsed.failed_forums))
    parsed.decisions = read(DECISIONS, lambda sheet: _decisions(sheet, lookups, parsed.failed_decisions))
    parsed.assignments = read(ASSIGNMENTS, lambda sheet: _assignments(sheet, lookups))
    parsed.progress = read(PROGRESS, lambda sheet: _progress(sheet, lookups))
    _check_duplicates(parsed, problems)
    return parsed


def _agencies(sheet: SheetColumns) -> list[AgencyRecord]:
    name_ru = sheet.required_text("name_ru", MAX_NAME_LENGTH)
    name_kk = sheet.texts("name_kk", MAX_NAME_LENGTH)
    name_en = sheet.texts("name_en", MAX_NAME_LENGTH)
    country = sheet.read("country", _country_or_none, memo=True)
    return [
        AgencyRecord(sheet.numbers[i], name_ru[i], name_kk[i], name_en[i], country[i])
        for i in range(len(sheet))
        if sheet.ok(i)
    ]


def _country_or_none(column: str, value: Cell) -> str | None:
    raw = cells.text(column, value, 10).upper()
    if raw and raw not in {c.value for c in Country}:
        raise ValidationError(column, N_("The country must be KZ or RU."))
    return raw or None


def _country(column: str, value: Cell) -> str:
    raw = _country_or_none(column, value)
    if raw is None:
        raise ValidationError(column, N_("The country must be KZ or RU."))
    return raw


def _forums(sheet: SheetColumns, failed: set[int]) -> list[ForumRecord]:
    number = sheet.required_number("number")
    city_ru = sheet.required_text("city_ru", 200)
    city_kk = sheet.texts("city_kk", 200)
    country = sheet.read("country", _country, memo=True)
    start = sheet.required_date("start_date")
    end = sheet.read("end_date", cells.date, memo=True)
    year = sheet.read("year", cells.whole_number, memo=True)
    theme_ru = sheet.texts("theme_ru")
    theme_kk = sheet.texts("theme_kk")
    protocol_number = sheet.texts("protocol_number", 100)
    protocol_date = sheet.read("protocol_date", cells.date, memo=True)
    forums = []
    for i in range(len(sheet)):
        start_date = start[i]
        known = start_date is not _FAILED
        end_date = _given(end[i])
        if known:  # the core's checks of a forum's own dates, every one of them reported
            errors = forum_date_errors(
                start_date, end_date or start_date, _given(year[i]), _given(protocol_date[i])
            )
            for error in errors:
                sheet.fail(i, error.field, error)
        if not isinstance(number[i], int):
            continue
        if not known:  # references to a forum without its start are not reported again
            failed.add(number[i])
            continue
        # a row with problems is kept for the checks that need its forum (deadlines, reports)
        forums.append(
            ForumRecord(
                sheet.numbers[i], number[i], start_date.year, _text(city_ru[i]), _text(city_kk[i]),
                _or(country[i], ""), start_date, end_date or start_date, _text(theme_ru[i]), _text(theme_kk[i]),
                _text(protocol_number[i]), _given(protocol_date[i]),
            )
        )  # fmt: skip
    return forums


def _given(value: Any) -> Any:
    """A value read, or None for an empty cell and for one that failed (it has its problem)."""
    return None if value is _FAILED else value


def _or(value: T, placeholder: T) -> T:
    return placeholder if value is _FAILED else value


def _text(value: str) -> str:
    return "" if value is _FAILED else value


def _code(column: str, value: Cell) -> str:
    return check_code(column, cells.text(column, value, MAX_CODE_LENGTH + 1))


def _decisions(sheet: SheetColumns, lookups: Lookups, failed: set[tuple[int, str]]) -> list[DecisionRecord]:
    forum = sheet.required_number("forum")
    code = sheet.read("code", _code, memo=True)
    texts = {lang: sheet.texts(f"text_{lang}") for lang in TEXT_LANGUAGES}
    for i, (ru, kk) in enumerate(zip(texts["ru"], texts["kk"], strict=True)):
        if ru is not _FAILED and kk is not _FAILED and not (ru or kk):
            sheet.complain(i, "text_ru", N_("The decision's text is required in Russian or Kazakh."))
    sector_id = sheet.read("sector", lookups.sector, memo=True)
    deadline = sheet.read("deadline", cells.date, memo=True)
    status = sheet.read("status", cells.status, memo=True)
    links = sheet.read("repeats", _links)
    kinds = sheet.read("repeats_kind", _link_kinds, memo=True)
    decisions = []
    for i in range(len(sheet)):
        row_links, row_kinds = _or(links[i], ()), _or(kinds[i], [])
        if row_kinds and links[i] is not _FAILED and len(row_kinds) not in (1, len(row_links)):
            sheet.complain(i, "repeats_kind", N_("Give one kind of link, or one for each decision repeated."))
        if not (isinstance(forum[i], int) and isinstance(code[i], str)):
            continue
        if not sheet.ok(i):  # references to it are not reported again; its own checks go on
            failed.add((forum[i], code[i]))
        for position, link in enumerate(row_links):
            if row_kinds:
                link.kind = row_kinds[min(position, len(row_kinds) - 1)]
        decision_texts = tuple(_text(values[i]) for values in texts.values())
        decisions.append(
            DecisionRecord(
                sheet.numbers[i], forum[i], code[i], decision_texts, _or(sector_id[i], 0), _given(deadline[i]),
                _given(status[i]) or Status.NOT_STARTED, row_links,
            )
        )  # fmt: skip
    return decisions


def _links(column: str, value: Cell) -> Sequence[LinkRecord]:
    """``7/3.2`` (forum 7, decision 3.2); several separated by semicolons."""
    if value is None or value == "":
        return ()
    links = []
    for part in cells.text(column, value, 2000).split(";"):
        part = part.strip()
        if not part:
            continue
        forum, slash, code = part.partition("/")
        if not slash or not forum.strip().isdigit() or not code.strip():
            raise ValidationError(
                column, N_("“{value}” does not name a decision: write forum/code, e.g. 7/3.2."), value=part
            )
        links.append(LinkRecord(int(forum), code.strip(), LinkKind.CONFIRMS.value))
    return links


def _link_kinds(column: str, value: Cell) -> list[str]:
    kinds = []
    for part in cells.text(column, value, 500).split(";"):
        part = part.strip().casefold()
        if not part:
            continue
        try:
            kinds.append(LinkKind(part).value)
        except ValueError:
            raise ValidationError(
                column,
                N_("Unknown kind of link: {value}. Use one of: {choices}."),
                value=part,
                choices=", ".join(kind.value for kind in LinkKind),
            ) from None
    return kinds


def _assignments(sheet: SheetColumns, lookups: Lookups) -> list[AssignmentRecord]:
    forum = sheet.required_number("forum")
    code = sheet.read("code", _code, memo=True)
    executor = sheet.read("executor", lookups.executor, memo=True)
    role = sheet.read("role", cells.role, memo=True)
    status = sheet.read("status", cells.status, memo=True)
    note = sheet.texts("note")
    return [  # rows with problems too, for the checks of their decision
        AssignmentRecord(
            sheet.numbers[i],
            forum[i],
            code[i],
            executor[i],
            _or(role[i], Role.LEAD),
            _given(status[i]) or Status.NOT_STARTED,
            _text(note[i]),
        )
        for i in range(len(sheet))
        if all(values[i] is not _FAILED for values in (forum, code, executor))
    ]


def _progress(sheet: SheetColumns, lookups: Lookups) -> list[ProgressRecord]:
    forum = sheet.required_number("forum")
    code = sheet.read("code", _code, memo=True)
    entry_date = sheet.required_date("date")
    status = sheet.read("status", cells.status, memo=True)
    executor = sheet.read("executor", lookups.optional_executor, memo=True)
    #: Per language the three columns of a note (what was done, obstacles, next steps) by row.
    ru, ru_failed = _note_parts(sheet, "ru")
    kk, kk_failed = _note_parts(sheet, "kk")
    note_failed = ru_failed | kk_failed
    letter_number = _replaced(sheet.texts("source", 200), "")
    letter_date = _replaced(sheet.read("letter_date", cells.date, memo=True), None)
    key_failed = _failed_rows(forum, code, entry_date)
    new_status, executor = _replaced(status, None), _replaced(executor, None)
    records = []
    blank = ("", "", "")
    for i, (ru_parts, kk_parts) in enumerate(zip(ru, kk, strict=True)):
        notes: dict[str, NoteParts] = {}
        if ru_parts != blank:
            notes["ru"] = ru_parts
        if kk_parts != blank:
            notes["kk"] = kk_parts
        if status[i] is None and not notes and i not in note_failed:
            sheet.complain(i, "status", N_("A report needs a new status or a note."))
        if i in key_failed:
            continue
        records.append(  # rows with problems too, for the checks of their decision
            ProgressRecord(
                sheet.numbers[i], forum[i], code[i], entry_date[i], new_status[i], executor[i], notes,
                letter_number[i], letter_date[i],
            )
        )  # fmt: skip
    return records


def _note_parts(sheet: SheetColumns, lang: str) -> tuple[list[NoteParts], set[int]]:
    """A language's note columns as (done, obstacles, next steps) per row, a failed cell read as
    empty; and the rows where a cell failed."""
    columns = [sheet.text(f"{part}_{lang}") for part in ("note", "obstacles", "next_steps")]
    failed = _failed_rows(*columns)
    done, obstacles, next_steps = (_replaced(column, "") for column in columns)
    return list(zip(done, obstacles, next_steps, strict=True)), failed


def _failed_rows(*columns: list[Any]) -> set[int]:
    """The positions where a cell of ``columns`` failed; a column without a failure is not walked."""
    return {
        i for column in columns if _FAILED in column for i, value in enumerate(column) if value is _FAILED
    }


def _replaced(column: list[Any], placeholder: Any) -> list[Any]:
    """The column with its failed cells read as ``placeholder`` (copied only when one failed)."""
    if _FAILED not in column:
        return column
    return [placeholder if value is _FAILED else value for value in column]


def _check_duplicates(parsed: ParsedFile, problems: list[Problem]) -> None:
    """The natural keys must be unique within the file."""
    _unique(problems, FORUMS, "number", ((f.row, f.number) for f in parsed.forums))
    _unique(problems, AGENCIES, "name_ru", ((a.row, a.name_ru.casefold()) for a in parsed.agencies))
    _unique(problems, DECISIONS, "code", ((d.row, d.key) for d in parsed.decisions))
    _unique(
        problems,
        ASSIGNMENTS,
        "executor",
        ((a.row, (a.forum, a.code, a.executor)) for a in parsed.assignments),
    )
    _unique(  # two reports of a day are two entries when their letters or contents differ
        problems,
        PROGRESS,
        "date",
        ((p.row, identity(p)) for p in parsed.progress),
    )


def _unique(problems: list[Problem], sheet: str, column: str, keys: Any) -> None:
    first_row: dict[object, int] = {}
    for row, key in keys:
        if key in first_row:
            problems.append(
                problem(
                    sheet,
                    row,
                    column,
                    N_("This row repeats row {row} of the same sheet."),
                    row=first_row[key],
                )
            )
        else:
            first_row[key] = row
