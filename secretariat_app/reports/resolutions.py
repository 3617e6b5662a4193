"""The decisions adopted at a forum, with executors and deadlines, ready to sign."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from secretariat_app.core.i18n import N_
from secretariat_app.core.services.report_data import DecisionLine, ResolutionsData
from secretariat_app.reports.blocks import (
    Context,
    View,
    code_column,
    deadline_column,
    decision_text,
    esc,
    executors_line,
    plain_heading,
    side_by_side,
    signatures,
    small,
    table,
    text_paragraphs,
)
from secretariat_app.reports.words import Words

TITLE = N_("Decisions of the {number} Forum of Interregional Cooperation ({city})")


def rows_drawn(data: ResolutionsData) -> int:
    return len(data.decisions)


def title(w: Words, data: ResolutionsData) -> str:
    return w.tr(TITLE).format(**w.forum_params(data.forum))


def subject(w: Words, data: ResolutionsData) -> str:
    return w.forum_dates(data.forum)


def header_lines(words: View, data: ResolutionsData) -> list[str]:
    return [title(w, data) for w in words]


def _body(ctx: Context, view: View, data: ResolutionsData, level: int) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = [plain_heading(ctx, " / ".join(title(w, data) for w in view), level, 0)]
    story.append(Paragraph(esc(view[0].forum_dates(data.forum)), styles.subtitle))
    themes = [
        Paragraph(esc(w.tr("Theme: {theme}").format(theme=data.forum.theme.get(w.lang, ""))), styles.body)
        for w in view
    ]
    if any(data.forum.theme.get(w.lang) for w in view):
        story.append(side_by_side(view, themes))
    story.append(Spacer(1, 4 * mm))
    if not data.decisions:
        story.extend(text_paragraphs(view, N_("No decisions of this forum are recorded."), styles.body))
        return story

    def block(w: Words, decision: DecisionLine) -> str:
        executors = executors_line(ctx, w, decision, statuses=False)
        lines = [decision_text(w, decision)]
        if executors:
            lines.append(small(executors))
        return "<br/>".join(lines)

    columns = [
        code_column(ctx, with_forum=False),
        deadline_column(ctx, view),
    ]
    story.append(table(ctx, view, data.decisions, columns, N_("Decision and executors"), block))
    story.extend(signatures(ctx, view))
    return story


def story(ctx: Context, words: View, data: ResolutionsData, layout: str) -> list[Any]:
    if layout == "parallel" or len(words) == 1:
        return _body(ctx, words, data, 0)
    flowables: list[Any] = []
    for index, w in enumerate(words):
        if index:
            flowables.append(PageBreak())
        flowables.extend(_body(ctx, (w,), data, 0))
    return flowables
