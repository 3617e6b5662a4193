"""The Forums page: every forum with its decision counts, and the editor to record or correct one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from secretariat_app.core.enums import Country
from secretariat_app.core.i18n import N_, _, format_date, format_share, get_language, roman
from secretariat_app.core.names import place_name
from secretariat_app.core.services import forums
from secretariat_app.core.services.queries import DecisionFilter, as_of
from secretariat_app.core.services.summary import StatusCounts, summarize
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.views.common import Column
from secretariat_app.ui.views.directory_page import DirectoryPage, EditorDialog
from secretariat_app.ui.widgets.date_field import DateField


@dataclass(frozen=True)
class ForumRow:
    """A forum as the page and the editor see it (plain values, safe to pass between threads)."""

    id: int
    number: int
    year: int
    city_ru: str
    city_kk: str
    country: str
    start_date: dt.date
    end_date: dt.date
    theme_ru: str
    theme_kk: str
    protocol_number: str
    protocol_date: dt.date | None
    notes: str
    version: int
    counts: StatusCounts

    def city(self, lang: str) -> str:
        return place_name({"ru": self.city_ru, "kk": self.city_kk}, lang)

    def theme(self, lang: str) -> str:
        return self.theme_kk if lang == "kk" and self.theme_kk else self.theme_ru


def load_forum_rows(context: AppContext, date: dt.date | None = None) -> list[ForumRow]:
    """Runs on a worker: the forums with their counts as of ``date`` (today by default)."""
    with context.database.reader() as session:
        summary = summarize(session, DecisionFilter(), as_of(session, date))
        return [
            ForumRow(
                f.id, f.number, f.year, f.city_ru, f.city_kk, f.country, f.start_date, f.end_date,
                f.theme_ru, f.theme_kk, f.protocol_number, f.protocol_date, f.notes, f.version,
                summary.by_forum.get(f.number, StatusCounts()),
            )
            for f in forums.list_forums(session)
        ]  # fmt: skip


def _dates(row: ForumRow) -> str:
    start, end = format_date(row.start_date, style="short"), format_date(row.end_date, style="short")
    return start if start == end else f"{start} – {end}"


FORUM_COLUMNS = (
    Column(N_("Forum"), lambda r: roman(r.number), lambda r: r.number),
    Column(N_("Year"), lambda r: str(r.year), lambda r: r.year),
    Column(N_("City"), lambda r: r.city(get_language())),
    Column(N_("Country"), lambda r: Country(r.country).label()),
    Column(N_("Dates"), _dates, lambda r: r.start_date),
    Column(N_("Theme"), lambda r: r.theme(get_language())),
    Column(
        N_("Decisions"), lambda r: str(r.counts.total), lambda r: r.counts.total, Qt.AlignmentFlag.AlignRight
    ),
    Column(
        N_("Implemented"),
        lambda r: format_share(r.counts.implemented_share) if r.counts.total else "—",
        lambda r: r.counts.implemented_share,
        Qt.AlignmentFlag.AlignRight,
    ),
    Column(
        N_("Overdue"),
        lambda r: str(r.counts.overdue),
        lambda r: r.counts.overdue,
        Qt.AlignmentFlag.AlignRight,
    ),
)


class ForumsView(DirectoryPage[ForumRow]):
    """List of forums; New / Edit / Delete."""

    title_text = N_("Forums")
    new_text = N_("New forum…")
    new_action_text = N_("&New forum…")
    no_find_reason = N_("The forums fit on one list: there is nothing to search here.")
    refresh_on = ("forum", "decision", "assignment", "progress_entry")
    sort_order = Qt.SortOrder.DescendingOrder

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, FORUM_COLUMNS, load_forum_rows, forums.delete_forum, parent)

    def arrange_columns(self, header: QHeaderView) -> None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

    def selected_forum(self) -> ForumRow | None:
        return self.selected_row()

    def open_editor(self, row: ForumRow | None) -> None:
        numbers = [r.number for r in self.model.rows]
        ForumEditor(self.context, row, self, suggested_number=max(numbers, default=0) + 1).exec()

    def delete_question(self, row: ForumRow) -> str:
        return _("Delete forum {number}? This cannot be undone.").format(number=roman(row.number))


FIELD_LABELS = {
    "number": N_("Number:"),
    "year": N_("Year:"),
    "city_ru": N_("City (Russian):"),
    "city_kk": N_("City (Kazakh):"),
    "country": N_("Host country:"),
    "start_date": N_("Opens on:"),
    "end_date": N_("Closes on:"),
    "theme_ru": N_("Theme (Russian):"),
    "theme_kk": N_("Theme (Kazakh):"),
    "protocol_number": N_("Protocol number:"),
    "protocol_date": N_("Protocol date:"),
    "notes": N_("Notes:"),
}


class ForumEditor(EditorDialog[ForumRow, forums.ForumInput]):
    """Record a new forum or correct one; messages appear beside the field they are about."""

    field_labels = FIELD_LABELS

    def __init__(
        self,
        context: AppContext,
        forum: ForumRow | None = None,
        parent: QWidget | None = None,
        suggested_number: int = 1,
    ) -> None:
        super().__init__(context, forum, forums.create_forum, forums.update_forum, parent)
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.roman = QLabel()
        self.roman.setStyleSheet("font-weight: 600;")
        self.number.valueChanged.connect(lambda value: self.roman.setText(roman(value)))
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.city_ru = QLineEdit()
        self.city_kk = QLineEdit()
        self.country = QComboBox()
        for country in Country:
            self.country.addItem("", country.value)
        self.start_date = DateField()
        self.end_date = DateField()
        self.start_date.dateChanged.connect(self._start_changed)
        self.theme_ru = QPlainTextEdit()
        self.theme_kk = QPlainTextEdit()
        for theme in (self.theme_ru, self.theme_kk):
            theme.setTabChangesFocus(True)
            theme.setFixedHeight(60)
        self.protocol_number = QLineEdit()
        self.has_protocol_date = QCheckBox()
        self.protocol_date = DateField()
        self.has_protocol_date.toggled.connect(self.protocol_date.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)

        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(self.roman)
        number_row.addStretch()
        protocol_row = QHBoxLayout()
        protocol_row.addWidget(self.has_protocol_date)
        protocol_row.addWidget(self.protocol_date)
        protocol_row.addStretch()
        self.add_field("number", self.number, number_row)
        self.add_field("year", self.year)
        self.add_field("city_ru", self.city_ru)
        self.add_field("city_kk", self.city_kk)
        self.add_field("country", self.country)
        self.add_field("start_date", self.start_date)
        self.add_field("end_date", self.end_date)
        self.add_field("theme_ru", self.theme_ru)
        self.add_field("theme_kk", self.theme_kk)
        self.add_field("protocol_number", self.protocol_number)
        self.add_field("protocol_date", self.protocol_date, protocol_row)
        self.add_field("notes", self.notes)
        self._fill(forum, suggested_number)
        self.finish(560)

    def _fill(self, forum: ForumRow | None, suggested_number: int) -> None:
        if forum is None:
            today = dt.date.today()
            self.number.setValue(suggested_number)
            self.roman.setText(roman(suggested_number))
            self.start_date.setDate(today)
            self.end_date.setDate(today)
            self.year.setValue(today.year)
            self.protocol_date.setDate(today)
            self.has_protocol_date.setChecked(False)
            self.protocol_date.setEnabled(False)
            return
        self.number.setValue(forum.number)
        self.roman.setText(roman(forum.number))
        self.start_date.setDate(forum.start_date)
        self.end_date.setDate(forum.end_date)
        self.year.setValue(forum.year)
        self.city_ru.setText(forum.city_ru)
        self.city_kk.setText(forum.city_kk)
        self.country.setCurrentIndex(max(0, self.country.findData(forum.country)))
        self.theme_ru.setPlainText(forum.theme_ru)
        self.theme_kk.setPlainText(forum.theme_kk)
        self.protocol_number.setText(forum.protocol_number)
        self.has_protocol_date.setChecked(forum.protocol_date is not None)
        self.protocol_date.setEnabled(forum.protocol_date is not None)
        self.protocol_date.setDate(forum.protocol_date or forum.start_date)
        self.notes.setPlainText(forum.notes)

    def _start_changed(self, date: dt.date | None) -> None:
        """Keep the end date and the year in step with a new start, as clerks expect."""
        if date is None:
            return
        end = self.end_date.date()
        if end is None or end < date:
            self.end_date.setDate(date)
        self.year.setValue(date.year)

    def window_title(self) -> str:
        if self.record is None:
            return _("New forum")
        return _("Forum {number}").format(number=roman(self.record.number))

    def retranslate(self) -> None:
        super().retranslate()
        for index in range(self.country.count()):
            self.country.setItemText(index, Country(self.country.itemData(index)).label())
        self.has_protocol_date.setText(_("signed on"))
        for edit in (self.start_date, self.end_date, self.protocol_date):
            edit.retranslate()

    def input(self) -> forums.ForumInput:
        return forums.ForumInput(
            number=self.number.value(),
            city_ru=self.city_ru.text(),
            city_kk=self.city_kk.text(),
            country=str(self.country.currentData()),
            start_date=self.start_date.date() or self.start_date.edit.text(),  # the core says why not
            end_date=self.end_date.date() or self.end_date.edit.text(),
            year=self.year.value(),
            theme_ru=self.theme_ru.toPlainText(),
            theme_kk=self.theme_kk.toPlainText(),
            protocol_number=self.protocol_number.text(),
            protocol_date=self.protocol_date.date() if self.has_protocol_date.isChecked() else None,
            notes=self.notes.toPlainText(),
        )
