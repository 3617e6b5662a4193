"""A status looks the same in the decision list, on the dashboard and in the printed charts: all
three take its colour and order from ``core.status_style``."""

from __future__ import annotations

from itertools import pairwise

from pytestqt.qtbot import QtBot
from reportlab.graphics.shapes import Rect

from secretariat_app.core.db import Database
from secretariat_app.core.enums import Status
from secretariat_app.core.status_style import STATUS_ORDER, status_colour, status_style
from secretariat_app.reports import charts, fonts
from secretariat_app.reports.words import Words
from secretariat_app.ui.decisions_model import COLUMNS
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.views.dashboard import DashboardView
from tests.conftest import DEMO_TODAY
from tests.ui_helpers import make_context


def _grey(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_neighbouring_statuses_differ_in_grey_scale_and_every_mark_is_readable_on_its_fill() -> None:
    greys = [_grey(status_colour(s)) for s in STATUS_ORDER]
    assert all(abs(a - b) >= 20 for a, b in pairwise(greys))
    for status in Status:
        style = status_style(status)
        assert style.symbol == status.symbol
        assert abs(_grey(style.ink) - _grey(style.colour)) >= 90
    assert set(STATUS_ORDER) == set(Status)


def test_the_decision_list_draws_each_status_in_its_colour(qtbot: QtBot, demo_sqlite: Database) -> None:
    page = DecisionsPage(make_context(demo_sqlite))
    qtbot.addWidget(page)
    page.table.resize(1200, 800)
    status_column = [key for key, _title in COLUMNS].index("status")
    rows = range(min(page.model.rowCount(), 40))
    for row in rows:
        page.model.data(page.model.index(row, 0))
    qtbot.waitUntil(lambda: all(page.model.is_row_loaded(r) for r in rows))
    seen = set()
    for row in rows:
        index = page.model.index(row, status_column)
        status = next(s for s in Status if s.label() in page.model.data(index))
        centre = page.model.data(index, 1).pixmap(32, 32).toImage().pixelColor(16, 16)
        assert centre.name() == status_colour(status)
        seen.add(status)
    assert len(seen) >= 2


def test_the_dashboards_status_segments_take_the_palettes_colours_in_its_order(
    qtbot: QtBot, demo_sqlite: Database
) -> None:
    view = DashboardView(make_context(demo_sqlite), as_of=DEMO_TODAY)
    qtbot.addWidget(view)
    assert list(view.forum_sets) == list(STATUS_ORDER)
    for status, bar_set in view.forum_sets.items():
        assert bar_set.brush().color().name() == status_colour(status)


def test_the_printed_charts_take_the_palettes_colours_in_its_order() -> None:
    fonts.register_fonts()
    counts = {status: index + 1 for index, status in enumerate(Status)}
    drawings = [
        charts.stacked_by_forum([("VI", counts)], [Words("ru")], 400),
        charts.status_bars(counts, [Words("ru")], 400),
        charts.legend([Words("ru")], 400),
    ]
    for drawing in drawings:
        fills = ["#" + shape.fillColor.hexval()[2:] for shape in drawing.contents if isinstance(shape, Rect)]
        assert fills == [status_colour(status) for status in STATUS_ORDER]
