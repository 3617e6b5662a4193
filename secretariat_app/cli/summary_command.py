"""``summary``: the dashboard's figures on the command line, as text or as JSON for other tools.

The figures come from :func:`dashboard_data`, the function the dashboard draws, so the two cannot
disagree.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from sqlalchemy import select

from secretariat_app.cli.context import CommandContext
from secretariat_app.core import rules
from secretariat_app.core.enums import Status
from secretariat_app.core.i18n import _, format_date, get_language
from secretariat_app.core.models import Executor
from secretariat_app.core.services.dashboard_data import DashboardData, dashboard_data
from secretariat_app.core.typed_dates import parse_typed_date


def summary_figures(data: DashboardData, names: dict[int, Executor]) -> dict[str, Any]:
    """The JSON shape of ``summary --json`` (documented in the README; keys may be added)."""
    overall = data.summary.overall
    return {
        "as_of": data.when.date.isoformat(),
        "stalled_since": data.when.stalled_since.isoformat(),
        "stalled_days": data.when.stalled_days,
        "decisions": {
            "total": overall.total,
            "open": sum(count for status, count in overall.by_status.items() if rules.is_open(status)),
            "overdue": overall.overdue,
            "stalled": overall.stalled,
            "by_status": {status.value: overall.by_status[status] for status in Status},
        },
        "executors": [
            {
                "code": names[tally.executor_id].code,
                "name_ru": names[tally.executor_id].name_ru,
                "kind": names[tally.executor_id].kind,
                "assigned": tally.assigned,
                "live": tally.live,
                "late": tally.late,
                "stalled": tally.stalled,
                "max_days_late": tally.max_days_late,
            }
            for tally in data.executors
        ],
    }


def run_summary(ctx: CommandContext) -> int:
    date = parse_typed_date(ctx.args.as_of, "as-of") if ctx.args.as_of else None
    database = ctx.open()
    try:
        with database.reader() as session:
            data = dashboard_data(session, date)
            names = {e.id: e for e in session.scalars(select(Executor))}
            figures = summary_figures(data, names)
    finally:
        database.dispose()
    if ctx.args.json:
        ctx.say(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _print_text(ctx, data, figures, names)
    return 0


def _print_text(
    ctx: CommandContext, data: DashboardData, figures: dict[str, Any], names: dict[int, Executor]
) -> None:
    lang = get_language()
    decisions = figures["decisions"]
    ctx.say(_("As of {date}").format(date=format_date(data.when.date, lang, "long")))
    ctx.say(_("Decisions: {total}, open: {open}").format(total=decisions["total"], open=decisions["open"]))
    ctx.say(_("Overdue: {count}").format(count=decisions["overdue"]))
    ctx.say(
        _("Stalled (no report since {date}): {count}").format(
            date=format_date(data.when.stalled_since, lang, "short"), count=decisions["stalled"]
        )
    )
    for status in Status:
        ctx.say(f"  {status.symbol} {status.label(lang)}: {decisions['by_status'][status.value]}")
    ctx.say("")
    header = [_("Region or agency"), _("Assigned"), _("Open"), _("Late"), _("Stalled"), _("Most days late")]
    rows = [
        [
            names[tally.executor_id].name(lang),
            *(str(n) for n in (tally.assigned, tally.live, tally.late, tally.stalled, tally.max_days_late)),
        ]
        for tally in data.executors
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        ctx.say(
            "  ".join(
                [
                    row[0].ljust(widths[0]),
                    *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)),
                ]
            )
        )


def register(commands: argparse._SubParsersAction) -> None:
    summary = commands.add_parser(
        "summary", help=_("the dashboard's figures: statuses, overdue, stalled, per executor")
    )
    summary.add_argument("--as-of", help=_("the date overdue and stalled are counted at (default: today)"))
    summary.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    summary.set_defaults(handler=run_summary)
