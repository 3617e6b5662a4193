"""What every view and dialog is handed: the open database, the task runner, and the bus that
tells views what changed. No globals: pass the context."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from secretariat_app.core.db import Database
from secretariat_app.core.services.changes import Changes
from secretariat_app.ui.tasks import TaskRunner
from secretariat_app.ui.today import Today


class ChangeBus(QObject):
    """Broadcast once per change; each view decides whether it needs to refresh.

    ``changed(Changes)`` after a save; ``language_changed()`` after the interface language switched
    (views call their ``retranslate()``); ``database_replaced()`` when another database was opened.
    """

    changed = Signal(object)
    language_changed = Signal()
    database_replaced = Signal()
    view_options_changed = Signal()

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


@dataclass
class AppContext:
    database: Database
    runner: TaskRunner
    bus: ChangeBus
    show_cancelled: bool = True
    #: today's date, which "status as of" follows unless the clerk picked a date
    today: Today = field(default_factory=Today)
