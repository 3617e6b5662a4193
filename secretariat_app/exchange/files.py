"""Reading an imported file into plain sheets of cells, refusing hostile files before parsing.

Workbooks (XLSX, ODS, XLS) are read with python-calamine; a CSV file is one ``decisions`` sheet.
Before anything is parsed the file's size is checked and, for zip-based workbooks, the sizes the
archive declares for its members, so a small file that would inflate to gigabytes is refused
without being inflated.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import itertools
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from secretariat_app.core.i18n import N_
from secretariat_app.core.validation import MAX_TEXT_LENGTH, lost_letters
from secretariat_app.exchange import bounds, xls_bounds
from secretariat_app.exchange.columns import DECISIONS
from secretariat_app.exchange.problems import ImportFileError

MAX_FILE_BYTES = 100 * 1024 * 1024
#: What the members of a zip-based workbook may add up to once inflated: the reader holds that
#: text once and Python once more, so this keeps an import under 400 MB.
MAX_INFLATED_BYTES = 128 * 1024 * 1024  # the 20,000-decision benchmark workbook: 65 MB
#: Beyond this inflation ratio a member is a zip bomb, whatever its size.
MAX_INFLATION_RATIO = 200
MAX_ROWS_PER_SHEET = 300_000
#: The rectangles a workbook's cells span: the reader lays out every cell of them, so a far-away
#: cell costs as much as a full table. A cell read costs up to about 210 bytes (the reader's copy
#: and Python's): 1.5 million of them, some 350 MB, keep an import under 400 MB. The
#: 20,000-decision benchmark workbook has about a million. Our widest sheet has 15 columns.
MAX_COLUMNS_PER_SHEET = 100
MAX_CELLS_PER_FILE = 1_500_000
MAX_CELL_CHARS = MAX_TEXT_LENGTH
CSV_SUFFIXES = frozenset({".csv", ".txt"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None


@dataclass
class RawSheet:
    """A sheet as read: its header names (trimmed, lower case) and its rows with their numbers."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    #: The column headers as the clerk sees them in the file, by position (problems name them).
    titles: list[str] = field(default_factory=list)

    def index(self) -> dict[str, int]:
        return {name: position for position, name in enumerate(self.header) if name}

    def title(self, column: str) -> str:
        """How the file heads ``column`` (a lower-case key such as ``letter_date``)."""
        position = self.index().get(column)
        if position is not None and position < len(self.titles) and self.titles[position]:
            return self.titles[position]
        return column


@dataclass(frozen=True)
class CsvOptions:
    """How to read a CSV file; ``None`` means detect it."""

    encoding: str | None = None
    delimiter: str | None = None


def unreadable_file(path: Path, error: OSError) -> ImportFileError:
    """A file that cannot be opened, said in the user's language and naming the file.

    The operating system's own words (``strerror``) are English whatever the interface language,
    so the usual causes get a message of ours and only the rest fall back to them.
    """
    if isinstance(error, FileNotFoundError):
        return ImportFileError(N_("The file {path} was not found."), path=str(path))
    if isinstance(error, IsADirectoryError):
        return ImportFileError(N_("{path} is a folder, not a file."), path=str(path))
    if isinstance(error, PermissionError):
        return ImportFileError(N_("You are not allowed to read the file {path}."), path=str(path))
    return ImportFileError(
        N_("The file {path} cannot be read: {reason}"), path=str(path), reason=error.strerror or str(error)
    )


def read_file(path: Path, csv_options: CsvOptions | None = None) -> list[RawSheet]:
    """The sheets of ``path``, or an :class:`ImportFileError` that says plainly what is wrong."""
    try:
        size = path.stat().st_size
        with path.open("rb"):  # a folder or a file we may not read fails here, not halfway through
            pass
    except OSError as error:
        raise unreadable_file(path, error) from error
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            N_("The file is too large to import: {size} MB (at most {limit} MB)."),
            size=size // (1024 * 1024),
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    if path.suffix.lower() in CSV_SUFFIXES:
        return [read_csv(path, csv_options or CsvOptions())]
    return read_workbook(path)


def read_workbook(path: Path) -> list[RawSheet]:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK"):
        check_archive(path)
        check_extents(path)
    elif head == _OLE_MAGIC and _ENCRYPTED_PACKAGE in path.read_bytes():
        raise ImportFileError(N_("The workbook is protected with a password; save it without one."))
    elif head == _OLE_MAGIC:
        _check_total(xls_bounds.check_xls(path, _limits()))
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:
        raise _unreadable(error) from error
    try:
        return [_read_sheet(workbook, name) for name in workbook.sheet_names]
    except ImportFileError:
        raise
    except Exception as error:
        raise _unreadable(error) from error
    finally:
        workbook.close()


def _unreadable(error: Exception) -> ImportFileError:
    text = str(error).lower()
    if "password" in text or "encrypt" in text:
        return ImportFileError(N_("The workbook is protected with a password; save it without one."))
    return ImportFileError(
        N_("The file is not an Excel or LibreOffice workbook, or it is damaged (XLSX, ODS, XLS or CSV).")
    )


def check_archive(path: Path) -> None:
    """Refuse a zip whose members declare more inflated bytes than a workbook can need."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _unreadable(error) from error
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > MAX_INFLATED_BYTES or (member.file_size > 1024 * 1024 and ratio > MAX_INFLATION_RATIO):
            raise ImportFileError(
                N_(
                    "The workbook would unpack to more than {limit} MB or is packed suspiciously "
                    "tightly; it was not opened."
                ),
                limit=MAX_INFLATED_BYTES // (1024 * 1024),
            )


def check_extents(path: Path) -> None:
    """Refuse a workbook with a sheet that reaches beyond the limits, streaming its XML before
    the reader lays the sheet out in memory (see :mod:`bounds`)."""
    limits = _limits()
    try:
        with zipfile.ZipFile(path) as archive:
            if "content.xml" in archive.namelist():
                with archive.open("content.xml") as stream:
                    total = bounds.check_ods(stream, limits)
            else:
                total = 0
                for name, member in bounds.xlsx_sheets(archive):
                    total += bounds.check_xlsx_sheet(functools.partial(archive.open, member), name, limits)
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError) as error:
        raise _unreadable(error) from error
    _check_total(total)


def _limits() -> bounds.Limits:
    return bounds.Limits(MAX_ROWS_PER_SHEET + 1, MAX_COLUMNS_PER_SHEET, MAX_CELLS_PER_FILE)


def _check_total(cells: int) -> None:
    if cells > MAX_CELLS_PER_FILE:
        raise ImportFileError(
            N_("The workbook's sheets hold more than {cells} cells together; split it into several files."),
            cells=MAX_CELLS_PER_FILE,
        )


#: Cells up to this long are kept once per distinct value (see :func:`shared_cells`).
SHARED_CELL_CHARS = 40


def shared_cells(values: Sequence[Cell], shared: dict[Cell, Cell]) -> list[Cell]:
    """``values`` with each short text replaced by the first equal one read.

    A large file repeats its short cells thousands of times (forum numbers, codes, sectors,
    statuses, dates, executors), and a reader makes a new text object of each: 300,000 rows of
    seven columns hold two million of them, some 80 MB. Shared, they cost one each."""
    return [shared.setdefault(v, v) if type(v) is str and len(v) <= SHARED_CELL_CHARS else v for v in values]


def _read_sheet(workbook: CalamineWorkbook, name: str) -> RawSheet:
    sheet = workbook.get_sheet_by_name(name)
    if sheet.total_height > MAX_ROWS_PER_SHEET + 1:
        raise _too_many_rows(name)
    raw: RawSheet | None = None
    shared: dict[Cell, Cell] = {}
    for number, values in enumerate(sheet.iter_rows(), start=1):
        if raw is None:
            raw = RawSheet(name, [_header_name(v) for v in values], titles=[_title(v) for v in values])
            continue
        if any(values):  # a row of empty cells (or of zeros only) is no record
            raw.rows.append((number, shared_cells(values, shared)))
    if raw is not None and len(raw.rows) > MAX_ROWS_PER_SHEET:
        raise _too_many_rows(name)
    return raw or RawSheet(name, [])


def _too_many_rows(sheet: str) -> ImportFileError:
    return ImportFileError(
        N_("The sheet {sheet} has more than {limit} rows; split the file."),
        sheet=sheet,
        limit=MAX_ROWS_PER_SHEET,
    )


def _header_name(value: Any) -> str:
    return str(value).strip().casefold() if value is not None else ""


def _title(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


# --- CSV ---------------------------------------------------------------------------------------

#: Windows-1251 is what Excel writes on Russian and Kazakh Windows ("CSV (разделители — запятые)").
FALLBACK_ENCODING = "cp1251"
_CHUNK = 1024 * 1024
#: Header names of the columns that hold Kazakh text (text_kk, city_kk, note_kk …).
KAZAKH_SUFFIX = "_kk"


def csv_encoding(path: Path, encoding: str | None = None) -> str:
    """The encoding to read ``path`` with: the one asked for, else UTF-8 (with or without BOM)
    when the whole file decodes as such, else Windows-1251. The file is checked in chunks, never
    held in memory whole."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError as error:
            raise _wrong_encoding(encoding) from error
        return encoding
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        head = handle.read(len(codecs.BOM_UTF8))
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        try:
            decoder.decode(head)
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return FALLBACK_ENCODING
    return "utf-8"


def _wrong_encoding(encoding: str) -> ImportFileError:
    return ImportFileError(N_("The file cannot be read in the encoding {encoding}."), encoding=encoding)


def _loses_letters(encoding: str) -> bool:
    """Whether text saved in ``encoding`` may have lost letters (every code page but Unicode)."""
    return not codecs.lookup(encoding).name.startswith("utf")


def detect_delimiter(first_line: str) -> str:
    """Semicolon or comma, whichever separates more fields of the header line."""
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_csv(path: Path, options: CsvOptions) -> RawSheet:
    """The ``decisions`` table of a CSV file, read line by line (a 100 MB file is never held
    whole, nor decoded whole). A file in a code page without the Kazakh letters whose Kazakh
    columns show them lost is refused: it must be saved again as UTF-8."""
    with path.open("rb") as handle:
        if b"\x00" in handle.read(4096):
            raise _unreadable(ValueError("binary"))
    encoding = csv_encoding(path, options.encoding)
    errors = "strict" if options.encoding else "replace"
    csv.field_size_limit(MAX_CELL_CHARS * 4 + 1)
    raw: RawSheet | None = None
    kazakh: list[int] = []
    shared: dict[Cell, Cell] = {}
    try:
        with path.open(encoding=encoding, errors=errors, newline="") as handle:
            first_line = handle.readline()
            delimiter = options.delimiter or detect_delimiter(first_line)
            reader = csv.reader(itertools.chain([first_line], handle), delimiter=delimiter)
            for number, values in enumerate(reader, start=1):
                if raw is None:
                    raw = RawSheet(
                        DECISIONS, [_header_name(v) for v in values], titles=[_title(v) for v in values]
                    )
                    if _loses_letters(encoding):
                        kazakh = [i for i, name in enumerate(raw.header) if name.endswith(KAZAKH_SUFFIX)]
                    continue
                if any(v.strip() for v in values):
                    if len(raw.rows) >= MAX_ROWS_PER_SHEET:
                        raise _too_many_rows(DECISIONS)
                    for position in kazakh:
                        _check_code_page(raw, number, values, position, encoding)
                    raw.rows.append((number, shared_cells(values, shared)))
    except csv.Error as error:
        raise ImportFileError(N_("The CSV file is malformed: {reason}"), reason=str(error)) from error
    except UnicodeDecodeError as error:
        raise _wrong_encoding(encoding) from error
    return raw or RawSheet(DECISIONS, [])


def _check_code_page(raw: RawSheet, number: int, values: list[str], position: int, encoding: str) -> None:
    if position >= len(values):
        return
    word = lost_letters(values[position])
    if word is not None:
        raise ImportFileError(
            N_(
                "Row {row}, column {column}: the Kazakh letters were lost (“{word}”): the file was "
                "saved in the encoding {encoding}, which has no Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, Һ, І. In Excel "
                "save it with File → Save As → “CSV UTF-8” and import that file; nothing was imported."
            ),
            row=number,
            column=raw.header[position],
            word=word,
            encoding=codecs.lookup(encoding).name,
        )
