"""The Word edition, read back with python-docx and compared with the PDF made from the same data."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.i18n import format_date, roman
from secretariat_app.core.services.decisions import AssignmentInput, DecisionInput, create_decision
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.services.report_data import progress_report_data, reminders_data
from secretariat_app.reports import ReportCancelled, ReportOptions, fonts, generate_report, progress_report
from secretariat_app.reports.docx.document import SYMBOL_FONT, TEXT_FONT
from secretariat_app.reports.fonts import fonts_dir
from tests.conftest import DEMO_TODAY
from tests.report_helpers import flat, outline_titles, pdftotext

FORUM = 12
KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІ"
_HEADING = re.compile(r"Heading (\d)")


def _make(database: Database, out: Path, forum: int = FORUM, **options: object) -> Path:
    result = generate_report(database, ReportOptions(forum, as_of=DEMO_TODAY, out=out, **options))  # type: ignore[arg-type]
    assert result.path == out.resolve()
    return out


def _word(database: Database, folder: Path, name: str = "report.docx", **options: object) -> Path:
    out = _make(database, folder / name, format="docx", **options)
    assert out.stat().st_size > 0
    return out


def headings(document: WordDocument) -> list[tuple[int, str]]:
    """(level, text) of every paragraph in a Word heading style, in document order; the contents'
    title (Word's "TOC Heading", which the contents leave out, as the PDF's contents do) at 0."""
    found = []
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        match = _HEADING.fullmatch(name)
        if match:
            found.append((int(match.group(1)) - 1, paragraph.text))
        elif name == "TOC Heading":
            found.append((0, paragraph.text))
    return found


def all_text(document: WordDocument) -> str:
    """Body paragraphs and every table cell (tables nested in cells included)."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return flat("\n".join(parts))


def tables_by_heading(document: WordDocument) -> dict[str, list[Table]]:
    """The tables under each heading (the latest heading before them)."""
    found: dict[str, list[Table]] = {}
    current = ""
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = Paragraph(element, document)
            if paragraph.style is not None and _HEADING.fullmatch(paragraph.style.name):
                current = paragraph.text
        elif element.tag == qn("w:tbl"):
            found.setdefault(current, []).append(Table(element, document))
    return found


def first_column_codes(document: WordDocument) -> list[str]:
    """The bold code that opens the first cell of every decision row."""
    codes = []
    for table in document.tables:
        for row in table.rows[1:]:
            paragraph = row.cells[0].paragraphs[0]
            runs = paragraph.runs
            if runs and runs[0].bold and re.fullmatch(r"[\w.\-/]+", paragraph.text):
                codes.append(paragraph.text)
    return codes


EDITIONS = [
    ("progress", "parallel", ("ru", "kk")),
    ("progress", "sequential", ("ru", "kk")),
    ("progress", "parallel", ("kk",)),
    ("resolutions", "parallel", ("ru", "kk")),
    ("resolutions", "sequential", ("kk", "ru")),
    ("reminders", "parallel", ("ru", "kk")),
    ("reminders", "sequential", ("ru", "kk")),
    ("reminders", "parallel", ("en", "ru")),
]


@pytest.mark.parametrize("kind, layout, langs", EDITIONS)
def test_headings_are_word_headings_with_the_pdfs_bookmark_titles_in_order(
    demo_sqlite: Database, tmp_path: Path, kind: str, layout: str, langs: tuple[str, ...]
) -> None:
    # forum XII is yet to meet: the list of adopted decisions is the previous forum's
    options = {
        "kind": kind,
        "layout": layout,
        "langs": langs,
        "forum": FORUM,
    }
    if kind == "resolutions":  # forum XI's list, its one missing Kazakh text marked
        options.update(forum=11, allow_missing=True)
    pdf = _make(demo_sqlite, tmp_path / "report.pdf", **options)
    word = Document(str(_word(demo_sqlite, tmp_path, **options)))
    assert headings(word) == outline_titles(pdf)
    codes = first_column_codes(word)
    assert codes, "the tables hold decision rows"
    pdf_text = flat(pdftotext(pdf))
    for code in set(codes):
        assert code in pdf_text


def test_the_progress_report_holds_the_same_lists_as_the_data(demo_sqlite: Database, tmp_path: Path) -> None:
    word = Document(str(_word(demo_sqlite, tmp_path)))
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY)
    under = tables_by_heading(word)
    overdue_heading = next(title for title in under if "Просроченные решения" in title)
    overdue_table = under[overdue_heading][-1]  # after the intro, languages side by side
    overdue_codes = [
        (row.cells[0].paragraphs[0].text, row.cells[0].paragraphs[1].text) for row in overdue_table.rows[1:]
    ]
    assert overdue_codes == [(d.code, roman(d.forum_number)) for d in data.overdue]
    listed = first_column_codes(word)
    assert len(listed) == progress_report.rows_drawn(data)  # the rows the PDF draws
    text = all_text(word)
    # the overdue list tells the deadline's history with its reasons
    moved = [d for d in data.overdue if d.deadline_moves]
    assert moved
    for decision in moved:
        for move in decision.deadline_moves:
            assert flat(move.reason) in text
    for lang in ("ru", "kk"):  # the date of "no news" in words, in both languages
        assert flat(format_date(data.when.stalled_since, lang)) in text
    assert "25 ноября 2026 г." in text and "2026 жылғы 25 қараша" in text  # as-of in words, both languages


def test_kazakh_and_russian_texts_are_all_there(demo_sqlite: Database, tmp_path: Path) -> None:
    word = Document(str(_word(demo_sqlite, tmp_path, with_archive=True)))
    text = all_text(word)
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY, with_archive=True)
    assert data.archive
    for decision in data.archive:
        for lang in ("ru", "kk"):
            value = decision.texts.get(lang, "").strip()
            assert flat(value) in text if value else "[Бұл тілде мәтін жоқ]" in text
    in_data = {c for d in data.archive for c in d.texts.get("kk", "") if c.upper() in KAZAKH_LETTERS}
    assert len(in_data) >= 8
    for letter in in_data:
        assert letter in text


def _fonts_named(part_xml: bytes) -> set[str]:
    names = set()
    for attributes in re.findall(rb"<w:rFonts ([^>]*)/>", part_xml):
        slots = dict(re.findall(rb'w:(\w+)="([^"]*)"', attributes))
        assert not any(key.endswith((b"Theme", b"theme")) for key in slots), attributes
        assert set(slots) == {b"ascii", b"hAnsi", b"eastAsia", b"cs"}, attributes
        names.update(value.decode() for value in slots.values())
    return names


def test_fonts_are_the_pdfs_faces_named_for_every_script(demo_sqlite: Database, tmp_path: Path) -> None:
    path = _word(demo_sqlite, tmp_path)
    with zipfile.ZipFile(path) as package:
        styles = _fonts_named(package.read("word/styles.xml"))
        body = _fonts_named(package.read("word/document.xml"))
    assert styles == {TEXT_FONT}
    assert body == {SYMBOL_FONT}  # the status marks the text face lacks
    from reportlab.pdfbase.ttfonts import TTFont

    families = {
        TTFont(name, str(fonts_dir() / f"{name}.ttf")).face.familyName.decode()
        for name in ("NotoSans-Regular", "NotoSansSymbols2-Regular")
    }
    assert families == {TEXT_FONT, SYMBOL_FONT}
    assert fonts.has_glyph(fonts.REGULAR, "Ә")


def test_kazakh_paragraphs_are_tagged_kazakh_for_the_spelling_checker(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    word = Document(str(_word(demo_sqlite, tmp_path)))
    under = tables_by_heading(word)
    overdue = under[next(title for title in under if "Просроченные решения" in title)][-1]
    russian, kazakh = overdue.rows[1].cells[-2], overdue.rows[1].cells[-1]
    assert russian.paragraphs[0].style.name == "Table Text"
    assert kazakh.paragraphs[0].style.name == "Table Text (kk)"
    tag = kazakh.paragraphs[0].style.element.rPr.find(qn("w:lang"))
    assert tag.get(qn("w:val")) == "kk-KZ"
    assert word.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "ru-RU"


def test_a4_the_pdfs_margins_a_page_field_and_a_contents_field(demo_sqlite: Database, tmp_path: Path) -> None:
    path = _word(demo_sqlite, tmp_path)
    word = Document(str(path))
    (section,) = word.sections
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20 and round(section.right_margin.mm) == 15
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "Страница" in footer and "барлығы" in footer
    with zipfile.ZipFile(path) as package:
        body = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    assert 'TOC \\o "1-3"' in body
    assert '<w:updateFields w:val="true"/>' in settings
    properties = word.core_properties
    assert "Отчёт о ходе исполнения" in properties.title and "XII" in properties.subject
    assert properties.created is not None and properties.created.date() == DEMO_TODAY
    assert properties.language == "ru-RU"


@pytest.mark.parametrize("layout", ["parallel", "sequential"])
def test_each_letter_is_a_section_whose_pages_count_from_one(
    demo_sqlite: Database, tmp_path: Path, layout: str
) -> None:
    word = Document(str(_word(demo_sqlite, tmp_path, kind="reminders", layout=layout)))
    with demo_sqlite.reader() as session:
        data = reminders_data(session, FORUM, DEMO_TODAY)
    letters, directory = data.reminders, data.directory
    sections = word.sections
    assert len(sections) == len(letters) > 1  # in the sequential layout a letter holds both languages
    for section in sections:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is not None and numbering.get(qn("w:start")) == "1"
        footer = section.footer
        assert not footer.is_linked_to_previous
        assert "SECTIONPAGES" in footer._element.xml and "PAGE" in footer._element.xml
        # the first page carries the letterhead, the later ones the letter's number and addressee
        assert section.different_first_page_header_footer
        assert section.first_page_header.paragraphs[0].text == ""
        assert "№" in section.header.paragraphs[0].text
    starts = [title for level, title in headings(word) if level == 0]
    assert [title.split(" / ")[0] for title in starts] == [
        directory.executors[r.executor_id].name("ru") for r in letters
    ]


def test_resolutions_carry_no_status_and_no_as_of_date(demo_sqlite: Database, tmp_path: Path) -> None:
    word = Document(str(_word(demo_sqlite, tmp_path, kind="resolutions", forum=11, allow_missing=True)))
    assert first_column_codes(word)
    text = all_text(word)
    assert "По состоянию на" not in text and "Есепті күн" not in text
    assert not set(text) & {status.symbol for status in Status if status.symbol not in "i?×"}


def test_same_data_and_date_give_the_same_bytes(demo_sqlite: Database, tmp_path: Path) -> None:
    first = _word(demo_sqlite, tmp_path, "one.docx", kind="reminders")
    second = _word(demo_sqlite, tmp_path, "two.docx", kind="reminders")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_cancelling_keeps_the_previous_file(demo_sqlite: Database, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    out.write_bytes(b"the previous report")
    seen: list[tuple[int, int]] = []
    with pytest.raises(ReportCancelled):
        generate_report(
            demo_sqlite,
            ReportOptions(FORUM, as_of=DEMO_TODAY, out=out, format="docx"),
            lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 3,
        )
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("secretariat.sqlite3")] == [
        "report.docx"
    ]


def test_progress_counts_up_to_the_total(demo_sqlite: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    generate_report(
        demo_sqlite,
        ReportOptions(FORUM, as_of=DEMO_TODAY, out=tmp_path / "r.docx", format="docx"),
        lambda done, total: seen.append((done, total)),
    )
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] > 40


def test_report_command_format_docx_and_the_out_suffix(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(demo_sqlite.path)
    demo_sqlite.dispose()
    base = ["--lang", "ru", "--db", db, "report", "--forum", "12", "--as-of", "2026-11-25"]
    assert main([*base, "--format", "docx"]) == 0
    default = tmp_path / "report-forum-XII-2026-11-25.docx"
    assert capsys.readouterr().out.splitlines() == [str(default)]  # Word counts the pages, not us
    assert headings(Document(str(default)))
    assert main([*base, "--kind", "resolutions", "--allow-missing", "--out", "x.docx"]) == 0
    assert zipfile.is_zipfile(tmp_path / "x.docx")
    assert main([*base, "--out", "y.pdf"]) == 0
    assert len(PdfReader(tmp_path / "y.pdf").pages) > 1
    capsys.readouterr()
    assert main([*base, "--format", "docx", "--out", str(tmp_path)]) == 2
    assert "папка" in capsys.readouterr().err
    assert main([*base, "--format", "pdf", "--out", "z.docx"]) == 2
    assert ".docx" in capsys.readouterr().err
    assert not (tmp_path / "z.docx").exists()


TYPED_RU = '<w:t>не разметка</w:t> & &amp; ]]> "кавычки" <script>\nвторая строка'
TYPED_KK = "Қазақша <b>емес</b> & ӘҒҚҢӨҰҮҺІ \ufffe\x0c соңы"


def test_typed_text_is_written_as_typed_never_as_markup(demo_sqlite: Database, tmp_path: Path) -> None:
    with demo_sqlite.session() as session:
        forum = forum_by_number(session, 11)
        region = find_executor(session, "KZ-15")
        decision, _ = create_decision(
            session,
            DecisionInput(forum.id, "99.1", {"ru": TYPED_RU, "kk": TYPED_KK}, "other", forum.start_date),
            [AssignmentInput(region.id, Role.LEAD)],
        )
        add_progress_entry(
            session,
            decision.id,
            ProgressInput(
                DEMO_TODAY - dt.timedelta(days=3),
                None,
                region.id,
                {"ru": NoteInput("<&>", "]]>", '"')},
                "<№ 1>",
            ),
        )
    for layout in ("parallel", "sequential"):
        word = Document(str(_word(demo_sqlite, tmp_path, f"{layout}.docx", layout=layout)))
        cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        assert any(TYPED_RU in text for text in cells)  # the line break is a w:br, read back as "\n"
        assert any("Қазақша <b>емес</b> & ӘҒҚҢӨҰҮҺІ  соңы" in text for text in cells)
        assert any(
            "<&>" in text and "]]>" in text and "<№\u00a01>" in text for text in cells
        )  # № kept with 1
