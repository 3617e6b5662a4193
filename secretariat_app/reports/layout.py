"""The page, the styles and the few flowables every report shares.

One :class:`ReportDocument` holds the page geometry; pages get a header with the forum's name and
a footer with "page X of Y" in each language. The total page count is not known until the end,
so each language's total is a PDF form drawn on every page and filled in when the canvas is
saved — one pass, no second build. The table of contents works the same way: each entry's page
number is a form, filled in with the page its heading was drawn on. Section headings add
themselves to the PDF outline when drawn; the cell that starts each decision row reports progress
and checks for cancellation.

Sizes are for readers of printed documents: body 10 pt, table text, headers and notes 9 pt; page
furniture (running header, footer) 8 pt, outside the text frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from secretariat_app.reports import fonts
from secretariat_app.reports.words import Words

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 20 * mm
RIGHT_MARGIN = 15 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 18 * mm
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - TOP_MARGIN - BOTTOM_MARGIN
GUTTER = 4 * mm

INK = colors.black
MUTED = colors.HexColor("#444444")
RULE = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
GAP_FILL = colors.HexColor("#ededed")


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base = {
        "fontName": fonts.REGULAR,
        "fontSize": 9,
        "leading": 11.4,
        "splitLongWords": 1,
        "allowWidows": 0,
        "allowOrphans": 0,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


@dataclass(frozen=True)
class Styles:
    """The named paragraph styles of every report."""

    body: ParagraphStyle = field(
        default_factory=lambda: _style("body", fontSize=10, leading=13.2, spaceAfter=4)
    )
    cell: ParagraphStyle = field(default_factory=lambda: _style("cell"))
    #: notes under a table and secondary lines of a cell: never below table text
    cell_small: ParagraphStyle = field(default_factory=lambda: _style("cell_small", textColor=MUTED))
    cell_number: ParagraphStyle = field(default_factory=lambda: _style("cell_number", alignment=TA_RIGHT))
    cell_center: ParagraphStyle = field(default_factory=lambda: _style("cell_center", alignment=TA_CENTER))
    header_cell: ParagraphStyle = field(
        default_factory=lambda: _style("header_cell", fontName=fonts.BOLD, fontSize=9, leading=11)
    )
    header_number: ParagraphStyle = field(
        default_factory=lambda: _style(
            "header_number", fontName=fonts.BOLD, fontSize=9, leading=11, alignment=TA_RIGHT
        )
    )
    title: ParagraphStyle = field(
        default_factory=lambda: _style("title", fontName=fonts.BOLD, fontSize=17, leading=22, spaceAfter=10)
    )
    subtitle: ParagraphStyle = field(
        default_factory=lambda: _style("subtitle", fontSize=12, leading=15.5, spaceAfter=4)
    )
    h1: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h1", fontName=fonts.BOLD, fontSize=14, leading=17.5, spaceBefore=6, spaceAfter=6, keepWithNext=1
        )
    )
    h2: ParagraphStyle = field(
        default_factory=lambda: _style(
            "h2",
            fontName=fonts.BOLD,
            fontSize=11.5,
            leading=14.5,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        )
    )
    #: a line of the table of contents (the page number is drawn beside it)
    toc: ParagraphStyle = field(default_factory=lambda: _style("toc", fontSize=10, leading=13))


#: Page furniture (running header, footer) size: outside the frame, not reading text.
FURNITURE_SIZE = 8.0


def fitted_lines(
    lines: Sequence[str], width: float, font: str = fonts.REGULAR, size: float = FURNITURE_SIZE
) -> list[str]:
    """``lines`` wrapped at spaces so that none is wider than ``width`` (a running header never
    runs off the paper); a word wider than the width on its own is cut with an ellipsis."""
    fitted: list[str] = []
    for line in lines:
        current = ""
        for word in line.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(candidate, font, size) > width:
                fitted.append(current)
                candidate = word
            current = candidate
        fitted.append(current)
    return [_cut(line, width, font, size) for line in fitted]


def _cut(line: str, width: float, font: str, size: float) -> str:
    if stringWidth(line, font, size) <= width:
        return line
    while line and stringWidth(line + "…", font, size) > width:
        line = line[:-1]
    return line + "…"


class Ticker:
    """Counts decision rows as they are drawn: reports progress, raises when cancelled."""

    def __init__(
        self,
        total: int,
        progress: Callable[[int, int], None] | None,
        cancelled: Callable[[], bool] | None,
        on_cancel: Callable[[], BaseException],
    ) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._on_cancel = on_cancel
        self._step = max(1, total // 200)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise self._on_cancel()

    def tick(self) -> None:
        self.done += 1
        if self.done % self._step == 0 or self.done == self.total:
            self.check()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)


class CellParagraph(Paragraph):
    """A paragraph that remembers its line breaks for a width.

    A long table wraps a row's cells when it measures the page, again when it splits there and
    once more for the next page; the lines only depend on the width, so they are broken once.
    """

    _wrapped: tuple[float, Any, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            self.width, self.blPara, self.height = cached
            return availWidth, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.blPara, height)
        return width, height


class LazyParagraph(Flowable):
    """Cell text kept as markup until its table measures it, and let go once drawn.

    Paragraphs are heavy (parsed fragments, broken lines); a table of 20,000 decisions holds
    only their markup, so memory stays flat however long the report.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._paragraph: CellParagraph | None = None

    def _made(self) -> CellParagraph:
        if self._paragraph is None:
            self._paragraph = CellParagraph(self.text, self.style)
        return self._paragraph

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._made().wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return list(self._made().split(availWidth, availHeight))

    def minWidth(self) -> float:
        return float(self._made().minWidth())

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._made().drawOn(canvas, x, y, _sW)
        self._paragraph = None


class _MarkedParagraph(CellParagraph):
    """A paragraph that does one thing when drawn; when split, its first part does it."""

    #: Attributes the first part of a split paragraph takes over.
    _carried: tuple[str, ...] = ()

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) > 1:
            for name in self._carried:
                setattr(parts[0], name, getattr(self, name))
        return parts


class TickParagraph(_MarkedParagraph):
    """The first cell of a decision row: drawing it counts the decision as done."""

    _ticker: Ticker | None = None
    _carried = ("_ticker",)

    @classmethod
    def make(cls, text: str, style: ParagraphStyle, ticker: Ticker) -> TickParagraph:
        paragraph = cls(text, style)
        paragraph._ticker = ticker
        return paragraph

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        super().drawOn(canvas, x, y, _sW)
        if self._ticker is not None:
            self._ticker.tick()


class Heading(_MarkedParagraph):
    """A heading that adds itself to the PDF outline (bookmarks) where it is drawn."""

    _outline: tuple[str, str, int] | None = None
    _carried = ("_outline",)

    @classmethod
    def make(cls, text: str, style: ParagraphStyle, outline: str, key: str, level: int) -> Heading:
        paragraph = cls(text, style)
        paragraph._outline = (outline, key, level)
        return paragraph

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self._outline is not None:
            title, key, level = self._outline
            canvas.bookmarkHorizontal(key, 0, y + self.height + 4)
            canvas.addOutlineEntry(title, key, level=level, closed=level > 0)
            pages = getattr(canvas, "heading_pages", None)
            if pages is not None:
                pages[key] = canvas.getPageNumber()
        super().drawOn(canvas, x, y, _sW)


class PageRef(Flowable):
    """The number of the page a heading (by its outline key) lands on, right-aligned in its box.

    The page is not known when the contents are drawn, so the number is a PDF form, filled in when
    the canvas is saved (see :meth:`ReportCanvas.save`); the entry also links to the heading.
    """

    def __init__(self, key: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.style.leading

    def draw(self) -> None:
        canvas = self.canv
        refs = getattr(canvas, "page_refs", None)
        if refs is not None:
            refs[self.key] = (self.style.fontName, self.style.fontSize)
        canvas.saveState()
        canvas.translate(self.width, self.style.leading - self.style.fontSize)
        canvas.doForm(page_form(self.key))
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, self.style.leading), relative=1, thickness=0)


def page_form(key: str) -> str:
    return f"page-of-{key}"


def _encoded_stream(text: str) -> PDFStream:
    """A page's content stream compressed now (Flate only: ReportLab's default ASCII85 layer on
    top makes binary-safe files a quarter larger, which nobody needs any more)."""
    stream = PDFStream(content=PDFZCompress.encode(text))
    stream.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
    stream.__Comment__ = "page stream"
    return stream


class ReportCanvas(Canvas):
    """A canvas that fills in the page-total forms once the last page is known, and compresses
    each page as it is finished (ReportLab keeps every page's drawing commands uncompressed until
    the file is saved: hundreds of megabytes for a report of 20,000 decisions)."""

    total_forms: Callable[[ReportCanvas, int], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: the page each heading was drawn on, by its outline key
        self.heading_pages: dict[str, int] = {}
        #: the contents' page numbers still to fill in: key -> (font, size)
        self.page_refs: dict[str, tuple[str, float]] = {}

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and page.stream and not page.Contents:
            page.Contents = _encoded_stream(page.stream)
            page.stream = None

    def save(self) -> None:
        if self.total_forms is not None:
            self.total_forms(self, self.getPageNumber() - 1)
        for key, (font, size) in sorted(self.page_refs.items()):
            page = self.heading_pages.get(key)
            self.beginForm(page_form(key), lowerx=-100, lowery=-size, upperx=1, uppery=2 * size)
            self.setFont(font, size)
            self.drawRightString(0, 0, str(page) if page is not None else "—")
            self.endForm()
        super().save()


class ReportDocument(BaseDocTemplate):
    """A4 portrait with a header naming the forum and a bilingual "page X of Y" footer."""

    def __init__(
        self,
        filename: str,
        words: Sequence[Words],
        header_lines: Sequence[str],
        footer_left: str | Sequence[str],
        ticker: Ticker,
        **metadata: Any,
    ) -> None:
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
            invariant=1,
            initialFontName=fonts.REGULAR,
            pageCompression=1,
            creator="secretariat-app",
            producer="secretariat-app (ReportLab)",
            **metadata,
        )
        self._words = list(words)
        self._header_lines = fitted_lines(header_lines, CONTENT_WIDTH)
        self._footer_left = [footer_left] if isinstance(footer_left, str) else list(footer_left)
        self._ticker = ticker
        frame = Frame(
            LEFT_MARGIN, BOTTOM_MARGIN, CONTENT_WIDTH, FRAME_HEIGHT, id="body",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        self.addPageTemplates(
            [
                PageTemplate("first", [frame], onPage=self._first_page),
                PageTemplate("later", [frame], onPage=self._later_page),
            ]
        )

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        if self.pageTemplate.id == "first":
            self.handle_nextPageTemplate("later")

    def build_story(self, story: list[Any]) -> int:
        """Draw ``story``; returns the number of pages."""
        self.build(story, canvasmaker=self._make_canvas)
        return int(self.page)

    def _make_canvas(self, *args: Any, **kwargs: Any) -> ReportCanvas:
        canvas = ReportCanvas(*args, **kwargs)
        canvas.total_forms = self._draw_totals
        return canvas

    # --- page furniture ------------------------------------------------------------------------

    def _first_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._ticker.check()
        self._footer(canvas)

    def _later_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._ticker.check()
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, FURNITURE_SIZE)
        canvas.setFillColor(MUTED)
        step = FURNITURE_SIZE + 1.5
        y = PAGE_HEIGHT - TOP_MARGIN + 4 * mm + step * (len(self._header_lines) - 1)
        for line in self._header_lines:
            canvas.drawString(LEFT_MARGIN, y, line)
            y -= step
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(LEFT_MARGIN, y + step - 3, PAGE_WIDTH - RIGHT_MARGIN, y + step - 3)
        canvas.restoreState()
        self._footer(canvas)

    def _page_parts(self, words: Words) -> tuple[str, str]:
        """The footer's page phrase split around its total: ``("Страница 3 из ", "")``."""
        template = words.tr("Page {page} of {total}")
        if "{total}" not in template or template.index("{total}") < template.find("{page}"):
            template = "{page} / {total}"
        head, tail = template.split("{total}", 1)
        return head.format(page=words.number(self.page)), tail

    def _footer(self, canvas: Canvas) -> None:
        """The as-of date on the left and "page X of Y" on the right, a line per language."""
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        y = BOTTOM_MARGIN - 6 * mm
        step = FURNITURE_SIZE + 1.5
        canvas.line(LEFT_MARGIN, y + 10, PAGE_WIDTH - RIGHT_MARGIN, y + 10)
        canvas.setFont(fonts.REGULAR, FURNITURE_SIZE)
        canvas.setFillColor(MUTED)
        for index, line in enumerate(fitted_lines(self._footer_left, CONTENT_WIDTH - 45 * mm)):
            canvas.drawString(LEFT_MARGIN, y - index * step, line)
        x = PAGE_WIDTH - RIGHT_MARGIN - 40 * mm
        for index, words in enumerate(self._words):
            head, _tail = self._page_parts(words)
            canvas.drawString(x, y - index * step, head)
            canvas.saveState()
            canvas.translate(x + stringWidth(head, fonts.REGULAR, FURNITURE_SIZE), y - index * step)
            canvas.doForm(f"total-{words.lang}")
            canvas.restoreState()
        canvas.restoreState()

    def _draw_totals(self, canvas: Canvas, pages: int) -> None:
        for words in self._words:
            _head, tail = self._page_parts(words)
            canvas.beginForm(f"total-{words.lang}")
            canvas.setFont(fonts.REGULAR, FURNITURE_SIZE)
            canvas.setFillColor(MUTED)
            canvas.drawString(0, 0, words.number(pages) + tail)
            canvas.endForm()
