"""The decisions adopted at a forum as a Word document, ready to edit and sign: the forum, its
dates in words, the decisions with executors and deadlines, and the signature blocks — no
status marks, no as-of date."""

from __future__ import annotations

from secretariat_app.core.i18n import N_
from secretariat_app.core.services.report_data import DecisionLine, ResolutionsData
from secretariat_app.reports import resolutions as pdf
from secretariat_app.reports.blocks import SECRETARIAT
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx.content import (
    Column,
    Line,
    View,
    Writer,
    decision_text,
    executors_line,
    heading,
    paragraph,
    sentences,
    side_by_side,
    table,
)
from secretariat_app.reports.words import Words


def rows_drawn(data: ResolutionsData) -> int:
    return len(data.decisions)


def body(writer: Writer, view: View, data: ResolutionsData) -> None:
    heading(writer, " / ".join(pdf.title(w, data) for w in view), 0)
    paragraph(writer, view[0].forum_dates(data.forum), "Cover Line")
    if any(data.forum.theme.get(w.lang) for w in view):
        themes = [
            [[(w.tr("Theme: {theme}").format(theme=data.forum.theme.get(w.lang, "")), "")]] for w in view
        ]
        side_by_side(writer, view, themes)
    if not data.decisions:
        sentences(writer, view, N_("No decisions of this forum are recorded."))
        return

    def block(w: Words, decision: DecisionLine) -> list[Line]:
        lines = [decision_text(w, decision)]
        executors = executors_line(writer.directory, w, decision, statuses=False)
        if executors:
            lines.append(executors)
        return lines

    columns = [
        Column(N_("Code"), 14, lambda d: [[(d.code, "b")]]),
        Column(N_("Deadline"), 20, lambda d: [[(view[0].short_date(d.deadline) or "—", "")]]),
    ]
    table(writer, view, data.decisions, columns, N_("Decision and executors"), block, counts=True)
    signatures(writer, view)


def signatures(writer: Writer, view: View) -> None:
    """The secretariat's signature line in every language of the view."""
    writer.document.add_paragraph()
    side_by_side(writer, view, [[[(w.tr(SECRETARIAT), "")], [("", "")], [("_" * 30, "")]] for w in view])


def write(writer: Writer, words: View, data: ResolutionsData, layout: str) -> None:
    if layout == "parallel" or len(words) == 1:
        body(writer, words, data)
        return
    for index, w in enumerate(words):
        if index:
            word.page_break(writer.document)
        body(writer, (w,), data)
