"""Today's date for the window, noticed when it changes while the app stays open overnight.

"Status as of" fields follow today unless the clerk picked another date: a list left open at
23:59 reckons overdue and stalled at the new date after midnight. The clock is injectable, so a
test can move "today" without waiting for midnight.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, QTimer, Signal

from secretariat_app.ui.widgets.date_field import DateField

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
    again makes it follow today once more. While the field holds no date (cleared, or a half-typed
    one) the date in force is still today's or the last one picked: see :meth:`date`."""

    def __init__(self, edit: DateField, today: Today) -> None:
        super().__init__(edit)
        self.edit = edit
        self.today = today
        self.pinned = False
        self._following = False
        self._picked = today.date()
        edit.setDate(today.date())
        edit.dateChanged.connect(self._edited)
        today.changed.connect(self._day_turned)

    def date(self) -> dt.date:
        """The date the field stands for: the one shown, or today's while it is being retyped."""
        return self.edit.date() or (self._picked if self.pinned else self.today.date())

    def _edited(self, date: dt.date | None) -> None:
        if date is None or self._following:
            return
        self.pinned = date != self.today.date()
        self._picked = date

    def _day_turned(self, date: dt.date) -> None:
        if self.pinned:
            return
        self._following = True
        try:
            self.edit.setDate(date)  # dateChanged: the views reload as of the new day
        finally:
            self._following = False
