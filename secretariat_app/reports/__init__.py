"""Printed reports: bilingual PDFs made with ReportLab from data the core selected (no Qt here).

The one entry point is :func:`generate_report`; the GUI runs it on a worker thread with a
``progress`` callback and a ``cancelled`` predicate, the CLI runs it directly. Options are
validated before anything is written, so bad input changes no file.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable
from dataclasses import dataclass

from secretariat_app.core.db import Database
from secretariat_app.core.errors import Cancelled, ValidationError
from secretariat_app.core.i18n import N_

#: Kinds of report, with their labels (marked; translate when shown).
KINDS: dict[str, str] = {
    "progress": N_("Progress report"),
    "resolutions": N_("Decisions adopted at the forum"),
    "reminders": N_("Reminder letters to executors"),
}
#: How two languages are laid out, with their labels.
LAYOUTS: dict[str, str] = {
    "parallel": N_("Side by side"),
    "sequential": N_("One language after the other"),
}
#: Languages a report may be printed in (one or two of them).
REPORT_LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
#: File formats a report is written in: PDF to hand out, DOCX for a clerk to edit before signing.
FORMATS: tuple[str, ...] = ("pdf", "docx")


@dataclass(frozen=True)
class ReportOptions:
    """What to print. ``region`` is an executor's code or name; ``None`` dates mean today."""

    forum_number: int
    kind: str = "progress"
    langs: tuple[str, ...] = ("ru", "kk")
    layout: str = "parallel"
    as_of: dt.date | None = None
    region: str | None = None
    out: pathlib.Path | None = None
    #: the progress report's annex reprints every decision (the archive) only when asked
    with_archive: bool = False
    #: ``pdf`` or ``docx`` (see :data:`FORMATS`)
    format: str = "pdf"
    #: reminder letters: one file per addressee in the folder ``out`` (see :func:`letter_file_name`)
    split: bool = False
    #: reminder letters: take outgoing numbers (letters to send); without it, a draft whose number
    #: is left blank and whose running number in the settings does not move
    issue: bool = False
    #: resolutions: print decisions whose text is missing in a printed language with the gap
    #: marked, instead of refusing
    allow_missing: bool = False


@dataclass(frozen=True)
class ReportResult:
    """The file written (the folder, for split letters) and its pages (all files' together)."""

    path: pathlib.Path
    #: pages of a PDF; ``None`` for a Word document, which Word paginates when it opens it
    pages: int | None
    #: split letters: each file written, in the letters' order
    files: tuple[pathlib.Path, ...] = ()
    #: issued letters: their outgoing numbers, in the letters' order
    numbers: tuple[str, ...] = ()


class MissingTextsError(ValidationError):
    """The resolutions list would print decisions without a text in a language it is printed in;
    ``missing`` lists their codes per language."""

    def __init__(self, missing: dict[str, list[str]]) -> None:
        super().__init__(
            "texts",
            N_("Some decisions have no text in a language the list is printed in:"),
        )
        self.missing = missing

    def codes(self) -> list[str]:
        """One line per language: ``kk: 3.2, 4.1``."""
        return [f"{lang}: {', '.join(codes)}" for lang, codes in self.missing.items()]


class ReportCancelled(Cancelled):
    """The user stopped the report; the previous file (if any) is untouched."""

    def __init__(self, *_annotations: object) -> None:
        # ReportLab re-raises an exception from a page event as ``type(error)(annotated message)``
        super().__init__(N_("The report was cancelled."))


ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


def generate_report(
    database: Database,
    options: ReportOptions,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ReportResult:
    """Select the data, draw the report and put it at ``options.out`` (or the default name).

    Raises :class:`~secretariat_app.core.errors.ValidationError` or
    :class:`~secretariat_app.core.errors.NotFoundError` for bad options before writing anything,
    and :class:`ReportCancelled` when ``cancelled()`` turns true; ``progress(done, total)`` counts
    the decisions drawn.
    """
    from secretariat_app.reports.generate import run

    return run(database, options, progress, cancelled)


__all__ = [
    "FORMATS",
    "KINDS",
    "LAYOUTS",
    "REPORT_LANGUAGES",
    "MissingTextsError",
    "ReportCancelled",
    "ReportOptions",
    "ReportResult",
    "generate_report",
]
