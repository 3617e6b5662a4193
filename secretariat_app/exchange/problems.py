"""What is wrong with an imported file, and where: a sheet, a row, a column and a reason that is
translated when it is shown (the interface language may change between validation and display)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from secretariat_app.core.errors import Cancelled, SecretariatError, ValidationError
from secretariat_app.core.i18n import N_, tr

if TYPE_CHECKING:
    from secretariat_app.exchange.files import RawSheet


class ImportFileError(SecretariatError):
    """The file as a whole cannot be imported (not a workbook, encrypted, too large …)."""


class ImportProblemsError(SecretariatError):
    """The file has problems, so nothing was written; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(N_("The file has {count} problem(s); nothing was imported."), count=len(problems))
        self.problems = problems


class ImportCancelled(Cancelled):
    """The clerk cancelled the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__(N_("The import was cancelled; nothing was written."))


@dataclass(frozen=True)
class Problem:
    """One problem of an imported file. ``row`` is the spreadsheet's row number (1 = headers);
    ``sheet``, ``row`` and ``column`` are empty for problems of the file as a whole."""

    sheet: str
    row: int | None
    column: str
    error: SecretariatError
    #: The column's header as the file shows it (``Дата вашего письма / Хатыңыздың күні``);
    #: ``column`` is the key the importer reads it by (``letter_date``).
    title: str = ""

    def message(self, lang: str | None = None) -> str:
        return self.error.message(lang)

    @property
    def column_title(self) -> str:
        return self.title or self.column

    def describe(self, lang: str | None = None) -> str:
        """The problem with its place, as one line: "decisions, row 7, deadline: …"."""
        if not self.sheet:
            return self.message(lang)
        if self.row is None:
            place = tr(N_("sheet {sheet}"), lang).format(sheet=self.sheet)
        elif self.column:
            place = tr(N_("{sheet}, row {row}, column {column}"), lang).format(
                sheet=self.sheet, row=self.row, column=self.column_title
            )
        else:
            place = tr(N_("{sheet}, row {row}"), lang).format(sheet=self.sheet, row=self.row)
        return f"{place}: {self.message(lang)}"


def in_file_order(problems: list[Problem], sheets: dict[str, RawSheet]) -> list[Problem]:
    """The problems as a clerk goes through the file: the file's own first, then sheet by sheet
    in the file's order, row by row, column by column from the left, each column named by its
    header in the file. Problems of one cell keep the order they were found in."""
    order = {name: position for position, name in enumerate(sheets)}

    def place(found: Problem) -> tuple[int, int, int, int]:
        if not found.sheet:
            return (0, 0, 0, 0)
        sheet = sheets.get(found.sheet)
        column = sheet.index().get(found.column, len(sheet.header)) if sheet is not None else 0
        return (1, order.get(found.sheet, len(order)), found.row or 0, column)

    ordered = sorted(problems, key=place)
    return [_titled(found, sheets.get(found.sheet)) for found in ordered]


def _titled(found: Problem, sheet: RawSheet | None) -> Problem:
    if sheet is None or not found.column or found.title:
        return found
    title = sheet.title(found.column)
    return found if title == found.column else replace(found, title=title)


def problem(sheet: str, row: int | None, column: str, msgid: str, /, **params: Any) -> Problem:
    return Problem(sheet, row, column, ValidationError(column, msgid, **params))


def file_problem(error: SecretariatError) -> Problem:
    return Problem("", None, "", error)
