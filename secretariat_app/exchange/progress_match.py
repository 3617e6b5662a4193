"""Which recorded progress entry a row of a file is, if any.

Executors write more than one letter a day. So a row is not matched by its decision, date and
executor alone, which made a second report of the day look "unchanged" and vanish: among the
entries of that decision, day and executor, a row is

* the same entry, unchanged, when one of them says exactly what the row says;
* a conflict when one of them carries the row's letter number but says something else (the same
  letter cannot say two things; the clerk decides which is right);
* otherwise a new entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from secretariat_app.exchange.records import NoteParts, ProgressRecord

Outcome = Literal["unchanged", "conflict", "new"]


@dataclass(frozen=True)
class StoredEntry:
    """What a recorded entry says, in the terms of a file's row."""

    id: int
    status: str | None
    letter_number: str
    letter_date: dt.date | None
    notes: dict[str, NoteParts]


def stored_entry(row: Any, notes: dict[str, NoteParts]) -> StoredEntry:
    """From a row of (id, decision, date, executor, status, letter number, letter date) and its
    notes; English notes are left out, as files carry Russian and Kazakh ones only."""
    kept = {lang: parts for lang, parts in notes.items() if lang != "en"}
    return StoredEntry(row[0], row[4], row[5] or "", row[6], kept)


def says(record: ProgressRecord) -> tuple[Any, ...]:
    return (
        record.status.value if record.status else None,
        record.letter_number,
        record.letter_date,
        record.notes,
    )


def _says(entry: StoredEntry) -> tuple[Any, ...]:
    return (entry.status, entry.letter_number, entry.letter_date, entry.notes)


def match(record: ProgressRecord, candidates: Sequence[StoredEntry]) -> tuple[Outcome, StoredEntry | None]:
    """The row's outcome among the entries of its decision, day and executor."""
    wanted = says(record)
    for entry in candidates:
        if _says(entry) == wanted:
            return "unchanged", entry
    if record.letter_number:
        for entry in candidates:
            if entry.letter_number.casefold() == record.letter_number.casefold():
                return "conflict", entry
    return "new", None


def identity(record: ProgressRecord) -> tuple[Any, ...]:
    """What makes two rows of one file the same report (a file repeating it is a mistake): the
    decision, day and executor, and the letter number, or without one everything the row says."""
    base = (record.forum, record.code, record.entry_date, record.executor)
    if record.letter_number:
        return (*base, record.letter_number.casefold())
    return (*base, says(record)[0], record.letter_date, repr(sorted(record.notes.items())))
