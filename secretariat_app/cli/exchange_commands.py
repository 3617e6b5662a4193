"""Commands that move decisions between the database and Excel/CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path

from secretariat_app.cli.context import CommandContext, forum_number
from secretariat_app.core.enums import Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _, get_language
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.core.typed_dates import parse_typed_date
from secretariat_app.exchange import (
    Counts,
    CsvOptions,
    ImportProblemsError,
    apply_import,
    export_decisions,
    export_executor_report,
    plan_import,
    write_template,
)
from secretariat_app.exchange.cells import status as parse_status_name
from secretariat_app.exchange.preview import OUTCOMES, row_groups

_KIND_NAMES = {
    "agencies": N_("Agencies"),
    "forums": N_("Forums"),
    "decisions": N_("Decisions"),
    "assignments": N_("Assignments"),
    "progress": N_("Progress entries"),
}


def _say_counts(ctx: CommandContext, counts: dict[str, Counts]) -> None:
    if not any(c.added or c.updated or c.unchanged for c in counts.values()):
        ctx.say(_("The file holds no records to take in (rows left empty change nothing)."))
        return
    for kind, name in _KIND_NAMES.items():
        count = counts.get(kind)
        if count is None or not (count.added or count.updated or count.unchanged):
            continue
        ctx.say(
            _("{kind}: {added} added, {updated} updated, {unchanged} unchanged").format(
                kind=_(name), added=count.added, updated=count.updated, unchanged=count.unchanged
            )
        )


def run_import(ctx: CommandContext) -> int:
    options = CsvOptions(encoding=ctx.args.encoding, delimiter=ctx.args.delimiter)
    database = ctx.open()
    try:
        plan = plan_import(database, Path(ctx.args.file), csv_options=options)
        if len(plan.problems) == 1 and not plan.problems[0].sheet:
            raise plan.problems[0].error  # the file as a whole: one line is enough
        if plan.problems:
            lang = get_language()
            for found in plan.problems:
                ctx.say(found.describe(lang))
            raise ImportProblemsError(plan.problems)
        for found in plan.warnings:
            ctx.say(_("warning: {message}").format(message=found.describe(get_language())))
        if ctx.args.dry_run:
            ctx.say(_("Check only: nothing was written."))
            _say_counts(ctx, plan.counts)
            for group in row_groups(plan.counts, plan.kind):
                ctx.say(
                    _("  {outcome}, sheet {sheet}, rows {rows}").format(
                        outcome=_(OUTCOMES[group.outcome]), sheet=group.sheet, rows=group.ranges
                    )
                )
            return 0
        try:
            summary = apply_import(database, plan)
        except ImportProblemsError as error:  # another user wrote meanwhile: say where
            for found in error.problems:
                ctx.say(found.describe(get_language()))
            raise
        ctx.say(_("Imported from {path}:").format(path=ctx.args.file))
        _say_counts(ctx, summary.counts)
    finally:
        database.dispose()
    return 0


def _status_choices() -> str:
    """The statuses ``--status`` accepts: each code with its name in the current language."""
    return "; ".join(f"{status.value} ({status.label()})" for status in Status)


def _filter(ctx: CommandContext, executor_id: int | None) -> DecisionFilter:
    statuses: tuple[str, ...] = ()
    if ctx.args.status:
        try:
            found = parse_status_name("status", ctx.args.status)
        except ValidationError:
            raise ValidationError(
                "status",
                N_("Unknown status: {value}. Use one of: {choices}."),
                value=ctx.args.status,
                choices=_status_choices(),
            ) from None
        statuses = (found.value,) if found else ()
    return DecisionFilter(
        forum_numbers=tuple(ctx.args.forum or ()),
        statuses=statuses,
        executor_ids=(executor_id,) if executor_id is not None else (),
        overdue_only=ctx.args.overdue,
        stalled_only=ctx.args.stalled,
    )


def run_export(ctx: CommandContext) -> int:
    database = ctx.open()
    try:
        executor_id = None
        with database.reader() as session:  # unknown forums and regions are refused as by `report`
            for number in ctx.args.forum or ():
                forum_by_number(session, number)
            if ctx.args.region:
                executor_id = find_executor(session, ctx.args.region).id
        when = parse_typed_date(ctx.args.as_of, "as-of") if ctx.args.as_of else None
        result = export_decisions(database, Path(ctx.args.file), _filter(ctx, executor_id), when=when)
        ctx.say(_("Exported {count} decision(s) to {path}").format(count=result.decisions, path=result.path))
    finally:
        database.dispose()
    return 0


def run_template(ctx: CommandContext) -> int:
    path = write_template(_xlsx(ctx.args.file))
    ctx.say(_("Import template written: {path}").format(path=path))
    return 0


def run_export_executor(ctx: CommandContext) -> int:
    database = ctx.open()
    try:
        result = export_executor_report(database, ctx.args.executor, _xlsx(ctx.args.file))
        ctx.say(
            _(
                "{count} open decision(s) written to {path}; send it to the executor and import it when it returns."
            ).format(count=result.decisions, path=result.path)
        )
    finally:
        database.dispose()
    return 0


def _xlsx(file: str) -> Path:
    path = Path(file)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("file", N_("Write the workbook to a .xlsx file."))
    return path


def _delimiter(value: str) -> str:
    names = {"comma": ",", "semicolon": ";", ",": ",", ";": ";", "tab": "\t"}
    if value.casefold() not in names:
        raise argparse.ArgumentTypeError(_("use comma or semicolon"))
    return names[value.casefold()]


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help=_("import forums, decisions and progress from Excel or CSV"))
    parser.add_argument("file", help=_("an .xlsx, .ods, .xls or .csv file"))
    parser.add_argument("--dry-run", action="store_true", help=_("check the file and write nothing"))
    parser.add_argument("--encoding", help=_("encoding of a CSV file (default: detected)"))
    parser.add_argument(
        "--delimiter",
        type=_delimiter,
        help=_("separator of a CSV file: comma or semicolon (default: detected)"),
    )
    parser.set_defaults(handler=run_import)
    parser = commands.add_parser("export", help=_("export decisions to Excel (.xlsx) or CSV"))
    parser.add_argument("file", help=_("an .xlsx or .csv file"))
    parser.add_argument(
        "--forum",
        type=forum_number,
        action="append",
        metavar="N",
        help=_("only this forum's decisions (number, 12 or XII)"),
    )
    parser.add_argument("--region", help=_("only decisions assigned to this region or agency"))
    parser.add_argument(
        "--status",
        help=_("only decisions with this status, by code or name: {choices}").format(
            choices=_status_choices()
        ),
    )
    parser.add_argument(
        "--overdue",
        action="store_true",
        help=_("only overdue decisions; with --region, those that region or agency is late on"),
    )
    parser.add_argument(
        "--stalled",
        action="store_true",
        help=_(
            "only stalled decisions (no report since the threshold); with --region, those it has not reported on"
        ),
    )
    parser.add_argument("--as-of", help=_("the date overdue and stalled are counted at (default: today)"))
    parser.set_defaults(handler=run_export)
    parser = commands.add_parser("template", help=_("write an empty import workbook with instructions"))
    parser.add_argument("file", help=_("an .xlsx file"))
    parser.set_defaults(handler=run_template)
    parser = commands.add_parser(
        "export-executor", help=_("write one region's or agency's open decisions for it to report on")
    )
    parser.add_argument("executor", help=_("region code (e.g. RU-ORE) or agency name"))
    parser.add_argument("file", help=_("an .xlsx file"))
    parser.set_defaults(handler=run_export_executor)
