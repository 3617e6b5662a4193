"""The progress report as a Word document, section for section the PDF's
(:mod:`~secretariat_app.reports.progress_report`): cover, contents, summary, statuses and terms,
the scorecard, overdue, without news, open decisions by forum, implemented since the previous
forum, and the archive annex when it was asked for — under the PDF's titles and numbers, each
decision described once. The charts are the PDF's; their figures are the summary's tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.i18n import N_, roman
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
    deadline_history,
    deadline_line,
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
#: each section's number, as the PDF numbers it
NUMBERS = {title: str(index + 1) for index, title in enumerate(pdf.SECTION_TITLES)}


def cover(writer: Writer, view: View, data: ProgressReportData) -> None:
    """The title, the forum with its dates in words, the as-of date in words, in every language."""
    for w in view:
        paragraph(writer, w.tr(pdf.TITLE), "Title", w.lang)
        paragraph(writer, pdf.prepared_for(w, data.forum), "Cover Line", w.lang)
        paragraph(writer, w.forum_dates(data.forum), "Cover Line", w.lang)
        if data.region is not None:
            region = w.tr("Region or agency: {name}").format(name=w.executor(data.region))
            paragraph(writer, region, "Cover Line", w.lang)
        paragraph(writer, as_of_line(w, data.when.date), "Cover Line", w.lang)
        writer.document.add_paragraph()
    for w in view:
        paragraph(writer, [(w.tr(SECRETARIAT), "b")], lang=w.lang)
    word.page_break(writer.document)


def contents(writer: Writer, view: View) -> None:
    word.table_of_contents(writer.document, joined(view, pdf.CONTENTS))
    word.page_break(writer.document)


def summary(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    first = view[0]
    mine = data.own_tally()
    counts = data.own_counts() if mine is not None else data.summary.overall
    heading(writer, f"{number}. {joined(view, pdf.SUMMARY)}", level)
    if data.previous is not None:
        sentences(
            writer,
            view,
            N_("Decisions of the forums before forum {number}; the previous forum: {previous}."),
            number=roman(data.forum.number),
            previous=roman(data.previous.number),
        )
    sentences(
        writer,
        view,
        N_(
            "Each decision is described once: the overdue ones in section {overdue}, those without news in "
            "section {stalled}; section {open} refers to them in one line and gives the other open "
            "decisions in full."
        ),
        overdue=NUMBERS[pdf.OVERDUE],
        stalled=NUMBERS[pdf.STALLED],
        open=NUMBERS[pdf.BY_FORUM],
    )
    figures: list[tuple[str, str, dict[str, Any]]] = []
    if mine is not None:
        figures += [
            (N_("Assignments of this region or agency"), first.number(mine.assigned), {}),
            (
                N_("Share implemented (of assignments that need action)"),
                first.share(mine.implemented_share),
                {},
            ),
        ]
    else:
        figures += [
            (N_("Decisions of earlier forums"), first.number(counts.total), {}),
            (
                N_("Share implemented (of decisions that need action)"),
                first.share(counts.implemented_share),
                {},
            ),
        ]
    figures += [
        (pdf.IMPLEMENTED, first.number(len(data.implemented_since)), {}),
        (N_("New decisions of the previous forum"), first.number(data.new_of_previous), {}),
        (N_("Overdue"), first.number(len(data.overdue)), {}),
        (
            N_("No news: no report since {date}"),
            first.number(len(data.stalled)),
            {"date": data.when.stalled_since},
        ),
    ]
    for lang, missing in data.missing_texts.items():
        figures.append((pdf.MISSING_TEXT[lang], first.number(missing), {}))
    table(
        writer,
        view,
        figures,
        [
            Column(N_("Indicator"), WIDTH_MM - 30, lambda f: stacked_label(view, f[0], **f[2])),
            Column(N_("Value"), 30, lambda f: [[(f[1], "")]], numeric=True),
        ],
    )
    writer.document.add_paragraph()
    status_table(writer, view, data, counts)


def status_table(writer: Writer, view: View, data: ProgressReportData, counts: StatusCounts) -> None:
    """Counts and shares by status, overall and by side; a region's own assignments only."""
    first = view[0]
    region = data.region is not None
    label = N_("Assignments") if region else N_("Decisions")
    width = 19.0
    columns = [
        Column(N_("Status"), WIDTH_MM - (2 if region else 6) * width, lambda s: _status_lines(view, s)),
        Column(label, width, lambda s: [[(first.number(counts.by_status[s]), "")]], True),
        Column(N_("Share"), width, lambda s: [[(first.share(counts.share(s)), "")]], True),
    ]
    if not region:
        for country in (Country.KZ, Country.RU):
            columns.extend(_side_columns(view, country, data.summary.by_side[country], width))
    table(writer, view, charts.STATUS_ORDER, columns)
    if not region:
        sentences(
            writer, view, N_("By side: assignments to the executors of each country, by their own status.")
        )


def _status_lines(view: View, status: Status) -> list[Line]:
    return [
        [status_mark(w, status)] if not i else [(status_mark(w, status)[0], "i")] for i, w in enumerate(view)
    ]


def _side_columns(view: View, country: Country, counts: StatusCounts, width: float) -> list[Column]:
    first = view[0]
    return [
        Column(pdf.SIDES[country], width, lambda s: [[(first.number(counts.by_status[s]), "")]], True),
        Column(N_("Share"), width, lambda s: [[(first.share(counts.share(s)), "")]], True),
    ]


def definitions(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    """The statuses and the report's terms, as the PDF's definitions page has them."""
    heading(writer, f"{number}. {joined(view, pdf.DEFINITIONS)}", level)
    items: list[tuple[Status | str, str]] = [(s, pdf.STATUS_DEFINITIONS[s]) for s in charts.STATUS_ORDER]
    items += list(pdf.TERMS)

    def term(item: tuple[Status | str, str]) -> list[Line]:
        label = item[0]
        return _status_lines(view, label) if isinstance(label, Status) else stacked_label(view, label)

    def meaning(w: Words, item: tuple[Status | str, str]) -> list[Line]:
        text = item[1]
        if isinstance(item[0], Status):
            return [[(w.tr(text), "")]]
        return [[(w.sentence(text, date=w.date(data.when.stalled_since)), "")]]

    table(writer, view, items, [Column(N_("Status"), 48, term)], N_("Meaning"), meaning)


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
        Column(N_("No news"), width, figure(lambda s: first.number(s.stalled)), True),
        Column(N_("Share implemented"), width, figure(lambda s: first.share(s.implemented_share)), True),
    ]
    table(writer, view, data.scorecard, columns)


def overdue(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.OVERDUE)}", level)
    sentences(
        writer,
        view,
        N_(
            "Most days overdue first. Under each decision: its deadline's history with the reasons for each "
            "move, and the executors who are late, each with its own status, days late and latest report."
        ),
    )
    dates = Column(
        N_("Deadline, days overdue"),
        20,
        lambda d: [
            [(view[0].short_date(d.deadline), "")],
            [(view[0].number(d.standing.days_overdue), "b")],
        ],
    )
    who_is_behind(
        writer,
        view,
        data,
        data.overdue,
        lambda d: d.late,
        dates,
        N_("Decision, executors late, their latest reports"),
    )


def stalled(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    """The decisions without news the overdue list does not already give (the PDF's selection)."""
    heading(writer, f"{number}. {joined(view, pdf.STALLED)}", level)
    sentences(
        writer,
        view,
        N_(
            "Open decisions adopted before {date} with no report since then, not yet overdue: under each, "
            "the executors who have not reported, with their latest report. Overdue decisions without news "
            "are in section {overdue}, where each executor without news is marked so."
        ),
        date=data.when.stalled_since,
        overdue=NUMBERS[pdf.OVERDUE],
    )
    who_is_behind(
        writer,
        view,
        data,
        data.stalled_not_overdue(),
        lambda d: d.stalled,
        deadline_column(view),
        N_("Decision, executors without news, their latest reports"),
    )


def who_is_behind(
    writer: Writer,
    view: View,
    data: ProgressReportData,
    decisions: list[DecisionLine],
    behind: Callable[[DecisionLine], list[AssignmentStanding]],
    dates: Column,
    header: str,
) -> None:
    """A table of decisions, each with its text, its deadline's history and the executors
    ``behind`` names on it."""
    if not decisions:
        sentences(writer, view, NOTHING)
        return

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        lines = [decision_text(w, decision), *deadline_history(w, decision.deadline_moves)]
        lines.extend(executor_lines(writer, w, decision, behind(decision), data))
        return lines

    columns = [code_column(with_forum=True), dates]
    table(writer, view, decisions, columns, header, block, counts=True)


def executor_lines(
    writer: Writer, w: Words, decision: DecisionLine, who: list[AssignmentStanding], data: ProgressReportData
) -> list[Line]:
    """One line per executor named (in a region's report, only that region): its own status, days
    late, whether it has gone without news, and its own latest report."""
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
        if assignment.stalled:
            line += [(", ", ""), (w.tr("no news"), "b")]
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


def forum_tables(
    writer: Writer,
    view: View,
    data: ProgressReportData,
    decisions: list[DecisionLine],
    block: Callable[[Words, DecisionLine], list[Line]],
    level: int,
) -> None:
    """A table per forum, oldest first, each under its own heading."""
    groups: dict[int, list[DecisionLine]] = {}
    for decision in decisions:
        groups.setdefault(decision.forum_number, []).append(decision)
    if not groups:
        sentences(writer, view, NOTHING)
    for forum_number, group in sorted(groups.items()):
        forum = data.directory.forums[forum_number]
        heading(writer, " / ".join(f"{w.forum_name(forum)}, {w.forum_dates(forum)}" for w in view), level + 1)
        table(
            writer,
            view,
            group,
            [code_column(with_forum=False)],
            N_("Status, decision, executors, latest reports"),
            block,
            counts=True,
        )


def full_block(writer: Writer, w: Words, decision: DecisionLine) -> list[Line]:
    """A decision in one language: status and deadline, text, executors, latest progress, and its
    deadline's history."""
    lines = [deadline_line(w, decision), decision_text(w, decision)]
    executors = executors_line(writer.directory, w, decision)
    if executors:
        lines.append(executors)
    lines.extend(progress_line(writer.directory, w, entry) for entry in decision.progress[:PROGRESS_SHOWN])
    lines.extend(deadline_history(w, decision.deadline_moves))
    return lines


def open_decisions(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    """The open decisions by forum; one of the overdue or no-news lists gets a line referring to it."""
    late = {d.id for d in data.overdue}
    quiet = {d.id for d in data.stalled}

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        if decision.id in late:
            days = decision.standing.days_overdue
            section = NUMBERS[pdf.OVERDUE]
            text = (
                w.ngettext(
                    "{count} day overdue: see section {section}",
                    "{count} days overdue: see section {section}",
                    days,
                ).format(count=w.number(days), section=section)
                if days
                else w.tr("overdue: see section {section}").format(section=section)
            )
            return [[status_mark(w, decision.status), (" · " + text, "")]]
        if decision.id in quiet:
            text = w.tr("no news: see section {section}").format(section=NUMBERS[pdf.STALLED])
            return [[status_mark(w, decision.status), (" · " + text, "")]]
        return full_block(writer, w, decision)

    heading(writer, f"{number}. {joined(view, pdf.BY_FORUM)}", level)
    sentences(
        writer,
        view,
        N_(
            "Oldest forum first, in protocol order. Leads are in bold; the three latest reports are given. "
            "Decisions of the overdue and no-news lists are referred to there."
        ),
    )
    forum_tables(writer, view, data, data.open_decisions, block, level)


def implemented_since(writer: Writer, view: View, data: ProgressReportData, level: int, number: str) -> None:
    heading(writer, f"{number}. {joined(view, pdf.IMPLEMENTED)}", level)
    if data.previous is not None:
        sentences(
            writer,
            view,
            N_("Decisions implemented from {date} (the opening of the previous forum) to the as-of date."),
            date=data.previous.start_date,
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
    """Every decision of the earlier forums in full, closed ones included (only when asked)."""
    if not data.archive:
        return
    word.page_break(writer.document)
    heading(writer, joined(view, pdf.ANNEX), level)
    sentences(
        writer,
        view,
        N_("Every decision of the earlier forums, whatever its status, as recorded on the as-of date."),
    )
    forum_tables(writer, view, data, data.archive, lambda w, d: full_block(writer, w, d), level)


#: The numbered sections, in :data:`progress_report.SECTION_TITLES` order.
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
    under its own heading in that language."""
    cover(writer, words, data)
    contents(writer, words)
    if layout == "parallel" or len(words) == 1:
        sections(writer, words, data, 0)
        return
    for index, w in enumerate(words):
        if index:
            word.page_break(writer.document)
        heading(writer, w.tr(pdf.PART_TITLE), 0)
        sections(writer, (w,), data, 1)
