"""The page furniture of a batch of letters: each letter is its own document within the file.

A letter starts on a new page with a :class:`LetterStart` marker. Its first page has no running
header (the letterhead is there); its later pages carry the letter's own header (outgoing number
and addressee); every page says "page X of Y" counted within the letter. A letter's total is not
known until its last page is done, so each letter has its own total forms, filled in when the
canvas is saved — one pass, as :class:`~secretariat_app.reports.layout.ReportDocument` does for
a whole report. Header and footer are drawn when a page ends, once the page knows its letter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate

from secretariat_app.reports import fonts
from secretariat_app.reports.layout import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    RULE,
    TOP_MARGIN,
    ReportDocument,
)
from secretariat_app.reports.words import Words

FURNITURE_SIZE = 7.5


class LetterStart(Flowable):
    """Where a letter begins: names its running header and its bookmark, takes no room."""

    def __init__(self, header_lines: Sequence[str], outline: str) -> None:
        super().__init__()
        self.header_lines = list(header_lines)
        self.outline = outline
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        document = canvas._doctemplate
        assert isinstance(document, LetterDocument)
        key = f"letter{len(document.letter_pages)}"
        canvas.bookmarkHorizontal(key, 0, 0)
        canvas.addOutlineEntry(self.outline, key, level=0, closed=True)
        document.begin_letter(self.header_lines)


class LetterDocument(ReportDocument):
    """A4 letters, each with its own first page, running header and "page X of Y"."""

    def __init__(self, filename: str, words: Sequence[Words], *args: Any, **kwargs: Any) -> None:
        super().__init__(filename, words, [], "", *args, **kwargs)
        frames = self.pageTemplates[0].frames
        self.pageTemplates: list[PageTemplate] = []
        self.addPageTemplates([PageTemplate("letter", frames, onPageEnd=self._letter_page)])
        #: pages of each letter so far, in order; the last is the letter being drawn
        self.letter_pages: list[int] = []
        self._letter_header: list[str] = []

    def begin_letter(self, header_lines: Sequence[str]) -> None:
        self.letter_pages.append(0)
        self._letter_header = list(header_lines)

    def _letter_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._ticker.check()
        if not self.letter_pages:  # a batch without letters says so on one page
            self.begin_letter([])
        self.letter_pages[-1] += 1
        page = self.letter_pages[-1]
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, FURNITURE_SIZE)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        if page > 1 and self._letter_header:
            y = PAGE_HEIGHT - TOP_MARGIN + 6 * mm
            for line in self._letter_header:
                canvas.drawString(LEFT_MARGIN, y, line)
                y -= 9
            canvas.line(LEFT_MARGIN, y + 5, PAGE_WIDTH - RIGHT_MARGIN, y + 5)
        y = BOTTOM_MARGIN - 7 * mm
        canvas.line(LEFT_MARGIN, y + 9, PAGE_WIDTH - RIGHT_MARGIN, y + 9)
        x = PAGE_WIDTH - RIGHT_MARGIN
        for words in reversed(self._words):
            head, tail = self._letter_page_parts(words, page)
            width = stringWidth(head + words.number(99) + tail, fonts.REGULAR, FURNITURE_SIZE)
            x -= width
            canvas.drawString(x, y, head)
            canvas.saveState()
            canvas.translate(x + stringWidth(head, fonts.REGULAR, FURNITURE_SIZE), y)
            canvas.doForm(self._total_form(len(self.letter_pages) - 1, words))
            canvas.restoreState()
            x -= 8 * mm
        canvas.restoreState()

    @staticmethod
    def _letter_page_parts(words: Words, page: int) -> tuple[str, str]:
        """The footer's phrase split around the letter's total: ``("Страница 2 из ", "")``."""
        template = words.tr("Page {page} of {total}")
        if "{total}" not in template or template.index("{total}") < template.find("{page}"):
            template = "{page} / {total}"
        head, tail = template.split("{total}", 1)
        return head.format(page=words.number(page)), tail

    @staticmethod
    def _total_form(letter: int, words: Words) -> str:
        return f"letter{letter}-total-{words.lang}"

    def _draw_totals(self, canvas: Canvas, pages: int) -> None:
        for letter, total in enumerate(self.letter_pages):
            for words in self._words:
                _head, tail = self._letter_page_parts(words, total)
                canvas.beginForm(self._total_form(letter, words))
                canvas.setFont(fonts.REGULAR, FURNITURE_SIZE)
                canvas.setFillColor(MUTED)
                canvas.drawString(0, 0, words.number(total) + tail)
                canvas.endForm()
