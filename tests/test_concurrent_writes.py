"""Writers meeting each other: saves wait for the lock instead of failing "busy", a save over
another's save is a conflict, and an import racing a window save never overwrites it — forced
interleavings with threads and events, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from secretariat_app.core.db import Database, open_database
from secretariat_app.core.errors import ConflictError
from secretariat_app.core.models import ProgressEntry
from secretariat_app.core.services.decisions import (
    DecisionInput,
    decision_by_code,
    get_decision,
    update_decision,
)
from secretariat_app.exchange import ImportProblemsError, apply_import, plan_import
from tests.exchange_files import DECISION_HEADER, FORUM_HEADER, PROGRESS_HEADER, write_xlsx

#: Decision 3.1 of forum VI in the demo history.
FORUM, CODE = 6, "3.1"
WAIT = 20  # seconds an event may take before the test fails instead of hanging


@pytest.fixture
def second(demo_database: Database) -> Iterator[Database]:
    """The same database opened again, as another clerk's program would (its own connections)."""
    other = open_database(demo_database.url, create=False, actor="second clerk")
    yield other
    other.dispose()


def _snapshot(database: Database) -> tuple[int, int, str]:
    with database.reader() as session:
        decision = decision_by_code(session, FORUM, CODE)
        return decision.id, decision.version, decision.text("ru")


def _save_text(database: Database, text: str, version: int | None) -> None:
    decision_id, _version, _text = _snapshot(database)
    with database.session() as session:
        _save_in(session, decision_id, text, version)


def _save_in(session: Any, decision_id: int, text: str, version: int | None) -> None:
    decision = get_decision(session, decision_id)
    data = DecisionInput(
        forum_id=decision.forum_id,
        code=decision.code,
        texts={"ru": text, "kk": decision.text("kk")},
        sector=decision.sector.code,
        deadline=decision.deadline,
        status=decision.own_status,
    )
    update_decision(session, decision_id, data, expected_version=version)


def _import_file(tmp_path: Path, text: str, name: str = "in.xlsx") -> Path:
    return write_xlsx(
        tmp_path / name,
        {"decisions": [DECISION_HEADER, [FORUM, CODE, text, "", "", "", "", "", ""]]},
    )


def _held_save(
    database: Database, text: str, version: int
) -> tuple[threading.Event, threading.Event, Future[None]]:
    """A window save that has written (flushed) but not committed until ``release`` is set."""
    written, release = threading.Event(), threading.Event()
    decision_id = _snapshot(database)[0]

    def save() -> None:
        with database.session() as session:
            _save_in(session, decision_id, text, version)
            session.flush()
            written.set()
            assert release.wait(WAIT)

    return written, release, ThreadPoolExecutor(1).submit(save)


def _in_thread(work: Callable[[], Any]) -> Future[Any]:
    return ThreadPoolExecutor(1).submit(work)


def test_a_second_writer_waits_for_the_lock_instead_of_failing_busy(
    demo_database: Database, second: Database
) -> None:
    _id, version, _text = _snapshot(demo_database)
    written, release, first = _held_save(demo_database, "Первый", version)
    assert written.wait(WAIT)
    started = time.monotonic()
    other = _in_thread(lambda: _save_text(second, "Второй", None))  # no version: a plain save
    time.sleep(0.5)
    assert not other.done()  # waiting for the lock, not failing at once
    release.set()
    first.result(WAIT)
    if demo_database.is_sqlite:  # the lock is taken before reading: it then saves on top
        other.result(WAIT)
        assert _snapshot(demo_database)[2] == "Второй"
    else:  # PostgreSQL read the row before the first committed: the row version catches it
        with pytest.raises(ConflictError):
            other.result(WAIT)
    assert time.monotonic() - started >= 0.5


def test_two_clerks_saving_the_same_decision_at_once_the_second_gets_a_conflict(
    demo_database: Database, second: Database
) -> None:
    _id, version, _text = _snapshot(demo_database)
    written, release, first = _held_save(demo_database, "Сохранил первый", version)
    assert written.wait(WAIT)
    other = _in_thread(lambda: _save_text(second, "Сохранил второй", version))
    time.sleep(0.3)
    release.set()
    first.result(WAIT)
    with pytest.raises(ConflictError):
        other.result(WAIT)
    assert _snapshot(demo_database)[2] == "Сохранил первый"


def test_a_save_between_the_preview_and_the_import_is_a_located_conflict(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_database, _import_file(tmp_path, "Текст из файла"))
    assert plan.ok and plan.counts["decisions"].updated == 1
    _id, version, _text = _snapshot(second)
    _save_text(second, "Сохранено в окне", version)

    with pytest.raises(ImportProblemsError) as raised:
        apply_import(demo_database, plan)

    [found] = raised.value.problems
    assert (found.sheet, found.row) == ("decisions", 2)
    assert _snapshot(demo_database)[2] == "Сохранено в окне"


def test_a_save_while_the_import_writes_waits_and_then_meets_a_conflict(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    _id, version, _text = _snapshot(demo_database)
    plan = plan_import(demo_database, _import_file(tmp_path, "Текст из файла"))
    compared, go_on = threading.Event(), threading.Event()

    def pause_after_compare(done: int, _total: int) -> None:
        if done == 0:  # compared under the lock, nothing written yet
            compared.set()
            assert go_on.wait(WAIT)

    importing = _in_thread(lambda: apply_import(demo_database, plan, progress=pause_after_compare))
    assert compared.wait(WAIT)
    saving = _in_thread(lambda: _save_text(second, "Сохранено в окне", version))
    time.sleep(0.5)
    assert not saving.done()  # the window's save waits for the import
    go_on.set()
    importing.result(WAIT)
    with pytest.raises(ConflictError):
        saving.result(WAIT)
    _id, new_version, text = _snapshot(demo_database)
    assert text == "Текст из файла" and new_version > version  # the clerk's next save conflicts


def test_an_import_while_a_save_is_being_written_waits_and_keeps_the_save(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    plan = plan_import(demo_database, _import_file(tmp_path, "Текст из файла"))
    _id, version, _text = _snapshot(demo_database)
    written, release, saving = _held_save(second, "Сохранено в окне", version)
    assert written.wait(WAIT)
    importing = _in_thread(lambda: apply_import(demo_database, plan))
    time.sleep(0.5)
    release.set()
    saving.result(WAIT)
    with pytest.raises(ImportProblemsError):
        importing.result(WAIT)
    assert _snapshot(demo_database)[2] == "Сохранено в окне"


def test_two_imports_adding_the_same_forum_the_second_is_a_located_problem(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    row = [20, 2030, "Омск", "Омбы", "RU", "2030-09-01", "2030-09-02", "", ""]
    path = write_xlsx(tmp_path / "forum.xlsx", {"forums": [FORUM_HEADER, row]})
    first, other = plan_import(demo_database, path), plan_import(second, path)
    apply_import(demo_database, first)
    with pytest.raises(ImportProblemsError) as raised:
        apply_import(second, other)
    [found] = raised.value.problems
    assert (found.sheet, found.row, found.column) == ("forums", 2, "number")


def test_two_command_line_imports_of_the_same_forum_exit_0_and_2_never_1(
    demo_database: Database, tmp_path: Path
) -> None:
    row = [21, 2031, "Курган", "Қорған", "RU", "2031-09-01", "2031-09-02", "", ""]
    path = write_xlsx(tmp_path / "forum.xlsx", {"forums": [FORUM_HEADER, row]})
    url = demo_database.url.render_as_string(hide_password=False)
    command = [sys.executable, "-m", "secretariat_app", "--db", url, "--lang", "en", "import", str(path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)
    ]
    results = [(p.wait(60), p.stderr.read().decode() if p.stderr else "") for p in runs]
    codes = sorted(code for code, _err in results)
    assert 1 not in codes, results
    assert 0 in codes, results
    for code, err in results:
        if code == 2:
            assert "Traceback" not in err


def test_two_imports_adding_the_same_progress_entry_the_second_is_a_located_problem(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    row = [FORUM, CODE, "2026-11-20", "in_progress", "Начаты работы", "Жұмыс басталды", "01-14/9", ""]
    path = write_xlsx(tmp_path / "progress.xlsx", {"progress": [PROGRESS_HEADER, row]})
    first, other = plan_import(demo_database, path), plan_import(second, path)
    assert first.counts["progress"].added == other.counts["progress"].added == 1
    apply_import(demo_database, first)
    with pytest.raises(ImportProblemsError) as raised:
        apply_import(second, other)
    [found] = raised.value.problems
    assert (found.sheet, found.row) == ("progress", 2)
    with demo_database.reader() as session:
        entries = session.scalars(select(ProgressEntry).where(ProgressEntry.letter_number == "01-14/9")).all()
    assert len(entries) == 1


def test_a_duplicate_insert_that_slips_past_the_checks_is_a_clear_error(demo_database: Database) -> None:
    from secretariat_app.core.errors import DuplicateRecordError
    from secretariat_app.core.models import Sector

    with pytest.raises(DuplicateRecordError), demo_database.session() as session:
        session.add(
            Sector(code="transport", name_ru="Дубль", name_kk="Дубль", name_en="Duplicate", position=99)
        )


def test_an_assignment_saved_meanwhile_is_a_problem_at_its_own_row(
    demo_database: Database, second: Database, tmp_path: Path
) -> None:
    from secretariat_app.core.services.decisions import AssignmentInput, set_assignments
    from tests.exchange_files import ASSIGNMENT_HEADER

    with demo_database.reader() as session:
        decision = decision_by_code(session, FORUM, CODE)
        assigned = [
            (a.executor_id, a.executor.code or a.executor.name_ru, a.role, a.status)
            for a in decision.assignments
        ]
    rows = [[FORUM, CODE, code, str(role), "in_progress", "из файла"] for _id, code, role, _s in assigned]
    path = write_xlsx(tmp_path / "assignments.xlsx", {"assignments": [ASSIGNMENT_HEADER, *rows]})
    plan = plan_import(demo_database, path)
    assert plan.ok and plan.counts["assignments"].updated == len(rows)
    with second.session() as session:  # another clerk gives the second executor a note meanwhile
        wanted = [
            AssignmentInput(executor_id, role, status, "уточнено" if index == 1 else "")
            for index, (executor_id, _code, role, status) in enumerate(assigned)
        ]
        set_assignments(session, decision.id, wanted)

    with pytest.raises(ImportProblemsError) as raised:
        apply_import(demo_database, plan)

    places = {(p.sheet, p.row) for p in raised.value.problems}
    assert ("assignments", 3) in places  # the row of the executor the clerk saved
    with demo_database.reader() as session:
        notes = [a.note for a in decision_by_code(session, FORUM, CODE).assignments]
    assert "уточнено" in notes and "из файла" not in notes
