"""Today's date for the window, noticed when it changes while the app stays open overnight.

"Status as of" fields follow today unless the clerk picked another date: a list left open at
23:59 reckons overdue and stalled at the new date after midnight. The clock is injectable, so a
test can move "today" without waiting for midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, QTimer, Signal
from PySide6.QtWidgets import QDateEdit

#: how often the date is looked at (a minute late after midnight is soon enough)
CHECK_EVERY_MS = 60_000


class Today(QObject):
    """The current date, with ``changed(date)`` when the day turns."""

    changed = Signal(object)

    def __init__(self, clock: Callable[[], dt.date] = dt.date.today, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._date = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def date(self) -> dt.date:
        return self._date

    def check(self) -> None:
        """Look at the clock; tell the window when the date has changed."""
        now = self.clock()
        if now != self._date:
            self._date = now
            self.changed.emit(now)


def to_qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


class FollowsToday(QObject):
    """Keeps a date field at today until the clerk chooses another date in it; choosing today
    again makes it follow today once more."""

    def __init__(self, edit: QDateEdit, today: Today) -> None:
        super().__init__(edit)
        self.edit = edit
        self.today = today
        self.pinned = False
        self._following = False
        edit.setDate(to_qdate(today.date()))
        edit.dateChanged.connect(self._edited)
        today.changed.connect(self._day_turned)

    def _edited(self, date: QDate) -> None:
        if not self._following:
            self.pinned = date != to_qdate(self.today.date())

    def _day_turned(self, date: dt.date) -> None:
        if self.pinned:
            return
        self._following = True
        try:
            self.edit.setDate(to_qdate(date))  # dateChanged: the views reload as of the new day
        finally:
            self._following = False
