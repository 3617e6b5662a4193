"""Reminder letters that can be sent and a resolutions list that can be signed, read back from the
PDFs: each letter's own pages and numbers, addressees, signers; the list's protocol, signatures and
refusal of missing texts; the settings they print and the schema change they need."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from pypdf import PdfReader
from sqlalchemy import select, text

from secretariat_app.core import db as dbmod
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Country, Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import format_date, format_date_span
from secretariat_app.core.models import AuditEntry, Executor
from secretariat_app.core.services import shared_settings
from secretariat_app.core.services.directory import ExecutorInput, find_executor, update_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.report_data import reminders_data
from secretariat_app.core.services.shared_settings import Signatory
from secretariat_app.reports import MissingTextsError, ReportOptions, generate_report
from secretariat_app.reports.letter_files import safe_file_name
from tests.conftest import DEMO_TODAY
from tests.report_helpers import flat, page_texts

SIGNER = Signatory(
    {"ru": "А.К. Жумабаев", "kk": "А.Қ. Жұмабаев"},
    {"ru": "Руководитель секретариата Форума", "kk": "Форум хатшылығының басшысы"},
)
COCHAIRS = {
    Country.KZ: Signatory(
        {"ru": "С.М. Жумангарин", "kk": "С.М. Жұманғарин"}, {"kk": "Премьер-Министрдің орынбасары"}
    ),
    Country.RU: Signatory(
        {"ru": "А.Л. Оверчук", "kk": "А.Л. Оверчук"}, {"ru": "Заместитель Председателя Правительства"}
    ),
}


@pytest.fixture
def letterhead(demo_sqlite: Database) -> Database:
    """The demo database with the letters' settings and one addressee recorded."""
    with demo_sqlite.session() as session:
        shared_settings.set_letter_numbering(session, "01-14/", 25)
        shared_settings.set_signer(session, SIGNER)
        for side, signatory in COCHAIRS.items():
            shared_settings.set_cochair(session, side, signatory)
        orenburg = find_executor(session, "RU-ORE")
        update_executor(
            session,
            orenburg.id,
            ExecutorInput(
                kind=orenburg.kind,
                name_ru=orenburg.name_ru,
                name_kk=orenburg.name_kk,
                name_en=orenburg.name_en,
                code=orenburg.code or "",
                country=orenburg.country or "",
                region_kind=orenburg.region_kind,
                is_border=orenburg.is_border,
                addressee_position_ru="Губернатору Оренбургской области",
                addressee_name_ru="Е.В. Солнцеву",
                salutation_ru="Уважаемый Евгений Васильевич!",
                addressee_position_kk="Орынбор облысының губернаторы",
                addressee_name_kk="Е.В. Солнцевке",
                salutation_kk="Құрметті Евгений Васильевич!",
            ),
        )
        forum = forum_by_number(session, 11)
        forum.protocol_number = "11-П"
        forum.protocol_date = forum.end_date
    return demo_sqlite


def _letters(path: Path) -> list[tuple[str, range]]:
    """Each letter's bookmark and its pages (0-based), from the PDF's outline."""
    reader = PdfReader(path)
    starts = [(str(item.title), reader.get_destination_page_number(item)) for item in reader.outline]
    ends = [page for _title, page in starts[1:]] + [len(reader.pages)]
    return [(title, range(start, end)) for (title, start), end in zip(starts, ends, strict=True)]


@pytest.mark.parametrize("layout", ["parallel", "sequential"])
def test_each_letter_has_its_own_first_page_and_its_own_page_count(
    letterhead: Database, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / "letters.pdf"
    generate_report(letterhead, ReportOptions(12, kind="reminders", layout=layout, as_of=DEMO_TODAY, out=out))
    texts = page_texts(out)
    letters = _letters(out)
    with letterhead.reader() as session:
        assert len(letters) == len(reminders_data(session, 12, DEMO_TODAY).reminders) > 3
    if layout == "sequential":  # each language on its own pages, under one letter
        assert all(len(pages) >= 2 for _title, pages in letters)
    for title, pages in letters:
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            assert f"Страница {number} из {total}" in texts[page], (title, number)
            assert f"{number}-бет, барлығы {total}" in texts[page], (title, number)
        first = texts[pages.start]
        # the letterhead is on the first page; the running header (number — addressee) is not
        assert "Секретариат Форума межрегионального" in first
        assert not re.search(r"Исх\. № \S+ от .* — ", first)
        for page in pages[1:]:
            assert re.search(r"Исх\. № \S+ от .* — ", texts[page]) or re.search(
                r"Шығыс № \S+, .* — ", texts[page]
            )


def test_issued_letters_take_consecutive_numbers_and_drafts_take_none(
    letterhead: Database, tmp_path: Path
) -> None:
    draft = tmp_path / "draft.pdf"
    generate_report(letterhead, ReportOptions(12, kind="reminders", as_of=DEMO_TODAY, out=draft))
    with letterhead.reader() as session:
        assert shared_settings.letter_numbering(session).next_number == 25  # a draft moves nothing
    assert "Исх. № 01-14/________ от 25 ноября 2026 г." in flat(" ".join(page_texts(draft)))

    issued = tmp_path / "issued.pdf"
    result = generate_report(
        letterhead, ReportOptions(12, kind="reminders", as_of=DEMO_TODAY, out=issued, issue=True)
    )
    texts = page_texts(issued)
    letters = _letters(issued)
    expected = [f"01-14/{25 + i}" for i in range(len(letters))]
    assert list(result.numbers) == expected
    for (title, pages), number in zip(letters, expected, strict=True):
        first = flat(texts[pages.start])
        assert f"Исх. № {number} от 25 ноября 2026 г." in first, title
        assert f"Шығыс № {number}, 2026 жылғы 25 қараша" in first, title
    # a no-break space after "№": no line of any letter ends with the sign
    assert not any(line.rstrip().endswith("№") for page in texts for line in page.splitlines())
    with letterhead.reader() as session:
        assert shared_settings.letter_numbering(session).next_number == 25 + len(letters)
        audited = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "shared_setting")).all()
        assert any(str(25 + len(letters)) in entry.changes for entry in audited)

    again = tmp_path / "again.pdf"
    second = generate_report(
        letterhead, ReportOptions(12, kind="reminders", as_of=DEMO_TODAY, out=again, issue=True)
    )
    assert second.numbers[0] == f"01-14/{25 + len(letters)}"  # never the same number twice


def test_numbers_of_letters_never_written_are_given_back(letterhead: Database, tmp_path: Path) -> None:
    def broken(done: int, total: int) -> None:
        if done > 2:
            raise RuntimeError("the printer caught fire")

    out = tmp_path / "letters.pdf"
    with pytest.raises(RuntimeError):
        generate_report(
            letterhead, ReportOptions(12, kind="reminders", as_of=DEMO_TODAY, out=out, issue=True), broken
        )
    assert not out.exists()
    with letterhead.reader() as session:
        assert shared_settings.letter_numbering(session).next_number == 25


def test_letters_greet_the_addressee_by_name_or_formally_and_close_with_the_signer(
    letterhead: Database, tmp_path: Path
) -> None:
    out = tmp_path / "letters.pdf"
    generate_report(letterhead, ReportOptions(12, kind="reminders", as_of=DEMO_TODAY, out=out))
    texts = page_texts(out)
    letters = _letters(out)
    greeted = 0
    for title, pages in letters:
        first = flat(texts[pages.start])
        if title.startswith("Оренбургская область"):
            greeted += 1
            assert "Губернатору Оренбургской области Е.В. Солнцеву" in first
            assert "Орынбор облысының губернаторы Е.В. Солнцевке" in first
            assert "Уважаемый Евгений Васильевич!" in first and "Құрметті Евгений Васильевич!" in first
        else:
            assert "Уважаемые коллеги!" in first and "Құрметті әріптестер!" in first
        last = flat(texts[pages[-1]])
        # the signature never stands alone: the closing sentence is on its page
        assert "А.К. Жумабаев" in last and "А.Қ. Жұмабаев" in last, title
        assert "Руководитель секретариата Форума" in last and "Форум хатшылығының басшысы" in last
        assert "Просим проинформировать секретариат" in last, title
    assert greeted == 1


def test_a_long_letter_keeps_its_last_row_with_the_signature(letterhead: Database, tmp_path: Path) -> None:
    """The letter with the most decisions in one language runs over pages; its last page holds
    a row of the list, the closing sentence and the signature."""
    out = tmp_path / "letters.pdf"
    generate_report(
        letterhead,
        ReportOptions(12, kind="reminders", langs=("ru",), as_of=DEMO_TODAY, out=out, region="RU-ORE"),
    )
    texts = page_texts(out)
    with letterhead.reader() as session:
        data = reminders_data(session, 12, DEMO_TODAY, "RU-ORE")
    last = flat(texts[-1])
    assert "А.К. Жумабаев" in last and "Просим проинформировать" in last
    assert any(flat(d.texts["ru"])[:40] in last for d in data.reminders[0].decisions)


def _cli(*args: str, db: Database) -> subprocess.CompletedProcess[str]:
    path = str(db.path)
    db.dispose()
    return subprocess.run(
        [sys.executable, "-m", "secretariat_app", "--db", path, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
    )


def test_split_writes_one_file_per_addressee_with_safe_names(letterhead: Database, tmp_path: Path) -> None:
    with letterhead.reader() as session:
        data = reminders_data(session, 12, DEMO_TODAY)
    folder = tmp_path / "letters"
    result = _cli("report", "--forum", "12", "--kind", "reminders", "--as-of", "2026-11-25", "--split",
                  "--out", str(folder), db=letterhead)  # fmt: skip
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == len(data.reminders)
    assert "RU-ORE Оренбургская область.pdf" in files
    for name in files:
        assert not re.search(r'[<>:"/\\|?*]', name) and name.endswith(".pdf")
        assert len(_letters(folder / name)) == 1
    assert safe_file_name('Минтранс: "A/B" <C>?. ') == "Минтранс_ _A_B_ _C_"
    assert safe_file_name("CON") == "_CON"


def test_split_refuses_a_path_that_is_not_a_folder(letterhead: Database, tmp_path: Path) -> None:
    existing = tmp_path / "letters.pdf"
    existing.write_bytes(b"a file")
    result = _cli("--lang", "ru", "report", "--forum", "12", "--kind", "reminders", "--split", "--out",
                  str(existing), db=letterhead)  # fmt: skip
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "не папка" in result.stderr
    assert existing.read_bytes() == b"a file"


def test_the_resolutions_list_is_ready_to_sign(letterhead: Database, tmp_path: Path) -> None:
    out = tmp_path / "xi.pdf"
    generate_report(
        letterhead, ReportOptions(11, kind="resolutions", as_of=DEMO_TODAY, out=out, allow_missing=True)
    )
    whole = flat(" ".join(page_texts(out)))
    with letterhead.reader() as session:
        forum = forum_by_number(session, 11)
        start, end = forum.start_date, forum.end_date
    assert f"Протокол № 11-П от {flat(format_date(end, 'ru'))}" in whole
    assert f"Хаттама № 11-П, {flat(format_date(end, 'kk'))}" in whole
    assert f"Атырау, {flat(format_date_span(start, end, 'ru'))}" in whole
    assert f"Атырау, {flat(format_date_span(start, end, 'kk'))}" in whole
    assert "По состоянию" not in whole and "жағдай бойынша" not in whole.lower()
    for status in Status:
        for lang in ("ru", "kk"):
            assert f"{status.symbol} {status.label(lang)}" not in whole
    assert "От Российской Стороны" in whole and "Заместитель Председателя Правительства" in whole
    assert "А.Л. Оверчук" in whole
    assert "Қазақстан тарапынан" in whole and "Премьер-Министрдің орынбасары" in whole
    assert "С.М. Жұманғарин" in whole
    last = flat(page_texts(out)[-1])
    assert "Всего решений в перечне" in last and re.search(r"Исполнители:", last)  # a row with the signatures


def test_resolutions_with_missing_texts_are_refused_unless_allowed(
    letterhead: Database, tmp_path: Path
) -> None:
    with letterhead.reader() as session:
        missing = [d.code for d in forum_by_number(session, 11).decisions if not d.text("kk")]
    assert missing
    with pytest.raises(MissingTextsError) as raised:
        generate_report(
            letterhead, ReportOptions(11, kind="resolutions", as_of=DEMO_TODAY, out=tmp_path / "x.pdf")
        )
    assert raised.value.missing == {"kk": missing}
    out = tmp_path / "xi.pdf"
    refused = _cli("--lang", "ru", "report", "--forum", "11", "--kind", "resolutions", "--out", str(out),
                   db=letterhead)  # fmt: skip
    assert refused.returncode == 2 and not out.exists()
    lines = refused.stderr.strip().splitlines()
    assert lines[0].startswith("ошибка: У некоторых решений нет текста") and "--allow-missing" in lines[0]
    assert lines[1:] == [f"kk: {', '.join(missing)}"]
    allowed = _cli("report", "--forum", "11", "--kind", "resolutions", "--allow-missing", "--out", str(out),
                   db=letterhead)  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    assert "Бұл тілде мәтін жоқ" in flat(" ".join(page_texts(out)))


def test_settings_are_checked_and_audited(letterhead: Database) -> None:
    with letterhead.session() as session:
        with pytest.raises(ValidationError):
            shared_settings.set_letter_numbering(session, "x" * 41, None)
        with pytest.raises(ValidationError):
            shared_settings.set_letter_numbering(session, "01/", 0)
        with pytest.raises(ValidationError):  # Kazakh that lost its letters to a code page
            shared_settings.set_signer(session, Signatory({"kk": "?аза?стан"}, {}))
        shared_settings.set_letter_numbering(session, "02-01/", None)  # an untouched number stays
    with letterhead.reader() as session:
        assert shared_settings.letter_numbering(session) == shared_settings.LetterNumbering("02-01/", 25)
        assert shared_settings.signer(session) == Signatory(
            {"ru": SIGNER.name["ru"], "kk": SIGNER.name["kk"]}, SIGNER.position
        )
        assert shared_settings.cochair(session, Country.RU).name_in("ru") == "А.Л. Оверчук"
        keys = {
            e.changes
            for e in session.scalars(select(AuditEntry).where(AuditEntry.table_name == "shared_setting"))
        }
        assert any("02-01/" in changes for changes in keys)


def test_migration_0004_keeps_a_0003_database_and_adds_empty_addressees(sqlite_path: Path) -> None:
    engine = dbmod.make_engine(dbmod.resolve_url(sqlite_path))
    with engine.begin() as connection:
        command.upgrade(dbmod.alembic_config(connection), "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO executor (id, kind, code, country, region_kind, name_ru, name_kk, name_en, is_border,"
                " version) VALUES (1, 'region', 'RU-ORE', 'RU', 'oblast', 'Оренбургская область', 'Орынбор облысы',"
                " 'Orenburg Oblast', 1, 3)"
            )
        )
        connection.execute(
            text("INSERT INTO shared_setting (id, key, value, version) VALUES (1, 'stalled_days', '90', 1)")
        )
    engine.dispose()
    database = dbmod.open_database(sqlite_path)
    try:
        assert dbmod.current_revision(database) == "0004"
        with database.reader() as session:
            orenburg = session.scalars(select(Executor)).one()
            assert (orenburg.name_ru, orenburg.code, orenburg.version) == (
                "Оренбургская область",
                "RU-ORE",
                3,
            )
            assert orenburg.addressee_position_ru == orenburg.salutation_kk == ""
            assert shared_settings.stalled_days(session) == 90
            assert shared_settings.letter_numbering(session) == shared_settings.LetterNumbering("", 1)
    finally:
        database.dispose()


def test_the_settings_dialog_fits_a_small_screen_and_saves_the_letterhead(
    demo_sqlite: Database, qtbot
) -> None:
    from PySide6.QtWidgets import QScrollArea

    from secretariat_app.ui.views.settings_dialog import SettingsDialog
    from tests.ui_helpers import make_context, type_text

    dialog = SettingsDialog(make_context(demo_sqlite))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.height() <= 768 - 80 and dialog.width() <= 1366
    assert dialog.findChild(QScrollArea) is not None
    type_text(dialog.letter_prefix, "01-14/")
    dialog.letter_next.setValue(7)
    type_text(dialog.signer.edits["name", "kk"], "А.Қ. Жұмабаев")
    type_text(dialog.cochairs[Country.KZ].edits["position", "kk"], "Премьер-Министрдің орынбасары")
    assert "01-14/7" in dialog.letter_note.text()
    dialog.accept()
    with demo_sqlite.reader() as session:
        assert shared_settings.letter_numbering(session) == shared_settings.LetterNumbering("01-14/", 7)
        assert shared_settings.signer(session).name_in("kk") == "А.Қ. Жұмабаев"
        assert (
            shared_settings.cochair(session, Country.KZ).position_in("kk") == "Премьер-Министрдің орынбасары"
        )
