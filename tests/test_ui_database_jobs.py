"""Database work off the GUI thread (open, back up, restore), running jobs finished or cancelled
before the database changes, one Cancelled base, and safe defaults of destructive questions."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from secretariat_app.core import errors, i18n
from secretariat_app.core.backup import backup_sqlite, backups_dir
from secretariat_app.core.db import Database, open_database
from secretariat_app.core.models import Decision, Forum
from secretariat_app.core.services.decisions import decision_by_code
from secretariat_app.core.services.forums import ForumInput, create_forum, forum_by_number
from secretariat_app.exchange.problems import ImportCancelled
from secretariat_app.reports import ReportCancelled
from secretariat_app.ui import database_jobs
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.context_help import section_for
from secretariat_app.ui.editor.dialogs import ProgressEntryDialog
from secretariat_app.ui.editor.window import DecisionEditor
from secretariat_app.ui.errors import is_cancel
from secretariat_app.ui.jobs import JobCancelled as Cancelled
from secretariat_app.ui.main_window import MainWindow
from secretariat_app.ui.tasks import TaskHandle
from tests.ui_helpers import answer_message_boxes, make_context, type_text

__all__ = ["answer_message_boxes"]


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    context = make_context(demo_sqlite)
    context.runner.synchronous = False
    return context


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> Iterator[MainWindow]:
    window = MainWindow(context)  # not qtbot.addWidget: it would delete the window under its jobs
    window.show()
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=10_000)
    yield window
    window.close()  # the window's own way: it closes once its jobs have ended
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15_000)
    _idle(qtbot, context)  # no job of this test may answer into the next one
    window.deleteLater()


def _idle(qtbot: QtBot, context: AppContext) -> None:
    qtbot.waitUntil(lambda: not context.runner.busy, timeout=15_000)


def test_every_cancel_derives_from_the_one_core_base() -> None:
    for cancel in (ImportCancelled(), ReportCancelled(), Cancelled()):
        assert isinstance(cancel, errors.Cancelled) and is_cancel(cancel)
    assert not is_cancel(errors.ConflictError("x"))


def test_the_runner_keeps_a_cancelled_job_quiet_and_reports_other_failures(
    qtbot: QtBot, context: AppContext
) -> None:
    reported: list[BaseException] = []
    context.runner.default_error_handler = reported.append

    def cancelled(_handle: TaskHandle) -> None:
        raise ImportCancelled()

    def broken(_handle: TaskHandle) -> None:
        raise errors.DatabaseLockedError("busy")

    context.runner.run(cancelled)
    context.runner.run(broken)
    _idle(qtbot, context)
    assert [type(e) for e in reported] == [errors.DatabaseLockedError]


def test_opening_another_database_runs_on_a_worker_while_the_window_keeps_painting(
    qtbot: QtBot, window: MainWindow, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "other.sqlite3"
    open_database(target, actor="tests").dispose()
    seen: dict[str, Any] = {}
    real_open = database_jobs.open_database

    def slow_open(*args: Any, **kwargs: Any) -> Database:
        seen["thread"] = threading.current_thread()
        time.sleep(0.4)  # as a backup and an upgrade of a large file would take
        return real_open(*args, **kwargs)

    monkeypatch.setattr(database_jobs, "open_database", slow_open)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    window.replace_database(str(target), create=False)
    assert context.database.path != target  # not swapped yet: the work runs elsewhere
    qtbot.waitUntil(lambda: context.database.path == target, timeout=10_000)
    timer.stop()
    assert seen["thread"] is not threading.main_thread()
    assert len(ticks) >= 5  # the event loop kept running during the open
    assert str(target) in window.database_label.text()


@pytest.mark.parametrize("stops_on_cancel", [True, False], ids=["cancelled", "finished"])
def test_a_running_job_ends_before_the_database_is_replaced(
    qtbot: QtBot, window: MainWindow, context: AppContext, tmp_path: Path, stops_on_cancel: bool
) -> None:
    target = tmp_path / "other.sqlite3"
    open_database(target, actor="tests").dispose()
    old = context.database
    events: list[str] = []
    started = threading.Event()

    def long_job(handle: TaskHandle) -> None:
        started.set()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            if stops_on_cancel and handle.cancelled():
                events.append("job stopped")
                raise Cancelled()
            with old.reader() as session:  # the job keeps using its database
                forum_by_number(session, 6)
            time.sleep(0.02)
        events.append("job finished")

    context.runner.run(long_job, lambda _r: None, lambda _e: None)
    assert started.wait(5)
    window.replace_database(str(target), create=False)
    context.bus.database_replaced.connect(lambda: events.append("replaced"))
    qtbot.waitUntil(lambda: "replaced" in events, timeout=10_000)
    assert events == ["job stopped" if stops_on_cancel else "job finished", "replaced"]


def test_backing_up_runs_on_a_worker_and_says_where(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real_backup = database_jobs.backup_sqlite

    def recorded(*args: Any, **kwargs: Any) -> Path:
        threads.append(threading.current_thread())
        return real_backup(*args, **kwargs)

    monkeypatch.setattr(database_jobs, "backup_sqlite", recorded)
    window.backup_now()
    _idle(qtbot, context)
    assert threads and threads[0] is not threading.main_thread()
    assert "backups" in window.statusBar().currentMessage()


def _questions(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[tuple[Any, ...]]:
    """Record every question; answer it with its default button or with Yes."""
    asked: list[tuple[Any, ...]] = []

    def question(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args)
        if answer == "default":
            return args[4] if len(args) > 4 else QMessageBox.StandardButton.NoButton
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_restoring_asks_with_no_as_default_then_restores_on_a_worker(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = context.database.path
    assert path is not None
    backup_sqlite(path, reason="manual")
    with context.database.session() as session:  # made after the backup: the restore removes it
        create_forum(session, ForumInput(30, "Барнаул", "RU", "2040-09-01"))
    monkeypatch.setattr(
        "secretariat_app.ui.main_window.QInputDialog.getItem", lambda *a, **k: (a[3][0], True)
    )
    asked = _questions(monkeypatch, "default")
    assert window.restore_backup() is None  # Enter on the question: nothing restored
    assert asked[-1][4] == QMessageBox.StandardButton.No
    _questions(monkeypatch, "yes")
    replaced: list[bool] = []
    context.bus.database_replaced.connect(lambda: replaced.append(True))
    window.restore_backup()
    qtbot.waitUntil(lambda: bool(replaced), timeout=15_000)
    with context.database.reader() as session:
        numbers = set(session.scalars(select(Forum.number)))
    assert 30 not in numbers and 6 in numbers
    assert "backups" in window.statusBar().currentMessage()


def test_deleting_a_decision_defaults_to_no(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.show_page("decisions")
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)  # type: ignore[attr-defined]
    page.table.selectRow(0)  # type: ignore[attr-defined]
    decision_id = page.current_decision_id()  # type: ignore[attr-defined]
    asked = _questions(monkeypatch, "default")
    page.delete_item()  # type: ignore[attr-defined]
    _idle(qtbot, context)
    assert asked and asked[-1][4] == QMessageBox.StandardButton.No
    with context.database.reader() as session:
        assert session.get(Decision, decision_id) is not None


def test_closing_the_progress_dialog_with_typed_text_asks_first(
    qtbot: QtBot, demo_sqlite: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = make_context(demo_sqlite)
    with demo_sqlite.reader() as session:
        decision_id = decision_by_code(session, 6, "3.1").id
    editor = DecisionEditor(context, decision_id)
    qtbot.addWidget(editor)
    editor.open_add_progress()
    dialog = editor.progress_dialog
    assert isinstance(dialog, ProgressEntryDialog)
    type_text(dialog.notes["kk"], "Жол салынды")
    asked = _questions(monkeypatch, "default")
    dialog.reject()  # Esc: answered with the default
    assert dialog.isVisible() and dialog.notes["kk"].toPlainText() == "Жол салынды"
    assert asked[-1][4] == QMessageBox.StandardButton.No
    _questions(monkeypatch, "yes")
    dialog.reject()
    assert not dialog.isVisible()


def test_closing_an_empty_progress_dialog_does_not_ask(
    qtbot: QtBot, demo_sqlite: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = DecisionEditor(make_context(demo_sqlite), None)
    qtbot.addWidget(editor)
    dialog = ProgressEntryDialog([], dt.date(2020, 1, 1), None, editor)
    dialog.open()
    asked = _questions(monkeypatch, "default")
    dialog.reject()
    assert not asked and not dialog.isVisible()


def test_closing_the_window_waits_for_a_running_job(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    release = threading.Event()
    finished: list[str] = []

    def job(_handle: TaskHandle) -> None:
        assert release.wait(10)
        finished.append("done")

    context.runner.run(job, lambda _r: None)
    window.close()
    assert window.isVisible()  # not closed under the job
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert finished == ["done"]


def test_the_start_opens_the_database_on_a_worker_and_keeps_the_event_loop_running(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from secretariat_app.ui import app as gui_app

    target = tmp_path / "start.sqlite3"
    open_database(target, actor="tests").dispose()
    seen: dict[str, Any] = {}
    real_open = gui_app.open_target

    def slow_open(*args: Any, **kwargs: Any) -> Database:
        seen["thread"] = threading.current_thread()
        time.sleep(0.6)  # an upgrade of a large file
        return real_open(*args, **kwargs)

    monkeypatch.setattr(gui_app, "open_target", slow_open)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    database = gui_app.start_database(argparse.Namespace(db=str(target), lang=None, demo=False))
    timer.stop()
    assert database is not None and database.path == target
    database.dispose()
    assert seen["thread"] is not threading.main_thread()
    assert len(ticks) >= 5


def test_cancel_before_the_backup_starts_writes_no_backup_and_says_nothing(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = context.database.path
    assert path is not None
    before = set(backups_dir(path).glob("*")) if backups_dir(path).is_dir() else set()
    gate = threading.Event()
    real_backup = database_jobs.backup_sqlite

    def held(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(5)  # the clerk presses Cancel before the copy's first step
        return real_backup(*args, **kwargs)

    monkeypatch.setattr(database_jobs, "backup_sqlite", held)
    shown: list[BaseException] = []
    monkeypatch.setattr("secretariat_app.ui.jobs.present_error", lambda _p, e: shown.append(e))
    job = window.backup_now()
    assert job is not None and job.dialog.isVisible() and job.dialog.cancel_button.isVisible()
    assert section_for(job.dialog) == "backup"  # F1 in the job's window: the guide on backups
    job.dialog.cancel_button.click()
    assert job.dialog.label.text() == i18n._("Cancelling…")
    gate.set()
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    after = set(backups_dir(path).glob("*")) if backups_dir(path).is_dir() else set()
    assert after == before and shown == [] and not job.dialog.isVisible()


def test_a_backup_copies_in_steps_the_job_shows_and_cancel_stops_midway(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window hands core the job's progress and Cancel: pressed after the first step, the
    backup stops there and leaves no file."""
    path = context.database.path
    assert path is not None
    before = set(backups_dir(path).glob("*")) if backups_dir(path).is_dir() else set()
    real_backup = database_jobs.backup_sqlite
    first_step, go_on = threading.Event(), threading.Event()
    steps: list[tuple[int, int]] = []

    def one_page_at_a_time(*args: Any, progress: Any, cancelled: Any, **kwargs: Any) -> Any:
        def step(done: int, total: int) -> None:
            steps.append((done, total))
            progress(done, total)
            if len(steps) == 1:
                first_step.set()
                assert go_on.wait(5)

        return real_backup(*args, progress=step, cancelled=cancelled, step_pages=1, **kwargs)

    monkeypatch.setattr(database_jobs, "backup_sqlite", one_page_at_a_time)
    monkeypatch.setattr("secretariat_app.ui.jobs.present_error", lambda _p, e: pytest.fail(str(e)))
    job = window.backup_now()
    assert job is not None
    qtbot.waitUntil(first_step.is_set, timeout=10_000)
    job.dialog.cancel_button.click()
    go_on.set()
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    after = set(backups_dir(path).glob("*")) if backups_dir(path).is_dir() else set()
    assert steps and steps[0][1] > 1, "the demo database is copied in more than one step"
    assert len(steps) < steps[0][1], "Cancel stopped the copy before its last step"
    assert after == before


def test_cancelling_a_restore_while_jobs_end_leaves_the_database_as_it_was(
    qtbot: QtBot, window: MainWindow, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = context.database.path
    assert path is not None
    backup_sqlite(path, reason="manual")
    with context.database.session() as session:
        create_forum(session, ForumInput(31, "Барнаул", "RU", "2041-09-01"))
    release = threading.Event()
    context.runner.run(lambda _h: release.wait(5), lambda _r: None, lambda _e: None)  # a job still running
    monkeypatch.setattr(
        "secretariat_app.ui.main_window.QInputDialog.getItem", lambda *a, **k: (a[3][0], True)
    )
    _questions(monkeypatch, "yes")
    job = window.restore_backup()
    assert job is not None and job.dialog.isVisible()
    job.dialog.cancel_button.click()
    release.set()
    qtbot.waitUntil(lambda: not job.dialog.isVisible(), timeout=10_000)
    _idle(qtbot, context)
    with context.database.reader() as session:
        assert 31 in set(session.scalars(select(Forum.number)))
