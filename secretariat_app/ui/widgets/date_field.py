"""A date field a clerk types into: ``13.02.2028``, ``13022028`` or ``2028-02-13``, shown back in
the interface language's format. Tab leaves the field (it is one line of text, not three
sections); a date that does not exist is refused with a message under the field and never moved
to another day; a calendar opens from the button or with Alt+Down; empty means no date where the
field is optional.

API kept small for every dialog: ``date()``, ``setDate()``, ``dateChanged``, ``isValid()``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _
from secretariat_app.core.typed_dates import format_typed_date, parse_typed_date

ERROR_STYLE = "color: #c62828;"
REQUIRED = N_("A date is required.")


class DateField(QWidget):
    """One date, typed or picked. ``dateChanged(date | None)`` whenever the date it holds changes."""

    dateChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.optional = optional
        self._date: dt.date | None = None
        self.edit = QLineEdit()
        self.edit.setMaxLength(20)
        # room for the longest form (2028-02-13 or 13.02.2028) and a little more
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") + 24)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down opens it from the field
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        # a date is short: the field keeps its natural width instead of stretching across a form
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.retranslate()

    # --- the API ------------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        """The date typed or picked; ``None`` when empty or not a date (see :meth:`isValid`)."""
        return self._date

    def setDate(self, value: dt.date | None) -> None:
        self.edit.setText(format_typed_date(value))
        self.error.hide()
        self._store(value)

    def isValid(self) -> bool:
        """The text is a date that exists, or empty in an optional field."""
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the text is not a date, in the interface language; ``None`` when it is."""
        try:
            value = parse_typed_date(self.edit.text())
        except ValidationError as error:
            return str(error)
        if value is None and not self.optional:
            return _(REQUIRED)
        return None

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.calendar_button.setAccessibleName(_("Calendar: {field}").format(field=name))

    def retranslate(self) -> None:
        """Show the date in the interface language's format."""
        example = format_typed_date(dt.date(2028, 2, 13))
        placeholder = _("e.g. {example}").format(example=example)
        self.edit.setPlaceholderText(placeholder)
        # the hint is read whole ("мысалы, 13.02.2028", not "мысалы, 13.02.2…")
        metrics = self.edit.fontMetrics()
        needed = max(metrics.horizontalAdvance("0000-00-00"), metrics.horizontalAdvance(placeholder))
        self.edit.setMinimumWidth(needed + 24)
        self.calendar_button.setToolTip(_("Calendar (Alt+Down)"))
        if self._date is not None and parse_typed_date_or_none(self.edit.text()) == self._date:
            self.edit.setText(format_typed_date(self._date))
        if not self.error.isHidden():
            self.show_problem()

    def show_problem(self) -> bool:
        """Show why the text is not a date under the field; ``True`` when there is a problem."""
        problem = self.problem()
        if problem is None:
            self.error.hide()
            return False
        self.error.setText("⚠ " + problem)
        self.error.show()
        return True

    # --- typing -------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        """A date takes effect as soon as the text names one (Ctrl+S right after typing saves it)."""
        value = parse_typed_date_or_none(text)
        if value is not None or not text.strip():
            self._store(value)
        if not self.error.isHidden() and self.problem() is None:
            self.error.hide()

    def _finished(self) -> None:
        """Leaving the field: a date is shown in the usual format, anything else is explained."""
        if self.show_problem():
            self._store(None)
            return
        value = parse_typed_date_or_none(self.edit.text())
        self.edit.setText(format_typed_date(value))
        self._store(value)

    def _store(self, value: dt.date | None) -> None:
        if value != self._date:
            self._date = value
            self.dateChanged.emit(value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    # --- the calendar -------------------------------------------------------------------------

    def open_calendar(self) -> None:
        """A calendar under the field; Enter or a click picks the day, Esc closes it."""
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        calendar.setLocale(QLocale())  # the interface language's months, even in a field made before a switch
        start = self._date or dt.date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.activated.connect(lambda day: self._picked(calendar, day))
        calendar.clicked.connect(lambda day: self._picked(calendar, day))
        calendar.move(self.mapToGlobal(self.edit.geometry().bottomLeft()))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        calendar.close()
        calendar.deleteLater()
        self.calendar = None
        self.setDate(dt.date(day.year(), day.month(), day.day()))
        self.edit.setFocus()


def parse_typed_date_or_none(text: str) -> dt.date | None:
    """The date a text names, ``None`` for an empty text or one that is no date (yet)."""
    try:
        return parse_typed_date(text)
    except ValidationError:
        return None
