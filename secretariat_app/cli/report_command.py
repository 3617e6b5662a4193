"""``secretariat-app report``: print a bilingual PDF report, or its editable Word edition
(see docs/reports.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from secretariat_app.cli.context import CommandContext, forum_number
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _, ngettext
from secretariat_app.core.typed_dates import parse_typed_date
from secretariat_app.reports import FORMATS, KINDS, LAYOUTS, MissingTextsError, ReportOptions, generate_report


def file_format(chosen: str | None, out: str | None) -> str:
    """The format asked for, else the one ``--out`` ends in, else PDF; a file named for the other
    format is refused (a PDF called .docx opens in nothing)."""
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    if chosen is None:
        return suffix if suffix in FORMATS else "pdf"
    if suffix in FORMATS and suffix != chosen:
        raise ValidationError(
            "format", N_("--out names a .{suffix} file but the format is {format}."),
            suffix=suffix, format=chosen,
        )  # fmt: skip
    return chosen


def run_report(ctx: CommandContext) -> int:
    args = ctx.args
    options = ReportOptions(
        forum_number=args.forum,
        kind=args.kind,
        langs=tuple(part for part in args.langs.split(",") if part.strip()),
        layout=args.layout,
        as_of=parse_typed_date(args.as_of, "as_of") if args.as_of else None,
        region=args.region,
        out=Path(args.out) if args.out else None,
        format=file_format(args.format, args.out),
        with_archive=args.with_archive,
        split=args.split,
        issue=args.issue,
        allow_missing=args.allow_missing,
    )
    database = ctx.open()
    try:
        result = generate_report(database, options)
    except MissingTextsError as error:
        print(
            _("error: {message}").format(
                message=_(
                    "Some decisions have no text in a printed language (add the texts, or print "
                    "the gaps marked with --allow-missing):"
                )
            ),
            file=sys.stderr,
        )
        for line in error.codes():
            print(line, file=sys.stderr)
        return 2
    finally:
        database.dispose()
    ctx.say(str(result.path))
    if result.files:
        ctx.say(ngettext("{count} file", "{count} files", len(result.files)).format(count=len(result.files)))
    if result.numbers:
        ctx.say(
            _("Outgoing numbers: {first} – {last}").format(first=result.numbers[0], last=result.numbers[-1])
        )
    if result.pages is not None:  # a Word document is paginated by Word
        ctx.say(ngettext("{count} page", "{count} pages", result.pages).format(count=result.pages))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=_("print a bilingual PDF report for a forum"))
    report.add_argument(
        "--forum", type=forum_number, required=True, metavar="N", help=_("number of the forum (12 or XII)")
    )
    report.add_argument(
        "--kind", default="progress", choices=list(KINDS),
        help=_("progress report, decisions of the forum, or reminder letters (default: progress)"),
    )  # fmt: skip
    report.add_argument(
        "--langs", default="ru,kk", metavar="LANGS",
        help=_("one or two of ru, kk, en, separated by a comma (default: ru,kk)"),
    )  # fmt: skip
    report.add_argument(
        "--layout", default="parallel", choices=list(LAYOUTS),
        help=_("languages side by side or one after the other (default: parallel)"),
    )  # fmt: skip
    report.add_argument(
        "--as-of", metavar="YYYY-MM-DD", help=_("the date the report is made as of (default: today)")
    )
    report.add_argument("--region", metavar="CODE", help=_("only this region (ISO code) or agency (name)"))
    report.add_argument(
        "--format", choices=list(FORMATS),
        help=_("pdf to hand out, or docx (Word) to edit before signing (default: from --out, else pdf)"),
    )  # fmt: skip
    report.add_argument(
        "--out", metavar="FILE.pdf", help=_("where to write the report (default: in the current folder)")
    )
    report.add_argument(
        "--with-archive", action="store_true",
        help=_("add an annex with every decision of the earlier forums (progress report)"),
    )  # fmt: skip
    report.add_argument(
        "--split", action="store_true",
        help=_("reminder letters: one file per addressee (PDF or Word) in the folder given by --out"),
    )  # fmt: skip
    report.add_argument(
        "--issue", action="store_true",
        help=_("reminder letters: give them outgoing numbers (without it, a draft with the number left blank)"),
    )  # fmt: skip
    report.add_argument(
        "--allow-missing", action="store_true",
        help=_("resolutions: print decisions without a text in a printed language, the gap marked"),
    )  # fmt: skip
    report.set_defaults(handler=run_report)
