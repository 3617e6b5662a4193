"""The Forums page: every forum with its decision counts, and the editor to record or correct one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Country
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _, format_date, format_share, get_language, roman
from secretariat_app.core.services import forums
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.queries import DecisionFilter, StatusCounts, as_of, summarize
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.views.common import Column, FieldErrors, RowsModel, add_list_shortcuts, confirm_delete


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
        return self.city_kk if lang == "kk" and self.city_kk else self.city_ru

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


class ForumsView(QWidget):
    """List of forums; New / Edit / Delete."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = RowsModel(FORUM_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        add_list_shortcuts(self.table, self.edit_selected, self.delete_selected)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.new_button.clicked.connect(self.new_forum)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title)
        buttons.addStretch()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(self._on_changed)
        context.bus.database_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(_("Forums"))
        self.new_button.setText(_("New forum…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.table.setAccessibleName(_("Forums"))
        self.model.retranslate()

    def refresh(self) -> None:
        self.context.runner.run(lambda _handle: load_forum_rows(self.context), self._loaded)

    def _loaded(self, rows: list[ForumRow]) -> None:
        selected = self.selected_forum()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_forum(selected.id)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("forum", "decision", "assignment", "progress_entry"):
            self.refresh()

    def _update_buttons(self) -> None:
        has = self.selected_forum() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_forum(self) -> ForumRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_forum(self, forum_id: int) -> None:
        for row, forum in enumerate(self.model.rows):
            if forum.id == forum_id:
                self.table.selectRow(row)
                return

    def new_forum(self) -> None:
        numbers = [r.number for r in self.model.rows]
        ForumEditor(self.context, None, self, suggested_number=max(numbers, default=0) + 1).exec()

    def edit_selected(self) -> None:
        forum = self.selected_forum()
        if forum is not None:
            ForumEditor(self.context, forum, self).exec()

    def delete_selected(self) -> None:
        forum = self.selected_forum()
        if forum is None or not confirm_delete(
            self, _("Delete forum {number}? This cannot be undone.").format(number=roman(forum.number))
        ):
            return

        def work(_handle: object) -> Changes:
            with self.context.database.session() as session:
                return forums.delete_forum(session, forum.id)

        self.context.runner.run(work, self.context.bus.announce, lambda e: present_error(self, e), write=True)


def _to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


class ForumEditor(QDialog):
    """Record a new forum or correct one; messages appear beside the field they are about."""

    saved = Signal(object)

    def __init__(
        self,
        context: AppContext,
        forum: ForumRow | None = None,
        parent: QWidget | None = None,
        suggested_number: int = 1,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.forum = forum
        self.errors = FieldErrors()
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
        self.start_date = _date_edit()
        self.end_date = _date_edit()
        self.start_date.dateChanged.connect(self._start_changed)
        self.theme_ru = QPlainTextEdit()
        self.theme_kk = QPlainTextEdit()
        for theme in (self.theme_ru, self.theme_kk):
            theme.setTabChangesFocus(True)
            theme.setFixedHeight(60)
        self.protocol_number = QLineEdit()
        self.has_protocol_date = QCheckBox()
        self.protocol_date = _date_edit()
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
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget | QHBoxLayout, QWidget]] = [
            ("number", number_row, self.number),
            ("year", self.year, self.year),
            ("city_ru", self.city_ru, self.city_ru),
            ("city_kk", self.city_kk, self.city_kk),
            ("country", self.country, self.country),
            ("start_date", self.start_date, self.start_date),
            ("end_date", self.end_date, self.end_date),
            ("theme_ru", self.theme_ru, self.theme_ru),
            ("theme_kk", self.theme_kk, self.theme_kk),
            ("protocol_number", self.protocol_number, self.protocol_number),
            ("protocol_date", protocol_row, self.protocol_date),
            ("notes", self.notes, self.notes),
        ]
        for field, widget, editor in rows:
            label = QLabel()
            label.setBuddy(editor)
            self.labels[field] = label
            if isinstance(widget, QHBoxLayout):
                self.form.addRow(label, widget)
            else:
                self.form.addRow(label, widget)
            self.form.addRow("", self.errors.label_for(field, editor))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._fill(forum, suggested_number)
        context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        self.resize(560, self.sizeHint().height())

    def _fill(self, forum: ForumRow | None, suggested_number: int) -> None:
        if forum is None:
            today = dt.date.today()
            self.number.setValue(suggested_number)
            self.roman.setText(roman(suggested_number))
            self.start_date.setDate(_to_qdate(today))
            self.end_date.setDate(_to_qdate(today))
            self.year.setValue(today.year)
            self.protocol_date.setDate(_to_qdate(today))
            self.has_protocol_date.setChecked(False)
            self.protocol_date.setEnabled(False)
            return
        self.number.setValue(forum.number)
        self.roman.setText(roman(forum.number))
        self.start_date.setDate(_to_qdate(forum.start_date))
        self.end_date.setDate(_to_qdate(forum.end_date))
        self.year.setValue(forum.year)
        self.city_ru.setText(forum.city_ru)
        self.city_kk.setText(forum.city_kk)
        self.country.setCurrentIndex(max(0, self.country.findData(forum.country)))
        self.theme_ru.setPlainText(forum.theme_ru)
        self.theme_kk.setPlainText(forum.theme_kk)
        self.protocol_number.setText(forum.protocol_number)
        self.has_protocol_date.setChecked(forum.protocol_date is not None)
        self.protocol_date.setEnabled(forum.protocol_date is not None)
        self.protocol_date.setDate(_to_qdate(forum.protocol_date or forum.start_date))
        self.notes.setPlainText(forum.notes)

    def _start_changed(self, date: QDate) -> None:
        """Keep the end date and the year in step with a new start, as clerks expect."""
        if self.end_date.date() < date:
            self.end_date.setDate(date)
        self.year.setValue(date.year())

    def retranslate(self) -> None:
        if self.forum is None:
            self.setWindowTitle(_("New forum"))
        else:
            self.setWindowTitle(_("Forum {number}").format(number=roman(self.forum.number)))
        for field, text in FIELD_LABELS.items():
            self.labels[field].setText(_(text))
            editor = self.labels[field].buddy()
            if editor is not None:
                editor.setAccessibleName(_(text).rstrip(":"))
        for index in range(self.country.count()):
            self.country.setItemText(index, Country(self.country.itemData(index)).label())
        self.has_protocol_date.setText(_("signed on"))
        self.errors.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def input(self) -> forums.ForumInput:
        return forums.ForumInput(
            number=self.number.value(),
            city_ru=self.city_ru.text(),
            city_kk=self.city_kk.text(),
            country=str(self.country.currentData()),
            start_date=_from_qdate(self.start_date.date()),
            end_date=_from_qdate(self.end_date.date()),
            year=self.year.value(),
            theme_ru=self.theme_ru.toPlainText(),
            theme_kk=self.theme_kk.toPlainText(),
            protocol_number=self.protocol_number.text(),
            protocol_date=_from_qdate(self.protocol_date.date())
            if self.has_protocol_date.isChecked()
            else None,
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        self.errors.clear()
        data = self.input()
        forum = self.forum

        def work(_handle: object) -> Changes:
            with self.context.database.session() as session:
                if forum is None:
                    return forums.create_forum(session, data)[1]
                return forums.update_forum(session, forum.id, data, expected_version=forum.version)

        self.buttons.setEnabled(False)
        self.context.runner.run(work, self._saved, self._failed, write=True)

    def _saved(self, changes: Changes) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.announce(changes)
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError) and self.errors.show(error):
            return
        present_error(self, error)


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
