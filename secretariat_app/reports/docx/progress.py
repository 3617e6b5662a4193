"""The progress report as a Word document: cover, contents, summary, what the statuses mean,
the scorecard, overdue, without news, open decisions by forum, implemented since the previous
forum, and the archive annex when it was asked for. Section titles are the PDF's message ids."""

from __future__ import annotations

from collections.abc import Callable

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.i18n import LANGUAGE_NAMES, N_, roman
from secretariat_app.core.services.executor_standing import AssignmentStanding, ExecutorTally
from secretariat_app.core.services.report_data import DecisionLine, ProgressReportData
from secretariat_app.core.services.summary import StatusCounts
from secretariat_app.reports import charts
from secretariat_app.reports import progress_report as pdf
from secretariat_app.reports.blocks import NOTHING, PROGRESS_SHOWN, SECRETARIAT, as_of_line
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx.content import (
    WIDTH_MM,
    Column,
    Line,
    View,
    Writer,
    code_lines,
    deadline_line,
    deadline_moves,
    decision_text,
    executors_line,
    heading,
    joined,
    paragraph,
    progress_line,
    sentences,
    stacked_label,
    status_mark,
    table,
)
from secretariat_app.reports.words import Words

Section = Callable[[Writer, View, ProgressReportData, int, str], None]


def rows_drawn(data: ProgressReportData) -> int:
    """Decision rows one language pass writes (for progress reporting)."""
    return (
        len(data.overdue)
        + len(data.stalled)
        + len(data.open_decisions)
        + len(data.implemented_since)
        + len(data.archive)
    )


def cover(writer: Writer, view: View, data: ProgressReportData) -> None:
    """The title, the forum with its dates in words, the as-of date in words, in every language."""
    for w in view:
        paragraph(writer, w.tr(pdf.TITLE), "Title", w.lang)
        paragraph(writer, pdf.prepared_for(w, data.forum), "Cover Line", w.lang)
        paragraph(writer, w.forum_dates(data.forum), "Cover Line", w.lang)
        if data.region is not None:
            region = w.tr("Region or agency: {name}").format(name=w.executor(data.region))
            paragraph(writer, region, "Cover Line", w.lang)
        paragraph(writer, as_of_line(w, data.when.date, long=True), "Cover Line", w.lang)
        writer.document.add_paragraph()
    for w in view:
        paragraph(writer, [(w.tr(SECRETARIAT), "b")], lang=w.lang)
    word.page_break(writer.document)


def contents(writer: Writer, view: View) -> None:
    word.table_of_contents(writer.document, joined(view, pdf.CONTENTS))
    word.page_break(writer.document)


def summary(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    first = view[0]
    overall = data.summary.overall
    heading(writer, f"{number}. {joined(view, pdf.SUMMARY)}", level)
    if data.previous is not None:
        sentences(
            writer,
            view,
            N_("Decisions of the forums before forum {number}; the previous forum: {previous}."),
            number=roman(data.forum.number),
            previous=roman(data.previous.number),
        )
    figures: list[tuple[list[Line], str]] = [
        (stacked_label(view, N_("Decisions of earlier forums")), first.number(overall.total)),
        (
            stacked_label(view, N_("Share implemented (of decisions that need action)")),
            first.share(overall.implemented_share),
        ),
        (stacked_label(view, pdf.IMPLEMENTED), first.number(len(data.implemented_since))),
        (stacked_label(view, N_("New decisions of the previous forum")), first.number(data.new_of_previous)),
        (stacked_label(view, N_("Overdue")), first.number(len(data.overdue))),
        (
            stacked_label(view, N_("Stalled: no report since {date}"), date=data.when.stalled_since),
            first.number(len(data.stalled)),
        ),
    ]
    for lang, missing in data.missing_texts.items():
        figures.append((stacked_label(view, pdf.MISSING_TEXT[lang]), first.number(missing)))
    table(
        writer,
        view,
        figures,
        [
            Column(N_("Indicator"), WIDTH_MM - 30, lambda f: f[0]),
            Column(N_("Value"), 30, lambda f: [[(f[1], "")]], numeric=True),
        ],
    )
    writer.document.add_paragraph()
    status_table(writer, view, data)


def status_table(writer: Writer, view: View, data: ProgressReportData) -> None:
    """Counts and shares by status overall (decisions) and by side (assignments)."""
    first = view[0]
    overall = data.summary.overall
    width = 19.0
    columns = [
        Column(
            N_("Status"),
            WIDTH_MM - 6 * width,
            lambda s: [
                [status_mark(w, s)] if not i else [(status_mark(w, s)[0], "i")] for i, w in enumerate(view)
            ],
        ),
        Column(N_("Decisions"), width, lambda s: [[(first.number(overall.by_status[s]), "")]], True),
        Column(N_("Share"), width, lambda s: [[(first.share(overall.share(s)), "")]], True),
    ]
    for country in (Country.KZ, Country.RU):
        columns.extend(_side_columns(view, country, data.summary.by_side[country], width))
    table(writer, view, charts.STATUS_ORDER, columns)
    sentences(writer, view, N_("By side: assignments to the executors of each country, by their own status."))


def _side_columns(view: View, country: Country, counts: StatusCounts, width: float) -> list[Column]:
    first = view[0]
    return [
        Column(pdf.SIDES[country], width, lambda s: [[(first.number(counts.by_status[s]), "")]], True),
        Column(N_("Share"), width, lambda s: [[(first.share(counts.share(s)), "")]], True),
    ]


def definitions(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.DEFINITIONS)}", level)
    rows = list(charts.STATUS_ORDER)

    def meaning(w: Words, status: Status) -> list[Line]:
        return [[status_mark(w, status), (" — " + w.tr(pdf.STATUS_MEANINGS[status]), "")]]

    table(writer, view, rows, [], N_("Status"), meaning)
    writer.document.add_paragraph()
    sentences(writer, view, pdf.OVERDUE_MEANING)
    sentences(writer, view, pdf.STALLED_MEANING, date=view[0].short_date(data.when.stalled_since))


def scorecard(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    first = view[0]
    executors = data.directory.executors
    heading(writer, f"{number}. {joined(view, pdf.SCORECARD)}", level)
    sentences(
        writer,
        view,
        N_(
            "Each executor's own assignments. Those late on the most decisions come first, then those "
            "with the most days late, then those with the lowest share implemented."
        ),
    )
    if not data.scorecard:
        sentences(writer, view, NOTHING)
        return
    width = 19.0

    def name(tally: ExecutorTally) -> list[Line]:
        return [[(w.executor(executors[tally.executor_id]), "i" if i else "")] for i, w in enumerate(view)]

    def figure(value: Callable[[ExecutorTally], str]) -> Callable[[ExecutorTally], list[Line]]:
        return lambda tally: [[(value(tally), "")]]

    columns = [
        Column(N_("Region or agency"), WIDTH_MM - 6 * width, name),
        Column(N_("Assigned"), width, figure(lambda s: first.number(s.assigned)), True),
        Column(N_("Implemented"), width, figure(lambda s: first.number(s.implemented)), True),
        Column(N_("In progress"), width, figure(lambda s: first.number(s.in_progress)), True),
        Column(N_("Late"), width, figure(lambda s: first.number(s.late)), True),
        Column(N_("Stalled"), width, figure(lambda s: first.number(s.stalled)), True),
        Column(N_("Share implemented"), width, figure(lambda s: first.share(s.implemented_share)), True),
    ]
    table(writer, view, data.scorecard, columns)


def overdue(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.OVERDUE)}", level)
    sentences(
        writer,
        view,
        N_(
            "Most days overdue first. Under each decision, the executors who are late, with their latest report."
        ),
    )
    days = Column(
        N_("Days overdue"), 20, lambda d: [[(view[0].number(d.standing.days_overdue), "")]], numeric=True
    )
    who_is_behind(
        writer,
        view,
        data,
        data.overdue,
        lambda d: d.late,
        days,
        N_("Decision, executors late, their latest reports"),
        with_moves=True,
    )


def stalled(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.STALLED)}", level)
    sentences(
        writer,
        view,
        N_(
            "Open decisions adopted before {date} with no report since {date}: under each, the "
            "executors who have not reported, with their latest report."
        ),
        date=view[0].short_date(data.when.stalled_since),
    )
    who_is_behind(
        writer,
        view,
        data,
        data.stalled,
        lambda d: d.stalled,
        None,
        N_("Decision, executors without news, their latest reports"),
    )


def who_is_behind(
    writer: Writer,
    view: View,
    data: ProgressReportData,
    decisions: list[DecisionLine],
    behind: Callable[[DecisionLine], list[AssignmentStanding]],
    extra: Column | None,
    header: str,
    with_moves: bool = False,
) -> None:
    """A table of decisions, each with its text, its deadline history when asked, and the
    executors ``behind`` names on it with their own latest reports."""
    if not decisions:
        sentences(writer, view, NOTHING)
        return

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        lines = [decision_text(w, decision)]
        if with_moves:
            lines.extend(deadline_moves(w, decision.deadline_moves, pdf.DEADLINE_MOVED))
        lines.extend(executor_lines(writer, w, decision, behind(decision), data))
        return lines

    columns = [code_column(with_forum=True), deadline_column(view)]
    if extra is not None:
        columns.append(extra)
    table(writer, view, decisions, columns, header, block, counts=True)


def executor_lines(
    writer: Writer, w: Words, decision: DecisionLine, who: list[AssignmentStanding], data: ProgressReportData
) -> list[Line]:
    """One line per executor named (in a region's report, only that region): its own status, days
    late and its own latest report."""
    if data.region is not None:
        who = [a for a in who if a.executor_id == data.region.id]
    if not who:
        return [[(w.tr("No executor assigned."), "i")]]
    lines = []
    for assignment in who:
        line: Line = [(w.executor(writer.directory.executors[assignment.executor_id]), "b"), (", ", "")]
        line.append(status_mark(w, assignment.status))
        if assignment.days_late:
            days = assignment.days_late
            late = w.ngettext("{count} day late", "{count} days late", days).format(count=w.number(days))
            line.append((", " + late, ""))
        line.append((". " + w.tr("Latest report:") + " ", ""))
        last = decision.last_report_from(assignment.executor_id)
        if last is not None:
            line.extend(progress_line(writer.directory, w, last, executor=False))
        else:
            line.append((w.tr("No reports received."), "i"))
        lines.append(line)
    return lines


def code_column(with_forum: bool) -> Column:
    if with_forum:
        return Column(N_("Code, forum"), 16, lambda d: code_lines(d, with_forum=True))
    return Column(N_("Code"), 14, lambda d: code_lines(d, with_forum=False))


def deadline_column(view: View) -> Column:
    return Column(N_("Deadline"), 20, lambda d: [[(view[0].short_date(d.deadline) or "—", "")]])


def by_forum(
    writer: Writer, view: View, decisions: list[DecisionLine], data: ProgressReportData, level: int
) -> None:
    """``decisions`` under a heading per forum, oldest forum first, each with its full block."""
    groups: dict[int, list[DecisionLine]] = {}
    for decision in decisions:
        groups.setdefault(decision.forum_number, []).append(decision)
    if not groups:
        sentences(writer, view, NOTHING)
    for forum_number, group in groups.items():
        forum = data.directory.forums[forum_number]
        heading(writer, " / ".join(f"{w.forum_name(forum)}, {w.forum_dates(forum)}" for w in view), level + 1)
        table(
            writer,
            view,
            group,
            [code_column(with_forum=False)],
            N_("Status, decision, executors, latest reports"),
            lambda w, d: decision_block(writer, w, d),
            counts=True,
        )


def decision_block(writer: Writer, w: Words, decision: DecisionLine) -> list[Line]:
    """A decision in one language: status and deadline, text, executors, latest progress."""
    lines = [deadline_line(w, decision), decision_text(w, decision)]
    executors = executors_line(writer.directory, w, decision)
    if executors:
        lines.append(executors)
    lines.extend(progress_line(writer.directory, w, entry) for entry in decision.progress[:PROGRESS_SHOWN])
    return lines


def open_decisions(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.BY_FORUM)}", level)
    sentences(
        writer,
        view,
        N_(
            "Oldest forum first; within a forum, open decisions first. Leads are in bold; up to three latest reports."
        ),
    )
    by_forum(writer, view, data.open_decisions, data, level)


def implemented_since(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.IMPLEMENTED)}", level)
    if data.previous is not None:
        sentences(
            writer,
            view,
            N_("Decisions implemented from {date} (the opening of the previous forum) to the as-of date."),
            date=view[0].short_date(data.previous.start_date),
        )
    if not data.implemented_since:
        sentences(writer, view, NOTHING)
        return
    columns = [
        code_column(with_forum=True),
        Column(N_("Implemented on"), 20, lambda d: [[(view[0].short_date(d.implemented_on), "")]]),
    ]

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        lines = [decision_text(w, decision)]
        if decision.progress:
            lines.append(progress_line(writer.directory, w, decision.progress[0]))
        return lines

    table(writer, view, data.implemented_since, columns, N_("Decision"), block, counts=True)


def annex(writer: Writer, view: View, data: ProgressReportData, level: int) -> None:
    """Every decision of the earlier forums, only when the archive was asked for."""
    if not data.archive:
        return
    heading(writer, joined(view, pdf.ANNEX), level)
    by_forum(writer, view, data.archive, data, level)


#: The numbered sections, in the order the report prints them.
SECTIONS: tuple[Section, ...] = (
    summary,
    definitions,
    scorecard,
    overdue,
    stalled,
    open_decisions,
    implemented_since,
)


def sections(writer: Writer, view: View, data: ProgressReportData, level: int) -> None:
    for index, section in enumerate(SECTIONS, start=1):
        section(writer, view, data, level, str(index))
    annex(writer, view, data, level)


def write(writer: Writer, words: View, data: ProgressReportData, layout: str) -> None:
    """The whole report: one pass with the languages side by side, or a part per language, each
    under its own top-level heading."""
    cover(writer, words, data)
    contents(writer, words)
    if layout == "parallel" or len(words) == 1:
        sections(writer, words, data, 0)
        return
    for index, w in enumerate(words):
        if index:
            word.page_break(writer.document)
        heading(writer, LANGUAGE_NAMES[w.lang], 0)
        sections(writer, (w,), data, 1)
