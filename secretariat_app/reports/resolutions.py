"""The decisions adopted at a forum, as a list the co-chairs' representatives sign.

A document to sign states facts of the protocol only: the forum, its city and dates in words, the
protocol's number and date, each decision's text in every printed language under its number in
the protocol, its executors and deadline — no status marks and no "as of" stamp (they change; the
signed list does not). It ends with a signature block per side, each in its own language when that
language is printed: Kazakhstan's representative in Kazakh, Russia's in Russian.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from secretariat_app.core.enums import Country
from secretariat_app.core.i18n import N_, NBSP
from secretariat_app.core.services.report_data import DecisionLine, ResolutionsData
from secretariat_app.reports.blocks import (
    ChunkedTable,
    Column,
    Context,
    ReportTable,
    View,
    decision_text,
    esc,
    executors_line,
    plain_heading,
    side_by_side,
    table,
    text_paragraphs,
)
from secretariat_app.reports.keep import TableWithClosing
from secretariat_app.reports.layout import TickParagraph
from secretariat_app.reports.words import Words

TITLE = N_("Decisions of the {number} Forum of Interregional Cooperation ({city})")
#: the heading of each side's signature block
SIDE_LABELS = {Country.KZ: N_("For the Kazakh side"), Country.RU: N_("For the Russian side")}
#: the language each side signs in, when it is printed
SIDE_LANGUAGE = {Country.KZ: "kk", Country.RU: "ru"}
#: a protocol's number or date not recorded yet: room to write it in
BLANK = "________"
_AFTER_NUMBER_SIGN = re.compile(r"(№|No\.)\s+")


def rows_drawn(data: ResolutionsData) -> int:
    return len(data.decisions)


def title(w: Words, data: ResolutionsData) -> str:
    return w.tr(TITLE).format(**w.forum_params(data.forum))


def subject(w: Words, data: ResolutionsData) -> str:
    return w.forum_dates(data.forum)


def header_lines(words: View, data: ResolutionsData) -> list[str]:
    return [title(w, data) for w in words]


def place_and_dates(w: Words, data: ResolutionsData) -> str:
    """«Омск, 13–14 февраля 2027 г.»."""
    return f"{data.forum.city_in(w.lang)}, {w.forum_dates(data.forum)}"


def protocol_line(w: Words, data: ResolutionsData) -> str:
    """«Протокол № 12 от 14 ноября 2026 г.»; blanks to fill in where nothing is recorded."""
    line = w.tr("Protocol No. {number} of {date}").format(
        number=data.protocol_number.strip() or BLANK,
        date=w.date(data.protocol_date) if data.protocol_date else BLANK,
    )
    return _AFTER_NUMBER_SIGN.sub(lambda m: m.group(1) + NBSP, line)


def signing_order(words: View) -> list[tuple[Country, Words]]:
    """Each side with the language it signs in (its own when printed, else the first printed),
    in the order of the printed languages (Russian's column holds Russia's block)."""
    langs = [w.lang for w in words]
    signing = []
    for side in Country:
        lang = SIDE_LANGUAGE[side] if SIDE_LANGUAGE[side] in langs else langs[0]
        signing.append((side, words[langs.index(lang)]))
    signing.sort(key=lambda pair: langs.index(pair[1].lang))
    return signing


def signature_blocks(ctx: Context, words: View, data: ResolutionsData) -> Any:
    """The co-chairs' representatives side by side: the side, the position, a line and the name."""
    order = signing_order(words)
    cells = []
    for side, w in order:
        signatory = data.cochairs.get(side)
        position = signatory.position_in(w.lang) if signatory else ""
        name = signatory.name_in(w.lang) if signatory else ""
        lines = [f"<b>{esc(w.tr(SIDE_LABELS[side]))}</b>"]
        if position:
            lines.append(esc(position))
        lines.append(f"<br/><br/>{'_' * 22}{NBSP * 3}<b>{esc(name)}</b>")
        cells.append(Paragraph("<br/>".join(lines), ctx.styles.body))
    return side_by_side(tuple(w for _side, w in order), cells)


def _body(ctx: Context, view: View, data: ResolutionsData) -> list[Any]:
    styles = ctx.styles
    centered = ParagraphStyle("centered", parent=styles.subtitle, alignment=TA_CENTER)
    story: list[Any] = [plain_heading(ctx, " / ".join(title(w, data) for w in view), 0)]
    story.append(side_by_side(view, [Paragraph(esc(place_and_dates(w, data)), centered) for w in view]))
    story.append(side_by_side(view, [Paragraph(esc(protocol_line(w, data)), centered) for w in view]))
    if any(data.forum.theme.get(w.lang) for w in view):
        themes = [
            Paragraph(esc(w.tr("Theme: {theme}").format(theme=data.forum.theme.get(w.lang, ""))), styles.body)
            for w in view
        ]
        story.append(side_by_side(view, themes))
    story.append(Spacer(1, 4 * mm))
    if not data.decisions:
        story.extend(text_paragraphs(view, N_("No decisions of this forum are recorded."), styles.body))
        return story

    def block(w: Words, decision: DecisionLine) -> str:
        lines = [decision_text(w, decision)]
        executors = executors_line(ctx, w, decision, statuses=False)
        if executors:
            lines.append(f"<i>{executors}</i>")
        return "<br/>".join(lines)

    columns = [
        Column(
            N_("No."),
            13 * mm,
            lambda d: TickParagraph.make(f"<b>{esc(d.code)}</b>", styles.cell, ctx.ticker),
        ),
        Column(
            N_("Deadline"),
            20 * mm,
            lambda d: Paragraph(esc(view[0].short_date(d.deadline) or "—"), styles.cell),
        ),
    ]
    story.append(table(ctx, view, data.decisions, columns, N_("Decision and executors"), block))
    return story


def _with_closing(flowables: list[Any], closing: list[Any]) -> list[Any]:
    """The body with the closing block kept with its last table row (see :mod:`..keep`)."""
    if flowables and isinstance(flowables[-1], ReportTable | ChunkedTable):
        return [*flowables[:-1], TableWithClosing(flowables[-1], closing)]
    return [*flowables, KeepTogether(closing)]


def closing(ctx: Context, words: View, data: ResolutionsData) -> list[Any]:
    """The count of decisions and the signatures (kept with the last row of the list)."""
    total = text_paragraphs(
        words, N_("Decisions in the list: {count}."), ctx.styles.body, count=str(len(data.decisions))
    )
    return [Spacer(1, 3 * mm), *total, Spacer(1, 8 * mm), signature_blocks(ctx, words, data)]


def story(ctx: Context, words: View, data: ResolutionsData, layout: str) -> list[Any]:
    if layout == "parallel" or len(words) == 1:
        return _with_closing(_body(ctx, words, data), closing(ctx, words, data))
    flowables: list[Any] = []
    for index, w in enumerate(words):
        if index:
            flowables.append(PageBreak())
        flowables.extend(_body(ctx, (w,), data))
    return _with_closing(flowables, closing(ctx, words, data))
