"""The Decisions page: a filter bar over the decisions list; Enter or a double-click opens the
editor. It listens to the bus and reloads itself when decisions change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.i18n import N_, _, format_number, get_language, roman
from secretariat_app.core.names import name_in, place_name
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decision_snapshot import Choices, load_choices
from secretariat_app.core.services.decisions import delete_decision
from secretariat_app.core.services.forums import list_forums
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.confirm import confirm_destructive
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_model import ID_ROLE, DecisionsModel, status_texts
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.icons import status_icon
from secretariat_app.ui.tasks import TaskHandle
from secretariat_app.ui.today import FollowsToday, Today
from secretariat_app.ui.views.common import stalled_since_text
from secretariat_app.ui.widgets.date_field import DateField

TYPING_DELAY_MS = 150
TEXT_COLUMN = 2
#: the share of the list's width the decision's text keeps, however narrow the window
TEXT_SHARE = 0.35
#: how narrow the executor's, then the status's column become to leave the text its share
NARROWEST = {4: 120, 3: 150}


#: state -> (the hint, the button's text), marked for translation
EMPTY_STATES = {
    "no_forums": (
        N_("No forums yet — record the first forum. Every decision belongs to the forum that adopted it."),
        N_("Record the first forum…"),
    ),
    "no_decisions": (N_("No decisions yet — add the first decision."), N_("Add the first decision…")),
    "forum_empty": (
        N_("No decisions in this forum — add the first decision."),
        N_("Add the first decision…"),
    ),
    "nothing_matches": (N_("No decisions match this filter."), N_("Show all decisions")),
}


class EmptyState(QWidget):
    """What an empty list says instead of a blank table: why it is empty and the next step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 12pt;")
        self.button = QPushButton()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_hint(self, message: str, button: str) -> None:
        self.message.setText(message)
        self.button.setText(button)
        self.button.setAccessibleName(button)


@dataclass(frozen=True)
class FilterChoices:
    """The drop-downs' choices, with each forum's host city in every language."""

    choices: Choices
    cities: dict[int, dict[str, str]]


def load_filter_choices(database: Database) -> FilterChoices:
    """Runs on a worker: what the filter bar offers."""
    choices = load_choices(database)
    with database.reader() as session:
        cities = {f.id: {"ru": f.city_ru, "kk": f.city_kk} for f in list_forums(session)}
    return FilterChoices(choices, cities)


class FilterBar(QWidget):
    """Free text, forum, status, region/agency, sector, overdue only, stalled only, as-of date."""

    changed = Signal()

    def __init__(self, today: Today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = Choices([], [], [])
        self.cities: dict[int, dict[str, str]] = {}
        self._updating = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.forum = QComboBox()
        self.status = QComboBox()
        for combo in (self.forum, self.status):  # short entries: shown whole ("Барлық форумдар")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.executor = QComboBox()
        self.executor.setMinimumContentsLength(18)
        self.executor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sector = QComboBox()
        self.sector.setMinimumContentsLength(14)
        self.sector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue = QCheckBox()
        self.stalled = QCheckBox()
        self.as_of_label = QLabel()
        self.as_of = DateField()
        self.as_of_follows = FollowsToday(self.as_of, today)
        self.as_of_label.setBuddy(self.as_of)
        self.count = QLabel()

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._typing.start())
        self.search.returnPressed.connect(self._emit)
        for combo in (self.forum, self.status, self.executor, self.sector):
            combo.currentIndexChanged.connect(self._emit)
        for box in (self.overdue, self.stalled):
            box.toggled.connect(self._emit)
        self.as_of.dateChanged.connect(lambda date: self._emit() if date is not None else None)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        top.addWidget(self.forum)
        top.addWidget(self.status)
        top.addWidget(self.executor, 2)
        top.addWidget(self.sector, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.overdue)
        bottom.addWidget(self.stalled)
        bottom.addSpacing(12)
        bottom.addWidget(self.as_of_label)
        bottom.addWidget(self.as_of)
        bottom.addStretch(1)
        bottom.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.retranslate()

    def _emit(self) -> None:
        if not self._updating:
            self._typing.stop()
            self.changed.emit()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Find in codes and texts (Russian and Kazakh)"))
        self.search.setAccessibleName(_("Find decisions"))
        self.forum.setAccessibleName(_("Forum"))
        self.status.setAccessibleName(_("Status"))
        self.executor.setAccessibleName(_("Region or agency"))
        self.sector.setAccessibleName(_("Sector"))
        self.overdue.setText(_("Overdue only"))
        self.overdue.setAccessibleName(_("Overdue only"))
        self.stalled.setText(_("Stalled only"))
        self.stalled.setAccessibleName(_("Stalled only"))
        self.as_of_label.setText(_("Status as of:"))
        self.as_of.retranslate()
        self.as_of.setAccessibleName(_("Status as of"))
        self.count.setAccessibleName(_("Number of decisions shown"))
        self.set_choices(self.choices)

    def set_filter_choices(self, loaded: FilterChoices) -> None:
        self.cities = loaded.cities
        self.set_choices(loaded.choices)

    def set_choices(self, choices: Choices) -> None:
        """Fill the drop-downs, keeping what was selected; places in the interface language."""
        lang = get_language()
        kept = self.filter()
        self._updating = True
        try:
            self.choices = choices
            self.forum.clear()
            self.forum.addItem(_("All forums"), None)
            for forum in choices.forums:
                city = place_name(self.cities.get(forum.id, {"ru": forum.city}), lang)
                self.forum.addItem(f"{roman(forum.number)} — {city}", forum.id)
            self.status.clear()
            self.status.addItem(_("All statuses"), None)
            for status in Status:
                self.status.addItem(status_icon(status), status.label(), status.value)
            self.executor.clear()
            self.executor.addItem(_("All regions and agencies"), None)
            for executor in choices.executors:
                self.executor.addItem(name_in(executor.names, lang), executor.id)
            # the "all" entry shown whole in every language ("Барлық өңірлер мен ведомстволар")
            self.executor.setMinimumContentsLength(max(18, len(_("All regions and agencies")) + 3))
            self.sector.setMinimumContentsLength(max(14, len(_("All sectors")) + 3))
            self.sector.clear()
            self.sector.addItem(_("All sectors"), None)
            for code, names in choices.sectors:
                self.sector.addItem(name_in(names, lang), code)
            self._select(kept)
        finally:
            self._updating = False

    def _select(self, flt: DecisionFilter) -> None:
        def pick(combo: QComboBox, values: tuple) -> None:
            found = combo.findData(values[0]) if values else 0
            combo.setCurrentIndex(max(found, 0))

        pick(self.forum, flt.forum_ids)
        pick(self.status, flt.statuses)
        pick(self.executor, flt.executor_ids)
        pick(self.sector, flt.sector_codes)
        self.overdue.setChecked(flt.overdue_only)
        self.stalled.setChecked(flt.stalled_only)
        if self.search.text() != flt.text:
            self.search.setText(flt.text)

    def set_filter(self, flt: DecisionFilter) -> None:
        self._updating = True
        try:
            self._select(flt)
        finally:
            self._updating = False

    def filter(self, hide_cancelled: bool = False) -> DecisionFilter:
        def chosen(combo: QComboBox) -> tuple:
            value = combo.currentData()
            return () if value is None else (value,)

        return DecisionFilter(
            text=self.search.text().strip(),
            forum_ids=chosen(self.forum),
            statuses=chosen(self.status),
            executor_ids=chosen(self.executor),
            sector_codes=chosen(self.sector),
            overdue_only=self.overdue.isChecked(),
            stalled_only=self.stalled.isChecked(),
            hide_cancelled=hide_cancelled,
        )

    def as_of_date(self) -> dt.date:
        return self.as_of_follows.date()

    def show_stalled_since(self, since: dt.date | None) -> None:
        """The threshold the "stalled" filter and marks speak of, beside the box that selects them."""
        self.stalled.setToolTip(_("Open decisions with {since}").format(since=stalled_since_text(since)))

    def show_count(self, shown: int, total: int) -> None:
        self.count.setText(
            _("{shown} of {total}").format(shown=format_number(shown), total=format_number(total))
        )


class DecisionsPage(QWidget):
    """The decisions list with its filter bar."""

    new_action_text = N_("&New decision…")

    #: once, when the first rows are on screen: what the window does not show can be read then
    first_rows = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.bar = FilterBar(context.today)
        self.model = DecisionsModel(context, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(self.natural_widths()):
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)  # the room left
        self._given_way: dict[int, int] = {}  # what the status/executor gave the text, per column
        window_state.restore_header(header, window_state.DECISIONS_HEADER)
        # the stretched column resizes many times while the window shows: save once it settles
        self._header_saver = QTimer(self)
        self._header_saver.setSingleShot(True)
        self._header_saver.setInterval(1000)
        self._header_saver.timeout.connect(self._save_header)
        header.sectionResized.connect(self._header_saver.start)
        self.table.doubleClicked.connect(self._open_index)
        self.table.installEventFilter(self)
        self.bar.search.installEventFilter(self)  # Down goes from the search into the list
        self.table.viewport().installEventFilter(self)  # its paints tell the model rows are shown

        self.empty = EmptyState()
        self.empty.button.clicked.connect(self._empty_action)
        self.list_or_empty = QStackedWidget()
        self.list_or_empty.addWidget(self.table)
        self.list_or_empty.addWidget(self.empty)
        self.forums_known: bool | None = None  # whether any forum exists, once the choices are read
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.list_or_empty, 1)

        self.bar.changed.connect(self._apply_filter)
        self.model.loaded.connect(self.bar.show_count)
        self.rows_read = False  # no hint before the list has been read once
        self.model.loaded.connect(self._rows_read)
        self._to_select: int | None = None  # a decision just saved, selected once the list holds it
        self.model.loaded.connect(self._select_pending)
        self.model.loaded.connect(
            lambda _shown, _total: self.bar.show_stalled_since(self.model.stalled_since)
        )
        context.bus.changed.connect(self._on_changed)
        context.bus.language_changed.connect(self.retranslate)
        context.bus.database_replaced.connect(self._on_database_replaced)
        context.bus.view_options_changed.connect(self._apply_filter)
        self._retranslate_widgets()
        # the first rows first: the drop-downs' choices (and whatever the main window waits for)
        # are read once they are on screen
        self.waiting_for_rows = True
        self._choices_pending = True
        self.model.loaded.connect(lambda _shown, _total: self.model.after_paint(self._on_first_rows))
        self._apply_filter()

    # --- contract with the main window ------------------------------------------------------

    def retranslate(self) -> None:
        self._retranslate_widgets()
        self.model.language_changed()

    def _retranslate_widgets(self) -> None:
        self.bar.retranslate()
        self.table.setAccessibleName(_("Decisions"))
        self._show_empty_state()

    def show_filter(self, flt: DecisionFilter) -> None:
        """Show the decisions a filter selects (the dashboard's charts ask for this)."""
        self.bar.set_filter(flt)
        self.model.set_filter(flt, self.bar.as_of_date())

    def current_filter(self) -> tuple[DecisionFilter, dt.date | None]:
        """The filter of the list as shown, and the date statuses are reckoned at (File → Export…)."""
        return self.model.filter, self.model.as_of_date

    def reload(self) -> None:
        self.model.forget_cached()
        self._load_choices()
        self.model.reload()

    def focus_find(self) -> None:
        self.bar.search.setFocus()
        self.bar.search.selectAll()

    def new_item(self) -> None:
        """A new decision — or, while no forum is recorded, the new forum it will belong to (the
        choices are read afresh: a forum may have been recorded a moment ago)."""
        database = self.context.database

        def decide(loaded: FilterChoices) -> None:
            self._choices_loaded(loaded)
            if loaded.choices.forums:
                self._open_editor(None)
            else:
                self.new_forum()

        self.context.runner.run(lambda _h: load_filter_choices(database), decide)

    def new_forum(self) -> QWidget:
        from secretariat_app.ui.views.forums_view import ForumEditor

        editor = ForumEditor(self.context, None, self, suggested_number=1)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def edit_item(self) -> None:
        decision_id = self.current_decision_id()
        if decision_id is not None:
            self._open_editor(decision_id)
            return
        window = self.window()
        if isinstance(window, QMainWindow):  # Ctrl+E on nothing: say why nothing opens
            window.statusBar().showMessage(_("Select a decision in the list first, then press Ctrl+E."), 8000)

    def focus_list(self) -> None:
        """Down from the search field: into the list, on its first row when none is current."""
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def select_decision(self, decision_id: int) -> None:
        """Make ``decision_id`` the current row as soon as the list holds it (after Save and close,
        Ctrl+E edits what was just saved)."""
        self._to_select = decision_id
        self._select_pending()

    def _select_pending(self, *_loaded: object) -> None:
        row = self.model.row_of(self._to_select) if self._to_select is not None else -1
        if row < 0:
            return
        self._to_select = None
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def delete_item(self) -> None:
        decision_id = self.current_decision_id()
        row = self.model.row_data(self.table.currentIndex().row())
        if decision_id is None or row is None:
            return
        if not confirm_destructive(  # No is the default: Enter does not delete
            self,
            _("Delete decision"),
            _("Delete decision {code} of forum {forum} with its assignments and history?").format(
                code=row.code, forum=roman(row.forum_number)
            ),
        ):
            return
        database = self.context.database

        def work(_handle: TaskHandle) -> Changes:
            with database.session() as session:
                return delete_decision(session, decision_id)

        self.context.runner.run(work, self.context.bus.announce, lambda e: present_error(self, e), write=True)

    # --- inside -------------------------------------------------------------------------------

    def current_decision_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.decision_id(index.row()) if index.isValid() else None

    def _apply_filter(self) -> None:
        flt = self.bar.filter(hide_cancelled=not self.context.show_cancelled)
        self.model.set_filter(flt, self.bar.as_of_date())

    def _on_first_rows(self) -> None:
        if self.waiting_for_rows:
            self.waiting_for_rows = False
            if self._choices_pending:
                self._load_choices()
            self.first_rows.emit()

    def _load_choices(self) -> None:
        self._choices_pending = False
        database = self.context.database
        self.context.runner.run(lambda _h: load_filter_choices(database), self._choices_loaded)

    def _choices_loaded(self, loaded: FilterChoices) -> None:
        self.forums_known = bool(loaded.choices.forums)
        self.bar.set_filter_choices(loaded)
        self._show_empty_state()

    # --- the empty list: what to do first ------------------------------------------------------

    def empty_state(self) -> str:
        """Which hint the empty list shows: ``"no_forums"``, ``"no_decisions"``,
        ``"forum_empty"``, ``"nothing_matches"`` — or ``""`` when rows are shown."""
        if self.model.rowCount() > 0 or not self.rows_read:
            return ""
        if self.forums_known is False:
            return "no_forums"
        flt = self.model.filter
        if flt.forum_ids and flt == DecisionFilter(
            forum_ids=flt.forum_ids, hide_cancelled=flt.hide_cancelled
        ):
            return "forum_empty"
        if self.model.total == 0:
            return "no_decisions"
        return "nothing_matches"

    def _rows_read(self, _shown: int, _total: int) -> None:
        self.rows_read = True
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        state = self.empty_state()
        if not state:
            self.empty.button.setAccessibleName(_("Next step"))
            self.list_or_empty.setCurrentWidget(self.table)
            return
        message, button = EMPTY_STATES[state]
        self.empty.show_hint(_(message), _(button))
        self.list_or_empty.setCurrentWidget(self.empty)

    def _empty_action(self) -> None:
        state = self.empty_state()
        if state == "no_forums":
            self.new_forum()
        elif state in ("no_decisions", "forum_empty"):
            self.new_item()
        elif state == "nothing_matches":
            self.bar.search.clear()
            self.show_filter(DecisionFilter())

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("forum", "executor", "sector"):
            self._load_choices()
        if changes.touches("decision", "progress_entry", "assignment", "forum", "executor"):
            self.model.forget_cached()
            self.model.reload()

    def _on_database_replaced(self) -> None:
        self.model.forget_cached()
        self.reload()

    def status_column_width(self) -> int:
        """Room for the longest status in the current language (icon, padding), within reason; a
        width the clerk dragged (saved in the window settings) replaces it."""
        metrics = self.table.fontMetrics()
        longest = max(metrics.horizontalAdvance(text) for text in status_texts())
        icon = self.table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        return min(longest + icon + 24, 300)

    def natural_widths(self) -> list[int]:
        """Each column as wide as its content needs: the short ones to their header or values,
        status to its longest text, the executor to a typical name; the text takes the rest."""
        metrics = self.table.fontMetrics()

        def header(column: int, sample: str = "") -> int:
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            return max(metrics.horizontalAdvance(title), metrics.horizontalAdvance(sample)) + 28

        return [
            header(0, "10.12"),
            header(1, "XVIII"),
            420,
            self.status_column_width(),
            metrics.horizontalAdvance("Западно-Казахстанская обл.") + 16,
            header(5, "00.00.0000"),
            header(6, "⚠ 00000"),
        ]

    def keep_text_room(self) -> None:
        """The decision's text keeps at least ``TEXT_SHARE`` of the list's width: on a narrow
        window the executor's, then the status's column give way first (their full texts stay in
        the tooltips), never below ``NARROWEST``."""
        header = self.table.horizontalHeader()
        for column, taken in self._given_way.items():  # a wider window: give back what was taken
            if taken:
                header.resizeSection(column, header.sectionSize(column) + taken)
        self._given_way = {}
        room = self.table.viewport().width()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != TEXT_COLUMN)
        excess = others + int(room * TEXT_SHARE) - room
        for column in (4, 3):
            if excess <= 0:
                return
            size = header.sectionSize(column)
            cut = min(excess, max(size - NARROWEST[column], 0))
            if cut:
                header.resizeSection(column, size - cut)
                self._given_way[column] = cut
                excess -= cut

    def _save_header(self) -> None:
        window_state.save_header(self.table.horizontalHeader(), window_state.DECISIONS_HEADER)

    def _open_index(self, index: QModelIndex) -> None:
        decision_id = self.model.data(index, ID_ROLE)
        if decision_id is not None:
            self._open_editor(int(decision_id))

    def _open_editor(self, decision_id: int | None) -> None:
        from secretariat_app.ui.editor.window import DecisionEditor

        editor = DecisionEditor(self.context, decision_id, self)
        editor.saved.connect(self.select_decision)
        editor.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.bar.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.focus_list()
            return True
        if watched is self.table.viewport() and event.type() == QEvent.Type.Paint:
            self.model.rows_painted()
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.keep_text_room()
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.edit_item()
            return True
        return super().eventFilter(watched, event)
