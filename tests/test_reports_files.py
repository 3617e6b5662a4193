"""What the report does to files and to hostile input: atomic writes, cancel, progress, errors."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.enums import Role
from secretariat_app.core.errors import NotFoundError, ValidationError
from secretariat_app.core.services.decisions import AssignmentInput, DecisionInput, create_decision
from secretariat_app.core.services.directory import find_executor
from secretariat_app.core.services.forums import forum_by_number
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.services.queries import as_of
from secretariat_app.core.services.report_data import reminders_data
from secretariat_app.reports import ReportCancelled, ReportOptions, generate_report, markup
from secretariat_app.reports.generate import default_path
from tests.conftest import DEMO_TODAY
from tests.report_helpers import flat, page_texts, pdftotext

PACKAGE = Path(__file__).resolve().parent.parent / "secretariat_app"


def _options(out: Path, **kw: object) -> ReportOptions:
    return ReportOptions(12, as_of=DEMO_TODAY, out=out, **kw)  # type: ignore[arg-type]


def test_cancelling_keeps_the_previous_file_and_leaves_no_partial_one(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    with pytest.raises(ReportCancelled):
        generate_report(demo_sqlite, _options(out), progress, cancelled=lambda: len(seen) >= 3)
    assert out.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("secretariat.sqlite3")) == [
        "report.pdf"
    ]
    assert seen and seen[-1][0] < seen[-1][1]


def test_a_failure_while_drawing_keeps_the_previous_file(demo_sqlite: Database, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")

    def broken(done: int, total: int) -> None:
        if done > 10:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        generate_report(demo_sqlite, _options(out), broken)
    assert out.read_bytes() == b"the previous report"
    assert not list(tmp_path.glob("*.part"))


def test_progress_counts_up_to_the_total(demo_sqlite: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    generate_report(demo_sqlite, _options(tmp_path / "r.pdf"), lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert seen[-1][0] == seen[-1][1] > 65
    assert len({t for _, t in seen}) == 1


@pytest.mark.parametrize(
    "options, error",
    [
        ({"forum_number": 99}, NotFoundError),
        ({"region": "XX-99"}, ValidationError),
        ({"langs": ("ru", "de")}, ValidationError),
        ({"langs": ("ru", "kk", "en")}, ValidationError),
        ({"kind": "minutes"}, ValidationError),
        ({"layout": "diagonal"}, ValidationError),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    demo_sqlite: Database, tmp_path: Path, options: dict[str, object], error: type[Exception]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    values: dict[str, object] = {"forum_number": 12, "as_of": DEMO_TODAY, "out": folder / "r.pdf"} | options
    with pytest.raises(error):
        generate_report(demo_sqlite, ReportOptions(**values))  # type: ignore[arg-type]
    assert list(folder.iterdir()) == []


HOSTILE_WORD = "Щ" * 2000
HOSTILE_RU = (
    "<b>не жирный</b> & <para>разметка</para> &amp; <font name='x'>x</font> > < "
    f"{HOSTILE_WORD} 😀🇰🇿 שלום مرحبا \u202eобратно\u202c \x07\x1b[31m конец"
)
HOSTILE_KK = "Қазақша <i>емес</i> & " + "Ү" * 2000 + " 👍🏽 \x00\x0c соңы"


def test_hostile_text_still_gives_a_valid_pdf_that_prints_it_as_typed(
    demo_sqlite: Database, tmp_path: Path
) -> None:
    with demo_sqlite.session() as session:
        forum = forum_by_number(session, 11)
        region = find_executor(session, "KZ-15")
        decision, _ = create_decision(
            session,
            DecisionInput(
                forum.id, "99.1-" + "Ж" * 35, {"ru": HOSTILE_RU, "kk": HOSTILE_KK}, "other", forum.start_date
            ),
            [AssignmentInput(region.id, Role.LEAD)],
        )
        add_progress_entry(
            session,
            decision.id,
            ProgressInput(
                DEMO_TODAY - dt.timedelta(days=3),
                None,
                region.id,
                {"ru": NoteInput(HOSTILE_RU, "<script>", "&&&"), "kk": NoteInput(HOSTILE_KK)},
                "<№ 1 & 2>",
            ),
        )
    for layout in ("parallel", "sequential"):
        out = tmp_path / f"{layout}.pdf"
        result = generate_report(demo_sqlite, _options(out, layout=layout))
        assert len(PdfReader(out).pages) == result.pages
        text = flat(pdftotext(out))
        assert "<b>не жирный</b> & <para>разметка</para> &amp; <font name='x'>x</font> > <" in text
        assert "Қазақша <i>емес</i> &" in text
        assert "<№ 1 & 2>" in text
        assert text.replace(" ", "").count("Щ" * 100) >= 2  # the long word wrapped, not lost
    assert not list(tmp_path.glob("*.part"))


def test_markup_escapes_typed_text_and_drops_control_characters() -> None:
    assert markup.text("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert markup.text("a\x00b\x1bc\u202ed\r\ne") == "abcd<br/>e"


def test_resolutions_list_every_decision_of_the_forum(demo_sqlite: Database, tmp_path: Path) -> None:
    out = tmp_path / "xi.pdf"
    generate_report(
        demo_sqlite,
        ReportOptions(
            11, kind="resolutions", layout="sequential", as_of=DEMO_TODAY, out=out, allow_missing=True
        ),
    )
    text = flat(pdftotext(out))
    with demo_sqlite.reader() as session:
        decisions = forum_by_number(session, 11).decisions
        assert len(decisions) >= 10
        for decision in decisions:
            for lang in ("ru", "kk"):
                if decision.text(lang):
                    assert flat(decision.text(lang)) in text
    assert "Решения XI Форума межрегионального сотрудничества (Атырау)" in text
    assert "Өңіраралық ынтымақтастықтың XI форумының шешімдері (Атырау)" in text


def test_reminders_start_each_executors_letter_on_a_new_page(demo_sqlite: Database, tmp_path: Path) -> None:
    out = tmp_path / "reminders.pdf"
    generate_report(demo_sqlite, _options(out, kind="reminders"))
    with demo_sqlite.reader() as session:
        data = reminders_data(session, 12, DEMO_TODAY)
        assert as_of(session, DEMO_TODAY).date == DEMO_TODAY
    assert len(data.reminders) > 3
    reader = PdfReader(out)
    letters = [(str(item.title), reader.get_destination_page_number(item)) for item in reader.outline]
    assert [title for title, _ in letters] == [
        " / ".join(dict.fromkeys(data.directory.executors[r.executor_id].name(lang) for lang in ("ru", "kk")))
        for r in data.reminders
    ]
    first_pages = [page for _, page in letters]
    assert first_pages == sorted(set(first_pages))  # each letter on its own page(s)
    texts = page_texts(out)
    for (title, page), reminder in zip(letters, data.reminders, strict=True):
        name = data.directory.executors[reminder.executor_id].name("ru")
        assert "Уважаемые коллеги!" in texts[page] and flat(name) in flat(texts[page]), title
    owns = [reminder.standing(d) for reminder in data.reminders for d in reminder.decisions]
    assert all(own.late or own.stalled for own in owns)  # the addressee's own assignment, not its partners'
    assert any(own.late and own.stalled for own in owns)
    whole = flat(" ".join(texts))
    since = data.when.stalled_since.strftime("%d.%m.%Y")
    # in the parallel layout each mark is printed once in Russian: one per late or stalled item
    # («нет» may be parted from «сведений» by the Kazakh column's line in the extracted text)
    assert whole.count(f"сведений с {since}") == sum(own.stalled for own in owns)
    assert whole.count("просрочка ") == sum(own.late for own in owns)


def test_report_command_prints_the_file_and_its_pages(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.pdf"
    db = str(demo_sqlite.path)
    demo_sqlite.dispose()
    code = main(["--db", db, "report", "--forum", "12", "--as-of", "2026-11-25", "--out", str(out)])
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert printed[0] == str(out.resolve())
    pages = len(PdfReader(out).pages)
    assert printed[1].startswith(str(pages))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--forum", "13"], "Форума XIII нет"),
        (["--forum", "12", "--region", "XX-99"], "Неизвестный регион или ведомство: XX-99."),
        (["--forum", "12", "--langs", "ru,fr"], "Неизвестный язык: fr"),
    ],
)
def test_report_command_exits_2_with_a_clear_message(
    demo_sqlite: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    arguments: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    db = str(demo_sqlite.path)
    demo_sqlite.dispose()
    assert main(["--lang", "ru", "--db", db, "report", *arguments]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_default_file_name_is_made_in_the_current_folder(
    demo_sqlite: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = generate_report(demo_sqlite, ReportOptions(12, as_of=DEMO_TODAY))
    assert result.path == tmp_path / "report-forum-XII-2026-11-25.pdf"
    other = default_path(ReportOptions(12, langs=("kk", "ru"), layout="sequential"), DEMO_TODAY)
    assert other == tmp_path / "report-forum-XII-2026-11-25-kk-ru-sequential.pdf"  # never the same file
    archive = default_path(ReportOptions(12, with_archive=True), DEMO_TODAY)
    assert archive == tmp_path / "report-forum-XII-2026-11-25-archive.pdf"  # nor the edition with the annex


def test_core_and_reports_never_import_qt_or_the_ui() -> None:
    for folder in ("core", "reports"):
        for path in (PACKAGE / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [a.name for a in node.names] if isinstance(node, ast.Import)
                    else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                )  # fmt: skip
                for name in names:
                    assert not name.startswith(("PySide6", "secretariat_app.ui")), (path, name)
