"""Reading a file in a process of its own, so that a spreadsheet reader that crashes (a native
library can abort the whole process, whatever Python does) takes only that process down.

The window reads every file this way: a crash becomes a plain "cannot be read" problem and the
clerk's window, with its unsaved edits, stays up. The command line reads in its own process,
where a crash only ends the command.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from secretariat_app.core.i18n import N_
from secretariat_app.exchange.files import CsvOptions, RawSheet, read_file
from secretariat_app.exchange.problems import ImportCancelled, ImportFileError

Reader = Callable[[Path, CsvOptions | None], list[RawSheet]]
#: What the child process runs; a test points it at a reader that aborts.
CHILD_READER: Reader = read_file
_POLL_SECONDS = 0.1


def read_in_child(
    path: Path, csv_options: CsvOptions | None = None, cancelled: Callable[[], bool] | None = None
) -> list[RawSheet]:
    """The sheets of ``path`` read by :data:`CHILD_READER` in a new process ("spawn": nothing of
    this process, its threads or its Qt objects, is inherited)."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_read, args=(CHILD_READER, path, csv_options, sender), name="secretariat-reader", daemon=True
    )
    child.start()
    sender.close()  # the child holds the only writing end: its death is an end of file here
    try:
        while not receiver.poll(_POLL_SECONDS):
            if cancelled is not None and cancelled():
                raise ImportCancelled()
        try:
            outcome = receiver.recv()
        except (EOFError, OSError):
            outcome = ("crashed",)
    finally:
        if child.is_alive():
            child.terminate()
        child.join(10)
        receiver.close()
    if outcome[0] == "sheets":
        return list(outcome[1])
    if outcome[0] == "refused":
        raise ImportFileError(outcome[1], **outcome[2])
    raise ImportFileError(
        N_(
            "The file could not be read: the spreadsheet reader stopped on it. It may be damaged; open it in Excel or LibreOffice, save it again and retry."
        ),
    )


def _read(reader: Reader, path: Path, csv_options: CsvOptions | None, sender: Connection) -> None:
    """In the child: read and send back the sheets, or the reason the file was refused."""
    try:
        outcome: tuple[object, ...] = ("sheets", reader(path, csv_options))
    except ImportFileError as error:
        outcome = ("refused", error.msgid, error.params)
    except Exception as error:  # reported to the parent as a file that cannot be read
        outcome = ("failed", f"{type(error).__name__}: {error}")
    sender.send(outcome)
    sender.close()
