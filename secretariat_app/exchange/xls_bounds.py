"""How far the sheets of an Excel 97–2003 workbook (XLS) reach, before the reader lays them out.

An XLS file is a compound document (OLE2: a small file system of 512-byte sectors) holding a
``Workbook`` stream of BIFF records; every cell record starts with its row and column. This
module reads that stream with nothing but :mod:`struct` and reports each sheet's filled cells to
:class:`bounds.Limits` as the XLSX and ODS checks do: a 5 KB file whose one cell sits at
``IV65536`` made the reader take a gigabyte.
"""

from __future__ import annotations

import struct
from pathlib import Path

from secretariat_app.exchange.bounds import Extent, Limits

_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_STREAMS = ("Workbook", "Book")
#: BIFF records that hold a value at (row, column): NUMBER, RK, LABELSST, LABEL, BOOLERR,
#: FORMULA, RSTRING. MULRK holds several along a row. Blank cells (formatting only) hold none.
_CELL_RECORDS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085


class _Damaged(Exception):
    """The compound document does not hold together."""


def workbook_stream(data: bytes) -> bytes:
    """The ``Workbook`` stream of an OLE2 compound document."""
    if len(data) < 512:
        raise _Damaged
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
    if sector_size not in (512, 4096) or mini_size != 64:
        raise _Damaged
    (directory_start,) = struct.unpack_from("<I", data, 0x30)
    mini_cutoff, mini_fat_start = struct.unpack_from("<II", data, 0x38)
    difat_start, difat_count = struct.unpack_from("<II", data, 0x44)

    def sector(number: int) -> bytes:
        start = (number + 1) * sector_size
        if start >= len(data):
            raise _Damaged
        return data[start : start + sector_size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n < _END_OF_CHAIN]
    next_difat = difat_start
    for _ in range(difat_count):
        if next_difat >= _END_OF_CHAIN:
            break
        listed = struct.unpack(f"<{sector_size // 4}I", sector(next_difat))
        fat_sectors += [n for n in listed[:-1] if n < _END_OF_CHAIN]
        next_difat = listed[-1]
    fat: list[int] = []
    for number in fat_sectors:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))

    def chain(first: int, table: list[int]) -> list[int]:
        found: list[int] = []
        number = first
        while number < _END_OF_CHAIN:
            if number >= len(table) or len(found) > len(table):
                raise _Damaged
            found.append(number)
            number = table[number]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat))
    entries = []
    for offset in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, offset + 64)
        name = directory[offset : offset + max(length - 2, 0)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", directory, offset + 116)
        entries.append((name, kind, start, size))
    if not entries:
        raise _Damaged
    root = entries[0]
    stream = next((e for e in entries if e[1] == 2 and e[0] in _STREAMS), None)
    if stream is None:
        raise _Damaged
    _name, _kind, start, size = stream
    if size >= mini_cutoff:
        return b"".join(sector(n) for n in chain(start, fat))[:size]
    mini_fat: list[int] = []
    for number in chain(mini_fat_start, fat) if mini_fat_start < _END_OF_CHAIN else []:
        mini_fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))
    container = b"".join(sector(n) for n in chain(root[2], fat))
    return b"".join(container[n * mini_size : (n + 1) * mini_size] for n in chain(start, mini_fat))[:size]


def check_xls(path: Path, limits: Limits) -> int:
    """Refuse the workbook if a sheet's filled cells reach beyond ``limits``; otherwise the cells
    of its sheets' rectangles. A file that is no compound document is left to the reader."""
    data = path.read_bytes()
    try:
        stream = workbook_stream(data)
        return _scan(stream, limits)
    except (_Damaged, struct.error, IndexError, ValueError):
        return 0  # not a compound document as Excel writes them: the reader says what it is


def _scan(stream: bytes, limits: Limits) -> int:
    """Each sheet's filled cells, from the BIFF records of the ``Workbook`` stream."""
    names: dict[int, str] = {}
    extents: list[Extent] = []
    extent: Extent | None = None
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if kind == _BOUNDSHEET and length >= 8:
            (offset,) = struct.unpack_from("<I", stream, body)
            chars = stream[body + 6]
            wide = stream[body + 7] & 1
            raw = stream[body + 8 : body + 8 + chars * (2 if wide else 1)]
            names[offset] = raw.decode("utf-16-le" if wide else "latin-1", "replace")
        elif kind == _BOF and position in names:
            extent = Extent(names[position], limits)
            extents.append(extent)
        elif kind == _EOF:
            extent = None
        elif extent is not None and length >= 4 and (kind in _CELL_RECORDS or kind == _MULRK):
            row, column = struct.unpack_from("<HH", stream, body)
            last = column
            if kind == _MULRK and length >= 6:
                (last,) = struct.unpack_from("<H", stream, body + length - 2)
            extent.add(1, row + 1, column + 1, max(column, last) + 1)
        position = body + length
    return sum(e.area for e in extents)
