"""Reminder letters as a Word document: the PDF's letters (:mod:`~secretariat_app.reports.letters`)
— letterhead, outgoing number and date in words, addressee, salutation, what the addressee is late
or stalled on with its own status and last report, the closing sentence and the signer — each
letter a section of its own: it starts on a new page, its first page has no running header, and
its pages count from 1 ("page X of Y" of that letter), so a clerk can edit, print and sign each."""

from __future__ import annotations

from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.services.report_data import DecisionLine, Reminder, RemindersData
from secretariat_app.reports import letters as pdf
from secretariat_app.reports.blocks import SECRETARIAT
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx.content import (
    Column,
    Line,
    View,
    Writer,
    decision_text,
    heading,
    paragraph,
    progress_line,
    sentences,
    side_by_side,
    status_mark,
    table,
)
from secretariat_app.reports.words import Words

#: Each section's footer counts the pages of its own letter.
PAGE_TOTAL = "SECTIONPAGES"


def letter(writer: Writer, view: View, data: RemindersData, reminder: Reminder) -> None:
    """One letter in the languages of ``view`` (all of them side by side, or one)."""
    addressee = data.addressees.get(reminder.executor_id)
    side_by_side(writer, view, [[[(w.tr(SECRETARIAT), "b")]] for w in view])
    side_by_side(writer, view, [[[(pdf.number_line(w, data, reminder), "")]] for w in view])
    whom = [[[(line, "b")] for line in pdf.addressee_lines(w, data, reminder)] for w in view]
    if len(view) == 1:  # a letter in one language sets the addressee at the top right
        for line in whom[0]:
            paragraph(writer, line, "Addressee", view[0].lang)
    else:
        side_by_side(writer, view, whom)
    side_by_side(writer, view, [[[(pdf.salutation(w, addressee), "")]] for w in view], "Salutation")
    side_by_side(writer, view, [[[(pdf.intro(w, data), "")]] for w in view])

    def standing(w: Words, decision: DecisionLine) -> Line:
        """The addressee's own status and how late it is (or since when it has not reported)."""
        own = reminder.standing(decision)
        return [
            status_mark(w, own.status),
            (" — ", ""),
            (pdf.own_delays(w, own, data.when.stalled_since), "b"),
        ]

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        last = decision.last_report_from(reminder.executor_id)
        report: Line = (
            [
                (w.tr("Your last report:") + " ", "i"),
                *progress_line(writer.directory, w, last, executor=False),
            ]
            if last
            else [(w.tr("No reports received from you."), "i")]
        )
        return [standing(w, decision), decision_text(w, decision), report]

    columns = [
        Column(N_("Code, forum"), 16, lambda d: [[(d.code, "b")], [(roman(d.forum_number), "")]]),
        Column(N_("Deadline"), 20, lambda d: [[(view[0].short_date(d.deadline) or "—", "")]]),
    ]
    table(writer, view, reminder.decisions, columns, N_("Decision and your last report"), block, counts=True)
    writer.document.add_paragraph()
    side_by_side(writer, view, [[[(pdf.closing(w, data), "")]] for w in view])
    writer.document.add_paragraph()
    signer = []
    for w in view:
        position = data.signer.position_in(w.lang) or w.tr(SECRETARIAT)
        signer.append(
            [
                [(position, "")],
                [("", "")],
                [("_" * 22 + "\u00a0" * 3, ""), (data.signer.name_in(w.lang), "b")],
            ]
        )
    side_by_side(writer, view, signer)


def write(writer: Writer, words: View, data: RemindersData, layout: str) -> None:
    """One section per letter; in the sequential layout a letter holds each language in turn."""
    views = [words] if layout == "parallel" or len(words) == 1 else [(w,) for w in words]
    document = writer.document
    if not data.reminders:
        sentences(writer, words, N_("No executor has overdue or stalled decisions."))
    for number, reminder in enumerate(data.reminders):
        section = document.sections[0] if number == 0 else word.new_section(document)
        word.restart_numbering(section)
        word.page_footer(section, words, PAGE_TOTAL)
        word.letter_header(section, pdf.running_header(words, data, reminder))
        executor = data.directory.executors[reminder.executor_id]
        heading(writer, " / ".join(dict.fromkeys(w.executor(executor) for w in words)), 0)
        for index, view in enumerate(views):
            if index:
                word.page_break(document)
            letter(writer, view, data, reminder)
