"""Pieces of the Word edition: formatted text lines, tables with a repeated header, languages side
by side, and a decision's lines in one language — the same words (same message ids) as the PDF's
:mod:`~secretariat_app.reports.blocks`, written as Word runs instead of ReportLab markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from docx.text.paragraph import Paragraph

from secretariat_app.core.enums import Role, Status
from secretariat_app.core.i18n import roman
from secretariat_app.core.services.report_data import DeadlineMove, DecisionLine, Directory, ProgressLine
from secretariat_app.reports import markup
from secretariat_app.reports.docx.document import SYMBOL_FONT, needs_symbol_font, set_fonts, set_language
from secretariat_app.reports.layout import CONTENT_WIDTH, Ticker
from secretariat_app.reports.words import Words

View = tuple[Words, ...]
#: A piece of text and its emphasis: "" plain, "b" bold, "i" italic, "bi" both.
Span = tuple[str, str]
#: One paragraph of spans.
Line = list[Span]

WIDTH_MM = CONTENT_WIDTH * 25.4 / 72


@dataclass
class Writer:
    """What every section needs: the document, the names it prints, the row counter."""

    document: Document
    directory: Directory
    ticker: Ticker
    #: the document's first language (its styles' language)
    lang: str
    _style_ids: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def style(self, target: Paragraph, name: str, lang: str | None = None) -> Paragraph:
        """``target`` in the named style, or in its variant tagged with another ``lang`` (so that
        Word checks Kazakh spelling as Kazakh). Ids are looked up once: python-docx is slow at it."""
        key = (name, None if lang == self.lang else lang)
        if key not in self._style_ids:
            base = self.document.styles[name]
            if key[1] is None:
                self._style_ids[key] = base.style_id
            else:
                variant = self.document.styles.add_style(f"{name} ({lang})", WD_STYLE_TYPE.PARAGRAPH)
                variant.base_style = base
                set_language(variant.element, key[1])
                self._style_ids[key] = variant.style_id
        target._p.style = self._style_ids[key]
        return target


def write_line(paragraph: Paragraph, line: Line) -> Paragraph:
    """The spans as runs; a status mark the text face lacks goes in the symbols face."""
    for text, emphasis in line:
        for piece, symbol in _by_face(markup.clean(text)):
            run = paragraph.add_run(piece)
            if "b" in emphasis:
                run.bold = True
            if "i" in emphasis:
                run.italic = True
            if symbol:
                set_fonts(run._r, SYMBOL_FONT)
    return paragraph


def _by_face(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    for char in text:
        symbol = needs_symbol_font(char)
        if pieces and pieces[-1][1] == symbol:
            pieces[-1] = (pieces[-1][0] + char, symbol)
        else:
            pieces.append((char, symbol))
    return pieces


def paragraph(
    writer: Writer, line: Line | str, style: str | None = None, lang: str | None = None
) -> Paragraph:
    spans = [(line, "")] if isinstance(line, str) else line
    target = writer.document.add_paragraph()
    if style is not None or lang is not None:
        writer.style(target, style or "Normal", lang)
    return write_line(target, spans)


def heading(writer: Writer, title: str, level: int) -> Paragraph:
    """Word's own Heading 1–3: the navigation pane and the contents field find it."""
    return paragraph(writer, title, f"Heading {min(level, 2) + 1}")


def stacked_label(view: View, msgid: str, **params: Any) -> list[Line]:
    """A label in every language of the view, one per line, the later ones in italics."""
    lines = []
    for index, w in enumerate(view):
        text = w.tr(msgid).format(**_localised(w, params)) if params else w.tr(msgid)
        lines.append([(text, "i" if index else "")])
    return lines


def _localised(w: Words, params: dict[str, Any]) -> dict[str, Any]:
    return {key: w.short_date(v) if isinstance(v, dt.date) else v for key, v in params.items()}


def joined(view: View, msgid: str) -> str:
    """«Сводка / Жиынтық»: the PDF's heading and bookmark form."""
    return " / ".join(w.tr(msgid) for w in view)


# --- tables --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A language-neutral column: its label, width in millimetres and how to fill a cell."""

    msgid: str
    width: float
    cell: Callable[[Any], list[Line]]
    numeric: bool = False


def table(
    writer: Writer,
    view: View,
    rows: Sequence[Any],
    columns: Sequence[Column],
    text_msgid: str | None = None,
    text_cell: Callable[[Words, Any], list[Line]] | None = None,
    counts: bool = False,
) -> Table:
    """Neutral ``columns`` then one text column per language of the view; the header row repeats
    on every page. ``counts``: each row is a decision drawn (progress, cancel)."""
    fixed = sum(c.width for c in columns)
    text_columns = len(view) if text_cell is not None else 0
    text_width = (WIDTH_MM - fixed) / text_columns if text_columns else 0.0
    widths = [c.width for c in columns] + [text_width] * text_columns
    grid = writer.document.add_table(rows=1, cols=len(widths))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    header = grid.rows[0]
    _repeat_header(header._tr)
    heads = [stacked_label(view, c.msgid) for c in columns]
    if text_cell is not None and text_msgid is not None:
        heads.extend([[(w.tr(text_msgid), "")]] for w in view)
    for cell, lines, width in zip(header.cells, heads, widths, strict=True):
        cell.width = Mm(width)
        _fill(writer, cell, lines, "Table Header")
        _shade(cell._tc)
    numeric = [c.numeric for c in columns] + [False] * text_columns
    langs: list[str | None] = [None] * len(columns) + [w.lang for w in view][:text_columns]
    for row in rows:
        cells = grid.add_row().cells
        contents = [c.cell(row) for c in columns]
        if text_cell is not None:
            contents.extend(text_cell(w, row) for w in view)
        for cell, lines, width, right, lang in zip(cells, contents, widths, numeric, langs, strict=True):
            cell.width = Mm(width)
            _fill(writer, cell, lines, "Table Text", right, lang)
        if counts:
            writer.ticker.tick()
    return grid


def _fill(
    writer: Writer, cell: Any, lines: list[Line], style: str, right: bool = False, lang: str | None = None
) -> None:
    first = cell.paragraphs[0]
    for index, line in enumerate(lines or [[("", "")]]):
        target = writer.style(first if index == 0 else cell.add_paragraph(), style, lang)
        if right:
            target.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        write_line(target, line)


def _repeat_header(row: Any) -> None:
    properties = row.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)


def _shade(cell: Any) -> None:
    properties = cell.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), "E6E6E6")
    properties.append(fill)


def side_by_side(writer: Writer, view: View, parts: Sequence[list[Line]], style: str | None = None) -> None:
    """Per-language paragraphs in columns of a borderless table (parallel layout), or the
    paragraphs of the one language."""
    if len(view) == 1:
        for line in parts[0]:
            paragraph(writer, line, style, view[0].lang)
        return
    grid = writer.document.add_table(rows=1, cols=len(view))
    grid.autofit = False
    for cell, lines, w in zip(grid.rows[0].cells, parts, view, strict=True):
        cell.width = Mm(WIDTH_MM / len(view))
        _fill(writer, cell, lines, style or "Normal", lang=w.lang)


def sentences(writer: Writer, view: View, msgid: str, **params: str) -> None:
    """A sentence in every language of the view, side by side."""
    side_by_side(writer, view, [[[(w.sentence(msgid, **params), "")]] for w in view])


# --- a decision in one language --------------------------------------------------------------------


def status_mark(w: Words, status: Status) -> Span:
    return (f"{status.symbol}\u00a0{w.status(status)}", "")


def gap(w: Words) -> Span:
    """The marked place of a text missing in this language (never the other language instead)."""
    return (f"⚠ {w.tr('[No text in this language]')}", "i")


def decision_text(w: Words, decision: DecisionLine) -> Line:
    value = decision.texts.get(w.lang, "").strip()
    return [(value, "")] if value else [gap(w)]


def code_lines(decision: DecisionLine, with_forum: bool) -> list[Line]:
    lines: list[Line] = [[(decision.code, "b")]]
    if with_forum:
        lines.append([(roman(decision.forum_number), "")])
    lines.append([(decision.status.symbol, "")])
    return lines


def deadline_line(w: Words, decision: DecisionLine) -> Line:
    line: Line = [status_mark(w, decision.status)]
    if decision.deadline:
        line.append((" · " + w.tr("deadline {date}").format(date=w.short_date(decision.deadline)), ""))
    else:
        line.append((" · " + w.tr("no deadline"), ""))
    days = decision.standing.days_overdue
    if days:
        text = w.ngettext("{count} day overdue", "{count} days overdue", days).format(count=w.number(days))
        line += [(" · ", ""), (text, "b")]
    if decision.standing.stalled:
        line += [(" · ", ""), (w.tr("no news"), "b")]
    return line


def executors_line(directory: Directory, w: Words, decision: DecisionLine, statuses: bool = True) -> Line:
    """Every executor (leads in bold), with its own status unless ``statuses`` is false."""
    line: Line = []
    for assignment in decision.assignments:
        line.append(("; " if line else w.tr("Executors:") + " ", ""))
        name = w.executor(directory.executors[assignment.executor_id])
        line.append((name, "b" if assignment.role is Role.LEAD else ""))
        if statuses:
            line += [(": ", ""), status_mark(w, assignment.status)]
    return line


def progress_line(
    directory: Directory, w: Words, entry: ProgressLine, with_source: bool = True, executor: bool = True
) -> Line:
    """«12.03.2026 — what was done; obstacles; next steps (executor; letter No. … of …)»."""
    note = entry.notes.get(w.lang)
    pieces: list[Span] = []
    if note is not None:
        if note.done.strip():
            pieces.append((note.done.strip(), ""))
        if note.obstacles.strip():
            pieces.append((w.tr("Obstacles: {text}").format(text=note.obstacles.strip()), ""))
        if note.next_steps.strip():
            pieces.append((w.tr("Next steps: {text}").format(text=note.next_steps.strip()), ""))
    elif entry.notes:
        pieces.append(gap(w))
    if entry.status is not None and not pieces:
        pieces.append(status_mark(w, entry.status))
    line: Line = [(w.short_date(entry.entry_date), "b"), (" — ", "")]
    for index, piece in enumerate(pieces):
        if index:
            ended = line[-1][0].rstrip().endswith((".", "!", "?", ";", ":"))
            line.append((" " if ended else "; ", ""))
        line.append(piece)
    source = []
    if executor and entry.executor_id is not None:
        source.append(w.executor(directory.executors[entry.executor_id]))
    if with_source and entry.letter_number:
        letter = w.tr("letter No. {number} of {date}") if entry.letter_date else w.tr("letter No. {number}")
        source.append(letter.format(number=entry.letter_number, date=w.short_date(entry.letter_date)))
    if source:
        line.append((" (" + "; ".join(source) + ")", "i"))
    return line


def deadline_moves(w: Words, moves: Sequence[DeadlineMove], msgid: str) -> list[Line]:
    """Each change of the deadline: from, to, when and why."""
    lines = []
    for move in moves:
        text = w.tr(msgid).format(
            old=w.short_date(move.old) or "—",
            new=w.short_date(move.new) or "—",
            date=w.short_date(move.changed_on),
            reason=move.reason.strip() or "—",
        )
        lines.append([(text, "i")])
    return lines
