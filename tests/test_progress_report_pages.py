"""The progress report's pages as the delegations read them: type sizes, margins, headings kept
with what follows, the contents, typography, one figure per fact, nothing printed twice, and text
the fonts cannot draw."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Role, Status
from secretariat_app.core.services.decisions import AssignmentInput, DecisionInput, create_decision
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.report_data import progress_report_data
from secretariat_app.reports import ReportOptions, generate_report
from secretariat_app.reports.blocks import deadline_line, executors_line
from secretariat_app.reports.layout import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT_MARGIN,
    TOP_MARGIN,
)
from secretariat_app.reports.markup import MISSING_GLYPH
from secretariat_app.reports.words import Words
from tests.conftest import DEMO_TODAY
from tests.report_helpers import flat, outline_titles, page_texts, pdftotext, text_runs, word_boxes

FORUM = 12
#: The longest agency name of the demo directory: its running header must still fit.
AGENCY = "Министерство транспорта Республики Казахстан"


def _report(database: Database, folder: Path, name: str, **options: object) -> Path:
    out = folder / name
    generate_report(database, ReportOptions(FORUM, as_of=DEMO_TODAY, out=out, **options))  # type: ignore[arg-type]
    return out


@pytest.fixture
def editions(demo_sqlite: Database, tmp_path: Path) -> dict[str, Path]:
    """Every edition the secretariat prints."""
    return {
        "parallel": _report(demo_sqlite, tmp_path, "parallel.pdf"),
        "sequential": _report(demo_sqlite, tmp_path, "sequential.pdf", layout="sequential"),
        "kk": _report(demo_sqlite, tmp_path, "kk.pdf", langs=("kk",)),
        "en": _report(demo_sqlite, tmp_path, "en.pdf", langs=("en",)),
        "region": _report(demo_sqlite, tmp_path, "region.pdf", region="RU-ORE"),
        "agency": _report(demo_sqlite, tmp_path, "agency.pdf", region=AGENCY),
    }


def _in_frame(y: float) -> bool:
    return BOTTOM_MARGIN - 1 <= y <= PAGE_HEIGHT - TOP_MARGIN + 1


def test_type_is_big_enough_for_its_readers(editions: dict[str, Path]) -> None:
    """Table text, headers and notes at 9 pt or more, running text at 10; only the page furniture
    (running header, footer) outside the text frame is smaller, at 8."""
    for name, pdf in editions.items():
        sizes_in_frame: set[float] = set()
        for number in range(1, len(PdfReader(pdf).pages) + 1):
            for text, size, _x, y, _font in text_runs(pdf, number):
                if _in_frame(y):
                    sizes_in_frame.add(size)
                    assert size >= 9, (name, number, text, size)
                else:
                    assert size >= 8, (name, number, text, size)
        assert 10 in sizes_in_frame, name
    intro = "Сначала решения с наибольшей просрочкой"
    runs = [r for n in range(1, 12) for r in text_runs(editions["parallel"], n) if r[0].startswith(intro)]
    assert runs and all(size >= 10 for _t, size, *_rest in runs)


def test_every_word_stays_inside_the_margins(editions: dict[str, Path]) -> None:
    """Running headers of region and agency reports are wrapped to the text width."""
    for name, pdf in editions.items():
        for page, word, x0, _y0, x1, _y1 in word_boxes(pdf):
            assert x0 >= LEFT_MARGIN - 0.5 and x1 <= PAGE_WIDTH - RIGHT_MARGIN + 0.5, (name, page, word)
    header = flat(pdftotext(editions["agency"], first=2, last=2))
    assert AGENCY in header


#: What follows a heading on its page: a table's header (in any language printed) or "none".
_STARTS = ("Код", "Коды", "Code", "Показатель", "Көрсеткіш", "Indicator", "Статус", "Мәртебесі", "Status",
           "Регион или ведомство", "Өңір немесе ведомство", "Region or agency", "Нет.", "Жоқ.", "None.")  # fmt: skip


def test_no_page_ends_on_a_heading_or_its_intro(editions: dict[str, Path]) -> None:
    for name, pdf in editions.items():
        reader = PdfReader(pdf)
        texts = [flat(t) for t in page_texts(pdf)]
        pages = _outline_pages(reader)
        assert pages, name
        for title, page in pages:
            text = texts[page]
            start = text.find(flat(title))
            assert start >= 0, (name, title, page + 1)
            rest = text[start + len(flat(title)) :]
            assert any(mark in rest for mark in _STARTS), (name, title, page + 1)


def _outline_pages(reader: PdfReader) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif not str(item.title).startswith(
                ("Содержание", "Мазмұны", "Contents", "Текст", "Қазақ", "Text")
            ):
                found.append((str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def test_the_contents_give_each_headings_page(editions: dict[str, Path]) -> None:
    pdf = editions["parallel"]
    reader = PdfReader(pdf)
    contents = pdftotext(pdf, layout=True, first=2, last=2).replace("\u00a0", " ")
    assert any(line.startswith("Содержание / Мазмұны") for line in contents.splitlines())
    for title, page in _outline_pages(reader):
        if not title[0].isdigit():
            continue  # a forum's heading wraps in the contents; its section's line is checked
        line = next(line for line in contents.splitlines() if line.startswith(title[:40]))
        assert line.split()[-1] == str(page + 1), title


def test_numbers_stay_with_their_signs_and_units(editions: dict[str, Path]) -> None:
    """«№» never ends a line, no line starts with «/», shares are whole percentages."""
    for name, pdf in editions.items():
        text = pdftotext(pdf, layout=True)
        for line in text.splitlines():
            assert not line.rstrip().endswith("№"), (name, line)
            for column in re.split(r"\s{3,}", line.strip()):
                assert not column.startswith("/"), (name, line)
        assert not re.search(r"\d[,.]\d+\s?%", text), name
        assert re.search(r"\d\u00a0%|\d %|\d%", text), name


def test_cover_lines_never_end_on_a_short_word(editions: dict[str, Path]) -> None:
    for name in ("parallel", "kk", "en", "region"):
        for line in pdftotext(editions[name], first=1, last=1).splitlines():
            words = line.replace("\u00a0", " ").split()
            if len(words) > 1:
                assert len(words[-1]) > 2 or words[-1][-1].isdigit() or words[-1] in ("г.",), (name, line)


def test_a_regions_figures_are_one_figure_per_fact(demo_sqlite: Database, editions: dict[str, Path]) -> None:
    """Orenburg's summary, scorecard row and lists count the same assignments of its own."""
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY, "RU-ORE")
    assert data.region is not None
    (tally,) = data.scorecard
    text = pdftotext(editions["region"], layout=True).replace("\u00a0", " ")
    summary = pdftotext(editions["region"], layout=True, first=3, last=3).replace("\u00a0", " ")

    def figure(label: str) -> int:
        match = re.search(rf"^{re.escape(label)}\s+(\d+)\s*$", summary, re.M)
        assert match, label
        return int(match.group(1))

    assigned = figure("Поручения этому региону или ведомству")
    assert assigned == tally.assigned == len(data.decisions)
    assert figure("Просрочено") == tally.late == len(data.overdue)
    row = re.search(r"^Оренбургская область\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+) ?%", text, re.M)
    assert row, "scorecard row"
    assert [int(v) for v in row.groups()[:5]] == [
        tally.assigned, tally.implemented, tally.in_progress, tally.late, tally.stalled,
    ]  # fmt: skip
    statuses = [int(n) for n in re.findall(r"^[●◑◐○?×i] .+?\s(\d+)\s+\d+ ?%\s*$", summary, re.M)]
    assert sum(statuses) == assigned


def test_each_decision_is_described_once(demo_sqlite: Database, tmp_path: Path) -> None:
    """Open decisions are described once (the overdue and no-news ones in their lists, the others
    by forum); closed decisions only in the annex, when it is asked for."""
    pdf = _report(demo_sqlite, tmp_path, "ru.pdf", langs=("ru",))
    text = flat(pdftotext(pdf))
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY)
    shown = {d.id for d in [*data.overdue, *data.stalled, *data.open_decisions, *data.implemented_since]}
    # a later decision may repeat an earlier one's words (it confirms it): count per text
    expected = Counter(flat(d.texts["ru"]) for d in data.decisions if d.id in shown and d.texts.get("ru"))
    for decision in data.decisions:
        body = flat(decision.texts.get("ru", ""))
        if body:
            assert text.count(body) == expected[body], (decision.code, decision.forum_number, decision.status)
    assert len(shown) < len(data.decisions)
    assert "Приложение" not in text
    archive = flat(pdftotext(_report(demo_sqlite, tmp_path, "archive.pdf", langs=("ru",), with_archive=True)))
    annex = archive[archive.rindex("Приложение. Все решения предыдущих форумов") :]
    assert all(flat(d.texts["ru"]) in annex for d in data.decisions if d.texts.get("ru"))


def test_the_overdue_list_gives_each_deadlines_history_with_its_reasons(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    pdf = _report(demo_sqlite, tmp_path, "ru.pdf", langs=("ru",))
    text = flat(pdftotext(pdf))
    overdue = text[text.rindex("4. Просроченные решения") : text.rindex("5. Решения без сведений")]
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY)
    moved = [d for d in data.overdue if d.deadline_moves]
    assert moved
    for decision in moved:
        for move in decision.deadline_moves:
            words = Words("ru")
            assert f"с {words.short_date(move.old)} на {words.short_date(move.new)}" in overdue
            assert flat(move.reason) in overdue


def test_cancelled_and_information_items_ask_nothing_of_their_executors(demo_sqlite: Database) -> None:
    with demo_sqlite.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY, with_archive=True)
    from itertools import count

    from secretariat_app.reports.blocks import Context
    from secretariat_app.reports.layout import Styles, Ticker

    ctx = Context(Styles(), data.directory, Ticker(1, None, None, RuntimeError), count())
    words = Words("ru")
    closed = [d for d in data.archive if d.status in (Status.CANCELLED, Status.FOR_INFORMATION)]
    assert {d.status for d in closed} == {Status.CANCELLED, Status.FOR_INFORMATION}
    for decision in closed:
        line = executors_line(ctx, words, decision)
        assert decision.assignments and line
        for status in Status:
            assert status.label("ru") not in line, (decision.code, status)
        if decision.status is Status.FOR_INFORMATION:
            assert "срок" not in deadline_line(words, decision)
            assert Status.NOT_STARTED.label("ru") not in deadline_line(words, decision)


def test_kazakh_wording_reads_as_an_official_document(editions: dict[str, Path]) -> None:
    kazakh = flat(pdftotext(editions["kk"])) + flat(pdftotext(editions["sequential"]))
    for wrong in ("Күшін жойды", "күн кешіктірілді", "Қозғалыссыз", "Кешіктірілген күндер санының",
                  "хабарламаға дейін келтірілген", "Ресейдің Өңіраралық", "Қазақша 1.", "Русский 1."):  # fmt: skip
        assert wrong not in kazakh, wrong
    assert re.search(r"мерзімі \d[\d ]* күнге өтті", kazakh)
    assert "Күші жойылды немесе ауыстырылды" in kazakh
    assert "Есепті күн: 2026 жылғы 25 қараша" in kazakh


def test_text_the_fonts_cannot_draw_is_drawn_in_the_fallback_or_marked_and_counted(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    arabic, hebrew, missing = "مرحبا", "שלום", "\U0001f9d1"  # DejaVu Sans has the first two
    with demo_sqlite.session() as session:
        forum = forum_by_number(session, 11)
        region = find_executor(session, "KZ-15")
        create_decision(
            session,
            DecisionInput(
                forum.id,
                "9.9",
                {"ru": f"Провести встречу {arabic} {hebrew} {missing} в срок.", "kk": "Кездесу өткізу."},
                "other",
                forum.start_date,
            ),
            [AssignmentInput(region.id, Role.LEAD)],
        )
    pdf = _report(demo_sqlite, tmp_path, "glyphs.pdf", langs=("ru",))
    text = pdftotext(pdf)
    assert arabic in text or arabic[::-1] in text
    assert hebrew in text or hebrew[::-1] in text
    assert MISSING_GLYPH in text
    summary = pdftotext(pdf, layout=True, first=3, last=3).replace("\u00a0", " ")
    assert re.search(
        r"^Символы, которых нет в шрифтах отчёта \(напечатаны как \[\?\]\)\s+1\s*$", summary, re.M
    )
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts


def test_the_annex_is_asked_for_on_the_command_line(demo_sqlite: Database, tmp_path: Path) -> None:
    out = tmp_path / "cli.pdf"
    database = str(demo_sqlite.engine.url.database)
    command = [sys.executable, "-m", "secretariat_app", "--db", database, "--lang", "ru", "report",
               "--forum", "12", "--as-of", DEMO_TODAY.isoformat(), "--out", str(out), "--with-archive"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, text=True)
    titles = [title for level, title in outline_titles(out) if level == 0]
    assert (
        titles[-1]
        == "Приложение. Все решения предыдущих форумов / Қосымша. Бұрынғы форумдардың барлық шешімдері"
    )


def test_a_table_never_leaves_its_last_row_alone_on_a_page(editions: dict[str, Path]) -> None:
    for name in ("parallel", "kk", "sequential"):
        last = pdftotext(editions[name], first=len(PdfReader(editions[name]).pages))
        codes = re.findall(r"^\d+\.\d+$", last, re.M)
        assert len(codes) >= 2 or "Нет." in last or "Жоқ." in last, (name, codes)


def test_chart_labels_keep_clear_of_their_axis() -> None:
    from reportlab.graphics.shapes import Line, String
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from secretariat_app.reports import charts
    from secretariat_app.reports.fonts import register_fonts
    from secretariat_app.reports.layout import CONTENT_WIDTH

    register_fonts()
    for langs in (("ru", "kk"), ("kk",), ("en",)):
        view = tuple(Words(lang) for lang in langs)
        drawing = charts.status_bars({status: 3 for status in Status}, view, CONTENT_WIDTH)
        (axis,) = [shape.x1 for shape in drawing.contents if isinstance(shape, Line)]
        labels = [s for s in drawing.contents if isinstance(s, String) and s.x < axis]
        assert labels
        for label in labels:
            right = label.x + stringWidth(label.text, label.fontName, label.fontSize)
            if label.textAnchor == "middle":
                right = label.x + stringWidth(label.text, label.fontName, label.fontSize) / 2
            assert right <= axis - charts.AXIS_GAP + 0.01, (langs, label.text)
