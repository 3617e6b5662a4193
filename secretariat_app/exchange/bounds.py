"""How far the sheets of a zip-based workbook (XLSX, ODS) reach, found by streaming their XML
before any spreadsheet reader touches them.

A reader lays a sheet out as a rectangle from its first to its last cell: a 4.7 KB file whose
one cell sits at ``XFD1048576`` asks for 17 billion cells and aborts the process. So every cell's
place is checked here, member by member in small chunks (nothing is kept), and a sheet beyond the
limits is refused before it is read. The rows of the rectangle are counted from row 1, as a sheet
of ours starts with its header there.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import IO, Any
from xml.etree import ElementTree
from xml.parsers import expat

from secretariat_app.core.i18n import N_
from secretariat_app.exchange.problems import ImportFileError

_CHUNK = 256 * 1024
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: Small members (the workbook's list of sheets) are parsed whole; beyond this they are not ours.
_SMALL_MEMBER = 8 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one sheet may span: rows (with the header), columns and cells of its rectangle."""

    rows: int
    columns: int
    cells: int


class Extent:
    """The rectangle a sheet's filled cells span, refused as soon as it outgrows the limits."""

    def __init__(self, sheet: str, limits: Limits) -> None:
        self.sheet, self.limits = sheet, limits
        self.first_row = self.first_column = 1 << 62
        self.last_row = self.last_column = 0

    @property
    def area(self) -> int:
        """The cells of the rectangle the reader lays out (0 for a sheet without cells)."""
        if not self.last_row:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_column - self.first_column + 1)

    def add(self, first_row: int, last_row: int, first_column: int, last_column: int) -> None:
        self.first_row = min(self.first_row, first_row)
        self.last_row = max(self.last_row, last_row)
        self.first_column = min(self.first_column, first_column)
        self.last_column = max(self.last_column, last_column)
        self.check()

    def check(self) -> None:
        rows = self.last_row - self.first_row + 1
        columns = self.last_column - self.first_column + 1
        if columns > self.limits.columns or rows * columns > self.limits.cells:
            raise ImportFileError(
                N_(
                    "The sheet {sheet} reaches row {row}, column {column}: at most {columns} columns "
                    "and {cells} cells can be read. Delete what lies beyond the table, or split the file."
                ),
                sheet=self.sheet,
                row=self.last_row,
                column=column_name(self.last_column),
                columns=self.limits.columns,
                cells=self.limits.cells,
            )
        if rows > self.limits.rows:
            raise ImportFileError(
                N_("The sheet {sheet} has more than {limit} rows; split the file."),
                sheet=self.sheet,
                limit=self.limits.rows - 1,
            )


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_name(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _feed(parser: Any, stream: IO[bytes]) -> None:
    try:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise ImportFileError(
            N_("The file is not an Excel or LibreOffice workbook, or it is damaged (XLSX, ODS, XLS or CSV).")
        ) from error


def _local(name: str) -> str:
    return name.rpartition(":")[2]


# --- XLSX ---------------------------------------------------------------------------------------


def xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, member) of each worksheet, from the workbook's list and its relationships."""
    names = set(archive.namelist())
    sheets: list[tuple[str, str]] = []
    workbook: ElementTree.Element | None
    rels: ElementTree.Element | None
    try:
        workbook = _small_xml(archive, "xl/workbook.xml")
        rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    except (KeyError, ElementTree.ParseError):
        workbook = rels = None
    if workbook is not None and rels is not None:
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        for sheet in workbook.iter():
            if sheet.tag.endswith("}sheet"):
                target = targets.get(sheet.get(_RELATIONSHIP), "")
                member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                if member in names:
                    sheets.append((sheet.get("name", member), member))
    known = {member for _name, member in sheets}
    for member in sorted(names - known):  # sheets the list leaves out are read all the same
        if member.startswith("xl/worksheets/") and member.endswith(".xml"):
            sheets.append((member, member))
    return sheets


def _small_xml(archive: zipfile.ZipFile, member: str) -> ElementTree.Element:
    if archive.getinfo(member).file_size > _SMALL_MEMBER:
        raise ElementTree.ParseError(member)
    return ElementTree.fromstring(archive.read(member))


#: A cell's place; quoted attribute values are skipped whole, so an ``r="…"`` inside another
#: attribute's single-quoted value is not taken for the cell's place.
_PLACE = re.compile(rb'<c(?=\s)(?:[^>"\']|"[^"]*")*?\sr="\$?([A-Za-z]{1,3})\$?(\d{1,9})"')
_CELL_TAG = re.compile(rb"<c[\s/>]")
_PREFIXED_ROOT = re.compile(rb"<[\w.-]+:worksheet[\s>]")


def check_xlsx_sheet(open_member: Callable[[], IO[bytes]], sheet: str, limits: Limits) -> int:
    """Refuse the worksheet if its cells reach beyond ``limits``; otherwise the cells of its
    rectangle.

    Every cell a writer makes names its place (``<c r="B7">``): the places are found with a
    regular expression over each chunk and checked against a count of the cell tags, which costs a
    fraction of parsing the XML element by element. A sheet with a cell that does not name its
    place is parsed element by element.
    (The declared ``<dimension ref=…>`` is not trusted either way: readers ignore it, and a sheet
    that declares ``A1:XFD1048576`` around two cells is read in a few megabytes.)"""
    with open_member() as stream:
        area = _places_within(stream, sheet, limits)
    if area is None:
        with open_member() as stream:
            area = _check_elements(stream, sheet, limits)
    return area


def _places_within(stream: IO[bytes], sheet: str, limits: Limits) -> int | None:
    """Check the places the cells name, and count the rectangle's cells; None when some cell
    names none (or the sheet's tags carry a namespace prefix, which the quick count misses)."""
    extent = Extent(sheet, limits)
    tail = b""
    first = True
    while True:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        cut = len(data) if not chunk else data.rfind(b">") + 1  # never split a tag
        data, tail = data[:cut], data[cut:]
        if first and _PREFIXED_ROOT.search(data, 0, 4096):
            return None
        first = False
        places = _PLACE.findall(data)
        if len(places) != data.count(b"<c") and len(places) != _cell_tags(data):
            return None
        if places:  # rows and columns repeat: each distinct one is converted once
            columns = [column_number(letters.decode()) for letters in set(map(itemgetter(0), places))]
            extent.add(1, max(map(int, set(map(itemgetter(1), places)))), min(columns), max(columns))
        if not chunk:
            return extent.area


def _cell_tags(data: bytes) -> int:
    """The ``<c>`` tags of a chunk, told apart from the other tags starting with ``<c`` (``<cols>``,
    ``<cfRule>``). Only needed when the chunk has such tags: a single count of ``<c`` is an upper
    bound of the cells, so when every ``<c`` is a placed cell no closer count is needed."""
    return len(_CELL_TAG.findall(data))


def _check_elements(stream: IO[bytes], sheet: str, limits: Limits) -> int:
    """The slow way, for sheets whose cells do not all name their place: element by element."""
    extent = Extent(sheet, limits)
    state = {"row": 0, "column": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "c":
            ref = attrs.get("r")
            match = _CELL_REF.fullmatch(ref) if ref else None
            if match:
                state["column"] = column_number(match.group(1))
                state["row"] = int(match.group(2))
            else:
                state["column"] += 1
            extent.add(1, state["row"], state["column"], state["column"])
        elif tag == "row":
            ref = attrs.get("r")
            state["row"] = int(ref) if ref and ref.isdigit() else state["row"] + 1
            state["column"] = 0

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    _feed(parser, stream)
    return extent.area


# --- ODS ----------------------------------------------------------------------------------------


def check_ods(stream: IO[bytes], limits: Limits) -> int:
    """Refuse the spreadsheet if a table's filled cells outgrow ``limits`` (repeated rows and
    cells counted as the reader expands them; empty repeats, which LibreOffice writes to the end
    of every sheet, are not filled); otherwise the cells of its tables' rectangles."""
    state: dict[str, Any] = {"extent": None, "row": 0, "rows": 1, "column": 0, "columns": 1, "cell": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "p":
            if state["cell"] is False:
                _filled(state)
        elif tag in ("table-cell", "covered-table-cell"):
            state["column"] += state["columns"] if state["cell"] is not None else 0
            state["columns"] = _repeat(attrs, "table:number-columns-repeated")
            state["cell"] = False
            if "office:value-type" in attrs:
                _filled(state)
        elif tag == "table-row":
            state["row"] += state["rows"]
            state["rows"] = _repeat(attrs, "table:number-rows-repeated")
            state["column"], state["columns"], state["cell"] = 1, 0, None
        elif tag == "table":
            state["extent"] = Extent(attrs.get("table:name", "?"), limits)
            extents.append(state["extent"])
            state["row"], state["rows"] = 0, 1

    extents: list[Extent] = []
    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    _feed(parser, stream)
    return sum(extent.area for extent in extents)


def _repeat(attrs: dict[str, str], name: str) -> int:
    value = attrs.get(name, "1")
    return int(value) if value.isdigit() else 1


def _filled(state: dict[str, Any]) -> None:
    state["cell"] = True
    extent = state["extent"]
    if extent is None:
        return
    row, column = state["row"], state["column"]
    last_row, last_column = row + state["rows"] - 1, column + state["columns"] - 1
    # most cells lie inside what is known already: the extent is only told when it grows
    if last_row > extent.last_row or last_column > extent.last_column or column < extent.first_column:
        extent.add(row, last_row, column, last_column)
