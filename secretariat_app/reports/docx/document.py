"""The Word document every report is written into: A4 with the PDF's margins, named fonts,
Word's own heading styles, a "page X of Y" footer made of fields, a table of contents field,
the document's properties, and a file that is byte for byte the same for the same data.

python-docx starts from its built-in template (inside the installed ``docx`` package), so
nothing but the code here is needed next to the app.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from copy import deepcopy
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from reportlab.pdfbase import pdfmetrics

from secretariat_app.reports import fonts
from secretariat_app.reports.layout import BOTTOM_MARGIN, LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN
from secretariat_app.reports.words import Words

#: Font families as Word names them (the faces the PDF embeds, see :mod:`reports.fonts`).
TEXT_FONT = "Noto Sans"
SYMBOL_FONT = "Noto Sans Symbols2"
#: Word's language tags for the spelling checker.
WORD_LANGUAGE = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-GB"}

BODY_SIZE = Pt(10.5)
CELL_SIZE = Pt(9.5)
#: Zip entries carry this time, so two runs on the same data give the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_POINT = 72 / 25.4  # ReportLab's units are points; Word's Mm() takes millimetres


def millimetres(points: float) -> Mm:
    return Mm(round(points / _POINT, 2))


def set_fonts(element: Any, family: str) -> None:
    """``w:rFonts`` naming ``family`` for every script slot (ascii, hAnsi, eastAsia, cs), so Word
    never falls back to a theme font for Kazakh or for any other letter."""
    properties = element.get_or_add_rPr()
    found = properties.find(qn("w:rFonts"))
    if found is None:
        found = OxmlElement("w:rFonts")
        properties.insert(0, found)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        found.set(qn(f"w:{slot}"), family)
    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        found.attrib.pop(qn(f"w:{theme}"), None)


def _style_font(style: ParagraphStyle, size: Pt, bold: bool = False, italic: bool = False) -> None:
    style.font.name = TEXT_FONT
    style.font.size = size
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, TEXT_FONT)
    properties = style.element.get_or_add_rPr()
    complex_size = properties.find(qn("w:szCs"))
    if complex_size is None:
        complex_size = OxmlElement("w:szCs")
        properties.append(complex_size)
    complex_size.set(qn("w:val"), str(round(size.pt * 2)))


def set_language(element: Any, lang: str) -> None:
    """The style's text is in ``lang`` (Word's spelling checker and hyphenation follow it)."""
    properties = element.get_or_add_rPr()
    tag = properties.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        properties.append(tag)
    for slot in ("val", "eastAsia", "bidi"):
        tag.set(qn(f"w:{slot}"), WORD_LANGUAGE[lang])


class _RunProperties:
    """A bare ``w:rPr`` seen as an element that has one (what :func:`set_fonts` takes)."""

    def __init__(self, element: Any) -> None:
        self._element = element

    def get_or_add_rPr(self) -> Any:
        return self._element


def setup_styles(document: Document, lang: str) -> None:
    """Normal text in Noto Sans, Word's Title and Heading 1–3 in its bold face, and the named
    paragraph styles tables use."""
    styles = document.styles
    # the template's defaults and styles name theme fonts (Calibri, Cambria): Noto Sans everywhere
    for run_properties in styles.element.iter(qn("w:rPr")):
        if run_properties.find(qn("w:rFonts")) is not None or run_properties.getparent().tag == qn(
            "w:rPrDefault"
        ):
            set_fonts(_RunProperties(run_properties), TEXT_FONT)
    normal = styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _style_font(normal, BODY_SIZE)
    set_language(normal.element, lang)
    normal.paragraph_format.space_after = Pt(4)
    headings = [("Title", Pt(18)), ("Heading 1", Pt(15)), ("Heading 2", Pt(13)), ("Heading 3", Pt(11.5))]
    if _has_style(document, "TOC Heading"):
        headings.append(("TOC Heading", Pt(15)))
    for name, size in headings:
        style = styles[name]
        assert isinstance(style, ParagraphStyle)
        _style_font(style, size, bold=True)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
    title = styles["Title"]
    assert isinstance(title, ParagraphStyle)
    # the template's title has a bottom border and a theme colour; the cover wants plain black type
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:
        title.element.pPr.remove(borders)
    for name, size, bold in (("Table Text", CELL_SIZE, False), ("Table Header", CELL_SIZE, True)):
        style = styles.add_style(name, 1)  # 1: a paragraph style
        assert isinstance(style, ParagraphStyle)
        style.base_style = normal
        _style_font(style, size, bold=bold)
        style.paragraph_format.space_after = Pt(1)
    subtitle = styles.add_style("Cover Line", 1)
    assert isinstance(subtitle, ParagraphStyle)
    subtitle.base_style = normal
    _style_font(subtitle, Pt(12))
    addressee = styles.add_style("Addressee", 1)  # a letter's addressee, on the right half
    assert isinstance(addressee, ParagraphStyle)
    addressee.base_style = normal
    addressee.paragraph_format.left_indent = Mm(round((210 - 35) / 2))
    addressee.paragraph_format.space_after = Pt(0)
    salutation = styles.add_style("Salutation", 1)
    assert isinstance(salutation, ParagraphStyle)
    salutation.base_style = normal
    salutation.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    salutation.paragraph_format.space_before = Pt(12)


def page_setup(section: Section) -> None:
    """A4 portrait with the PDF's margins."""
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = millimetres(LEFT_MARGIN)
    section.right_margin = millimetres(RIGHT_MARGIN)
    section.top_margin = millimetres(TOP_MARGIN)
    section.bottom_margin = millimetres(BOTTOM_MARGIN)
    section.header_distance = Mm(8)
    section.footer_distance = Mm(8)


def create(lang: str) -> Document:
    document = new_document()
    _drop_template_thumbnail(document)
    setup_styles(document, lang)
    page_setup(document.sections[0])
    _update_fields_on_open(document)
    return document


def _drop_template_thumbnail(document: Document) -> None:
    """python-docx's template carries a picture of an empty page as the file's thumbnail."""
    relationships = document.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype == RT.THUMBNAIL:
            relationships.pop(key)


def _update_fields_on_open(document: Document) -> None:
    """Word fills in the table of contents and the page totals when the file is opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def add_field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, SECTIONPAGES, TOC …) with ``shown`` as its last result."""

    def char(kind: str) -> None:
        run = paragraph.add_run()
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            mark.set(qn("w:dirty"), "true")
        run._r.append(mark)

    char("begin")
    code = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code._r.append(text)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def page_footer(section: Section, words: tuple[Words, ...], total_field: str) -> None:
    """The footer of ``section``: "Страница 3 из 29" in each language, with PAGE and
    ``total_field`` (NUMPAGES for a whole document, SECTIONPAGES for one letter) as fields."""
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, w in enumerate(words):
        if index:
            paragraph.add_run("   ·   ")
        template = w.tr("Page {page} of {total}")
        head, _, rest = template.partition("{page}")
        middle, _, tail = rest.partition("{total}")
        paragraph.add_run(head)
        add_field(paragraph, "PAGE")
        paragraph.add_run(middle)
        add_field(paragraph, total_field)
        paragraph.add_run(tail)
    for run in paragraph.runs:
        run.font.size = Pt(8.5)


def page_header(section: Section, lines: list[str]) -> None:
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.text = ""
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.font.size = Pt(8)
        run.italic = bool(index)
        if index < len(lines) - 1:
            run.add_break()


def letter_header(section: Section, lines: list[str]) -> None:
    """A letter's first page has no running header (the letterhead is there); its later pages
    carry ``lines`` (its outgoing number and addressee)."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].text = ""
    page_header(section, lines)
    first_footer = section.first_page_footer
    first_footer.is_linked_to_previous = False
    _copy_footer(section.footer, first_footer)


def _copy_footer(source: Any, target: Any) -> None:
    """The first page's footer as the others' ("page 1 of N" there too)."""
    for element in list(target._element):
        target._element.remove(element)
    for element in source._element:
        target._element.append(deepcopy(element))


def restart_numbering(section: Section) -> None:
    """Pages of ``section`` count from 1 again (each letter is its own document)."""
    properties = section._sectPr
    numbering = properties.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        properties.append(numbering)
    numbering.set(qn("w:start"), "1")


def new_section(document: Document) -> Section:
    """A section starting on a new page, laid out like the first."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section)
    return section


def page_break(document: Document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def table_of_contents(document: Document, title: str) -> None:
    """The contents: a TOC field over Heading 1–3 that Word fills in when the file is opened."""
    document.add_paragraph(title, style="TOC Heading" if _has_style(document, "TOC Heading") else "Title")
    add_field(document.add_paragraph(), r'TOC \o "1-3" \h \z \u', shown=" ")


def _has_style(document: Document, name: str) -> bool:
    return any(style.name == name for style in document.styles)


def properties(document: Document, title: str, subject: str, author: str, lang: str, when: dt.date) -> None:
    """Title, subject, author and language, with the as-of date as every date (no clock time)."""
    core = document.core_properties
    moment = dt.datetime(when.year, when.month, when.day)
    core.title = title
    core.subject = subject
    core.author = author
    core.last_modified_by = author
    core.language = WORD_LANGUAGE[lang]
    core.created = moment
    core.modified = moment
    core.last_printed = moment
    core.revision = 1
    core.comments = ""
    core.keywords = ""


class TableSpool:
    """The report's tables as WordprocessingML text in a temporary file, each standing in the
    document as a marker paragraph until :func:`save` copies it in: a report's tables are nearly
    all of its text, and as an element tree they took ten times their size in memory (600 MB for
    2,000 decisions)."""

    MARKER = re.compile(rb'<w:p><w:pPr><w:pStyle w:val="SpooledTable(\d+)"/></w:pPr></w:p>')

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 (open until close(): the whole write)
        self._spans: list[tuple[int, int]] = []
        self._start = 0

    def begin(self) -> None:
        self._start = self._file.tell()

    def write(self, text: str) -> None:
        self._file.write(text.encode("utf-8"))

    def end(self) -> str:
        """The marker paragraph of the table just written."""
        self._spans.append((self._start, self._file.tell()))
        return (
            f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="SpooledTable{len(self._spans) - 1}"/></w:pPr></w:p>'
        )

    def copy(self, index: int, out: Any) -> None:
        start, end = self._spans[index]
        self._file.seek(start)
        while start < end:
            chunk = self._file.read(min(1 << 20, end - start))
            out.write(chunk)
            start += len(chunk)
        self._file.seek(0, io.SEEK_END)

    def close(self) -> None:
        self._file.close()


def save(document: Document, target: Path, spool: TableSpool) -> None:
    """The document written to ``target``, the spooled tables in their places, with fixed zip
    times (python-docx stamps the clock)."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            if item.filename != "word/document.xml":
                out.writestr(entry, source.read(item.filename))
                continue
            pieces = TableSpool.MARKER.split(source.read(item.filename))
            with out.open(entry, "w") as stream:
                for index, piece in enumerate(pieces):
                    if index % 2:
                        spool.copy(int(piece), stream)
                    else:
                        stream.write(piece)


@lru_cache(maxsize=1)
def symbol_only_chars() -> frozenset[str]:
    """Every character the symbols face has and the text face lacks."""
    fonts.register_fonts()
    regular = pdfmetrics.getFont(fonts.REGULAR).face.charToGlyph
    symbols = pdfmetrics.getFont(fonts.SYMBOLS).face.charToGlyph
    return frozenset(chr(code) for code in symbols if code not in regular)


def needs_symbol_font(char: str) -> bool:
    """A character the text face lacks and the symbols face has (the status marks ○ ◐ ◑ ● ⚠)."""
    return char in symbol_only_chars()
