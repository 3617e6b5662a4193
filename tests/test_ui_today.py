""" "Status as of" follows today (after midnight too) unless the clerk picked a date."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.today import Today
from secretariat_app.ui.views.dashboard import DashboardView
from tests.ui_helpers import make_context


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, date: dt.date) -> None:
        self.date = date

    def __call__(self) -> dt.date:
        return self.date


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.date.today())


@pytest.fixture
def context(demo_sqlite: Database, clock: Clock) -> AppContext:
    context = make_context(demo_sqlite)
    context.today = Today(clock)
    return context


def test_the_decision_list_reckons_at_the_new_day_after_midnight(
    qtbot: QtBot, context: AppContext, clock: Clock
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    start = clock.date
    assert page.bar.as_of_date() == start and page.model.as_of_date == start
    clock.date = start + dt.timedelta(days=1)
    context.today.check()
    assert page.bar.as_of_date() == clock.date
    assert page.model.as_of_date == clock.date  # the list was read again as of the new day


def test_a_date_the_clerk_picked_stays_after_midnight(
    qtbot: QtBot, context: AppContext, clock: Clock
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    picked = dt.date(2025, 3, 1)
    page.bar.as_of.setDate(picked)
    clock.date = clock.date + dt.timedelta(days=1)
    context.today.check()
    assert page.bar.as_of_date() == picked == page.model.as_of_date
    page.bar.as_of.setDate(clock.date)  # back to today
    clock.date = clock.date + dt.timedelta(days=1)
    context.today.check()
    assert page.bar.as_of_date() == clock.date  # follows today again


def test_the_dashboard_reads_its_figures_again_as_of_the_new_day(
    qtbot: QtBot, context: AppContext, clock: Clock
) -> None:
    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    assert dashboard.data is not None and dashboard.data.when.date == clock.date
    clock.date = clock.date + dt.timedelta(days=400)
    context.today.check()
    assert dashboard.data.when.date == clock.date
