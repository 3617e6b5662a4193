"""Checking an imported file cell by cell and turning its rows into records.

Every problem is collected with its sheet, row and column instead of stopping at the first, so a
clerk can fix the whole file in one go. Sectors and executors are looked up with the core's
``find_sector`` and ``find_executor`` once per distinct value, not once per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from secretariat_app.core.enums import TEXT_LANGUAGES, Country, LinkKind, Status
from secretariat_app.core.errors import SecretariatError, ValidationError
from secretariat_app.core.i18n import N_
from secretariat_app.core.services.directory import find_executor, find_sector
from secretariat_app.core.validation import MAX_CODE_LENGTH, MAX_NAME_LENGTH, check_code
from secretariat_app.exchange import cells
from secretariat_app.exchange.columns import (
    AGENCIES,
    ASSIGNMENTS,
    DECISIONS,
    FORUMS,
    PROGRESS,
    REQUIRED_COLUMNS,
)
from secretariat_app.exchange.files import Cell, RawSheet
from secretariat_app.exchange.problems import Problem, problem
from secretariat_app.exchange.records import (
    AgencyRecord,
    AssignmentRecord,
    DecisionRecord,
    ExecutorRef,
    ForumRecord,
    LinkRecord,
    ParsedFile,
    ProgressRecord,
)

T = TypeVar("T")
_FAILED: Any = object()
_KEY_COLUMNS = frozenset({"number", "forum", "code"})


class RowReader:
    """The cells of one row by column name; a bad cell becomes a problem and reads as failed."""

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
            raise ValidationError(column, found.msgid, **found.params)
        return found

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
            raise ValidationError(column, found.msgid, **found.params)
        return found


def check_columns(sheet: RawSheet, problems: list[Problem]) -> bool:
    missing = [c for c in REQUIRED_COLUMNS[sheet.name] if c not in sheet.header]
    for column in missing:
        problems.append(problem(sheet.name, 1, column, N_("The column {column} is missing."), column=column))
    return not missing


def parse_sheets(
    session: Session, sheets: dict[str, RawSheet], problems: list[Problem], *, from_csv: bool = False
) -> ParsedFile:
    """Records of the known sheets of a workbook (or of a CSV's one ``decisions`` table)."""
    parsed = ParsedFile()
    memo: dict[Any, Any] = {}

    def rows(name: str) -> Iterator[RowReader]:
        """The rows of a sheet, each released as soon as it is read (the sheet is emptied)."""
        sheet = sheets.get(name)
        if sheet is None or not check_columns(sheet, problems):
            return
        index = sheet.index()
        raw_rows, sheet.rows = sheet.rows, []
        raw_rows.reverse()
        while raw_rows:
            number, values = raw_rows.pop()
            reader = RowReader(sheet, number, values, index, problems, memo)
            reader.unescape = from_csv
            yield reader

    parsed.agencies = [r for r in map(_agency, rows(AGENCIES)) if r is not None]
    lookups = Lookups(session, parsed.agencies)
    for reader in rows(FORUMS):
        forum = _forum(reader)
        if forum is not None:
            parsed.forums.append(forum)
        elif isinstance(reader.attempted.get("number"), int):
            parsed.failed_forums.add(reader.attempted["number"])
    for reader in rows(DECISIONS):
        decision = _decision(reader, lookups)
        if decision is not None:
            parsed.decisions.append(decision)
        elif isinstance(reader.attempted.get("forum"), int) and isinstance(reader.attempted.get("code"), str):
            parsed.failed_decisions.add((reader.attempted["forum"], reader.attempted["code"]))
    parsed.assignments = [
        r for r in (_assignment(row, lookups) for row in rows(ASSIGNMENTS)) if r is not None
    ]
    parsed.progress = [r for r in (_progress(row, lookups) for row in rows(PROGRESS)) if r is not None]
    _check_duplicates(parsed, problems)
    return parsed


def _agency(row: RowReader) -> AgencyRecord | None:
    name_ru = row.required_text("name_ru", MAX_NAME_LENGTH)
    name_kk = row.read("name_kk", lambda c, v: cells.text(c, v, MAX_NAME_LENGTH))
    name_en = row.read("name_en", lambda c, v: cells.text(c, v, MAX_NAME_LENGTH))
    country = row.read("country", _country_or_none)
    return AgencyRecord(row.number, name_ru, name_kk, name_en, country) if row.ok else None


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


def _forum(row: RowReader) -> ForumRecord | None:
    number = row.required_number("number")
    city_ru = row.required_text("city_ru", 200)
    city_kk = row.read("city_kk", lambda c, v: cells.text(c, v, 200))
    country = row.read("country", _country)
    start = row.required_date("start_date")
    end = row.read("end_date", cells.date, memo=True)
    year = row.read("year", cells.whole_number)
    theme_ru = row.read("theme_ru", cells.text)
    theme_kk = row.read("theme_kk", cells.text)
    protocol_number = row.read("protocol_number", lambda c, v: cells.text(c, v, 100))
    protocol_date = row.read("protocol_date", cells.date, memo=True)
    if not row.ok:
        return None
    end = end or start
    assert end is not None
    if end < start:
        row.complain("end_date", N_("The forum cannot end before it starts."))
    if year is not None and year != start.year:
        row.complain("year", N_("The year must be the year the forum starts."))
    if protocol_date is not None and protocol_date < start:
        row.complain("protocol_date", N_("The protocol cannot predate the forum."))
    if not row.ok:
        return None
    return ForumRecord(
        row.number, number, start.year, city_ru, city_kk, country, start, end,
        theme_ru, theme_kk, protocol_number, protocol_date,
    )  # fmt: skip


def _code(column: str, value: Cell) -> str:
    return check_code(column, cells.text(column, value, MAX_CODE_LENGTH + 1))


def _decision(row: RowReader, lookups: Lookups) -> DecisionRecord | None:
    forum = row.required_number("forum")
    code = row.read("code", _code, memo=True)
    texts = {}
    for lang in TEXT_LANGUAGES:
        value = row.read(f"text_{lang}", cells.text)
        if value:
            texts[lang] = value
    if row.ok and not (texts.get("ru") or texts.get("kk")):
        row.complain("text_ru", N_("The decision's text is required in Russian or Kazakh."))
    sector_id = row.read("sector", lookups.sector, memo=True)
    deadline = row.read("deadline", cells.date, memo=True)
    status = row.read("status", cells.status, memo=True)
    links = row.read("repeats", _links)
    kinds = row.read("repeats_kind", _link_kinds)
    if not row.ok:
        return None
    if kinds and len(kinds) not in (1, len(links)):
        row.complain("repeats_kind", N_("Give one kind of link, or one for each decision repeated."))
        return None
    for position, link in enumerate(links):
        if kinds:
            link.kind = kinds[min(position, len(kinds) - 1)]
    return DecisionRecord(
        row.number, forum, code, texts, sector_id, deadline, status or Status.NOT_STARTED, links
    )


def _links(column: str, value: Cell) -> list[LinkRecord]:
    """``7/3.2`` (forum 7, decision 3.2); several separated by semicolons."""
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
            raise ValidationError(column, N_("Unknown kind of link: {value}."), value=part) from None
    return kinds


def _assignment(row: RowReader, lookups: Lookups) -> AssignmentRecord | None:
    forum = row.required_number("forum")
    code = row.read("code", _code, memo=True)
    executor = row.read("executor", lookups.executor, memo=True)
    role = row.read("role", cells.role, memo=True)
    status = row.read("status", cells.status, memo=True)
    note = row.read("note", cells.text)
    if not row.ok:
        return None
    return AssignmentRecord(row.number, forum, code, executor, role, status or Status.NOT_STARTED, note)


def _progress(row: RowReader, lookups: Lookups) -> ProgressRecord | None:
    forum = row.required_number("forum")
    code = row.read("code", _code, memo=True)
    entry_date = row.required_date("date")
    status = row.read("status", cells.status, memo=True)
    executor = row.read("executor", lookups.optional_executor, memo=True)
    notes = {}
    for lang in ("ru", "kk"):
        parts = (
            row.read(f"note_{lang}", cells.text),
            row.read(f"obstacles_{lang}", cells.text),
            row.read(f"next_steps_{lang}", cells.text),
        )
        if row.ok and any(parts):
            notes[lang] = parts
    letter_number = row.read("source", lambda c, v: cells.text(c, v, 200))
    letter_date = row.read("letter_date", cells.date, memo=True)
    if row.ok and status is None and not notes:
        row.complain("status", N_("A report needs a new status or a note."))
    if not row.ok:
        return None
    return ProgressRecord(
        row.number, forum, code, entry_date, status, executor, notes, letter_number, letter_date
    )


def _check_duplicates(parsed: ParsedFile, problems: list[Problem]) -> None:
    """The natural keys must be unique within the file."""
    _unique(problems, FORUMS, "number", ((f.row, f.number) for f in parsed.forums))
    _unique(problems, AGENCIES, "name_ru", ((a.row, a.name_ru.casefold()) for a in parsed.agencies))
    _unique(problems, DECISIONS, "code", ((d.row, (d.forum, d.code)) for d in parsed.decisions))
    _unique(
        problems,
        ASSIGNMENTS,
        "executor",
        ((a.row, (a.forum, a.code, a.executor)) for a in parsed.assignments),
    )
    _unique(
        problems,
        PROGRESS,
        "date",
        ((p.row, (p.forum, p.code, p.entry_date, p.executor)) for p in parsed.progress),
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
