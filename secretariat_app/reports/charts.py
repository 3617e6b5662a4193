"""Vector charts of the summary page, drawn with ``reportlab.graphics``.

A status is never told by colour alone: each bar segment carries the status's mark (○ ◐ ● …) and
the legend spells the statuses out, and the fills are distinct shades of grey-blue that stay
apart on a grey-scale printer. Labels are set at 9 pt and kept :data:`AXIS_GAP` clear of the axis.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from secretariat_app.core.enums import Status
from secretariat_app.core.status_style import STATUS_ORDER, status_style
from secretariat_app.reports import fonts
from secretariat_app.reports.words import Words


def fill(status: Status) -> colors.Color:
    """The status's colour from the one palette (:mod:`core.status_style`)."""
    return colors.HexColor(status_style(status).colour)


def _ink(status: Status) -> colors.Color:
    return colors.HexColor(status_style(status).ink)


#: Label size: the table text's size, never smaller.
LABEL_SIZE = 9.0
#: The room between a label and the axis or bar it names.
AXIS_GAP = 6.0

_SYMBOL_FONT_FOR = {"○": fonts.SYMBOLS, "◐": fonts.SYMBOLS, "◑": fonts.SYMBOLS, "●": fonts.SYMBOLS}


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is ours (ReportLab's default, Helvetica, is not embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = fonts.REGULAR
    return drawing


def _mark(drawing: Drawing, status: Status, x: float, y: float, size: float, on_fill: bool) -> None:
    symbol = status.symbol
    font = _SYMBOL_FONT_FOR.get(symbol, fonts.BOLD)
    colour = _ink(status) if on_fill else colors.black
    drawing.add(String(x, y, symbol, fontName=font, fontSize=size, fillColor=colour, textAnchor="middle"))


def legend(words: Sequence[Words], width: float, statuses: Sequence[Status] = STATUS_ORDER) -> Drawing:
    """Swatch, mark and the status's name in every language of the report, two per line."""
    row_height = 12 * len(words) + 4
    per_row = 2
    rows = (len(statuses) + per_row - 1) // per_row
    drawing = _drawing(width, rows * row_height)
    column = width / per_row
    for index, status in enumerate(statuses):
        x = (index % per_row) * column
        top = drawing.height - (index // per_row) * row_height
        drawing.add(
            Rect(x, top - 12, 14, 10, fillColor=fill(status), strokeColor=colors.black, strokeWidth=0.4)
        )
        _mark(drawing, status, x + 7, top - 10, LABEL_SIZE, on_fill=True)
        for line, w in enumerate(words):
            drawing.add(
                String(
                    x + 19,
                    top - 10 - line * 12,
                    w.status(status),
                    fontName=fonts.ITALIC if line else fonts.REGULAR,
                    fontSize=LABEL_SIZE,
                )
            )
    return drawing


def status_bars(counts: dict[Status, int], words: Sequence[Words], width: float) -> Drawing:
    """One horizontal bar per status: mark, names, bar, count."""
    bar_height, gap = 13.0, 5.0
    label_width = (
        max(
            (stringWidth(w.status(s), face, LABEL_SIZE) for s in STATUS_ORDER for w in words
             for face in (fonts.REGULAR, fonts.ITALIC)),
            default=60,
        )
        + 14
        + AXIS_GAP
    )  # fmt: skip
    total = sum(counts.values()) or 1
    biggest = max(counts.values(), default=0) or 1
    line_height = bar_height + gap + 10 * (len(words) - 1)
    drawing = _drawing(width, line_height * len(STATUS_ORDER))
    bar_space = width - label_width - 70
    for index, status in enumerate(STATUS_ORDER):
        top = drawing.height - index * line_height
        _mark(drawing, status, 5, top - 9, LABEL_SIZE, on_fill=False)
        for line, w in enumerate(words):
            drawing.add(
                String(
                    14, top - 9 - line * 10, w.status(status),
                    fontName=fonts.ITALIC if line else fonts.REGULAR, fontSize=LABEL_SIZE,
                )
            )  # fmt: skip
        count = counts.get(status, 0)
        length = bar_space * count / biggest
        drawing.add(
            Rect(label_width, top - bar_height, length, bar_height - 2,
                 fillColor=fill(status), strokeColor=colors.black, strokeWidth=0.4)
        )  # fmt: skip
        if length > 12:
            _mark(drawing, status, label_width + 7, top - 10, LABEL_SIZE, on_fill=True)
        figure = f"{words[0].number(count)}  ({words[0].share(count / total)})"
        drawing.add(
            String(
                label_width + length + AXIS_GAP, top - 9, figure, fontName=fonts.REGULAR, fontSize=LABEL_SIZE
            )
        )
    drawing.add(Line(label_width, 0, label_width, drawing.height, strokeColor=colors.black, strokeWidth=0.5))
    return drawing


def stacked_by_forum(
    rows: Sequence[tuple[str, dict[Status, int]]], words: Sequence[Words], width: float
) -> Drawing:
    """One horizontal stacked bar per forum (shares of its decisions), each segment marked."""
    bar_height, gap = 14.0, 6.0
    label_width = (
        max((stringWidth(label, fonts.BOLD, LABEL_SIZE) for label, _c in rows), default=20) + 2 * AXIS_GAP
    )
    drawing = _drawing(width, max(1, len(rows)) * (bar_height + gap) + 16)
    bar_space = width - label_width - 40
    for share in (0, 0.5, 1):
        x = label_width + bar_space * share
        drawing.add(Line(x, 12, x, drawing.height, strokeColor=colors.grey, strokeWidth=0.3))
        drawing.add(
            String(
                x, 1, words[0].share(share), fontName=fonts.REGULAR, fontSize=LABEL_SIZE, textAnchor="middle"
            )
        )
    for index, (label, counts) in enumerate(rows):
        top = drawing.height - index * (bar_height + gap)
        total = sum(counts.values())
        drawing.add(
            String(
                label_width - AXIS_GAP,
                top - 10,
                label,
                fontName=fonts.BOLD,
                fontSize=LABEL_SIZE,
                textAnchor="end",
            )
        )
        x = label_width
        for status in STATUS_ORDER:
            count = counts.get(status, 0)
            if not count:
                continue
            length = bar_space * count / total
            drawing.add(
                Rect(x, top - bar_height, length, bar_height,
                     fillColor=fill(status), strokeColor=colors.black, strokeWidth=0.4)
            )  # fmt: skip
            if length >= 11:
                _mark(drawing, status, x + length / 2, top - 10.5, LABEL_SIZE, on_fill=True)
            x += length
        drawing.add(
            String(
                label_width + bar_space + AXIS_GAP,
                top - 10,
                words[0].number(total),
                fontName=fonts.REGULAR,
                fontSize=LABEL_SIZE,
            )
        )
    return drawing
