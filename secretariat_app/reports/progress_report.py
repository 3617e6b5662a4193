"""The progress report prepared for a forum: cover, summary with charts, regions scorecard,
overdue decisions, decisions by forum, decisions implemented since the previous forum."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.i18n import LANGUAGE_NAMES, N_, roman
from secretariat_app.core.services.executor_standing import AssignmentStanding
from secretariat_app.core.services.report_data import DecisionLine, ForumRef, ProgressReportData
from secretariat_app.core.services.summary import StatusCounts
from secretariat_app.reports import charts, markup
from secretariat_app.reports.blocks import (
    NOTHING,
    SECRETARIAT,
    Column,
    Context,
    View,
    as_of_line,
    code_column,
    deadline_column,
    decision_block,
    decision_text,
    esc,
    heading,
    number_cell,
    plain_heading,
    progress_line,
    small,
    stacked,
    status_mark,
    table,
    text_paragraphs,
)
from secretariat_app.reports.layout import CONTENT_WIDTH
from secretariat_app.reports.words import Words

TITLE = N_(
    "Report on the execution of the decisions of the Forums of Interregional Cooperation of Kazakhstan and Russia"
)

SUMMARY = N_("Summary")
SCORECARD = N_("Regions and agencies")
OVERDUE = N_("Overdue decisions")
STALLED = N_("Decisions without news")
BY_FORUM = N_("Decisions by forum")
IMPLEMENTED = N_("Implemented since the previous forum")
SHORT_TITLE = N_("Progress report")
#: Column labels of the two sides in the status table.
SIDES = {Country.KZ: N_("Kazakhstan"), Country.RU: N_("Russia")}
#: The summary counts decisions whose text is missing in each language the report prints.
MISSING_TEXT = {
    "ru": N_("Decisions without Russian text (marked in the report)"),
    "kk": N_("Decisions without Kazakh text (marked in the report)"),
    "en": N_("Decisions without English text (marked in the report)"),
}
#: The table of contents' title, the status definitions' heading and each status's meaning.
CONTENTS = N_("Contents")
DEFINITIONS = N_("What the statuses mean")
STATUS_MEANINGS = {
    Status.NOT_STARTED: N_("No work on the decision has been reported yet."),
    Status.IN_PROGRESS: N_("Work has begun and is reported; the decision is not carried out yet."),
    Status.PARTIAL: N_("Part of the decision is carried out; the rest is still to be done."),
    Status.IMPLEMENTED: N_("The decision is carried out in full."),
    Status.NO_INFO: N_("The secretariat has received no information on the decision's execution."),
    Status.CANCELLED: N_("A later decision cancelled or superseded it; nothing more is to be done."),
    Status.FOR_INFORMATION: N_("Taken into account: it asks for no action and has no deadline."),
}
OVERDUE_MEANING = N_(
    "Overdue: the deadline has passed and the decision is not implemented, cancelled or for information."
)
STALLED_MEANING = N_("Without news: an open decision with no report since {date}.")
#: One change of a decision's deadline in the overdue list.
DEADLINE_MOVED = N_("Deadline moved from {old} to {new} on {date}: {reason}")
#: The annex that reprints every decision of the earlier forums (only with ``--with-archive``).
ANNEX = N_("Annex: all decisions of the earlier forums")


def rows_drawn(data: ProgressReportData) -> int:
    """Decision rows one language pass draws (for progress reporting)."""
    return len(data.overdue) + len(data.stalled) + len(data.decisions) + len(data.implemented_since)


def cover(ctx: Context, words: View, data: ProgressReportData) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = [Spacer(1, 30 * mm)]
    for w in words:
        story.append(Paragraph(esc(w.tr(TITLE)), styles.title))
        story.append(Paragraph(esc(prepared_for(w, data.forum)), styles.subtitle))
        story.append(Paragraph(esc(w.forum_dates(data.forum)), styles.subtitle))
        if data.region is not None:
            story.append(
                Paragraph(
                    esc(w.tr("Region or agency: {name}").format(name=w.executor(data.region))),
                    styles.subtitle,
                )
            )
        story.append(Paragraph(esc(as_of_line(w, data.when.date, long=True)), styles.subtitle))
        story.append(Spacer(1, 12 * mm))
    story.append(Spacer(1, 20 * mm))
    for w in words:
        story.append(Paragraph(f"<b>{esc(w.tr(SECRETARIAT))}</b>", styles.body))
    story.append(PageBreak())
    return story


def prepared_for(w: Words, forum: ForumRef) -> str:
    return w.tr("Prepared for the {number} Forum of Interregional Cooperation ({city})").format(
        **w.forum_params(forum)
    )


def summary(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    styles = ctx.styles
    overall = data.summary.overall
    previous = data.previous
    figures: list[tuple[str, str, dict[str, Any]]] = [
        (N_("Decisions of earlier forums"), view[0].number(overall.total), {}),
        (
            N_("Share implemented (of decisions that need action)"),
            view[0].share(overall.implemented_share),
            {},
        ),
        (N_("Implemented since the previous forum"), view[0].number(len(data.implemented_since)), {}),
        (N_("New decisions of the previous forum"), view[0].number(data.new_of_previous), {}),
        (N_("Overdue"), view[0].number(len(data.overdue)), {}),
        (
            N_("Stalled: no report since {date}"),
            view[0].number(len(data.stalled)),
            {"date": data.when.stalled_since},
        ),
    ]
    for lang, missing in data.missing_texts.items():
        figures.append((MISSING_TEXT[lang], view[0].number(missing), {}))
    story: list[Any] = [heading(ctx, view, SUMMARY, level, "1")]
    if previous is not None:
        story.extend(
            text_paragraphs(
                view,
                N_("Decisions of the forums before forum {number}; the previous forum: {previous}."),
                styles.body,
                number=roman(data.forum.number),
                previous=roman(previous.number),
            )
        )
    story.append(
        table(
            ctx,
            view,
            figures,
            [
                Column(
                    N_("Indicator"),
                    CONTENT_WIDTH - 30 * mm,
                    lambda f: Paragraph(stacked(view, f[0], **f[2]), styles.cell),
                ),
                Column(N_("Value"), 30 * mm, lambda f: number_cell(styles, f[1]), numeric=True),
            ],
            zebra=True,
        )
    )
    story.append(Spacer(1, 5 * mm))
    story.extend(status_table(ctx, view, data))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(stacked(view, N_("Decisions by status")), styles.h2))
    story.append(charts.status_bars(dict(overall.by_status), view, CONTENT_WIDTH))
    by_forum = [
        (roman(number), dict(counts.by_status)) for number, counts in sorted(data.summary.by_forum.items())
    ]
    story.append(CondPageBreak(60 * mm))
    story.append(Paragraph(stacked(view, N_("Statuses of each forum's decisions (shares)")), styles.h2))
    story.append(charts.stacked_by_forum(by_forum, view, CONTENT_WIDTH))
    story.append(Spacer(1, 3 * mm))
    story.append(charts.legend(view, CONTENT_WIDTH))
    story.append(PageBreak())
    return story


def status_table(ctx: Context, view: View, data: ProgressReportData) -> list[Any]:
    """Counts and shares by status overall (decisions) and by side (assignments)."""
    styles = ctx.styles
    overall = data.summary.overall
    sides = [(Country.KZ, data.summary.by_side[Country.KZ]), (Country.RU, data.summary.by_side[Country.RU])]
    number_width = 19 * mm
    columns = [
        Column(
            N_("Status"),
            CONTENT_WIDTH - 6 * number_width,
            lambda s: Paragraph(
                "<br/>".join(_status_label(w, s, i) for i, w in enumerate(view)), styles.cell
            ),
        ),
        Column(
            N_("Decisions"),
            number_width,
            lambda s: number_cell(styles, view[0].number(overall.by_status[s])),
            True,
        ),
        Column(
            N_("Share"), number_width, lambda s: number_cell(styles, view[0].share(overall.share(s))), True
        ),
    ]
    for country, counts in sides:
        columns.extend(_side_columns(ctx, view, country, counts, number_width))
    note = text_paragraphs(
        view,
        N_("By side: assignments to the executors of each country, by their own status."),
        styles.cell_small,
    )
    return [table(ctx, view, charts.STATUS_ORDER, columns, zebra=True), *note]


def _side_columns(
    ctx: Context, view: View, country: Country, counts: StatusCounts, width: float
) -> list[Column]:
    styles = ctx.styles
    return [
        Column(
            SIDES[country], width, lambda s: number_cell(styles, view[0].number(counts.by_status[s])), True
        ),
        Column(N_("Share"), width, lambda s: number_cell(styles, view[0].share(counts.share(s))), True),
    ]


def _status_label(w: Words, status: Status, line: int) -> str:
    text = f"{markup.symbol(status.symbol)} {esc(w.status(status))}"
    return f"<i>{text}</i>" if line else text


def scorecard(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    styles = ctx.styles
    executors = data.directory.executors
    story: list[Any] = [heading(ctx, view, SCORECARD, level, "2")]
    story.extend(
        text_paragraphs(
            view,
            N_(
                "Each executor's own assignments. Those late on the most decisions come first, then those "
                "with the most days late, then those with the lowest share implemented."
            ),
            styles.body,
        )
    )
    if not data.scorecard:
        story.extend(text_paragraphs(view, NOTHING, styles.body))
        return story
    width = 19 * mm
    columns = [
        Column(
            N_("Region or agency"),
            CONTENT_WIDTH - 6 * width,
            lambda s: Paragraph(
                "<br/>".join(
                    (
                        f"<i>{esc(w.executor(executors[s.executor_id]))}</i>"
                        if i
                        else esc(w.executor(executors[s.executor_id]))
                    )
                    for i, w in enumerate(view)
                ),
                styles.cell,
            ),
        ),
        Column(N_("Assigned"), width, lambda s: number_cell(styles, view[0].number(s.assigned)), True),
        Column(N_("Implemented"), width, lambda s: number_cell(styles, view[0].number(s.implemented)), True),
        Column(N_("In progress"), width, lambda s: number_cell(styles, view[0].number(s.in_progress)), True),
        Column(N_("Late"), width, lambda s: number_cell(styles, view[0].number(s.late)), True),
        Column(N_("Stalled"), width, lambda s: number_cell(styles, view[0].number(s.stalled)), True),
        Column(
            N_("Share implemented"),
            width,
            lambda s: number_cell(styles, view[0].share(s.implemented_share)),
            True,
        ),
    ]
    story.append(table(ctx, view, data.scorecard, columns, zebra=True))
    return story


def overdue(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    intro = text_paragraphs(
        view,
        N_(
            "Most days overdue first. Under each decision, the executors who are late, with their latest report."
        ),
        ctx.styles.body,
    )
    days = Column(
        N_("Days overdue"),
        20 * mm,  # wide enough for «Просрочка,» / «Кешігу,» on one line at the header's size
        lambda d: number_cell(ctx.styles, view[0].number(d.standing.days_overdue)),
        True,
    )
    return [
        CondPageBreak(50 * mm),
        heading(ctx, view, OVERDUE, level, "3"),
        *intro,
        *_who_is_behind(
            ctx,
            view,
            data,
            data.overdue,
            lambda d: d.late,
            days,
            N_("Decision, executors late, their latest reports"),
        ),
    ]


def stalled(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    intro = text_paragraphs(
        view,
        N_(
            "Open decisions adopted before {date} with no report since {date}: under each, the "
            "executors who have not reported, with their latest report."
        ),
        ctx.styles.body,
        date=view[0].short_date(data.when.stalled_since),
    )
    return [
        CondPageBreak(50 * mm),
        heading(ctx, view, STALLED, level, "4"),
        *intro,
        *_who_is_behind(
            ctx,
            view,
            data,
            data.stalled,
            lambda d: d.stalled,
            None,
            N_("Decision, executors without news, their latest reports"),
        ),
    ]


def _who_is_behind(
    ctx: Context,
    view: View,
    data: ProgressReportData,
    decisions: list[DecisionLine],
    behind: Callable[[DecisionLine], list[AssignmentStanding]],
    extra: Column | None,
    header: str,
) -> list[Any]:
    """A table of decisions, each with its text and the executors ``behind`` names on it."""
    if not decisions:
        return text_paragraphs(view, NOTHING, ctx.styles.body)

    def block(w: Words, decision: DecisionLine) -> str:
        return "<br/>".join(
            [decision_text(w, decision), *executor_lines(ctx, w, decision, behind(decision), data)]
        )

    columns = [code_column(ctx, with_forum=True), deadline_column(ctx, view)]
    if extra is not None:
        columns.append(extra)
    return [table(ctx, view, decisions, columns, header, block)]


def executor_lines(
    ctx: Context, w: Words, decision: DecisionLine, who: list[AssignmentStanding], data: ProgressReportData
) -> list[str]:
    """One line per executor named (in a region's report, only that region): its own status, days
    late and its own latest report."""
    if data.region is not None:
        who = [a for a in who if a.executor_id == data.region.id]
    if not who:
        nobody = esc(w.tr("No executor assigned."))
        return [small(f"<i>{nobody}</i>")]
    label = esc(w.tr("Latest report:"))
    none = esc(w.tr("No reports received."))
    lines = []
    for assignment in who:
        name = esc(w.executor(ctx.directory.executors[assignment.executor_id]))
        parts = [f"<b>{name}</b>", status_mark(w, assignment.status)]
        if assignment.days_late:
            days = assignment.days_late
            parts.append(
                esc(w.ngettext("{count} day late", "{count} days late", days).format(count=w.number(days)))
            )
        last = decision.last_report_from(assignment.executor_id)
        report = progress_line(ctx, w, last, executor=False) if last is not None else f"<i>{none}</i>"
        lines.append(small(", ".join(parts) + f". {label} {report}"))
    return lines


def by_forum(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = [PageBreak(), heading(ctx, view, BY_FORUM, level, "5")]
    story.extend(
        text_paragraphs(
            view,
            N_(
                "Oldest forum first; within a forum, open decisions first. Leads are in bold; up to three latest reports."
            ),
            styles.body,
        )
    )
    groups: dict[int, list[DecisionLine]] = {}
    for decision in data.decisions:
        groups.setdefault(decision.forum_number, []).append(decision)
    if not groups:
        story.extend(text_paragraphs(view, NOTHING, styles.body))
    for number, decisions in groups.items():
        decisions.sort(
            key=lambda d: d.status in (Status.IMPLEMENTED, Status.CANCELLED, Status.FOR_INFORMATION)
        )
        forum = data.directory.forums[number]
        title = " / ".join(f"{w.forum_name(forum)}, {w.forum_dates(forum)}" for w in view)
        story.append(CondPageBreak(40 * mm))
        story.append(plain_heading(ctx, title, level + 1))
        columns = [code_column(ctx, with_forum=False)]
        story.append(
            table(
                ctx,
                view,
                decisions,
                columns,
                N_("Status, decision, executors, latest reports"),
                lambda w, d: decision_block(ctx, w, d),
            )
        )
    return story


def implemented_since(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = [CondPageBreak(50 * mm), heading(ctx, view, IMPLEMENTED, level, "6")]
    if data.previous is not None:
        story.extend(
            text_paragraphs(
                view,
                N_(
                    "Decisions implemented from {date} (the opening of the previous forum) to the as-of date."
                ),
                styles.body,
                date=view[0].short_date(data.previous.start_date),
            )
        )
    if not data.implemented_since:
        story.extend(text_paragraphs(view, NOTHING, styles.body))
        return story
    columns = [
        code_column(ctx, with_forum=True),
        Column(
            N_("Implemented on"),
            20 * mm,
            lambda d: Paragraph(esc(view[0].short_date(d.implemented_on)), styles.cell),
        ),
    ]

    def block(w: Words, decision: DecisionLine) -> str:
        lines = [decision_text(w, decision)]
        if decision.progress:
            lines.append(small(progress_line(ctx, w, decision.progress[0])))
        return "<br/>".join(lines)

    story.append(table(ctx, view, data.implemented_since, columns, N_("Decision"), block))
    return story


SECTIONS = (summary, scorecard, overdue, stalled, by_forum, implemented_since)


def story(ctx: Context, words: View, data: ProgressReportData, layout: str) -> list[Any]:
    """The whole report: in the parallel layout one pass with every language side by side;
    in the sequential one a pass per language, each under its own top-level bookmark."""
    flowables = cover(ctx, words, data)
    if layout == "parallel" or len(words) == 1:
        for section in SECTIONS:
            flowables.extend(section(ctx, words, data, 0))
        return flowables
    for index, w in enumerate(words):
        if index:
            flowables.append(PageBreak())
        flowables.append(plain_heading(ctx, LANGUAGE_NAMES[w.lang], 0))
        for section in SECTIONS:
            flowables.extend(section(ctx, (w,), data, 1))
    return flowables


def title(w: Words, data: ProgressReportData) -> str:
    return w.tr(TITLE)


def subject(w: Words, data: ProgressReportData) -> str:
    return "; ".join([prepared_for(w, data.forum), as_of_line(w, data.when.date)])


def header_lines(words: View, data: ProgressReportData) -> list[str]:
    lines = []
    for w in words:
        line = f"{w.tr(SHORT_TITLE)} — {prepared_for(w, data.forum)}"
        if data.region is not None:
            line += f" — {w.executor(data.region)}"
        lines.append(line)
    return lines
