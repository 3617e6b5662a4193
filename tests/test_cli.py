"""The command line contract: init, demo, backup, check; exit codes and translated messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from secretariat_app.cli.main import main


def run(*args: str) -> int:
    return main(list(args))


def test_init_demo_check_on_a_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "--lang", "en", "init") == 0
    assert run("--db", db, "--lang", "en", "demo") == 0
    assert run("--db", db, "--lang", "en", "check") == 0
    out = capsys.readouterr().out
    assert "Added 12 sectors and 32 regions." in out
    assert "Demo data loaded: 65 decisions" in out
    assert "Integrity check: no problems found." in out


def test_messages_follow_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "--lang", "kk", "init") == 0
    assert "Дерекқор дайын" in capsys.readouterr().out


def test_demo_refuses_a_database_that_already_has_forums(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "demo") == 0
    capsys.readouterr()
    assert run("--db", db, "--lang", "ru", "demo") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "пуст" in err


def test_check_of_a_missing_or_foreign_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    assert run("--db", str(tmp_path / "none.sqlite3"), "--lang", "en", "check") == 2
    assert "There is no database" in capsys.readouterr().err
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database", encoding="utf-8")
    assert run("--db", str(text_file), "--lang", "en", "check") == 2
    assert "is not a Forum Secretariat database" in capsys.readouterr().err


def test_backup_writes_a_working_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "s.sqlite3"
    assert run("--db", str(db), "demo") == 0
    target = tmp_path / "copy.sqlite3"
    assert run("--db", str(db), "backup", str(target)) == 0
    assert run("--db", str(target), "check") == 0


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as caught:
        run("--lang", "en", "no-such-command")
    assert caught.value.code == 2


def test_environment_variable_selects_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = tmp_path / "env.sqlite3"
    monkeypatch.setenv("SECRETARIAT_DB", str(db))
    assert run("init") == 0
    assert db.exists()


def test_python_dash_m_works(tmp_path: Path):
    env = dict(os.environ, SECRETARIAT_DB=str(tmp_path / "m.sqlite3"))
    result = subprocess.run(
        [sys.executable, "-m", "secretariat_app", "--lang", "en", "init"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Database ready" in result.stdout


@pytest.mark.parametrize("written", ["12", "XII", "xii", " Xii "])
def test_forum_number_may_be_written_in_roman_numerals(written: str):
    from secretariat_app.cli.main import build_parser

    assert build_parser().parse_args(["report", "--forum", written]).forum == 12
    assert build_parser().parse_args(["export", "out.xlsx", "--forum", written]).forum == [12]


def test_export_takes_a_roman_forum_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "demo") == 0
    assert run("--db", db, "--lang", "en", "export", str(tmp_path / "a.xlsx"), "--forum", "7") == 0
    assert run("--db", db, "--lang", "en", "export", str(tmp_path / "b.xlsx"), "--forum", "vii") == 0
    first, second = capsys.readouterr().out.strip().splitlines()[-2:]
    assert first.split(" to ")[0] == second.split(" to ")[0] != "Exported 0 decision(s)"


@pytest.mark.parametrize("written", ["XIIV", "0", "twelve", "IIII"])
def test_a_bad_forum_number_is_one_translated_line_and_exit_2(
    written: str, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as caught:
        run("--lang", "ru", "report", "--forum", written)
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "не номер форума" in err and "12 или XII" in err


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("ru", ("использование:", "параметры:", "показать эту справку")),
        ("kk", ("қолданылуы:", "параметрлер:")),
    ],
)
def test_help_is_in_the_chosen_language_including_argparse_words(
    lang: str, words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as caught:
        run("--lang", lang, "report", "--help")
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert all(word in out for word in words)
    assert "usage:" not in out and "show this help" not in out


def test_usage_errors_are_translated(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as caught:
        run("--lang", "ru", "export")
    assert caught.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "не указаны обязательные аргументы: file" in err
    with pytest.raises(SystemExit):
        run("--lang", "kk", "report", "--forum", "1", "--kind", "nope")
    err = capsys.readouterr().err.strip()
    assert "--kind аргументі: жарамсыз мән: 'nope'" in err
    import argparse

    assert argparse._("usage: ") == "usage: "  # put back for everyone else


def test_importing_a_missing_file_is_one_line_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "init") == 0
    capsys.readouterr()
    missing = tmp_path / "nonexistent.xlsx"
    assert run("--db", db, "--lang", "ru", "import", str(missing)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"ошибка: Файл {missing} не найден."
    assert run("--db", db, "--lang", "kk", "import", str(tmp_path)) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"{tmp_path} — файл емес, қалта." in err


def test_output_cut_short_by_its_reader_is_no_error(tmp_path: Path):
    env = dict(os.environ, SECRETARIAT_DB=str(tmp_path / "p.sqlite3"))
    assert (
        subprocess.run([sys.executable, "-m", "secretariat_app", "init"], env=env, check=False).returncode
        == 0
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "secretariat_app", "--lang", "en", "check"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # like `check | head -0`: the reader is gone before anything is written
    err = child.stderr.read().decode()
    assert child.wait() == 0
    assert err == ""


def test_export_refuses_an_unknown_forum_region_or_status_like_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "demo") == 0
    capsys.readouterr()
    out = str(tmp_path / "x.xlsx")
    assert run("--db", db, "--lang", "en", "export", out, "--forum", "99") == 2
    assert capsys.readouterr().err.strip() == "error: There is no forum XCIX."
    assert run("--db", db, "--lang", "en", "export", out, "--region", "XX-NOWHERE") == 2
    assert capsys.readouterr().err.strip() == "error: Unknown region or agency: XX-NOWHERE."
    assert run("--db", db, "--lang", "ru", "export", out, "--status", "foo") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Неизвестный статус: foo" in err
    assert "partial (Выполнено частично)" in err
    assert not Path(out).exists()
    assert run("--db", db, "--lang", "en", "export", out, "--status", "partial") == 0


@pytest.mark.parametrize("command", [("import", "in.xlsx"), ("export", "out.xlsx")])
def test_a_missing_database_says_how_to_create_it(
    command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = tmp_path / "none.sqlite3"
    assert run("--db", str(db), "--lang", "en", *command) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"error: There is no database at {db}. Create it with: secretariat-app --db {db} init"
    assert not db.exists()
    assert run("--db", str(db), "--lang", "kk", *command) == 2
    assert "Оны мына командамен жасаңыз" in capsys.readouterr().err


def test_checking_an_executor_workbook_left_empty_says_there_is_nothing_to_take_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "s.sqlite3")
    assert run("--db", db, "init") == 0 and run("--db", db, "demo") == 0
    workbook = tmp_path / "ore.xlsx"
    assert run("--db", db, "export-executor", "RU-ORE", str(workbook)) == 0
    capsys.readouterr()
    assert run("--db", db, "--lang", "kk", "import", str(workbook), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines() == [
        "Тек тексеру: ештеңе жазылмады.",
        "Файлда жүктейтін жазба жоқ (бос жолдар ештеңені өзгертпейді).",
    ]
