"""Pieces every report is built of: bilingual labels, decision cells, tables, headings.

A *view* is the tuple of languages printed side by side: both languages in the parallel layout,
one at a time in the sequential one. Language-neutral columns (codes, dates, numbers) appear
once; every text column appears once per language of the view, Russian first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from secretariat_app.core.enums import Role, Status
from secretariat_app.core.i18n import N_, roman
from secretariat_app.core.services.report_data import DeadlineMove, DecisionLine, Directory, ProgressLine
from secretariat_app.reports import fonts, markup
from secretariat_app.reports.layout import (
    CONTENT_WIDTH,
    FRAME_HEIGHT,
    GAP_FILL,
    HEADER_FILL,
    MUTED,
    RULE,
    Heading,
    LazyParagraph,
    PageRef,
    Styles,
    Ticker,
    TickParagraph,
)
from secretariat_app.reports.words import Words

View = tuple[Words, ...]

#: Decisions drawn with their latest progress entries, at most this many.
PROGRESS_SHOWN = 3

_MUTED_HEX = MUTED.hexval()[2:]
_GAP_HEX = GAP_FILL.hexval()[2:]


@dataclass
class Context:
    """What every section needs while it builds its flowables."""

    styles: Styles
    directory: Directory
    ticker: Ticker
    keys: count[int]
    #: the headings made so far, for the table of contents: (level, title, outline key)
    headings: list[tuple[int, str, str]] = field(default_factory=list)

    def key(self) -> str:
        return f"k{next(self.keys)}"


def esc(value: str) -> str:
    return markup.text(value)


def stacked(view: View, msgid: str, **params: Any) -> str:
    """A label in every language of the view, one per line, the later ones in italics. A date
    among ``params`` is written in words, in each language's own way."""
    lines = [esc(w.tr(msgid).format(**_in_words(w, params)) if params else w.tr(msgid)) for w in view]
    return "<br/>".join([lines[0], *(f"<i>{line}</i>" for line in lines[1:])])


def joined(view: View, msgid: str) -> str:
    """A label in every language of the view on one line: «Сводка / Жиынтық»."""
    return " / ".join(w.tr(msgid) for w in view)


def heading(ctx: Context, view: View, msgid: str, level: int, number: str = "", keep: bool = True) -> Heading:
    title = joined(view, msgid)
    if number:
        title = f"{number}. {title}"
    return plain_heading(ctx, title, level, keep=keep)


def plain_heading(
    ctx: Context,
    title: str,
    level: int,
    style_level: int | None = None,
    contents: bool = True,
    keep: bool = True,
) -> Heading:
    """A heading in the outline and, unless ``contents`` is false, in the table of contents.

    ``keep=False`` when the caller keeps the heading with what follows itself (see
    ``progress_report.keep_with_start``): the style's keep-with-next would carry the heading
    to the page where a whole short table fits, leaving the lines before it alone."""
    style = ctx.styles.h1 if (level if style_level is None else style_level) == 0 else ctx.styles.h2
    if not keep:
        style = ParagraphStyle(f"{style.name}_free", parent=style, keepWithNext=0)
    key = ctx.key()
    if contents:
        ctx.headings.append((level, title, key))
    return Heading.make(markup.title(title), style, title, key, level)


def contents(ctx: Context, entries: Sequence[tuple[int, str, str]]) -> Flowable:
    """The table of contents: each heading and the page it is drawn on (filled in at the end)."""
    styles = ctx.styles
    indented = [ParagraphStyle(f"toc{level}", parent=styles.toc, leftIndent=14 * level) for level in range(3)]
    rows = [
        [Paragraph(markup.title(title), indented[min(level, 2)]), PageRef(key, styles.toc)]
        for level, title, key in entries
    ]
    return Table(
        rows,
        colWidths=[CONTENT_WIDTH - 14 * mm, 14 * mm],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # Helvetica would be named, not embedded
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        ),
        hAlign="LEFT",
    )


def small(markup_text: str) -> str:
    """Secondary lines of a cell (executors, reports): table text size, never smaller."""
    return f'<font size="9">{markup_text}</font>'


def as_of_line(w: Words, date: dt.date, long: bool = True) -> str:
    """«По состоянию на 25 ноября 2026 г.»: documents state their date in words."""
    return w.tr("As of {date}").format(date=w.date(date) if long else w.short_date(date))


def gap(w: Words) -> str:
    """The clearly marked place of a text missing in this language (never a silent fallback)."""
    label = esc(w.tr("[No text in this language]"))
    return f'<span backColor="#{_GAP_HEX}"><i>{markup.symbol("⚠")} {label}</i></span>'


def status_mark(w: Words, status: Status) -> str:
    return f"{markup.symbol(status.symbol)}\u00a0{esc(w.status(status))}"


def decision_text(w: Words, decision: DecisionLine) -> str:
    value = decision.texts.get(w.lang, "").strip()
    return esc(value) if value else gap(w)


def code_cell(ctx: Context, decision: DecisionLine, with_forum: bool) -> TickParagraph:
    parts = [f"<b>{esc(decision.code)}</b>"]
    if with_forum:
        parts.append(esc(roman(decision.forum_number)))
    parts.append(markup.symbol(decision.status.symbol))
    return TickParagraph.make("<br/>".join(parts), ctx.styles.cell, ctx.ticker)


def deadline_line(w: Words, decision: DecisionLine) -> str:
    """Status, deadline and what is late; an item for information has no deadline to keep."""
    parts = [status_mark(w, decision.status)]
    if decision.status is Status.FOR_INFORMATION:
        return parts[0]
    if decision.deadline:
        parts.append(esc(w.tr("deadline {date}").format(date=w.short_date(decision.deadline))))
    else:
        parts.append(esc(w.tr("no deadline")))
    days = decision.standing.days_overdue
    if days:
        parts.append(
            "<b>"
            + esc(
                w.ngettext("{count} day overdue", "{count} days overdue", days).format(count=w.number(days))
            )
            + "</b>"
        )
    if decision.standing.stalled:
        parts.append("<b>" + esc(w.tr("no news")) + "</b>")
    return " · ".join(parts)


def executors_line(ctx: Context, w: Words, decision: DecisionLine, statuses: bool = True) -> str:
    """Every executor (leads in bold), with its own status unless ``statuses`` is false; a cancelled
    decision or one for information asks nothing of its executors, so they are named only."""
    statuses = statuses and decision.status not in (Status.CANCELLED, Status.FOR_INFORMATION)
    items = []
    for assignment in decision.assignments:
        name = esc(w.executor(ctx.directory.executors[assignment.executor_id]))
        if assignment.role is Role.LEAD:
            name = f"<b>{name}</b>"
        items.append(f"{name}: {status_mark(w, assignment.status)}" if statuses else name)
    if not items:
        return ""
    return esc(w.tr("Executors:")) + " " + "; ".join(items)


def progress_line(
    ctx: Context, w: Words, entry: ProgressLine, with_source: bool = True, executor: bool = True
) -> str:
    """«12.03.2026 — what was done; obstacles; next steps (executor; letter No. … of …)»."""
    note = entry.notes.get(w.lang)
    pieces = []
    if note is not None:
        if note.done.strip():
            pieces.append(esc(note.done.strip()))
        if note.obstacles.strip():
            pieces.append(esc(w.tr("Obstacles: {text}").format(text=note.obstacles.strip())))
        if note.next_steps.strip():
            pieces.append(esc(w.tr("Next steps: {text}").format(text=note.next_steps.strip())))
    elif entry.notes:
        pieces.append(gap(w))
    if entry.status is not None and not pieces:
        pieces.append(status_mark(w, entry.status))
    source = []
    if executor and entry.executor_id is not None:
        source.append(esc(w.executor(ctx.directory.executors[entry.executor_id])))
    if with_source and entry.letter_number:
        letter = w.tr("letter No. {number} of {date}") if entry.letter_date else w.tr("letter No. {number}")
        source.append(esc(letter.format(number=entry.letter_number, date=w.short_date(entry.letter_date))))
    text = f"<b>{esc(w.short_date(entry.entry_date))}</b> — " + _sentences(pieces)
    if source:
        text += f' <font color="#{_MUTED_HEX}">(' + "; ".join(source) + ")</font>"
    return text


def deadline_history(w: Words, moves: Sequence[DeadlineMove]) -> str:
    """«Срок переносился: с 13.02.2024 на 12.02.2026 (изменён 05.03.2024): причина», oldest first."""
    items = []
    for move in moves:
        item = esc(
            w.tr("from {old} to {new} (changed on {date})").format(
                old=w.short_date(move.old) or "—",
                new=w.short_date(move.new) or "—",
                date=w.short_date(move.changed_on),
            )
        )
        if move.reason.strip():
            item += ": " + esc(move.reason.strip())
        items.append(item)
    label = esc(w.tr("Deadline moved:"))
    return f"<b>{label}</b> " + "; ".join(items)


def _sentences(pieces: list[str]) -> str:
    """Pieces joined with "; " unless a piece already ends a sentence."""
    out = ""
    for piece in pieces:
        if out:
            out += " " if out.rstrip().endswith((".", "!", "?", ";", ":")) else "; "
        out += piece
    return out


def decision_block(ctx: Context, w: Words, decision: DecisionLine, history: int = PROGRESS_SHOWN) -> str:
    """A decision in one language: status and deadline, text, executors, latest progress."""
    lines = [deadline_line(w, decision), decision_text(w, decision)]
    executors = executors_line(ctx, w, decision)
    if executors:
        lines.append(small(executors))
    lines.extend(small(progress_line(ctx, w, entry)) for entry in decision.progress[:history])
    return "<br/>".join(lines)


class ReportTable(LongTable):
    """Rows stay whole across page breaks, except a row taller than a page, which is split inside;
    a table's last row never goes alone to a new page (the row before goes with it)."""

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = self._split_whole(availWidth, availHeight)
        if len(parts) != 2 or self.__dict__.get("splitInRow"):
            return parts
        head_rows = len(parts[0]._cellvalues)
        tail_rows = len(parts[1]._cellvalues) - self.repeatRows
        if tail_rows == 1 and head_rows - self.repeatRows >= 3:
            heights = getattr(self, "_rowHeights", None) or []
            if len(heights) >= head_rows:
                shorter = self._split_whole(availWidth, availHeight - heights[head_rows - 1] - 0.5)
                if len(shorter) == 2:  # the rest starts the next page, not the room left here
                    return [shorter[0], PageBreak(), shorter[1]]
        return parts

    def _split_whole(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        heights = getattr(self, "_rowHeights", None)
        if parts or self.__dict__.get("splitInRow") or not heights or len(heights) <= self.repeatRows:
            return parts
        if sum(heights[: self.repeatRows + 1]) <= FRAME_HEIGHT:
            return parts  # the row fits on the next page: move it there whole
        self.splitInRow = 1
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0
        for part in parts:
            part.splitInRow = 0
        return parts


@dataclass(frozen=True)
class Column:
    """A language-neutral column: its label, width and how to fill a cell."""

    msgid: str
    width: float
    cell: Callable[[Any], Any]
    numeric: bool = False


#: Rows per table: a longer list is typeset as consecutive tables, each built when reached, so
#: that neither the time to split a table at each page nor the memory grows with its square.
CHUNK_ROWS = 300


def table(
    ctx: Context,
    view: View,
    rows: Sequence[Any],
    columns: Sequence[Column],
    text_msgid: str | None = None,
    text_cell: Callable[[Words, Any], str] | None = None,
    zebra: bool = False,
) -> Flowable:
    """A table with neutral ``columns`` then, if given, one text column per language of the view.

    The header repeats on each page; rows stay whole across pages (unless taller than a page);
    long words wrap.
    """
    styles = ctx.styles
    fixed = sum(c.width for c in columns)
    text_width = (CONTENT_WIDTH - fixed) / len(view) if text_cell else 0.0
    header: list[Any] = [
        Paragraph(stacked(view, c.msgid), styles.header_number if c.numeric else styles.header_cell)
        for c in columns
    ]
    widths = [c.width for c in columns]
    if text_cell is not None and text_msgid is not None:
        for w in view:
            header.append(Paragraph(esc(w.tr(text_msgid)), styles.header_cell))
            widths.append(text_width)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # the cell default; Helvetica is not embedded
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if len(view) > 1 and text_cell is not None:
        first_text = len(columns)
        commands.append(("LINEBEFORE", (first_text + 1, 0), (first_text + 1, -1), 0.4, RULE))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, "#f6f6f6"]))
    style = TableStyle(commands)

    def build(chunk: Sequence[Any]) -> ReportTable:
        data: list[list[Any]] = [header]
        for row in chunk:
            cells: list[Any] = [column.cell(row) for column in columns]
            if text_cell is not None:
                cells.extend(LazyParagraph(text_cell(w, row), styles.cell) for w in view)
            data.append(cells)
        return ReportTable(data, colWidths=widths, repeatRows=1, style=style, hAlign="LEFT")

    if len(rows) <= CHUNK_ROWS:
        return build(rows)
    return ChunkedTable(build, rows)


class ChunkedTable(Flowable):
    """A long table typeset :data:`CHUNK_ROWS` rows at a time, each chunk built when reached."""

    def __init__(self, build: Callable[[Sequence[Any]], Flowable], rows: Sequence[Any]) -> None:
        super().__init__()
        self._build = build
        self._rows = rows
        self._head: Flowable | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, availHeight + 1  # never fits as it is: the frame asks for a split

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._head is None:
            self._head = self._build(self._rows[:CHUNK_ROWS])
        head = self._head
        _width, height = head.wrap(availWidth, availHeight)
        parts = [head] if height <= availHeight else list(head.split(availWidth, availHeight))
        if not parts:
            return []  # not even a row fits here: the frame moves on and asks again
        rest = self._rows[CHUNK_ROWS:]
        if rest:
            parts.append(ChunkedTable(self._build, rest))
        return parts


def header_width(ctx: Context, view: View, msgid: str, least: float = 0.0) -> float:
    """A column width that holds the header's longest word in every language of the view (a
    header word is never cut), and at least ``least``."""
    style = ctx.styles.header_cell
    words = [word for w in view for word in w.tr(msgid).split()]
    longest = max((stringWidth(word, style.fontName, style.fontSize) for word in words), default=0.0)
    return max(least, longest + 2 * CELL_PADDING + 1)


#: The left and right padding of every table cell.
CELL_PADDING = 3


def code_column(ctx: Context, with_forum: bool) -> Column:
    """The decision's code (and forum), with its status mark; drawing it counts the row done."""
    if with_forum:
        return Column(N_("Code, forum"), 15 * mm, lambda d: code_cell(ctx, d, with_forum=True))
    return Column(N_("Code"), 14 * mm, lambda d: code_cell(ctx, d, with_forum=False))


def deadline_column(ctx: Context, view: View) -> Column:
    return Column(
        N_("Deadline"),
        20 * mm,  # a date at 9 pt on one line
        lambda d: Paragraph(esc(view[0].short_date(d.deadline) or "—"), ctx.styles.cell),
    )


def number_cell(styles: Styles, value: str) -> Paragraph:
    return Paragraph(esc(value), styles.cell_number)


def text_paragraphs(view: View, msgid: str, style: Any, **params: Any) -> list[Any]:
    """A sentence in every language of the view, side by side; a date among ``params`` is written
    in words, in each language's own way."""
    return [
        side_by_side(view, [Paragraph(esc(w.sentence(msgid, **_in_words(w, params))), style) for w in view])
    ]


def _in_words(w: Words, params: dict[str, Any]) -> dict[str, Any]:
    return {key: w.date(v) if isinstance(v, dt.date) else v for key, v in params.items()}


def signatures(ctx: Context, view: View) -> list[Any]:
    """The secretariat's signature line in every language of the view, kept together."""
    line = "_" * 30
    cells = [Paragraph(f"{esc(w.tr(SECRETARIAT))}<br/><br/>{line}", ctx.styles.body) for w in view]
    return [Spacer(1, 12 * mm), KeepTogether([side_by_side(view, cells)])]


def side_by_side(view: View, cells: Sequence[Any]) -> Any:
    """Per-language flowables in columns (parallel layout), or the one flowable of one language."""
    if len(view) == 1:
        return cells[0]
    width = CONTENT_WIDTH / len(view)
    grid = LongTable(
        [list(cells)],
        colWidths=[width] * len(view),
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )
    return grid


NOTHING = N_("None.")
SECRETARIAT = N_("Secretariat of the Forum of Interregional Cooperation")
