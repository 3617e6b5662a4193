"""The command line after the first Kazakh trial: dates typed as the window takes them, --help in
the window's language, and Ctrl+C at any moment ends with one translated line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secretariat_app.cli.entry import INTERRUPTED
from secretariat_app.cli.main import main
from secretariat_app.core.settings import load_settings, save_settings


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "s.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    return db


@pytest.mark.parametrize("typed", ["13022028", "13.02.2028", "2028-02-13"])
def test_summary_takes_the_as_of_date_as_the_window_does(
    demo_db: str, typed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_db, "--lang", "kk", "summary", "--as-of", typed, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2028-02-13"


def test_an_impossible_as_of_date_is_one_line_and_exit_2(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", demo_db, "--lang", "en", "summary", "--as-of", "31022028"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "31.02.2028" in err


def test_help_without_lang_follows_the_language_saved_from_the_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = load_settings()
    settings.language = "kk"
    save_settings(settings)
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "интерфейс тілі" in capsys.readouterr().out.lower()


def test_help_without_lang_or_setting_follows_the_system_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "интерфейс тілі" in capsys.readouterr().out.lower()
    from secretariat_app.ui.app import choose_language

    assert choose_language(None) == "kk"  # the window picks it the same way


#: Ctrl+C (SIGINT) this long after the interpreter starts the command: while the modules load,
#: while the parser is built, while the database opens
INTERRUPT_AFTER = (0.001, 0.05, 0.3)


@pytest.mark.parametrize("seconds", INTERRUPT_AFTER)
def test_ctrl_c_while_the_command_starts_is_one_translated_line(tmp_path: Path, seconds: float) -> None:
    script = (
        "import signal, sys\n"
        "from secretariat_app.cli.entry import main\n"  # the console script's first import
        "signal.signal(signal.SIGALRM, lambda *_: signal.raise_signal(signal.SIGINT))\n"
        f"signal.setitimer(signal.ITIMER_REAL, {seconds!r})\n"
        "sys.exit(main(['--lang', 'kk', 'check']))\n"
    )
    env = dict(os.environ, SECRETARIAT_DB=str(tmp_path / "c.sqlite3"))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    if result.returncode == 0:
        pytest.skip("the command finished before Ctrl+C came")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (INTERRUPTED, 2), result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    if result.returncode == INTERRUPTED:
        assert result.stderr.strip() == "Тоқтатылды (Ctrl+C): команда аяқталмады."
