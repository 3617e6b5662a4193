"""Reminder letters: one per executor with overdue or stalled decisions, each on a new page.

Executors have no accounts in the app; paper (or the PDF) is how they are reminded. Each letter
lists what its addressee is late or stalled on (its own live assignments, by the executor-level
rules), with the addressee's own status and the last report received from it.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from secretariat_app.core.i18n import N_
from secretariat_app.core.services.report_data import DecisionLine, Reminder, RemindersData
from secretariat_app.reports.blocks import (
    SECRETARIAT,
    Context,
    View,
    code_column,
    deadline_column,
    decision_text,
    esc,
    plain_heading,
    progress_line,
    side_by_side,
    signatures,
    small,
    status_mark,
    table,
    text_paragraphs,
)
from secretariat_app.reports.words import Words

TITLE = N_("Reminders on overdue and stalled decisions")


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


def letter(ctx: Context, view: View, data: RemindersData, reminder: Reminder, level: int) -> list[Any]:
    styles = ctx.styles
    executor = data.directory.executors[reminder.executor_id]
    forum = data.forum
    outline = " / ".join(dict.fromkeys(w.executor(executor) for w in view))
    story: list[Any] = [plain_heading(ctx, outline, level, 1)]
    heads = []
    for w in view:
        heads.append(
            [
                Paragraph(f"<b>{esc(w.tr(SECRETARIAT))}</b>", styles.body),
                Paragraph(esc(w.date(data.when.date)), styles.body),
                Paragraph(esc(w.tr("To: {name}").format(name=w.executor(executor))), styles.body),
                Paragraph(
                    esc(
                        w.sentence(
                            N_(
                                "According to the secretariat's records, the decisions below, assigned to you, "
                                "are overdue or have had no report since {date}. Please report on their execution "
                                "before the {number} Forum of Interregional Cooperation ({city}) opens on {start}."
                            ),
                            date=w.date(data.when.stalled_since),
                            start=w.date(forum.start_date),
                            **w.forum_params(forum),
                        )
                    ),
                    styles.body,
                ),
            ]
        )
    if len(view) > 1:
        story.append(side_by_side(view, heads))
    else:
        story.extend(heads[0])
    story.append(Spacer(1, 2 * mm))

    def standing(w: Words, decision: DecisionLine) -> str:
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
        return f"{status_mark(w, own.status)} — <b>{esc('; '.join(delays))}</b>"

    def block(w: Words, decision: DecisionLine) -> str:
        last = decision.last_report_from(reminder.executor_id)
        none = esc(w.tr("No reports received from you."))
        report = progress_line(ctx, w, last, executor=False) if last else f"<i>{none}</i>"
        label = esc(w.tr("Your last report:"))
        return "<br/>".join([standing(w, decision), decision_text(w, decision), small(f"{label} {report}")])

    columns = [
        code_column(ctx, with_forum=True),
        deadline_column(ctx, view),
    ]
    story.append(table(ctx, view, reminder.decisions, columns, N_("Decision and your last report"), block))
    story.extend(signatures(ctx, view))
    return story


def story(ctx: Context, words: View, data: RemindersData, layout: str) -> list[Any]:
    flowables: list[Any] = []
    views = [words] if layout == "parallel" or len(words) == 1 else [(w,) for w in words]
    if not data.reminders:
        flowables.extend(
            text_paragraphs(words, N_("No executor has overdue or stalled decisions."), ctx.styles.body)
        )
    for reminder in data.reminders:
        for view in views:
            if flowables:
                flowables.append(PageBreak())
            flowables.extend(letter(ctx, view, data, reminder, 0))
    return flowables
