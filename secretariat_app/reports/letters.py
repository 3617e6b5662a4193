"""Reminder letters: one per executor late or stalled on decisions, each a letter that can be sent.

Executors have no accounts in the app; paper (or the PDF) is how they are reminded. Each letter is
its own document within the batch (see :mod:`~secretariat_app.reports.letter_document`): the
letterhead, its outgoing number and date in words, the addressee (position and name when known,
else the executor), a salutation, what the addressee is late or stalled on — its own live
assignments, by the executor-level rules, with its own status and its own last report — and the
signer from the settings, with room for the signature. In the sequential layout a letter holds
its text in each language in turn, under one outgoing number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from secretariat_app.core.i18n import N_, NBSP, roman
from secretariat_app.core.services.executor_standing import AssignmentStanding
from secretariat_app.core.services.report_data import (
    Addressee,
    DecisionLine,
    Reminder,
    RemindersData,
)
from secretariat_app.reports.blocks import (
    SECRETARIAT,
    Column,
    Context,
    View,
    esc,
    gap,
    progress_line,
    side_by_side,
    status_mark,
    table,
    text_paragraphs,
)
from secretariat_app.reports.keep import TableWithClosing
from secretariat_app.reports.layout import CONTENT_WIDTH, TickParagraph
from secretariat_app.reports.letter_document import LetterStart
from secretariat_app.reports.words import Words

TITLE = N_("Reminders on overdue and stalled decisions")
#: a draft's outgoing number: the prefix, then room to write the number in
DRAFT_NUMBER_BLANK = "________"
_AFTER_NUMBER_SIGN = re.compile(r"(№|No\.)\s+")
#: the greeting when the addressee's name is not recorded (formal, without a gender)
NEUTRAL_SALUTATION = N_("Dear colleagues!")


def rows_drawn(data: RemindersData) -> int:
    return sum(len(r.decisions) for r in data.reminders)


def title(w: Words, data: RemindersData) -> str:
    return w.tr(TITLE)


def subject(w: Words, data: RemindersData) -> str:
    return w.tr("Before the {number} Forum of Interregional Cooperation ({city})").format(
        **w.forum_params(data.forum)
    )


def header_lines(words: View, data: RemindersData) -> list[str]:
    return [f"{w.tr(SECRETARIAT)} — {subject(w, data)}" for w in words]


def outgoing_number(data: RemindersData, reminder: Reminder) -> str:
    """The letter's number as printed: issued, or the prefix and a blank in a draft."""
    return reminder.outgoing_number or data.numbering.prefix + DRAFT_NUMBER_BLANK


def number_line(w: Words, data: RemindersData, reminder: Reminder) -> str:
    """«Исх. № 01-14/25 от 1 декабря 2026 г.», a no-break space after «№»."""
    line = w.tr("Ref. No. {number} of {date}").format(
        number=outgoing_number(data, reminder), date=w.date(data.when.date)
    )
    return _AFTER_NUMBER_SIGN.sub(lambda m: m.group(1) + NBSP, line)


def addressee_lines(w: Words, data: RemindersData, reminder: Reminder) -> list[str]:
    """Position and name as the addressee block prints them; the executor's name when unknown."""
    addressee = data.addressees.get(reminder.executor_id)
    executor = data.directory.executors[reminder.executor_id]
    if addressee is None or not addressee.known:
        return [w.executor(executor)]
    lines = [_in(addressee.position, w.lang), _in(addressee.name, w.lang)]
    return [line for line in lines if line] or [w.executor(executor)]


def salutation(w: Words, addressee: Addressee | None) -> str:
    """«Уважаемый Евгений Васильевич!» as recorded, else «Уважаемые коллеги!»."""
    recorded = _in(addressee.salutation, w.lang) if addressee is not None else ""
    return recorded or w.tr(NEUTRAL_SALUTATION)


def _in(texts: dict[str, str], lang: str) -> str:
    """A text in ``lang`` only: an addressee's Russian position never stands in a Kazakh letter."""
    return texts.get(lang, "").strip()


def _styles(ctx: Context) -> tuple[ParagraphStyle, ParagraphStyle]:
    body = ctx.styles.body
    centered = ParagraphStyle("letter_center", parent=body, alignment=TA_CENTER)
    bold = ParagraphStyle("letter_head", parent=body, fontName=ctx.styles.h2.fontName)
    return centered, bold


def letter_head(ctx: Context, view: View, data: RemindersData, reminder: Reminder) -> list[Any]:
    """Letterhead, number and date, addressee and salutation, in every language of the view."""
    centered, bold = _styles(ctx)
    addressee = data.addressees.get(reminder.executor_id)
    story: list[Any] = [
        side_by_side(view, [Paragraph(esc(w.tr(SECRETARIAT)), bold) for w in view]),
        side_by_side(view, [Paragraph(esc(number_line(w, data, reminder)), ctx.styles.body) for w in view]),
        Spacer(1, 4 * mm),
        addressee_block(
            view,
            [
                Paragraph("<br/>".join(esc(line) for line in addressee_lines(w, data, reminder)), bold)
                for w in view
            ],
        ),
        Spacer(1, 6 * mm),
        side_by_side(view, [Paragraph(esc(salutation(w, addressee)), centered) for w in view]),
        Spacer(1, 2 * mm),
    ]
    return story


def addressee_block(view: View, cells: list[Paragraph]) -> Any:
    """Whom the letter is to: at the top right of a letter in one language (as letters are set),
    at the top of each column in the parallel layout."""
    if len(view) > 1:
        return side_by_side(view, cells)
    half = CONTENT_WIDTH / 2
    block = Table([["", cells[0]]], colWidths=[half, half], hAlign="LEFT")
    block.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return block


def intro(w: Words, data: RemindersData) -> str:
    return w.sentence(
        N_(
            "According to the secretariat's records, the decisions of the Forums of Interregional "
            "Cooperation below, assigned to you, are overdue or have had no report from you since {date}."
        ),
        date=w.date(data.when.stalled_since),
    )


def closing(w: Words, data: RemindersData) -> str:
    return w.sentence(
        N_(
            "Please inform the secretariat of their execution before the {number} Forum of "
            "Interregional Cooperation ({city}) opens on {start}."
        ),
        start=w.date(data.forum.start_date),
        **w.forum_params(data.forum),
    )


def signature_block(ctx: Context, view: View, data: RemindersData) -> Any:
    """The signer's position, a line to sign on and the name, in every language of the view."""
    cells = []
    for w in view:
        position = data.signer.position_in(w.lang) or w.tr(SECRETARIAT)
        name = data.signer.name_in(w.lang)
        cells.append(
            Paragraph(
                f"{esc(position)}<br/><br/><br/>{'_' * 22}{NBSP * 3}<b>{esc(name)}</b>", ctx.styles.body
            )
        )
    return side_by_side(view, cells)


def own_delays(w: Words, own: AssignmentStanding, stalled_since: dt.date) -> str:
    """How the addressee itself is behind on a decision: «N дней просрочки; нет сведений с …» —
    the same words in the PDF and the Word letter."""
    delays = []
    if own.days_late:
        days = own.days_late
        delays.append(w.ngettext("{count} day late", "{count} days late", days).format(count=w.number(days)))
    if own.stalled:
        delays.append(w.tr("no report since {date}").format(date=w.short_date(stalled_since)))
    return "; ".join(delays)


def decisions_table(ctx: Context, view: View, data: RemindersData, reminder: Reminder) -> Any:
    """What the addressee is late or stalled on: code and forum, deadline; its own status, how
    late, the decision's text and its own last report."""
    styles = ctx.styles

    def standing(w: Words, decision: DecisionLine) -> str:
        own = reminder.standing(decision)
        return f"{status_mark(w, own.status)} — <b>{esc(own_delays(w, own, data.when.stalled_since))}</b>"

    def block(w: Words, decision: DecisionLine) -> str:
        last = decision.last_report_from(reminder.executor_id)
        label = esc(w.tr("Your last report:"))
        # without a report the line says so once, not "Your last report: no reports received"
        none = esc(w.tr("No reports received from you."))
        report = f"<i>{label}</i> {progress_line(ctx, w, last, executor=False)}" if last else f"<i>{none}</i>"
        text = decision.texts.get(w.lang, "").strip()
        return "<br/>".join([standing(w, decision), esc(text) if text else gap(w), report])

    def code(decision: DecisionLine) -> TickParagraph:
        markup = f"<b>{esc(decision.code)}</b><br/>{esc(roman(decision.forum_number))}"
        return TickParagraph.make(markup, styles.cell, ctx.ticker)

    columns = [
        Column(N_("Code, forum"), 16 * mm, code),
        Column(
            N_("Deadline"),
            20 * mm,
            lambda d: Paragraph(esc(view[0].short_date(d.deadline) or "—"), styles.cell),
        ),
    ]
    return table(ctx, view, reminder.decisions, columns, N_("Decision and your last report"), block)


def letter(ctx: Context, view: View, data: RemindersData, reminder: Reminder) -> list[Any]:
    """One letter in the languages of ``view`` (all of them side by side, or one)."""
    story = letter_head(ctx, view, data, reminder)
    story.append(side_by_side(view, [Paragraph(esc(intro(w, data)), ctx.styles.body) for w in view]))
    story.append(Spacer(1, 2 * mm))
    story.append(decisions_table(ctx, view, data, reminder))
    # the closing sentence and the signature stay with the list's last row: no page holds the
    # signature alone
    closing_block = [
        Spacer(1, 4 * mm),
        side_by_side(view, [Paragraph(esc(closing(w, data)), ctx.styles.body) for w in view]),
        Spacer(1, 8 * mm),
        signature_block(ctx, view, data),
    ]
    story.append(TableWithClosing(story.pop(), closing_block))
    return story


def running_header(words: View, data: RemindersData, reminder: Reminder) -> list[str]:
    """The later pages' header: the letter's number and addressee in each language."""
    executor = data.directory.executors[reminder.executor_id]
    return [f"{number_line(w, data, reminder)} — {w.executor(executor)}" for w in words]


def story(ctx: Context, words: View, data: RemindersData, layout: str) -> list[Any]:
    flowables: list[Any] = []
    views = [words] if layout == "parallel" or len(words) == 1 else [(w,) for w in words]
    if not data.reminders:
        flowables.extend(
            text_paragraphs(words, N_("No executor has overdue or stalled decisions."), ctx.styles.body)
        )
    for reminder in data.reminders:
        if flowables:
            flowables.append(PageBreak())
        executor = data.directory.executors[reminder.executor_id]
        outline = " / ".join(dict.fromkeys(w.executor(executor) for w in words))
        flowables.append(LetterStart(running_header(words, data, reminder), outline))
        for index, view in enumerate(views):
            if index:
                flowables.append(PageBreak())
            flowables.extend(letter(ctx, view, data, reminder))
    return flowables
