"""Running database and PDF work off the GUI thread, with progress and Cancel.

Every long or database-touching job goes through :class:`TaskRunner.run`: the work runs on a pool
thread and its result or error comes back on the GUI thread. Writers are serialised on a pool of
one thread, so two saves never race each other. Workers never touch widgets. Tests set
``synchronous = True`` to run jobs inline.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from secretariat_app.core.errors import Cancelled

log = logging.getLogger(__name__)


class TaskHandle:
    """What the work function gets: report progress, ask whether the user pressed Cancel."""

    def __init__(self, task: Task) -> None:
        self._task = task

    def progress(self, done: int, total: int) -> None:
        self._task.signals.progressed.emit(done, total)

    def cancelled(self) -> bool:
        return self._task.cancel_requested.is_set()


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class Task(QRunnable):
    """One job. Keep a reference while it runs if you want to cancel it."""

    def __init__(self, work: Callable[[TaskHandle], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()
        self.cancel_requested = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self.cancel_requested.set()

    def run(self) -> None:
        try:
            result = self.work(TaskHandle(self))
        except BaseException as error:  # handed to the GUI thread's error presenter
            self.done.set()
            self.signals.failed.emit(error)
        else:
            self.done.set()
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Owns the worker pools. One instance per application, handed to whatever needs it."""

    #: the last running job has finished (its result or error was handed over)
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = False
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._running: set[Task] = set()
        self.default_error_handler: Callable[[BaseException], None] | None = None

    def run(
        self,
        work: Callable[[TaskHandle], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[int, int], None] | None = None,
        write: bool = False,
    ) -> Task:
        """Run ``work(handle)`` off the GUI thread; call ``on_done(result)`` or ``on_error(error)``
        on the GUI thread. Errors without a handler go to ``default_error_handler``, except a
        :class:`~secretariat_app.core.errors.Cancelled`: a job stopped on request is quiet."""
        task = Task(work)
        handler = on_error or self.default_error_handler

        def finished(result: Any) -> None:
            self._running.discard(task)
            try:
                if on_done is not None:
                    on_done(result)
            finally:
                self._announce_idle()

        def failed(error: BaseException) -> None:
            self._running.discard(task)
            try:
                if isinstance(error, Cancelled) and on_error is None:
                    pass  # a cancel the caller did not ask to hear about is no failure
                elif handler is not None:
                    handler(error)
                else:
                    log.error("background task failed", exc_info=error)
            finally:
                self._announce_idle()

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        if on_progress is not None:
            task.signals.progressed.connect(on_progress)
        self._running.add(task)
        if self.synchronous:
            task.run()
        else:
            (self._writer if write else self._readers).start(task)
        return task

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pools are empty (tests and the very end of the app); ``False`` if they
        were not within ``msecs``. The window uses :meth:`when_idle`, which does not block."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)

    def cancel_all(self) -> None:
        """Ask every running job to stop at its next check (a job that cannot stop finishes)."""
        for task in list(self._running):
            task.cancel()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the GUI thread once no job is running — at once if none is.

        Whatever must not happen under a running job (closing or replacing the database it
        works on) waits here: never abandoned, never blocking the window."""
        if not self._running:
            callback()
            return
        self.idle.connect(callback, Qt.ConnectionType.SingleShotConnection)

    def _announce_idle(self) -> None:
        if not self._running:
            self.idle.emit()

    @property
    def busy(self) -> bool:
        return bool(self._running)
