"""Writing reminder letters: outgoing numbers taken when the letters are issued, and one file for
the batch or, split, one file per addressee.

The rule for numbers: letters printed as a draft (the default) leave the number blank after the
prefix, and the running number in the settings stays where it is; issued letters (``issue``) take
consecutive numbers, one per letter, and the settings' running number moves past them in its own
transaction *before* anything is drawn, so two clerks never give the same number. When nothing was
written in the end (an error, a cancel), the numbers are given back unless somebody has taken
later ones meanwhile.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from secretariat_app.core.atomic import check_folder, write_error
from secretariat_app.core.db import Database
from secretariat_app.core.services.report_data import RemindersData
from secretariat_app.core.services.shared_settings import give_back_letter_numbers, take_letter_numbers
from secretariat_app.reports import ReportOptions, ReportResult

if TYPE_CHECKING:
    from secretariat_app.reports.generate import Drawer

#: Characters Windows forbids in file names (and the control characters).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
#: Names Windows reserves whatever the extension.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_NAME = 100


def safe_file_name(name: str) -> str:
    """``name`` as a file name every system accepts: no forbidden characters, no trailing dot or
    space, not a reserved device name, at most :data:`MAX_NAME` characters."""
    text = _FORBIDDEN.sub("_", name).strip().rstrip(". ")[:MAX_NAME].rstrip(". ") or "_"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


def letter_file_names(data: RemindersData, lang: str, suffix: str = ".pdf") -> list[str]:
    """One file name per letter, from its executor (``KZ-15 Актюбинская область.pdf``), distinct
    even when two names are (case-insensitively, as Windows compares them) the same."""
    names: list[str] = []
    taken: set[str] = set()
    for reminder in data.reminders:
        executor = data.directory.executors[reminder.executor_id]
        base = safe_file_name(" ".join(part for part in (executor.code, executor.name(lang)) if part))
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base} ({n})"
        taken.add(name.casefold())
        names.append(f"{name}{suffix}")
    return names


def write_letters(
    database: Database, options: ReportOptions, target: Path, data: RemindersData, drawing: Drawer
) -> ReportResult:
    """Number the letters if they are issued, then write them to ``target`` (a file, or the folder
    of split letters)."""
    folder = check_folder(target if options.out else target.with_suffix("")) if options.split else target
    numbers = range(0)
    if options.issue and data.reminders:
        with database.session() as session:
            numbering, numbers = take_letter_numbers(session, len(data.reminders))
        data = dataclasses.replace(
            data,
            reminders=[
                dataclasses.replace(reminder, outgoing_number=numbering.number(n))
                for reminder, n in zip(data.reminders, numbers, strict=True)
            ],
        )
    written: list[Path] = []
    try:
        if not options.split:
            pages = drawing.write(target, data, options.layout)
            written.append(target)
            return ReportResult(target, pages, (), _numbers(data))
        try:
            folder.mkdir(exist_ok=True)
        except OSError as error:
            raise write_error(folder, error) from error
        pages = 0
        for reminder, name in zip(
            data.reminders, letter_file_names(data, drawing.words[0].lang, "." + options.format), strict=True
        ):
            path = folder / name
            pages += drawing.write(path, dataclasses.replace(data, reminders=[reminder]), options.layout)
            written.append(path)
        return ReportResult(folder, pages, tuple(written), _numbers(data))
    except BaseException:
        if numbers and not written:
            with database.session() as session:
                give_back_letter_numbers(session, numbers)
        raise


def _numbers(data: RemindersData) -> tuple[str, ...]:
    return tuple(r.outgoing_number for r in data.reminders if r.outgoing_number)
