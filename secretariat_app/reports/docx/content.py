"""Pieces of the Word edition: formatted text lines, tables with a repeated header, languages side
by side, and a decision's lines in one language — the same words (same message ids) as the PDF's
:mod:`~secretariat_app.reports.blocks`, written as Word runs instead of ReportLab markup."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from secretariat_app.core.enums import Role, Status
from secretariat_app.core.i18n import roman
from secretariat_app.core.services.report_data import DeadlineMove, DecisionLine, Directory, ProgressLine
from secretariat_app.reports import markup
from secretariat_app.reports.docx.document import (
    SYMBOL_FONT,
    TableSpool,
    needs_symbol_font,
    set_fonts,
    set_language,
    symbol_only_chars,
)
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
    #: where the tables' text goes until the file is saved
    spool: TableSpool = field(default_factory=TableSpool)
    _style_ids: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def style(self, target: Paragraph, name: str, lang: str | None = None) -> Paragraph:
        """``target`` in the named style (see :meth:`style_id`)."""
        target._p.style = self.style_id(name, lang)
        return target

    def style_id(self, name: str, lang: str | None = None) -> str:
        """The id of the named style, or of its variant tagged with another ``lang`` (so that Word
        checks Kazakh spelling as Kazakh). Ids are looked up once: python-docx is slow at it."""
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
        return self._style_ids[key]


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
    if not symbol_only_chars().intersection(text):
        return [(text, False)]
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
    """Dates among ``params`` in words, each language its own way (as the PDF writes them)."""
    return {key: w.date(v) if isinstance(v, dt.date) else v for key, v in params.items()}


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
) -> None:
    """Neutral ``columns`` then one text column per language of the view; the header row repeats
    on every page. ``counts``: each row is a decision drawn (progress, cancel).

    The table is written as WordprocessingML text and parsed once: python-docx makes an object
    per element and a run per character, twenty times slower on a report of 2,000 decisions."""
    fixed = sum(c.width for c in columns)
    text_columns = len(view) if text_cell is not None else 0
    text_width = (WIDTH_MM - fixed) / text_columns if text_columns else 0.0
    widths = [c.width for c in columns] + [text_width] * text_columns
    heads = [stacked_label(view, c.msgid) for c in columns]
    if text_cell is not None and text_msgid is not None:
        heads.extend([[(w.tr(text_msgid), "")]] for w in view)
    header_style = writer.style_id("Table Header")
    cells = "".join(
        _cell_xml(width, [_paragraph_xml(header_style, line) for line in lines], shade=True)
        for lines, width in zip(heads, widths, strict=True)
    )
    spool = _begin_table(writer, widths, writer.style_id("Table Grid"))
    spool.write(f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>")
    numeric = [c.numeric for c in columns] + [False] * text_columns
    styles = [writer.style_id("Table Text")] * len(columns)
    styles += [writer.style_id("Table Text", w.lang) for w in view][:text_columns]
    for row in rows:
        contents = [c.cell(row) for c in columns]
        if text_cell is not None:
            contents.extend(text_cell(w, row) for w in view)
        cells = "".join(
            _cell_xml(width, [_paragraph_xml(style, line, right) for line in lines or [[]]])
            for lines, width, right, style in zip(contents, widths, numeric, styles, strict=True)
        )
        spool.write(f"<w:tr>{cells}</w:tr>")
        if counts:
            writer.ticker.tick()
    _end_table(writer)


def _begin_table(writer: Writer, widths: Sequence[float], style_id: str | None) -> TableSpool:
    """Start a table in the spool: its properties and grid (rows follow, then :func:`_end_table`)."""
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{_twips(width)}"/>' for width in widths)
    writer.spool.begin()
    writer.spool.write(
        f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{_twips(sum(widths))}" w:type="dxa"/>'
        f'<w:jc w:val="left"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    )
    return writer.spool


def _end_table(writer: Writer) -> None:
    """Close the table and put its marker where the table goes."""
    writer.spool.write("</w:tbl>")
    marker = parse_xml(writer.spool.end())
    body = writer.document.element.body
    if body.sectPr is not None:  # the last section's properties stay last
        body.sectPr.addprevious(marker)
    else:
        body.append(marker)


def _twips(millimetres: float) -> int:
    return round(millimetres * 1440 / 25.4)


def _cell_xml(width: float, paragraphs: list[str], shade: bool = False) -> str:
    fill = '<w:shd w:val="clear" w:color="auto" w:fill="E6E6E6"/>' if shade else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width)}" w:type="dxa"/>{fill}</w:tcPr>{"".join(paragraphs)}</w:tc>'


def _paragraph_xml(style_id: str, line: Line, right: bool = False) -> str:
    align = '<w:jc w:val="right"/>' if right else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{align}</w:pPr>{_runs_xml(line)}</w:p>'


#: Characters XML 1.0 does not allow (markup.clean drops the control characters already).
_NOT_XML = re.compile("[\ufffe\uffff]")
_SYMBOL_FONTS = "".join(f' w:{slot}="{SYMBOL_FONT}"' for slot in ("ascii", "hAnsi", "eastAsia", "cs"))


def _runs_xml(line: Line) -> str:
    """The spans as runs (what :func:`write_line` makes, as text), with the PDF's no-break spaces
    (after «№», before «г.», between a number and its unit); line breaks become ``w:br``."""
    runs = []
    for text, emphasis in line:
        for piece, symbol in _by_face(markup.typeset(markup.clean(text))):
            properties = f"<w:rFonts{_SYMBOL_FONTS}/>" if symbol else ""
            if "b" in emphasis:
                properties += "<w:b/><w:bCs/>"
            if "i" in emphasis:
                properties += "<w:i/><w:iCs/>"
            piece = _NOT_XML.sub("", piece)
            texts = "<w:br/>".join(
                f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in piece.split("\n")
            )
            runs.append(
                f"<w:r><w:rPr>{properties}</w:rPr>{texts}</w:r>" if properties else f"<w:r>{texts}</w:r>"
            )
    return "".join(runs)


def side_by_side(writer: Writer, view: View, parts: Sequence[list[Line]], style: str | None = None) -> None:
    """Per-language paragraphs in columns of a borderless table (parallel layout), or the
    paragraphs of the one language."""
    if len(view) == 1:
        for line in parts[0]:
            paragraph(writer, line, style, view[0].lang)
        return
    width = WIDTH_MM / len(view)
    cells = "".join(
        _cell_xml(width, [_paragraph_xml(writer.style_id(style or "Normal", w.lang), line) for line in lines])
        for lines, w in zip(parts, view, strict=True)
    )
    spool = _begin_table(writer, [width] * len(view), None)
    spool.write(f"<w:tr>{cells}</w:tr>")
    _end_table(writer)


def sentences(writer: Writer, view: View, msgid: str, **params: Any) -> None:
    """A sentence in every language of the view, side by side; a date among ``params`` in words."""
    side_by_side(writer, view, [[[(w.sentence(msgid, **_localised(w, params)), "")]] for w in view])


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
    """Status, deadline and what is late; an item for information has no deadline to keep."""
    line: Line = [status_mark(w, decision.status)]
    if decision.status is Status.FOR_INFORMATION:
        return line
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
    """Every executor (leads in bold), with its own status unless ``statuses`` is false; a cancelled
    decision or one for information asks nothing of its executors, so they are named only."""
    statuses = statuses and decision.status not in (Status.CANCELLED, Status.FOR_INFORMATION)
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


def deadline_history(w: Words, moves: Sequence[DeadlineMove]) -> list[Line]:
    """«Срок переносился: с 13.02.2024 на 12.02.2026 (изменён 05.03.2024): причина», oldest first
    (the PDF's words); no line when the deadline never moved."""
    if not moves:
        return []
    items = []
    for move in moves:
        item = w.tr("from {old} to {new} (changed on {date})").format(
            old=w.short_date(move.old) or "—",
            new=w.short_date(move.new) or "—",
            date=w.short_date(move.changed_on),
        )
        if move.reason.strip():
            item += ": " + move.reason.strip()
        items.append(item)
    return [[(w.tr("Deadline moved:") + " ", "b"), ("; ".join(items), "")]]
