"""What is wrong with an imported file, and where: a sheet, a row, a column and a reason that is
translated when it is shown (the interface language may change between validation and display)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from secretariat_app.core.errors import Cancelled, SecretariatError, ValidationError
from secretariat_app.core.i18n import N_, tr


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

    def message(self, lang: str | None = None) -> str:
        return self.error.message(lang)

    def describe(self, lang: str | None = None) -> str:
        """The problem with its place, as one line: "decisions, row 7, deadline: …"."""
        if not self.sheet:
            return self.message(lang)
        if self.row is None:
            place = tr(N_("sheet {sheet}"), lang).format(sheet=self.sheet)
        elif self.column:
            place = tr(N_("{sheet}, row {row}, column {column}"), lang).format(
                sheet=self.sheet, row=self.row, column=self.column
            )
        else:
            place = tr(N_("{sheet}, row {row}"), lang).format(sheet=self.sheet, row=self.row)
        return f"{place}: {self.message(lang)}"


def problem(sheet: str, row: int | None, column: str, msgid: str, /, **params: Any) -> Problem:
    return Problem(sheet, row, column, ValidationError(column, msgid, **params))


def file_problem(error: SecretariatError) -> Problem:
    return Problem("", None, "", error)
