"""The bilingual progress report, read back from the PDF the way a reader would see it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.i18n import format_date, format_number, roman
from secretariat_app.core.models import Decision, DecisionText
from secretariat_app.core.services.queries import DecisionFilter, as_of, decision_facts
from secretariat_app.core.services.report_data import progress_report_data
from secretariat_app.core.services.summary import summarize
from secretariat_app.reports import ReportOptions, fonts, generate_report
from tests.conftest import DEMO_TODAY
from tests.report_helpers import flat, outline_titles, pdftotext

FORUM = 12


def _report(database: Database, folder: Path, name: str = "report.pdf", **options: object) -> Path:
    out = folder / name
    result = generate_report(database, ReportOptions(FORUM, as_of=DEMO_TODAY, out=out, **options))  # type: ignore[arg-type]
    assert result.path == out.resolve()
    assert result.pages == len(PdfReader(out).pages)
    return out


@pytest.fixture
def parallel_pdf(demo_sqlite: Database, tmp_path: Path) -> Path:
    return _report(demo_sqlite, tmp_path)


@pytest.fixture
def archive_pdf(demo_sqlite: Database, tmp_path: Path) -> Path:
    return _report(demo_sqlite, tmp_path, "archive.pdf", with_archive=True)


def between(text: str, start: str, end: str) -> str:
    """The body's section from ``start`` to ``end`` (past the contents, which name both first)."""
    begin = text.rindex(start)
    return text[begin : text.index(end, begin)]


def _texts(database: Database, lang: str) -> dict[int, str]:
    with database.reader() as session:
        rows = session.execute(
            DecisionText.__table__.select()
            .with_only_columns(DecisionText.decision_id, DecisionText.text)
            .join(Decision, Decision.id == DecisionText.decision_id)
            .where(DecisionText.lang == lang)
        )
        return {decision_id: text for decision_id, text in rows}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_with_the_archive_every_decision_text_appears_whole(
    demo_sqlite: Database, tmp_path: Path, lang: str
) -> None:
    """One language at a time: pdftotext interleaves the lines of side-by-side columns."""
    pdf = _report(demo_sqlite, tmp_path, langs=(lang,), with_archive=True)
    text = flat(pdftotext(pdf))
    title = {"ru": "Приложение. Все решения предыдущих форумов", "kk": "Қосымша. Бұрынғы форумдардың"}[lang]
    annex = text[text.rindex(title) :]
    texts = _texts(demo_sqlite, lang)
    assert texts
    for decision_text in texts.values():
        assert flat(decision_text) in annex


def test_summary_counts_equal_the_cores_counts(demo_sqlite: Database, parallel_pdf: Path) -> None:
    with demo_sqlite.reader() as session:
        when = as_of(session, DEMO_TODAY)
        summary = summarize(session, DecisionFilter(before_forum_number=FORUM), when)
    page = pdftotext(parallel_pdf, layout=True, first=3, last=3).replace("\u00a0", " ")

    def value(label: str) -> str:
        match = re.search(rf"^{re.escape(label)}\s+(\S+(?: \d{{3}})*)\s*$", page, re.M)
        assert match, label
        return match.group(1)

    assert value("Решения предыдущих форумов") == str(summary.overall.total)
    assert value("Просрочено") == str(summary.overall.overdue)
    since = format_date(when.stalled_since, "ru").replace("\u00a0", " ")
    assert value(f"Без сведений с {since}") == str(summary.overall.stalled)
    for status in Status:
        line = next(
            line
            for line in page.splitlines()
            if line.strip().startswith(f"{status.symbol} {status.label('ru')}")
        )
        numbers = re.findall(r"(\d+(?:,\d)?%?)", line)
        assert numbers[0] == str(summary.overall.by_status[status])


def test_overdue_section_lists_exactly_the_cores_overdue_decisions_most_days_first(
    demo_sqlite: Database, parallel_pdf: Path
) -> None:
    with demo_sqlite.reader() as session:
        facts = decision_facts(
            session, DecisionFilter(before_forum_number=FORUM, overdue_only=True), as_of(session, DEMO_TODAY)
        )
    expected = [
        (f.code, format_date(f.deadline, "ru", "short"), format_number(f.standing.days_overdue, "ru"))
        for f in sorted(facts, key=lambda f: -f.standing.days_overdue)
    ]
    text = pdftotext(parallel_pdf, layout=True).replace("\u00a0", " ")
    section = between(text, "4. Просроченные решения / Мерзімі", "5. Решения без сведений")
    # each row: code and deadline on its first line, forum and days overdue on the second
    rows = re.findall(r"^(\S+)\s+(\d\d\.\d\d\.\d{4})\s.*\n[IVXLC]+\s+(\d{1,3}(?: \d{3})*)\s", section, re.M)
    assert rows == [(code, deadline, days.replace("\u00a0", " ")) for code, deadline, days in expected]
    assert len(rows) > 5


def test_missing_kazakh_text_is_marked_and_counted(demo_sqlite: Database, archive_pdf: Path) -> None:
    with demo_sqlite.reader() as session:
        total = session.query(Decision).count()
    missing = total - len(_texts(demo_sqlite, "kk"))
    assert missing > 0
    page = pdftotext(archive_pdf, layout=True, first=3, last=3)
    assert re.search(
        rf"Решения без текста на казахском языке \(отмечены в отчёте\)\s+{missing}\s*$", page, re.M
    )
    text = flat(pdftotext(archive_pdf))
    annex = text[text.rindex("Приложение. Все решения предыдущих форумов / Қосымша") :]
    assert annex.count("[Бұл тілде мәтін жоқ]") == missing


def test_fonts_are_embedded_and_carry_every_kazakh_letter(parallel_pdf: Path) -> None:
    listing = subprocess.run(
        ["pdffonts", str(parallel_pdf)], check=True, capture_output=True, text=True
    ).stdout
    rows = listing.splitlines()[2:]
    assert {row.split()[0].split("+")[-1] for row in rows} >= {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSans-Italic",
    }
    assert all(row.split()[-5] == "yes" for row in rows), listing  # the "emb" column
    text = pdftotext(parallel_pdf)
    for mark in "«»№—әқңөұүі":
        assert mark in text, mark
    for face in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC):
        for letter in "ӘҒҚҢӨҰҮҺІәғқңөұүһі«»№—ЁёЙй":
            assert fonts.has_glyph(face, letter), (face, letter)
    for mark in "○◐◑●":
        assert fonts.has_glyph(fonts.SYMBOLS, mark)


def test_same_data_and_date_give_a_byte_identical_pdf(demo_sqlite: Database, tmp_path: Path) -> None:
    first = _report(demo_sqlite, tmp_path, "one.pdf")
    second = _report(demo_sqlite, tmp_path, "two.pdf")
    assert first.read_bytes() == second.read_bytes()


def test_every_page_says_page_x_of_y_in_both_languages(parallel_pdf: Path) -> None:
    pages = len(PdfReader(parallel_pdf).pages)
    for number in (1, 2, pages):
        text = flat(pdftotext(parallel_pdf, first=number, last=number))
        assert f"Страница {number} из {pages}" in text
        assert f"{number}-бет, барлығы {pages}" in text


def test_outline_has_every_section_and_forum(parallel_pdf: Path) -> None:
    titles = outline_titles(parallel_pdf)
    top = [title for level, title in titles if level == 0]
    assert top == [
        "Содержание / Мазмұны",
        "1. Сводные данные / Жиынтық деректер",
        "2. Статусы и термины / Мәртебелер мен терминдер",
        "3. Регионы и ведомства / Өңірлер мен ведомстволар",
        "4. Просроченные решения / Мерзімі өткен шешімдер",
        "5. Решения без сведений об исполнении / Орындалуы туралы мәлімет жоқ шешімдер",
        "6. Неисполненные решения по форумам / Форумдар бойынша орындалмаған шешімдер",
        "7. Выполнено после предыдущего форума / Алдыңғы форумнан кейін орындалғандар",
    ]
    forums = [title for level, title in titles if level == 1]
    assert [title.split()[0] for title in forums] == [roman(n) for n in range(6, 12)]


def test_metadata_names_title_subject_author_and_language(parallel_pdf: Path) -> None:
    reader = PdfReader(parallel_pdf)
    info = reader.metadata
    assert info is not None
    assert "Отчёт о ходе исполнения решений Форумов" in str(info.title)
    assert "Ресейдің өңіраралық ынтымақтастық" in str(info.title)
    assert "XII" in str(info.subject)
    assert "Секретариат" in str(info.author)
    assert reader.trailer["/Root"]["/Lang"] == "ru-RU"
    assert not str(info.get("/CreationDate", "")).startswith("D:2026")  # invariant: no real timestamps


def test_sequential_layout_prints_each_language_in_turn(demo_sqlite: Database, tmp_path: Path) -> None:
    pdf = _report(demo_sqlite, tmp_path, layout="sequential", with_archive=True)
    text = flat(pdftotext(pdf))
    split = text.index("Қазақ тіліндегі мәтіні 1. Жиынтық деректер")
    russian, kazakh = text[:split], text[split:]
    assert "Текст на русском языке 1. Сводные данные" in russian
    assert [title for level, title in outline_titles(pdf) if level == 0] == [
        "Содержание / Мазмұны",
        "Текст на русском языке",
        "Қазақ тіліндегі мәтіні",
    ]
    for decision_text in _texts(demo_sqlite, "kk").values():
        assert flat(decision_text) in kazakh
    for decision_text in _texts(demo_sqlite, "ru").values():
        assert flat(decision_text) in russian
        assert flat(decision_text) not in kazakh


def test_region_report_holds_only_that_regions_decisions(demo_sqlite: Database, tmp_path: Path) -> None:
    pdf = _report(demo_sqlite, tmp_path, region="KZ-15")
    with demo_sqlite.reader() as session:
        from secretariat_app.core.services.directory import find_executor

        region = find_executor(session, "KZ-15")
        mine = decision_facts(
            session,
            DecisionFilter(before_forum_number=FORUM, executor_ids=(region.id,)),
            as_of(session, DEMO_TODAY),
        )
    page = pdftotext(pdf, layout=True, first=3, last=3)
    assert re.search(rf"^Поручения этому региону или ведомству\s+{len(mine)}\s*$", page, re.M)
    cover = flat(pdftotext(pdf, first=1, last=1))
    assert "Регион или ведомство: Актюбинская область" in cover
    ru = _texts(demo_sqlite, "ru")
    body = flat(pdftotext(pdf))
    own_open = _own_open(demo_sqlite, "KZ-15")
    assert own_open
    for decision_id in own_open:  # described in full in one of the lists, or by forum
        assert flat(ru[decision_id]) in body
    theirs = set(ru) - {fact.id for fact in mine}
    assert theirs and not any(flat(ru[decision_id]) in body for decision_id in theirs)


@pytest.mark.parametrize("langs", [("kk",), ("ru", "en"), ("en", "kk")])
def test_any_single_language_or_pair(demo_sqlite: Database, tmp_path: Path, langs: tuple[str, ...]) -> None:
    pdf = _report(demo_sqlite, tmp_path, langs=langs)
    text = flat(pdftotext(pdf))
    assert ("Жиынтық деректер" in text) == ("kk" in langs)
    assert ("Сводные данные" in text) == ("ru" in langs)
    assert ("Summary" in text) == ("en" in langs)


def test_dates_are_written_the_way_each_language_writes_them(parallel_pdf: Path) -> None:
    cover = flat(pdftotext(parallel_pdf, first=1, last=1))
    assert "По состоянию на 25 ноября 2026 г." in cover
    assert "Есепті күн: 2026 жылғы 25 қараша" in cover


def test_the_overdue_list_names_who_is_late_not_a_partner_who_has_finished(parallel_pdf: Path) -> None:
    """5.4 of forum VI: Volgograd (lead) has implemented its part, West Kazakhstan is still at work."""
    text = pdftotext(parallel_pdf, layout=True).replace("\u00a0", " ")
    section = between(text, "4. Просроченные решения / Мерзімі", "5. Решения без сведений")
    rows = re.split(r"\n(?=\d+\.\d+\s)", section)
    (row,) = [r for r in rows if r.startswith("5.4") and re.search(r"^VI\s", r.splitlines()[1])]
    assert "Западно-Казахстанская область" in row and "Батыс Қазақстан облысы" in row
    assert "Волгоградская" not in row and "Волгоград облысы" not in row
    words = " ".join(row.split())
    assert "просрочка" in words and "Последняя" in words and "мерзімі" in words
    assert "Latest report" not in section


def _own_open(database: Database, region: str) -> set[int]:
    """The decisions where the executor's own assignment is still live (its report lists them)."""
    with database.reader() as session:
        data = progress_report_data(session, FORUM, DEMO_TODAY, region)
    return {d.id for d in data.open_decisions}
