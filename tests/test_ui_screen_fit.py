"""The window on small screens: 1366×768 and 1280×720 laptops with a taskbar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.ui import screen_fit
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import NARROWEST, TEXT_COLUMN, TEXT_SHARE, DecisionsPage
from secretariat_app.ui.main_window import MainWindow
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]

#: what a taskbar leaves of each screen
LAPTOPS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


@pytest.mark.parametrize("available", LAPTOPS.values(), ids=LAPTOPS.keys())
def test_the_main_window_opens_maximised_on_a_laptop_screen(available: QRect) -> None:
    geometry, maximised = screen_fit.main_window_geometry(available)
    assert maximised and available.contains(geometry)


def test_on_a_large_screen_the_window_opens_centred_at_its_preferred_size() -> None:
    available = QRect(0, 0, 1920, 1040)
    geometry, maximised = screen_fit.main_window_geometry(available)
    assert not maximised and geometry.size() == screen_fit.PREFERRED_MAIN
    assert geometry.center() == available.center()


def test_a_dialog_taller_than_the_screen_is_cut_to_it() -> None:
    assert screen_fit.bounded(QSize(1000, 700), LAPTOPS["1280x720"]) == QSize(1000, 640)
    assert screen_fit.bounded(QSize(560, 400), LAPTOPS["1280x720"]) == QSize(560, 400)


@pytest.mark.parametrize("available", LAPTOPS.values(), ids=LAPTOPS.keys())
def test_the_main_window_applies_the_fit_to_the_screen_it_is_on(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch, available: QRect
) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget=None: available)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert available.contains(window.normalGeometry())


def test_a_saved_size_too_big_for_this_screen_is_not_restored(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = MainWindow(context)
    qtbot.addWidget(first)
    first.setWindowState(Qt.WindowState.WindowNoState)
    first.setGeometry(QRect(0, 0, 1800, 1000))  # left so on a large monitor
    first.close()
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget=None: LAPTOPS["1366x768"])
    second = MainWindow(context)
    qtbot.addWidget(second)
    assert second.windowState() & Qt.WindowState.WindowMaximized


def test_at_1100_pixels_the_decision_text_keeps_its_share_of_the_list(
    qtbot: QtBot, context: AppContext
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.resize(1100 - 180, 600)  # the window at 1100 px less the page list on its left
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    header = page.table.horizontalHeader()
    room = page.table.viewport().width()
    others_at_their_narrowest = sum(
        NARROWEST.get(c, header.sectionSize(c)) for c in range(header.count()) if c != TEXT_COLUMN
    )
    wanted = min(int(room * TEXT_SHARE), room - others_at_their_narrowest)
    assert header.sectionSize(TEXT_COLUMN) >= max(wanted - 1, 250)
    assert header.length() <= room + 1  # nothing pushed out sideways
    status, executor = header.sectionSize(3), header.sectionSize(4)
    assert header.sectionSize(TEXT_COLUMN) > max(status, executor)


def test_columns_that_gave_way_get_their_width_back_in_a_wider_window(
    qtbot: QtBot, context: AppContext
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.resize(1400, 600)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    header = page.table.horizontalHeader()
    wide = header.sectionSize(3), header.sectionSize(4)
    page.resize(700, 600)
    qtbot.waitUntil(lambda: header.sectionSize(4) < wide[1], timeout=5_000)
    page.resize(1400, 600)
    qtbot.waitUntil(lambda: (header.sectionSize(3), header.sectionSize(4)) == wide, timeout=5_000)
