"""Running a report: check the options, select the data, draw into a temporary file beside the
target, and rename it over the target only when the whole document is written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from itertools import count
from pathlib import Path
from typing import Any, Protocol

from secretariat_app.core.atomic import atomic_write, check_folder, check_writable
from secretariat_app.core.db import Database
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.services import report_data
from secretariat_app.reports import (
    FORMATS,
    KINDS,
    LAYOUTS,
    REPORT_LANGUAGES,
    CancelCheck,
    MissingTextsError,
    ProgressCallback,
    ReportCancelled,
    ReportOptions,
    ReportResult,
    letter_files,
    letters,
    progress_report,
    resolutions,
)
from secretariat_app.reports.blocks import SECRETARIAT, Context, as_of_line
from secretariat_app.reports.fonts import register_fonts
from secretariat_app.reports.layout import ReportDocument, Styles, Ticker
from secretariat_app.reports.letter_document import LetterDocument
from secretariat_app.reports.words import Words


class ReportKind(Protocol):
    """What each kind's module (progress_report, resolutions, letters) provides."""

    def rows_drawn(self, data: Any) -> int: ...
    def story(self, ctx: Context, words: tuple[Words, ...], data: Any, layout: str) -> list[Any]: ...
    def header_lines(self, words: tuple[Words, ...], data: Any) -> list[str]: ...
    def title(self, w: Words, data: Any) -> str: ...
    def subject(self, w: Words, data: Any) -> str: ...


KIND_MODULES: dict[str, ReportKind] = {
    "progress": progress_report,
    "resolutions": resolutions,
    "reminders": letters,
}

#: Languages as PDF metadata names them (BCP 47).
PDF_LANGUAGE = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en"}


def check_options(options: ReportOptions) -> tuple[str, ...]:
    """The languages to print, or a :class:`ValidationError` naming what is wrong."""
    if options.kind not in KINDS:
        raise ValidationError(
            "kind", N_("Unknown kind of report: {value} (choose {choices})."),
            value=options.kind, choices=", ".join(KINDS),
        )  # fmt: skip
    if options.format not in FORMATS:
        raise ValidationError(
            "format", N_("Unknown format: {value} (choose {choices})."),
            value=options.format, choices=", ".join(FORMATS),
        )  # fmt: skip
    if options.layout not in LAYOUTS:
        raise ValidationError(
            "layout", N_("Unknown layout: {value} (choose {choices})."),
            value=options.layout, choices=", ".join(LAYOUTS),
        )  # fmt: skip
    langs = tuple(dict.fromkeys(lang.strip().lower() for lang in options.langs if lang.strip()))
    unknown = [lang for lang in langs if lang not in REPORT_LANGUAGES]
    if unknown or not langs:
        raise ValidationError(
            "langs", N_("Unknown language: {value} (choose one or two of {choices})."),
            value=", ".join(unknown) or "—", choices=", ".join(REPORT_LANGUAGES),
        )  # fmt: skip
    if len(langs) > 2:
        raise ValidationError("langs", N_("A report is printed in one or two languages."))
    if options.split and options.kind != "reminders":
        raise ValidationError("split", N_("Only reminder letters can be written one file per addressee."))
    if options.out is not None:
        if options.split:
            check_folder(Path(options.out))
        else:
            check_writable(options.out)
    return langs


def default_path(options: ReportOptions, as_of: dt.date) -> Path:
    """``report-forum-XII-2026-11-25.pdf``, with the kind, region, languages and layout when they are
    not the default: two editions of one day never overwrite each other."""
    parts = ["report" if options.kind == "progress" else options.kind, "forum", roman(options.forum_number)]
    parts.append(as_of.isoformat())
    if options.region:
        parts.append(re.sub(r"[^\w-]+", "_", options.region.strip()).strip("_")[:40])
    if tuple(options.langs) != ("ru", "kk"):
        parts.append("-".join(options.langs))
    if options.layout != "parallel" and len(options.langs) > 1:
        parts.append(options.layout)
    if options.with_archive and options.kind == "progress":
        parts.append("archive")
    return Path.cwd() / ("-".join(parts) + "." + options.format)


def run(
    database: Database,
    options: ReportOptions,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> ReportResult:
    langs = check_options(options)
    words = tuple(Words(lang) for lang in langs)
    with database.reader() as session:
        if options.kind == "progress":
            data: Any = report_data.progress_report_data(
                session, options.forum_number, options.as_of, options.region, langs, options.with_archive
            )
        elif options.kind == "resolutions":
            data = report_data.resolutions_data(session, options.forum_number, options.as_of, options.region)
        else:
            data = report_data.reminders_data(session, options.forum_number, options.as_of, options.region)
    if options.kind == "resolutions" and not options.allow_missing:
        missing = data.missing_texts(langs)
        if missing:
            raise MissingTextsError(missing)
    target = (
        Path(options.out).expanduser().resolve() if options.out else default_path(options, data.when.date)
    )
    passes = 1 if options.layout == "parallel" else len(words)
    module: ReportKind = KIND_MODULES[options.kind]
    ticker = Ticker(module.rows_drawn(data) * passes, progress, cancelled, ReportCancelled)
    ticker.check()
    register_fonts()
    drawing: Drawer = Drawing(module, words, ticker)
    if options.format == "docx":
        from secretariat_app.reports.docx import WordDrawing

        drawing = WordDrawing(options.kind, module, words, ticker)
    if options.kind == "reminders":
        result = letter_files.write_letters(database, options, target, data, drawing)
    else:
        result = ReportResult(target, drawing.write(target, data, options.layout))
    if options.format == "docx":  # Word counts the pages when it lays the document out
        result = dataclasses.replace(result, pages=None)
    if progress is not None:
        progress(ticker.total, ticker.total)
    return result


class Drawer(Protocol):
    """What writes one kind of report into a file: :class:`Drawing` (PDF) or the Word edition's."""

    words: tuple[Words, ...]

    def write(self, target: Path, data: Any, layout: str) -> int: ...


class Drawing:
    """One kind of report drawn in some languages into PDF files (one or, for letters, many)."""

    def __init__(self, module: ReportKind, words: tuple[Words, ...], ticker: Ticker) -> None:
        self.module = module
        self.words = words
        self.ticker = ticker

    def write(self, target: Path, data: Any, layout: str) -> int:
        """Draw ``data`` into ``target`` (atomically); returns the number of pages."""
        module, words, first = self.module, self.words, self.words[0]
        ctx = Context(Styles(), data.directory, self.ticker, count())
        story = module.story(ctx, words, data, layout)
        metadata = {
            "title": " / ".join(module.title(w, data) for w in words),
            "subject": " / ".join(module.subject(w, data) for w in words),
            "author": " / ".join(w.tr(SECRETARIAT) for w in words),
            "lang": PDF_LANGUAGE[first.lang],
        }
        with atomic_write(target) as temporary:
            document: ReportDocument
            if module is letters:
                document = LetterDocument(str(temporary), words, self.ticker, **metadata)
            else:
                stamp: str | list[str] = (
                    "" if module is resolutions else [as_of_line(w, data.when.date) for w in words]
                )
                document = ReportDocument(
                    str(temporary), words, module.header_lines(words, data), stamp, self.ticker, **metadata
                )
            return document.build_story(story)
