"""One job controller: progress, Cancel and errors for every long job the window runs.

Import, export, reports and the database operations (open, back up, restore) all run their work
through :class:`Job`: the work runs off the GUI thread (over :class:`~secretariat_app.ui.tasks.
TaskRunner`), a window-modal dialog shows a bar and Cancel, and Cancel sets the job's
:class:`CancelToken`, which the work hands to core as its ``cancelled`` check. How a job ended is
told once: the result, a quiet cancel (any :class:`~secretariat_app.core.errors.Cancelled`,
recognised by ``isinstance``), or an error shown by the one error presenter in the user's language.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from secretariat_app.core.errors import Cancelled
from secretariat_app.core.i18n import N_, _
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import Task, TaskHandle

T = TypeVar("T")

CANCELLING = N_("Cancelling…")


class JobCancelled(Cancelled):
    """The work saw the job's Cancel before it began something it cannot stop halfway."""

    def __init__(self) -> None:
        super().__init__(N_("Cancelled."))


class CancelToken:
    """Whether the clerk pressed Cancel; safe to ask from any thread, and callable, so core
    functions take it as their ``cancelled`` check as it is."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Stop here when Cancel was pressed (before a step that cannot be interrupted)."""
        if self._event.is_set():
            raise JobCancelled()


class JobHandle:
    """What the work function gets: ``progress(done, total)`` and the ``cancelled`` token."""

    def __init__(self, task: TaskHandle, token: CancelToken) -> None:
        self._task = task
        self.cancelled = token

    def progress(self, done: int, total: int) -> None:
        self._task.progress(done, total)


class JobDialog(QDialog):
    """A window-modal note with a bar and Cancel while a job runs. Without a known total the bar
    moves without end; a job that cannot be stopped has no Cancel button and ignores Esc."""

    def __init__(self, parent: QWidget | None, title: str, message: str, cancellable: bool) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.title, self.message = title, message  # message ids, translated when shown
        self.cancellable = cancellable
        self.cancel_pressed: Callable[[], None] = lambda: None
        #: the guide's section F1 opens here; empty: the section of the window the job runs for
        self.help_section = ""
        self._ended = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMinimumWidth(360)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setVisible(cancellable)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_(self.title))
        self.label.setText(_(self.message))
        self.bar.setAccessibleName(_("Progress of the work"))
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setAccessibleName(_("Cancel"))

    def say(self, message: str) -> None:
        """Show another message id (translated now and on a language switch)."""
        self.message = message
        self.label.setText(_(message))

    def show_progress(self, done: int, total: int) -> None:
        if total <= 0:
            self.bar.setRange(0, 0)
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

    def reject(self) -> None:
        """Cancel or Esc: ask the job to stop; the dialog closes when the job has ended."""
        if self._ended:
            super().reject()
            return
        if not self.cancellable or not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.say(CANCELLING)
        self.cancel_pressed()

    def end(self) -> None:
        self._ended = True
        self.done(QDialog.DialogCode.Accepted)


class Job(QObject, Generic[T]):
    """One run of ``work`` with its dialog, its Cancel and its outcome.

    ``on_done(result)`` runs on the GUI thread after success; a cancel calls ``on_cancelled()``
    (if given) and is otherwise quiet; any other error goes to ``on_error(error)`` or, without one,
    to the error presenter. ``write=True`` puts the work on the one writer thread.
    """

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None,
        title: str,
        message: str,
        *,
        cancellable: bool = True,
        write: bool = False,
        help_section: str = "",
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        self.write = write
        self.token = CancelToken()
        self.task: Task | None = None
        self.running = False
        self.dialog = JobDialog(parent, title, message, cancellable)
        self.dialog.cancel_pressed = self.cancel
        self.dialog.help_section = help_section
        context.bus.language_changed.connect(self.dialog.retranslate)

    def start(
        self,
        work: Callable[[JobHandle], T],
        on_done: Callable[[T], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job[T]:
        token = self.token

        def job(handle: TaskHandle) -> T:
            return work(JobHandle(handle, token))

        def done(result: T) -> None:
            self._end()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            self._end()
            if isinstance(error, Cancelled):
                if on_cancelled is not None:
                    on_cancelled()
            elif on_error is not None:
                on_error(error)
            else:
                present_error(self.parent_widget, error)

        self.running = True
        self.show()
        task = self.context.runner.run(
            job, done, failed, on_progress=self.dialog.show_progress, write=self.write
        )
        if self.running:  # a synchronous runner has already finished it
            self.task = task
        return self

    def show(self) -> None:
        """Show the dialog before the work starts (while earlier jobs are still ending)."""
        if not self.dialog.isVisible():
            self.dialog.open()

    def close(self) -> None:
        """End a job whose work never started (cancelled while waiting, or a mere note)."""
        self._end()

    def cancel(self) -> None:
        """Ask the work to stop at its next check (also what the dialog's Cancel does); before
        the work has started, it will not start."""
        self.token.cancel()
        if not self.running:
            return
        if self.task is not None:
            self.task.cancel()

    def say(self, message: str) -> None:
        self.dialog.say(message)

    def _end(self) -> None:
        self.running = False
        self.task = None
        self.dialog.end()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the dialog
            self.context.bus.language_changed.disconnect(self.dialog.retranslate)


def run_job(
    context: AppContext,
    parent: QWidget | None,
    title: str,
    message: str,
    work: Callable[[JobHandle], T],
    on_done: Callable[[T], None] | None = None,
    **options: Any,
) -> Job[T]:
    """Start a cancellable job with its dialog in one call (``options``: ``write``,
    ``cancellable``, ``help_section``, ``on_error``, ``on_cancelled``)."""
    start_options = {key: options.pop(key) for key in ("on_error", "on_cancelled") if key in options}
    job: Job[T] = Job(context, parent, title, message, **options)
    return job.start(work, on_done, **start_options)
