"""The Dashboard: where the Forum's decisions stand, at a glance, with charts that open the
Decisions page filtered to what was clicked.

Statuses are never told apart by colour alone: every category carries its symbol and its name,
and the stacked bars also differ by fill pattern (grey-scale printers, colour blindness).
"""

from __future__ import annotations

import datetime as dt
import html
import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Country, Status
from secretariat_app.core.i18n import N_, _, format_date, format_number, format_share, get_language, roman
from secretariat_app.core.names import place_name
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.dashboard_data import DashboardData, dashboard_data
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.core.status_style import OUTLINE, STATUS_ORDER, status_colour
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.views.common import stalled_since_text

#: Fill patterns on top of the palette's colours, for a third way to tell the stacked segments apart.
STATUS_PATTERNS = {
    Status.IMPLEMENTED: Qt.BrushStyle.SolidPattern,
    Status.PARTIAL: Qt.BrushStyle.Dense3Pattern,
    Status.IN_PROGRESS: Qt.BrushStyle.BDiagPattern,
    Status.NOT_STARTED: Qt.BrushStyle.CrossPattern,
    Status.NO_INFO: Qt.BrushStyle.Dense6Pattern,
    Status.FOR_INFORMATION: Qt.BrushStyle.HorPattern,
    Status.CANCELLED: Qt.BrushStyle.DiagCrossPattern,
}


def status_caption(status: Status) -> str:
    return f"{status.symbol} {status.label()}"


def wrapped(label: str, width: int = 20) -> str:
    """A category label on two lines or more (the chart's axis renders HTML) when it is long:
    a long label would otherwise take the bars' room or be cut off at the chart's edge."""
    lines: list[str] = []
    for word in html.escape(label, quote=False).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return '<div align="right">' + "<br>".join(lines) + "</div>" if len(lines) > 1 else label


def _status_brush(status: Status) -> QBrush:
    return QBrush(QColor(status_colour(status)), STATUS_PATTERNS[status])


def _scale(axis: QValueAxis, highest: float) -> None:
    """Whole-number ticks with a little headroom above the longest bar (for its label)."""
    step = max(1, math.ceil(highest / 5))
    top = step * (math.ceil(highest / step) + 1) if highest else 1
    axis.setRange(0, top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setLabelFormat("%d")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setVisible(False)
    return chart


class Tile(QPushButton):
    """A big number with its caption; clicking it opens the decisions it counts."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlat(False)
        self.setMinimumHeight(64)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def show_value(self, value: str, caption: str) -> None:
        self.setText(f"{value}\n{caption}")
        self.setAccessibleName(f"{caption}: {value}")


class DashboardView(QWidget):
    """Totals, shares, what falls due before the next forum, and three charts."""

    filter_requested = Signal(object)
    #: Edit-menu actions that mean something here only on another page: Ctrl+N records a decision,
    #: Ctrl+F searches the decisions (the main window shows that page and acts there)
    actions_elsewhere = {"new": "decisions", "find": "decisions"}
    new_action_text = N_("&New decision…")
    no_edit_reason = N_("The dashboard shows figures, not records: open a page with a list to edit.")

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, as_of: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.as_of = as_of
        self.data: DashboardData | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.total_tile = Tile()
        self.implemented_tile = Tile()
        self.kz_tile = Tile()
        self.ru_tile = Tile()
        self.overdue_tile = Tile()
        self.stalled_tile = Tile()
        self.total_tile.clicked.connect(lambda: self.filter_requested.emit(DecisionFilter()))
        self.implemented_tile.clicked.connect(
            lambda: self.filter_requested.emit(DecisionFilter(statuses=(Status.IMPLEMENTED.value,)))
        )
        self.kz_tile.clicked.connect(lambda: self._side_clicked(Country.KZ))
        self.ru_tile.clicked.connect(lambda: self._side_clicked(Country.RU))
        self.overdue_tile.clicked.connect(
            lambda: self.filter_requested.emit(DecisionFilter(overdue_only=True))
        )
        self.stalled_tile.clicked.connect(
            lambda: self.filter_requested.emit(DecisionFilter(stalled_only=True))
        )
        self.tiles = (
            self.total_tile,
            self.implemented_tile,
            self.kz_tile,
            self.ru_tile,
            self.overdue_tile,
            self.stalled_tile,
        )
        tiles = QHBoxLayout()
        for tile in self.tiles:
            tiles.addWidget(tile)
        self.due_title = QLabel()
        self.due_title.setStyleSheet("font-weight: 600;")
        self.due_list = QListWidget()
        self.due_list.itemActivated.connect(self._due_activated)
        self.due_list.itemClicked.connect(self._due_activated)

        self.status_chart = _chart("")
        self.status_series = QHorizontalBarSeries()
        self.status_series.setLabelsVisible(True)
        self.status_series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.status_set = QBarSet("")
        self.status_set.setBrush(QBrush(QColor("#1565c0")))
        self.status_set.setLabelColor(QColor("#202020"))
        self.status_set.clicked.connect(self._status_clicked)
        self.status_series.append(self.status_set)
        self.status_chart.addSeries(self.status_series)
        self.status_axis = QBarCategoryAxis()
        self.status_values = QValueAxis()
        self.status_chart.addAxis(self.status_axis, Qt.AlignmentFlag.AlignLeft)
        self.status_chart.addAxis(self.status_values, Qt.AlignmentFlag.AlignBottom)
        self.status_series.attachAxis(self.status_axis)
        self.status_series.attachAxis(self.status_values)
        self.status_categories: list[Status] = []

        self.forum_chart = _chart("")
        self.forum_chart.legend().setVisible(True)
        self.forum_chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.forum_series = QStackedBarSeries()
        self.forum_sets: dict[Status, QBarSet] = {}
        for status in STATUS_ORDER:
            bar_set = QBarSet("")
            bar_set.setBrush(_status_brush(status))
            bar_set.setPen(QColor(OUTLINE))
            bar_set.clicked.connect(lambda index, s=status: self._forum_clicked(index, s))
            self.forum_sets[status] = bar_set
            self.forum_series.append(bar_set)
        self.forum_chart.addSeries(self.forum_series)
        self.forum_axis = QBarCategoryAxis()
        self.forum_values = QValueAxis()
        self.forum_chart.addAxis(self.forum_axis, Qt.AlignmentFlag.AlignBottom)
        self.forum_chart.addAxis(self.forum_values, Qt.AlignmentFlag.AlignLeft)
        self.forum_series.attachAxis(self.forum_axis)
        self.forum_series.attachAxis(self.forum_values)
        self.forum_numbers: list[int] = []

        self.region_chart = _chart("")
        self.region_series = QHorizontalBarSeries()
        self.region_series.setLabelsVisible(True)
        self.region_series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.region_set = QBarSet("")
        self.region_set.setBrush(QBrush(QColor("#c62828")))
        self.region_set.setLabelColor(QColor("#202020"))
        self.region_set.clicked.connect(self._region_clicked)
        self.region_series.append(self.region_set)
        self.region_chart.addSeries(self.region_series)
        self.region_axis = QBarCategoryAxis()
        self.region_values = QValueAxis()
        self.region_chart.addAxis(self.region_axis, Qt.AlignmentFlag.AlignLeft)
        self.region_chart.addAxis(self.region_values, Qt.AlignmentFlag.AlignBottom)
        self.region_series.attachAxis(self.region_axis)
        self.region_series.attachAxis(self.region_values)
        self.region_ids: list[int] = []
        for axis in (self.status_axis, self.region_axis, self.forum_axis):
            axis.setTruncateLabels(False)

        self.status_view = self._chart_view(self.status_chart)
        self.forum_view = self._chart_view(self.forum_chart)
        self.region_view = self._chart_view(self.region_chart)
        # no region late on anything: say so in words instead of an empty chart with a 0–1 axis
        self.region_none = QLabel()
        self.region_none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.region_none.setWordWrap(True)
        self.region_none.setMinimumHeight(self.region_view.minimumHeight())
        self.region_stack = QStackedWidget()
        self.region_stack.addWidget(self.region_view)
        self.region_stack.addWidget(self.region_none)
        grid = QGridLayout()
        grid.addWidget(self.status_view, 0, 0)
        grid.addWidget(self.region_stack, 0, 1)
        grid.addWidget(self.forum_view, 1, 0, 1, 2)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.title)
        inner.addLayout(tiles)
        inner.addWidget(self.due_title)
        inner.addWidget(self.due_list)
        inner.addLayout(grid, 1)
        inner.addWidget(self.note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(self._on_changed)
        context.bus.database_replaced.connect(self.refresh)
        context.today.changed.connect(lambda _date: self.refresh() if self.as_of is None else None)
        self.retranslate()
        self.refresh()

    def reload(self) -> None:
        self.refresh()

    @staticmethod
    def _chart_view(chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(380)
        return view

    # --- data ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures as of the date given, or as of today (again after midnight)."""
        date = self.as_of or self.context.today.date()

        def work(_handle: object) -> DashboardData:
            with self.context.database.reader() as session:
                return dashboard_data(session, date)

        self.context.runner.run(work, self._loaded)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("forum", "decision", "assignment", "progress_entry", "executor"):
            self.refresh()

    def _loaded(self, data: DashboardData) -> None:
        self.data = data
        self._show()

    # --- showing --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Dashboard"))
        self.status_chart.setTitle(_("Decisions by status"))
        self.forum_chart.setTitle(_("Statuses per forum"))
        self.region_chart.setTitle(_("Regions late on the most decisions"))
        self.status_view.setAccessibleName(_("Decisions by status"))
        self.forum_view.setAccessibleName(_("Statuses per forum"))
        self.region_view.setAccessibleName(_("Regions late on the most decisions"))
        self.region_none.setText(
            "<b>{title}</b><br><br>{none}".format(
                title=_("Regions late on the most decisions"), none=_("None: no region or agency is late.")
            )
        )
        self.due_list.setAccessibleName(_("Due before the next forum"))
        for status, bar_set in self.forum_sets.items():
            bar_set.setLabel(status_caption(status))
        self.status_set.setLabel(_("Decisions"))
        self.region_set.setLabel(_("Overdue"))
        self.note.setText(_("Click a bar or a number to open the decisions it counts."))
        self._show()

    def _show(self) -> None:
        data = self.data
        if data is None:
            for tile in self.tiles:
                tile.show_value("…", _("Loading"))
            self.due_title.setText(_("Due before the next forum"))
            return
        overall = data.summary.overall
        lang = get_language()
        self.title.setText(_("Dashboard as of {date}").format(date=format_date(data.when.date)))
        self.total_tile.show_value(format_number(overall.total), _("decisions in all"))
        self.implemented_tile.show_value(format_share(overall.implemented_share), _("implemented"))
        for tile, side, caption in (
            (self.kz_tile, Country.KZ, N_("implemented by Kazakhstan's executors")),
            (self.ru_tile, Country.RU, N_("implemented by Russia's executors")),
        ):
            counts = data.summary.by_side[side]
            tile.show_value(format_share(counts.implemented_share) if counts.total else "—", _(caption))
        self.overdue_tile.show_value(format_number(overall.overdue), _("overdue"))
        self.stalled_tile.show_value(
            format_number(overall.stalled), stalled_since_text(data.when.stalled_since)
        )
        self._show_due(data, lang)
        self._show_statuses(data)
        self._show_forums(data)
        self._show_regions(data, lang)

    def _show_due(self, data: DashboardData, lang: str) -> None:
        self.due_list.clear()
        forum = data.next_forum
        if forum is None:
            self.due_title.setText(_("No next forum is recorded yet."))
            self.due_list.hide()
            return
        city = place_name({"ru": forum.city_ru, "kk": forum.city_kk}, lang)
        self.due_title.setText(
            _("Due before forum {number} ({city}, {date}): {count}").format(
                number=roman(forum.number),
                city=city,
                date=format_date(forum.start_date),
                count=len(data.due_before_next),
            )
        )
        self.due_list.show()
        for fact in data.due_before_next:
            text = _("{code} of forum {forum} — due {date} — {status}").format(
                code=fact.code,
                forum=roman(fact.forum_number),
                date=format_date(fact.deadline, style="short"),
                status=status_caption(fact.status),
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (fact.code, fact.forum_number))
            self.due_list.addItem(item)
        if not data.due_before_next:
            self.due_list.addItem(_("Nothing falls due before the next forum."))
        rows = min(max(1, self.due_list.count()), 6)
        self.due_list.setFixedHeight(
            rows * self.due_list.sizeHintForRow(0) + 2 * self.due_list.frameWidth() + 4
        )

    def _show_statuses(self, data: DashboardData) -> None:
        counts = data.summary.overall.by_status
        # a horizontal bar chart lists its categories bottom-up: reversed, they read top-down
        self.status_categories = [s for s in reversed(STATUS_ORDER) if counts[s]]
        self.status_set.remove(0, self.status_set.count())
        self.status_set.append([float(counts[s]) for s in self.status_categories])
        self.status_axis.clear()
        self.status_axis.append([wrapped(status_caption(s)) for s in self.status_categories])
        _scale(self.status_values, max([counts[s] for s in self.status_categories], default=0))

    def _show_forums(self, data: DashboardData) -> None:
        self.forum_numbers = sorted(data.summary.by_forum)
        for status, bar_set in self.forum_sets.items():
            bar_set.remove(0, bar_set.count())
            bar_set.append([float(data.summary.by_forum[n].by_status[status]) for n in self.forum_numbers])
        self.forum_axis.clear()
        self.forum_axis.append([roman(n) for n in self.forum_numbers])
        _scale(
            self.forum_values, max((data.summary.by_forum[n].total for n in self.forum_numbers), default=0)
        )

    def _show_regions(self, data: DashboardData, lang: str) -> None:
        regions = list(reversed(data.top_overdue_regions))  # the worst at the top
        self.region_ids = [r.executor_id for r in regions]
        self.region_set.remove(0, self.region_set.count())
        self.region_set.append([float(r.overdue) for r in regions])
        self.region_axis.clear()
        self.region_axis.append([r.name(lang) for r in regions])
        _scale(self.region_values, max((r.overdue for r in regions), default=0))
        self.region_stack.setCurrentWidget(self.region_view if regions else self.region_none)

    # --- clicks ---------------------------------------------------------------------------------

    def _status_clicked(self, index: int) -> None:
        if 0 <= index < len(self.status_categories):
            self.filter_requested.emit(DecisionFilter(statuses=(self.status_categories[index].value,)))

    def _forum_clicked(self, index: int, status: Status) -> None:
        if 0 <= index < len(self.forum_numbers):
            self.filter_requested.emit(
                DecisionFilter(statuses=(status.value,), forum_numbers=(self.forum_numbers[index],))
            )

    def _region_clicked(self, index: int) -> None:
        if 0 <= index < len(self.region_ids):
            self.filter_requested.emit(
                DecisionFilter(executor_ids=(self.region_ids[index],), overdue_only=True)
            )

    def _side_clicked(self, side: Country) -> None:
        if self.data is not None and self.data.executor_ids_by_side.get(side):
            self.filter_requested.emit(DecisionFilter(executor_ids=self.data.executor_ids_by_side[side]))

    def _due_activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if value:
            code, forum_number = value
            self.filter_requested.emit(DecisionFilter(text=code, forum_numbers=(forum_number,)))
