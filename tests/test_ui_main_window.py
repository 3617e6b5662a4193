"""The main window and the application start: language switching, database errors, first start."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database, default_database_path
from secretariat_app.core.i18n import get_language
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.core.settings import load_settings
from secretariat_app.ui import app as gui_app
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.main_window import MainWindow, switch_language
from secretariat_app.ui.welcome import WelcomeDialog
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def visible_strings(window: MainWindow) -> list[str]:
    """Menu titles, actions, navigation, column titles and labels a clerk sees."""
    strings = [
        menu.title() for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu)
    ]
    strings += [action.text() for action in window.file_menu.actions() if action.text()]
    strings += [window.navigation.item(row).text() for row in range(window.navigation.count())]
    page = window.current_page()
    assert isinstance(page, DecisionsPage)
    strings += [
        str(page.model.headerData(c, Qt.Orientation.Horizontal)) for c in range(page.model.columnCount())
    ]
    strings += [page.bar.overdue.text(), page.bar.stalled.text(), page.bar.search.placeholderText()]
    return strings


def test_switching_the_language_changes_visible_strings_at_once_and_is_remembered(window: MainWindow) -> None:
    before = visible_strings(window)
    assert "&Файл" in before and "Решения" in before
    switch_language(window.context, "kk")
    after = visible_strings(window)
    assert get_language() == "kk"
    assert "Шешімдер" in after and "Тек мерзімі өткендер" in after
    unchanged = [
        old for old, new in zip(before, after, strict=True) if old == new and old not in ("&Файл", "Форум")
    ]
    assert unchanged == []
    assert load_settings().language == "kk"
    switch_language(window.context, "en")
    assert "&File" in visible_strings(window)


def test_the_decisions_page_is_shown_with_its_rows_and_counts(qtbot: QtBot, window: MainWindow) -> None:
    page = window.current_page()
    assert isinstance(page, DecisionsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 65)
    assert "65" in window.counts_label.text()
    assert str(window.context.database.path) in window.database_label.text()


def test_ctrl_f_puts_the_cursor_in_the_search_field(qtbot: QtBot, window: MainWindow) -> None:
    page = window.current_page()
    assert isinstance(page, DecisionsPage)
    window.actions_by_name["find"].trigger()
    assert window.actions_by_name["find"].shortcut().toString() == "Ctrl+F"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.bar.search)


def test_dashboard_requests_open_the_decisions_page_filtered(qtbot: QtBot, window: MainWindow) -> None:
    window.show_decisions(DecisionFilter(overdue_only=True))
    page = window.current_page()
    assert isinstance(page, DecisionsPage)
    assert page.bar.overdue.isChecked()
    assert 0 < page.model.rowCount() < page.model.total


def test_every_control_of_the_decisions_page_has_an_accessible_name(window: MainWindow) -> None:
    page = window.current_page()
    assert page is not None
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QDateEdit, QLineEdit, QTableView

    unnamed = [
        widget.metaObject().className()
        for kind in (QAbstractButton, QComboBox, QLineEdit, QDateEdit, QTableView)
        for widget in page.findChildren(kind)
        if not widget.accessibleName()
        and not (isinstance(widget, QAbstractButton) and widget.text())
        # Qt's own parts of a control (a clear button, a table's corner) are named by the control
        and not isinstance(widget.parent(), QComboBox | QDateEdit | QLineEdit | QTableView)
    ]
    assert unnamed == []


def test_a_damaged_database_file_gives_a_clear_message_not_a_traceback(
    tmp_path: Path, answer_message_boxes: list[str]
) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    args = argparse.Namespace(db=str(damaged), lang=None, demo=False)
    assert gui_app.start_database(args) is None
    assert len(answer_message_boxes) == 1
    message = answer_message_boxes[0]
    assert "Traceback" not in message and str(damaged) in message


def test_a_file_of_another_kind_is_refused_plainly(tmp_path: Path, answer_message_boxes: list[str]) -> None:
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Уважаемые коллеги!", encoding="utf-8")
    assert gui_app.start_database(argparse.Namespace(db=str(letter), lang=None, demo=False)) is None
    assert answer_message_boxes and "Traceback" not in answer_message_boxes[0]


def test_demo_option_fills_a_new_database(tmp_path: Path) -> None:
    database = gui_app.start_database(
        argparse.Namespace(db=str(tmp_path / "new.sqlite3"), lang=None, demo=True)
    )
    assert database is not None
    context = make_context(database)
    with context.database.reader() as session:
        from secretariat_app.core.services.decision_list import count_decisions

        assert count_decisions(session) > 0
    database.dispose()


def test_first_start_offers_language_new_open_and_demo(qtbot: QtBot) -> None:
    assert not default_database_path().exists()
    assert gui_app.needs_welcome(argparse.Namespace(db=None, lang=None, demo=False))
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    buttons = [b.text() for b in dialog.findChildren(QPushButton)]
    assert buttons == [
        "Создать новую базу данных",
        "Открыть существующую базу данных…",
        "Посмотреть демонстрационные данные",
    ]
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    assert dialog.new_button.text() == "Жаңа дерекқор құру"
    assert any("қош келдіңіз" in label.text() for label in dialog.findChildren(QLabel))


def test_language_comes_from_the_command_line_then_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gui_app.choose_language("kk") == "kk"
    assert gui_app.choose_language(None) == "ru"


def test_an_unexpected_error_is_shown_and_the_app_keeps_running(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr(gui_app, "present_error", lambda _parent, error: shown.append(error))
    monkeypatch.setattr("sys.excepthook", lambda *a: None)
    gui_app.install_exception_hook()
    import sys

    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    assert [str(e) for e in shown] == ["boom"]


def test_qt_own_buttons_follow_the_interface_language(qapp):
    from PySide6.QtCore import QCoreApplication

    from secretariat_app.ui.qt_words import apply_qt_words

    try:
        apply_qt_words("ru")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Отмена"
        apply_qt_words("en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        apply_qt_words("en")
