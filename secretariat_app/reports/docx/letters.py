"""Reminder letters as a Word document: each letter a section of its own, starting on a new page
with its page numbers counting from 1 ("page X of Y" of that letter), so that a clerk can edit,
print and sign each one."""

from __future__ import annotations

from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.services.report_data import DecisionLine, Reminder, RemindersData
from secretariat_app.reports.blocks import SECRETARIAT
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx.content import (
    Column,
    Line,
    View,
    Writer,
    decision_text,
    heading,
    progress_line,
    sentences,
    side_by_side,
    status_mark,
    table,
)
from secretariat_app.reports.docx.progress import deadline_column
from secretariat_app.reports.docx.resolutions import signatures
from secretariat_app.reports.words import Words

#: Each section's footer counts the pages of its own letter.
PAGE_TOTAL = "SECTIONPAGES"


def rows_drawn(data: RemindersData) -> int:
    return sum(len(r.decisions) for r in data.reminders)


def letter(writer: Writer, view: View, data: RemindersData, reminder: Reminder) -> None:
    executor = data.directory.executors[reminder.executor_id]
    forum = data.forum
    heading(writer, " / ".join(dict.fromkeys(w.executor(executor) for w in view)), 0)
    heads: list[list[Line]] = []
    for w in view:
        request = w.sentence(
            N_(
                "According to the secretariat's records, the decisions below, assigned to you, "
                "are overdue or have had no report since {date}. Please report on their execution "
                "before the {number} Forum of Interregional Cooperation ({city}) opens on {start}."
            ),
            date=w.date(data.when.stalled_since),
            start=w.date(forum.start_date),
            **w.forum_params(forum),
        )
        heads.append(
            [
                [(w.tr(SECRETARIAT), "b")],
                [(w.date(data.when.date), "")],
                [(w.tr("To: {name}").format(name=w.executor(executor)), "")],
                [(request, "")],
            ]
        )
    side_by_side(writer, view, heads)

    def standing(w: Words, decision: DecisionLine) -> Line:
        """The addressee's own status and how late it is (or since when it has not reported)."""
        own = reminder.standing(decision)
        delays = []
        if own.days_late:
            days = own.days_late
            delays.append(
                w.ngettext("{count} day late", "{count} days late", days).format(count=w.number(days))
            )
        if own.stalled:
            delays.append(w.tr("no report since {date}").format(date=w.short_date(data.when.stalled_since)))
        return [status_mark(w, own.status), (" — ", ""), ("; ".join(delays), "b")]

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        last = decision.last_report_from(reminder.executor_id)
        report: Line = (
            progress_line(writer.directory, w, last, executor=False)
            if last
            else [(w.tr("No reports received from you."), "i")]
        )
        return [
            standing(w, decision),
            decision_text(w, decision),
            [(w.tr("Your last report:") + " ", ""), *report],
        ]

    def code(decision: DecisionLine) -> list[Line]:
        """Code and forum with the addressee's own status mark (not the decision's)."""
        own = reminder.standing(decision).status.symbol
        return [[(decision.code, "b")], [(roman(decision.forum_number), "")], [(own, "")]]

    columns = [Column(N_("Code, forum"), 16, code), deadline_column(view)]
    table(writer, view, reminder.decisions, columns, N_("Decision and your last report"), block, counts=True)
    signatures(writer, view)


def write(writer: Writer, words: View, data: RemindersData, layout: str) -> None:
    """One section per letter (and per language in the sequential layout)."""
    views = [words] if layout == "parallel" or len(words) == 1 else [(w,) for w in words]
    document = writer.document
    if not data.reminders:
        sentences(writer, words, N_("No executor has overdue or stalled decisions."))
    first = True
    for reminder in data.reminders:
        for view in views:
            section = document.sections[0] if first else word.new_section(document)
            word.restart_numbering(section)
            word.page_footer(section, words, PAGE_TOTAL)
            first = False
            letter(writer, view, data, reminder)
