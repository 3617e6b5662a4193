"""The progress report prepared for a forum, written for the delegations that act on it.

Cover, contents, a one-page summary, the statuses explained, the scorecard of regions and
agencies, then what is *not* done and *who* is late: the overdue list (with each deadline's
history), the decisions without news, the open decisions by forum, what was implemented since the
previous forum, and the whole archive as an annex only when asked for. Each decision is described
once: the open decisions by forum refer to the overdue and no-news lists instead of reprinting.

The section titles are module constants in :data:`SECTION_TITLES` order (the DOCX edition prints
the same sections under the same titles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.services.executor_standing import AssignmentStanding
from secretariat_app.core.services.report_data import DecisionLine, ForumRef, ProgressReportData
from secretariat_app.core.services.summary import StatusCounts
from secretariat_app.reports import charts, markup
from secretariat_app.reports.blocks import (
    NOTHING,
    PROGRESS_SHOWN,
    SECRETARIAT,
    Column,
    Context,
    View,
    as_of_line,
    code_column,
    contents,
    deadline_column,
    deadline_history,
    decision_block,
    decision_text,
    esc,
    header_width,
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
SHORT_TITLE = N_("Progress report")
#: The heading of each language's part in the sequential layout, in that language.
PART_TITLE = N_("Text in this language")

CONTENTS = N_("Contents")
SUMMARY = N_("Summary")
DEFINITIONS = N_("Statuses and terms")
SCORECARD = N_("Regions and agencies")
OVERDUE = N_("Overdue decisions")
STALLED = N_("Decisions without news")
BY_FORUM = N_("Open decisions by forum")
IMPLEMENTED = N_("Implemented since the previous forum")
ANNEX = N_("Annex. All decisions of the earlier forums")

#: Column labels of the two sides in the status table.
SIDES = {Country.KZ: N_("Kazakhstan"), Country.RU: N_("Russia")}
#: The summary counts decisions whose text is missing in each language the report prints.
MISSING_TEXT = {
    "ru": N_("Decisions without Russian text (marked in the report)"),
    "kk": N_("Decisions without Kazakh text (marked in the report)"),
    "en": N_("Decisions without English text (marked in the report)"),
}
#: What each status means, on the definitions page.
STATUS_DEFINITIONS = {
    Status.NOT_STARTED: N_("The executor has not reported any work on the decision yet."),
    Status.IN_PROGRESS: N_("Work has begun and continues."),
    Status.PARTIAL: N_("Part of what the decision asks is done; the rest continues."),
    Status.IMPLEMENTED: N_("Everything the decision asks is done; the executor has reported it."),
    Status.NO_INFO: N_("The executor has sent no information on the decision."),
    Status.CANCELLED: N_("The decision was cancelled or superseded by a later decision; nothing is asked."),
    Status.FOR_INFORMATION: N_("The decision is taken note of; it sets no task and no deadline."),
}
#: The other terms of the report, on the definitions page.
TERMS = (
    (
        N_("Overdue"),
        N_(
            "The deadline has passed and the decision is not implemented; an executor is late when its own "
            "part is not done by the deadline."
        ),
    ),
    (
        N_("No news"),
        N_("An open decision with no report from the executor since {date}."),
    ),
)


def rows_drawn(data: ProgressReportData) -> int:
    """Decision rows one language pass draws (for progress reporting)."""
    return (
        len(data.overdue)
        + len(data.stalled_not_overdue())
        + len(data.open_decisions)
        + len(data.implemented_since)
        + len(data.archive)
    )


def unprintable_characters(data: ProgressReportData, langs: Sequence[str]) -> int:
    """Characters of the printed texts that no font of the report can draw (printed as a mark)."""
    total = 0
    for decision in data.decisions:
        for lang in langs:
            total += markup.unprintable(decision.texts.get(lang, ""))
            for entry in decision.progress[:PROGRESS_SHOWN]:
                note = entry.notes.get(lang)
                if note is not None:
                    total += sum(markup.unprintable(t) for t in (note.done, note.obstacles, note.next_steps))
    return total


# --- cover and contents ---------------------------------------------------------------------------


def cover(ctx: Context, words: View, data: ProgressReportData) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = [Spacer(1, 25 * mm)]
    for w in words:
        story.append(Paragraph(markup.title(w.tr(TITLE)), styles.title))
        story.append(Paragraph(markup.title(prepared_for(w, data.forum)), styles.subtitle))
        story.append(Paragraph(esc(w.forum_dates(data.forum)), styles.subtitle))
        if data.region is not None:
            story.append(
                Paragraph(
                    markup.title(w.tr("Region or agency: {name}").format(name=w.executor(data.region))),
                    styles.subtitle,
                )
            )
        story.append(Paragraph(esc(as_of_line(w, data.when.date)), styles.subtitle))
        story.append(Spacer(1, 12 * mm))
    story.append(Spacer(1, 15 * mm))
    for w in words:
        story.append(Paragraph(f"<b>{markup.title(w.tr(SECRETARIAT))}</b>", styles.body))
    story.append(PageBreak())
    return story


def prepared_for(w: Words, forum: ForumRef) -> str:
    return w.tr("Prepared for the {number} Forum of Interregional Cooperation ({city})").format(
        **w.forum_params(forum)
    )


def table_of_contents(ctx: Context, words: View, deepest: int) -> list[Any]:
    """The contents page: every heading made so far down to level ``deepest``."""
    title = " / ".join(w.tr(CONTENTS) for w in words)
    entries = [entry for entry in ctx.headings if entry[0] <= deepest]
    return [plain_heading(ctx, title, 0, contents=False), contents(ctx, entries), PageBreak()]


# --- sections -------------------------------------------------------------------------------------


def keep_with_start(lead: Sequence[Flowable], first: Flowable | None = None) -> CondPageBreak:
    """A page break unless ``lead`` (a heading and its intro) and the start of what follows (a
    table's header and first row) fit on this page: no page ends on a heading or an intro."""
    height = 0.0
    for flowable in [*lead, *([first] if first is not None else [])]:
        _width, h = flowable.wrap(CONTENT_WIDTH, 10_000)
        height += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return CondPageBreak(height + 4 * mm)


def _nothing(ctx: Context, view: View, lead: list[Any]) -> list[Any]:
    """A section with nothing to list: its heading and intro, then "None.", kept on one page."""
    story = [*lead, *text_paragraphs(view, NOTHING, ctx.styles.body)]
    return [keep_with_start(story), *story]


def _first_row(build: Callable[[Sequence[Any]], Flowable], rows: Sequence[Any]) -> Flowable | None:
    return build(rows[:1]) if rows else None


def summary(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    """One page: the figures, the statuses by side (or of the region's own assignments), a chart."""
    styles = ctx.styles
    mine = data.own_tally()
    counts = data.own_counts() if mine is not None else data.summary.overall
    figures: list[tuple[str, str, dict[str, Any]]] = []
    if mine is not None:
        figures += [
            (N_("Assignments of this region or agency"), view[0].number(mine.assigned), {}),
            (
                N_("Share implemented (of assignments that need action)"),
                view[0].share(mine.implemented_share),
                {},
            ),
        ]
    else:
        figures += [
            (N_("Decisions of earlier forums"), view[0].number(counts.total), {}),
            (
                N_("Share implemented (of decisions that need action)"),
                view[0].share(counts.implemented_share),
                {},
            ),
        ]
    figures += [
        (N_("Implemented since the previous forum"), view[0].number(len(data.implemented_since)), {}),
        (N_("New decisions of the previous forum"), view[0].number(data.new_of_previous), {}),
        (N_("Overdue"), view[0].number(len(data.overdue)), {}),
        (
            N_("No news: no report since {date}"),
            view[0].number(len(data.stalled)),
            {"date": data.when.stalled_since},
        ),
    ]
    for lang, missing in data.missing_texts.items():
        figures.append((MISSING_TEXT[lang], view[0].number(missing), {}))
    unprintable = unprintable_characters(data, [w.lang for w in view])
    if unprintable:
        figures.append(
            (
                N_("Characters the report's fonts cannot draw (printed as {mark})"),
                view[0].number(unprintable),
                {"mark": markup.MISSING_GLYPH},
            )
        )
    lead = [heading(ctx, view, SUMMARY, level, number), *_summary_intro(ctx, view, data)]
    figures_table = table(
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
    story: list[Any] = [*lead, figures_table, Spacer(1, 4 * mm)]
    story.extend(status_table(ctx, view, data, counts))
    story.append(PageBreak())
    return story


def _summary_intro(ctx: Context, view: View, data: ProgressReportData) -> list[Any]:
    numbers = {title: str(index + 1) for index, title in enumerate(SECTION_TITLES)}
    intro: list[Any] = []
    if data.previous is not None:
        intro += text_paragraphs(
            view,
            N_("Decisions of the forums before forum {number}; the previous forum: {previous}."),
            ctx.styles.body,
            number=roman(data.forum.number),
            previous=roman(data.previous.number),
        )
    intro += text_paragraphs(
        view,
        N_(
            "Each decision is described once: the overdue ones in section {overdue}, those without news in "
            "section {stalled}; section {open} refers to them in one line and gives the other open "
            "decisions in full."
        ),
        ctx.styles.body,
        overdue=numbers[OVERDUE],
        stalled=numbers[STALLED],
        open=numbers[BY_FORUM],
    )
    return intro


def status_table(ctx: Context, view: View, data: ProgressReportData, counts: StatusCounts) -> list[Any]:
    """Counts and shares by status: overall (decisions) and by side (assignments); in a region's
    report, the region's own assignments only."""
    styles = ctx.styles
    region = data.region is not None
    first = N_("Assignments") if region else N_("Decisions")
    labels = [first, N_("Share"), *(() if region else SIDES.values())]
    number_width = max(header_width(ctx, view, label, 17 * mm) for label in labels)
    columns = [
        Column(
            N_("Status"),
            CONTENT_WIDTH - (2 if region else 6) * number_width,
            lambda s: Paragraph(
                "<br/>".join(_status_label(w, s, i) for i, w in enumerate(view)), styles.cell
            ),
        ),
        Column(first, number_width, lambda s: number_cell(styles, view[0].number(counts.by_status[s])), True),
        Column(
            N_("Share"), number_width, lambda s: number_cell(styles, view[0].share(counts.share(s))), True
        ),
    ]
    if region:
        return [table(ctx, view, charts.STATUS_ORDER, columns, zebra=True)]
    for country in (Country.KZ, Country.RU):
        columns.extend(_side_columns(ctx, view, country, data.summary.by_side[country], number_width))
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


def definitions(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    """The statuses and the report's terms on one short page, then the two charts (the second may
    open the next page, which the scorecard then continues)."""
    styles = ctx.styles
    # a status (named by the core's labels) or a term of the report, with what it means
    items: list[tuple[Status | str, str]] = [
        (status, STATUS_DEFINITIONS[status]) for status in charts.STATUS_ORDER
    ]
    items += list(TERMS)

    def term_cell(item: tuple[Status | str, str]) -> Paragraph:
        term = item[0]
        if isinstance(term, Status):
            return Paragraph("<br/>".join(_status_label(w, term, i) for i, w in enumerate(view)), styles.cell)
        return Paragraph(stacked(view, term), styles.cell)

    def meaning(w: Words, item: tuple[Status | str, str]) -> str:
        return esc(w.sentence(item[1], date=w.date(data.when.stalled_since)))

    story: list[Any] = [
        heading(ctx, view, DEFINITIONS, level, number),
        table(ctx, view, items, [Column(N_("Status"), 48 * mm, term_cell)], N_("Meaning"), meaning),
    ]
    counts = data.own_counts() if data.region is not None else data.summary.overall
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph(stacked(view, N_("Decisions by status")), styles.h2))
    story.append(charts.status_bars(dict(counts.by_status), view, CONTENT_WIDTH))
    by_forum = [(roman(n), dict(c.by_status)) for n, c in sorted(_forum_counts(data).items())]
    if by_forum:
        story.append(CondPageBreak(40 * mm))
        story.append(Paragraph(stacked(view, N_("Statuses of each forum's decisions (shares)")), styles.h2))
        story.append(charts.stacked_by_forum(by_forum, view, CONTENT_WIDTH))
        story.append(Spacer(1, 3 * mm))
        story.append(charts.legend(view, CONTENT_WIDTH))
    return story


def _forum_counts(data: ProgressReportData) -> dict[int, StatusCounts]:
    if data.region is None:
        return data.summary.by_forum
    counts: dict[int, StatusCounts] = {}
    for decision in data.decisions:
        assignment = decision.assignment_of(data.region.id)
        if assignment is not None:
            counts.setdefault(decision.forum_number, StatusCounts()).by_status[assignment.status] += 1
    return counts


def scorecard(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    styles = ctx.styles
    executors = data.directory.executors
    lead: list[Any] = [heading(ctx, view, SCORECARD, level, number, keep=False)]
    lead.extend(
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
        return _nothing(ctx, view, lead)
    # each wide enough for the longest header word at 9 pt bold (a header word is never cut)
    labels = (
        N_("Assigned"), N_("Implemented"), N_("In progress"), N_("Late"), N_("No news"), N_("Share implemented")
    )  # fmt: skip
    widths = [header_width(ctx, view, label, 16 * mm) for label in labels]
    columns = [
        Column(
            N_("Region or agency"),
            CONTENT_WIDTH - sum(widths),
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
        Column(labels[0], widths[0], lambda s: number_cell(styles, view[0].number(s.assigned)), True),
        Column(labels[1], widths[1], lambda s: number_cell(styles, view[0].number(s.implemented)), True),
        Column(labels[2], widths[2], lambda s: number_cell(styles, view[0].number(s.in_progress)), True),
        Column(labels[3], widths[3], lambda s: number_cell(styles, view[0].number(s.late)), True),
        Column(labels[4], widths[4], lambda s: number_cell(styles, view[0].number(s.stalled)), True),
        Column(
            labels[5],
            widths[5],
            lambda s: number_cell(styles, view[0].share(s.implemented_share)),
            True,
        ),
    ]

    def build(rows: Sequence[Any]) -> Flowable:
        return table(ctx, view, rows, columns, zebra=True)

    return [keep_with_start(lead, _first_row(build, data.scorecard)), *lead, build(data.scorecard)]


def overdue(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    intro = text_paragraphs(
        view,
        N_(
            "Most days overdue first. Under each decision: its deadline's history with the reasons for each "
            "move, and the executors who are late, each with its own status, days late and latest report."
        ),
        ctx.styles.body,
    )
    label = N_("Deadline, days overdue")
    dates = Column(
        label,
        header_width(ctx, view, label, 19 * mm),
        lambda d: Paragraph(
            f"{esc(view[0].short_date(d.deadline))}<br/><b>{esc(view[0].number(d.standing.days_overdue))}</b>",
            ctx.styles.cell,
        ),
    )
    return _who_is_behind(
        ctx,
        view,
        data,
        [heading(ctx, view, OVERDUE, level, number, keep=False), *intro],
        data.overdue,
        lambda d: d.late,
        dates,
        N_("Decision, executors late, their latest reports"),
    )


def stalled(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    intro = text_paragraphs(
        view,
        N_(
            "Open decisions adopted before {date} with no report since then, not yet overdue: under each, "
            "the executors who have not reported, with their latest report. Overdue decisions without news "
            "are in section {overdue}, where each executor without news is marked so."
        ),
        ctx.styles.body,
        date=data.when.stalled_since,
        overdue=str(SECTION_TITLES.index(OVERDUE) + 1),
    )
    return _who_is_behind(
        ctx,
        view,
        data,
        [heading(ctx, view, STALLED, level, number, keep=False), *intro],
        data.stalled_not_overdue(),
        lambda d: d.stalled,
        deadline_column(ctx, view),
        N_("Decision, executors without news, their latest reports"),
    )


def _who_is_behind(
    ctx: Context,
    view: View,
    data: ProgressReportData,
    lead: list[Any],
    decisions: list[DecisionLine],
    behind: Callable[[DecisionLine], list[AssignmentStanding]],
    dates: Column,
    header: str,
) -> list[Any]:
    """A table of decisions, each with its text, its deadline's moves and the executors ``behind``
    names on it."""
    if not decisions:
        return _nothing(ctx, view, lead)

    def block(w: Words, decision: DecisionLine) -> str:
        lines = [decision_text(w, decision)]
        if decision.deadline_moves:
            lines.append(small(deadline_history(w, decision.deadline_moves)))
        lines.extend(executor_lines(ctx, w, decision, behind(decision), data))
        return "<br/>".join(lines)

    columns = [code_column(ctx, with_forum=True), dates]

    def build(rows: Sequence[DecisionLine]) -> Flowable:
        return table(ctx, view, rows, columns, header, block)

    return [keep_with_start(lead, _first_row(build, decisions)), *lead, build(decisions)]


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
        if assignment.stalled:
            parts.append(f"<b>{esc(w.tr('no news'))}</b>")
        last = decision.last_report_from(assignment.executor_id)
        report = progress_line(ctx, w, last, executor=False) if last is not None else f"<i>{none}</i>"
        lines.append(small(", ".join(parts) + f". {label} {report}"))
    return lines


def by_forum(ctx: Context, view: View, data: ProgressReportData, level: int, number: str) -> list[Any]:
    """The open decisions, forum by forum; one already in the overdue or no-news list gets a line
    that refers to it instead of being described again."""
    numbers = {title: str(index + 1) for index, title in enumerate(SECTION_TITLES)}
    late = {d.id for d in data.overdue}
    quiet = {d.id for d in data.stalled}

    def block(w: Words, decision: DecisionLine) -> str:
        if decision.id in late:
            days = decision.standing.days_overdue
            return f"{status_mark(w, decision.status)} · " + esc(
                w.tr("overdue: see section {section}").format(section=numbers[OVERDUE])
                if not days
                else w.ngettext(
                    "{count} day overdue: see section {section}",
                    "{count} days overdue: see section {section}",
                    days,
                ).format(count=w.number(days), section=numbers[OVERDUE])
            )
        if decision.id in quiet:
            return f"{status_mark(w, decision.status)} · " + esc(
                w.tr("no news: see section {section}").format(section=numbers[STALLED])
            )
        return _full_block(ctx, w, decision)

    lead = [
        heading(ctx, view, BY_FORUM, level, number, keep=False),
        *text_paragraphs(
            view,
            N_(
                "Oldest forum first, in protocol order. Leads are in bold; the three latest reports are given. "
                "Decisions of the overdue and no-news lists are referred to there."
            ),
            ctx.styles.body,
        ),
    ]
    return _forum_tables(ctx, view, data, lead, data.open_decisions, block, level)


def _full_block(ctx: Context, w: Words, decision: DecisionLine) -> str:
    text = decision_block(ctx, w, decision)
    if decision.deadline_moves:
        text += "<br/>" + small(deadline_history(w, decision.deadline_moves))
    return text


def _forum_tables(
    ctx: Context,
    view: View,
    data: ProgressReportData,
    lead: list[Any],
    decisions: Sequence[DecisionLine],
    block: Callable[[Words, DecisionLine], str],
    level: int,
) -> list[Any]:
    """A table per forum, oldest first, each under its own heading kept with its first row."""
    groups: dict[int, list[DecisionLine]] = {}
    for decision in decisions:
        groups.setdefault(decision.forum_number, []).append(decision)
    if not groups:
        return _nothing(ctx, view, lead)
    columns = [code_column(ctx, with_forum=False)]

    def build(rows: Sequence[DecisionLine]) -> Flowable:
        return table(ctx, view, rows, columns, N_("Status, decision, executors, latest reports"), block)

    story: list[Any] = []
    for index, (number, rows) in enumerate(sorted(groups.items())):
        forum = data.directory.forums[number]
        title = " / ".join(f"{w.forum_name(forum)}, {w.forum_dates(forum)}" for w in view)
        head = [*(lead if index == 0 else []), plain_heading(ctx, title, level + 1, keep=False)]
        story += [keep_with_start(head, _first_row(build, rows)), *head, build(rows)]
    return story


def implemented_since(
    ctx: Context, view: View, data: ProgressReportData, level: int, number: str
) -> list[Any]:
    styles = ctx.styles
    lead: list[Any] = [heading(ctx, view, IMPLEMENTED, level, number, keep=False)]
    if data.previous is not None:
        lead.extend(
            text_paragraphs(
                view,
                N_(
                    "Decisions implemented from {date} (the opening of the previous forum) to the as-of date."
                ),
                styles.body,
                date=data.previous.start_date,
            )
        )
    if not data.implemented_since:
        return _nothing(ctx, view, lead)
    columns = [
        code_column(ctx, with_forum=True),
        Column(
            N_("Implemented on"),
            header_width(ctx, view, N_("Implemented on"), 20 * mm),
            lambda d: Paragraph(esc(view[0].short_date(d.implemented_on)), styles.cell),
        ),
    ]

    def block(w: Words, decision: DecisionLine) -> str:
        lines = [decision_text(w, decision)]
        if decision.progress:
            lines.append(small(progress_line(ctx, w, decision.progress[0])))
        return "<br/>".join(lines)

    def build(rows: Sequence[DecisionLine]) -> Flowable:
        return table(ctx, view, rows, columns, N_("Decision"), block)

    rows = data.implemented_since
    return [keep_with_start(lead, _first_row(build, rows)), *lead, build(rows)]


def annex(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    """Every decision of the earlier forums in full, closed ones included (only when asked)."""
    lead = [
        heading(ctx, view, ANNEX, level, keep=False),
        *text_paragraphs(
            view,
            N_("Every decision of the earlier forums, whatever its status, as recorded on the as-of date."),
            ctx.styles.body,
        ),
    ]
    return [
        PageBreak(),
        *_forum_tables(ctx, view, data, lead, data.archive, lambda w, d: _full_block(ctx, w, d), level),
    ]


Section = Callable[[Context, View, ProgressReportData, int, str], list[Any]]
#: The numbered sections in print order, with their titles in the same order.
SECTIONS: tuple[Section, ...] = (
    summary,
    definitions,
    scorecard,
    overdue,
    stalled,
    by_forum,
    implemented_since,
)
SECTION_TITLES: tuple[str, ...] = (SUMMARY, DEFINITIONS, SCORECARD, OVERDUE, STALLED, BY_FORUM, IMPLEMENTED)


def _sections(ctx: Context, view: View, data: ProgressReportData, level: int) -> list[Any]:
    flowables: list[Any] = []
    for index, section in enumerate(SECTIONS):
        flowables.extend(section(ctx, view, data, level, str(index + 1)))
    if data.archive:
        flowables.extend(annex(ctx, view, data, level))
    return flowables


def story(ctx: Context, words: View, data: ProgressReportData, layout: str) -> list[Any]:
    """The whole report: in the parallel layout one pass with every language side by side;
    in the sequential one a part per language, each under its own heading in that language."""
    body: list[Any] = []
    if layout == "parallel" or len(words) == 1:
        body = _sections(ctx, words, data, 0)
        deepest = 1
    else:
        for index, w in enumerate(words):
            if index:
                body.append(PageBreak())
            body.append(plain_heading(ctx, w.tr(PART_TITLE), 0))
            body.extend(_sections(ctx, (w,), data, 1))
        deepest = 1
    return [*cover(ctx, words, data), *table_of_contents(ctx, words, deepest), *body]


def title(w: Words, data: ProgressReportData) -> str:
    return w.tr(TITLE)


def subject(w: Words, data: ProgressReportData) -> str:
    return "; ".join([prepared_for(w, data.forum), as_of_line(w, data.when.date)])


def header_lines(words: View, data: ProgressReportData) -> list[str]:
    """«Отчёт о ходе исполнения решений — XII Форум … (Омск)», with the region when there is one;
    the page wraps a line that is wider than the text."""
    lines = []
    for w in words:
        line = f"{w.tr(SHORT_TITLE)} — {w.forum_name(data.forum)}"
        if data.region is not None:
            line += f" — {w.executor(data.region)}"
        lines.append(line)
    return lines
