"""The decisions adopted at a forum as a Word document, ready to edit and sign: the PDF's list
(:mod:`~secretariat_app.reports.resolutions`) — forum, place and dates in words, the protocol, the
decisions under their protocol numbers with executors and deadlines, the count and a signature
block per side; no status marks, no as-of date."""

from __future__ import annotations

from secretariat_app.core.i18n import N_
from secretariat_app.core.services.report_data import DecisionLine, ResolutionsData
from secretariat_app.reports import resolutions as pdf
from secretariat_app.reports.docx import document as word
from secretariat_app.reports.docx.content import (
    Column,
    Line,
    View,
    Writer,
    decision_text,
    executors_line,
    heading,
    sentences,
    side_by_side,
    table,
)
from secretariat_app.reports.words import Words


def body(writer: Writer, view: View, data: ResolutionsData) -> None:
    heading(writer, " / ".join(pdf.title(w, data) for w in view), 0)
    side_by_side(writer, view, [[[(pdf.place_and_dates(w, data), "")]] for w in view], "Cover Line")
    side_by_side(writer, view, [[[(pdf.protocol_line(w, data), "")]] for w in view], "Cover Line")
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
            lines.append([(text, emphasis + "i") for text, emphasis in executors])
        return lines

    columns = [
        Column(N_("No."), 14, lambda d: [[(d.code, "b")]]),
        Column(N_("Deadline"), 20, lambda d: [[(view[0].short_date(d.deadline) or "—", "")]]),
    ]
    table(writer, view, data.decisions, columns, N_("Decision and executors"), block, counts=True)


def closing(writer: Writer, words: View, data: ResolutionsData) -> None:
    """The count of decisions and the co-chairs' representatives' signature blocks."""
    sentences(writer, words, N_("Decisions in the list: {count}."), count=str(len(data.decisions)))
    order = pdf.signing_order(words)
    cells: list[list[Line]] = []
    for side, w in order:
        signatory = data.cochairs.get(side)
        position = signatory.position_in(w.lang) if signatory else ""
        name = signatory.name_in(w.lang) if signatory else ""
        lines: list[Line] = [[(w.tr(pdf.SIDE_LABELS[side]), "b")]]
        if position:
            lines.append([(position, "")])
        lines += [[("", "")], [("_" * 22 + "\u00a0" * 3, ""), (name, "b")]]
        cells.append(lines)
    writer.document.add_paragraph()
    side_by_side(writer, tuple(w for _side, w in order), cells)


def write(writer: Writer, words: View, data: ResolutionsData, layout: str) -> None:
    if layout == "parallel" or len(words) == 1:
        body(writer, words, data)
    else:
        for index, w in enumerate(words):
            if index:
                word.page_break(writer.document)
            body(writer, (w,), data)
    closing(writer, words, data)
