"""Fault tests: ``kill -9`` of a command-line import, a report and a window's save, at named
points (``SECRETARIAT_FAULT_PAUSE``) and at random moments; each followed by ``check`` and a
comparison with what was committed before: nothing half-written. SQLite, and PostgreSQL when
configured."""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy import select as sql_select

from secretariat_app.cli.main import main
from secretariat_app.core.db import Database
from secretariat_app.core.faults import FAULT_ENV
from secretariat_app.core.models import Base, Decision, Forum
from tests.exchange_files import DECISION_HEADER, FORUM_HEADER, write_xlsx

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NEW_FORUM, NEW_DECISIONS = 25, 40
STARTUP_TIMEOUT = 60


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _fingerprint(database: Database) -> dict[str, list[str]]:
    """Every row of every table, in a stable order: equal fingerprints, equal databases."""
    with database.reader() as session:
        return {
            table.name: sorted(repr(tuple(row)) for row in session.execute(sql_select(table)).all())
            for table in Base.metadata.sorted_tables
        }


def _process(
    database: Database, args: list[str], point: str | None, **kwargs: Any
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop(FAULT_ENV, None)
    if point:
        env[FAULT_ENV] = point
    command = kwargs.pop("command", None) or [
        sys.executable, "-m", "secretariat_app", "--db", _url(database), "--lang", "en", *args
    ]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs
    )


def _kill_at(process: subprocess.Popen[bytes], point: str) -> None:
    """Wait until the process says it reached ``point``, then kill it there."""
    assert process.stderr is not None
    deadline, seen = time.monotonic() + STARTUP_TIMEOUT, b""
    while f"fault-point {point}".encode() not in seen:
        remaining = deadline - time.monotonic()
        assert remaining > 0 and process.poll() is None, seen.decode(errors="replace")
        ready, _w, _x = select.select([process.stderr], [], [], remaining)
        if ready:
            seen += os.read(process.stderr.fileno(), 4096)
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def _check_passes(database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", _url(database), "--lang", "en", "check"]) == 0, capsys.readouterr().err
    capsys.readouterr()


def _history_file(tmp_path: Path) -> Path:
    """A new forum with its decisions, and a changed text of an existing one."""
    forum = [NEW_FORUM, 2035, "Томск", "Томск", "RU", "2035-09-01", "2035-09-02", "", ""]
    decisions = [DECISION_HEADER, [6, "3.1", "Текст, изменённый импортом", "", "", "", "", "", ""]]
    decisions += [
        [NEW_FORUM, f"1.{n}", f"Решение {n}", f"Шешім {n}", "", "", "", "", ""]
        for n in range(1, NEW_DECISIONS + 1)
    ]
    return write_xlsx(tmp_path / "history.xlsx", {"forums": [FORUM_HEADER, forum], "decisions": decisions})


def _new_forum_decisions(database: Database) -> int:
    with database.reader() as session:
        return int(
            session.scalar(sql_select(func.count(Decision.id)).join(Forum).where(Forum.number == NEW_FORUM))
            or 0
        )


@pytest.mark.parametrize("point", ["import:compared", "import:writing", "session:before-commit"])
def test_an_import_killed_before_its_commit_leaves_the_database_as_it_was(
    demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], point: str
) -> None:
    before = _fingerprint(demo_database)
    _kill_at(_process(demo_database, ["import", str(_history_file(tmp_path))], point), point)
    _check_passes(demo_database, capsys)
    assert _fingerprint(demo_database) == before


def test_an_import_killed_after_its_commit_is_all_there(
    demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    point = "session:committed"
    _kill_at(_process(demo_database, ["import", str(_history_file(tmp_path))], point), point)
    _check_passes(demo_database, capsys)
    assert _new_forum_decisions(demo_database) == NEW_DECISIONS


def test_an_import_killed_at_random_moments_is_all_or_nothing(
    demo_sqlite: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_sqlite.path
    assert path is not None
    demo_sqlite.dispose()
    pristine = tmp_path / "pristine.sqlite3"
    shutil.copy(path, pristine)
    before = _fingerprint(demo_sqlite)
    workbook = _history_file(tmp_path)
    rng = random.Random(13)
    for _try in range(2):
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.copy(pristine, path)
        process = _process(demo_sqlite, ["import", str(workbook)], None)
        time.sleep(rng.uniform(0.8, 2.5))  # somewhere in start-up, reading, comparing or writing
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        demo_sqlite.dispose()
        _check_passes(demo_sqlite, capsys)
        count = _new_forum_decisions(demo_sqlite)
        assert count in (0, NEW_DECISIONS)
        if count == 0:
            assert _fingerprint(demo_sqlite) == before
        demo_sqlite.dispose()


def test_a_report_killed_at_random_moments_leaves_the_old_file_or_a_whole_one(
    demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.pdf"
    previous = b"%PDF-1.4 the report printed last week\n%%EOF\n"
    before = _fingerprint(demo_database)
    rng = random.Random(7)
    for _try in range(2):
        target.write_bytes(previous)
        args = ["report", "--forum", "12", "--as-of", "2026-11-25", "--out", str(target)]
        process = _process(demo_database, args, None)
        time.sleep(rng.uniform(0.8, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        written = target.read_bytes()
        assert written == previous or (written.startswith(b"%PDF") and written.rstrip().endswith(b"%%EOF"))
    _check_passes(demo_database, capsys)
    assert _fingerprint(demo_database) == before


#: The window's own save: the decision editor on the real (synchronous) runner, offscreen.
SAVE_SCRIPT = """
import sys
from PySide6.QtWidgets import QApplication
from secretariat_app.core.db import open_database
from secretariat_app.core.services.decisions import decision_by_code
from secretariat_app.ui.editor.window import DecisionEditor
from tests.ui_helpers import make_context

app = QApplication([])
database = open_database(sys.argv[1], create=False)
with database.reader() as session:
    decision_id = decision_by_code(session, 6, "3.1").id
editor = DecisionEditor(make_context(database), decision_id)
editor.form.texts["ru"].setPlainText("Текст, сохранённый в окне")
editor.save()
assert not editor.dirty, "not saved"
"""


def _save_text(database: Database) -> str:
    with database.reader() as session:
        decision = session.scalars(
            sql_select(Decision).join(Forum).where(Forum.number == 6, Decision.code == "3.1")
        ).one()
        return decision.text("ru")


def test_a_window_save_killed_before_its_commit_changes_nothing_and_completes_otherwise(
    demo_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _fingerprint(demo_database)
    command = [sys.executable, "-c", SAVE_SCRIPT, _url(demo_database)]
    point = "session:before-commit"
    _kill_at(_process(demo_database, [], point, command=command), point)
    _check_passes(demo_database, capsys)
    assert _fingerprint(demo_database) == before

    finished = _process(demo_database, [], None, command=command)  # the same save, not killed
    assert finished.wait(STARTUP_TIMEOUT) == 0, finished.stderr.read() if finished.stderr else ""
    assert _save_text(demo_database) == "Текст, сохранённый в окне"
