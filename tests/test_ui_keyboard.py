"""The keyboard: the Edit menu acts on the page shown, every menu has a mnemonic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from secretariat_app.core.db import Database
from secretariat_app.core.i18n import _
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.main_window import MainWindow, switch_language
from secretariat_app.ui.views import executors_view, forums_view
from tests.ui_helpers import answer_message_boxes, make_context, type_text

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


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The editors a test opens, by title, instead of running their modal loops."""
    titles: list[str] = []

    def record(dialog: QDialog) -> int:
        titles.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(forums_view.ForumEditor, "exec", record)
    monkeypatch.setattr(executors_view.ExecutorEditor, "exec", record)
    return titles


def enabled(window: MainWindow) -> set[str]:
    return {n for n in ("new", "edit", "delete", "find", "refresh") if window.actions_by_name[n].isEnabled()}


def test_ctrl_n_ctrl_e_and_del_act_on_the_forums_page(window: MainWindow, opened: list[str]) -> None:
    page = window.show_page("forums")
    assert page is not None
    assert enabled(window) == {"new", "edit", "delete", "refresh"}
    assert window.actions_by_name["new"].text() == _("&New forum…")
    find = window.actions_by_name["find"]
    assert find.statusTip() == _("The forums fit on one list: there is nothing to search here.")
    window.actions_by_name["new"].trigger()
    page.table.selectRow(0)  # type: ignore[attr-defined]
    window.actions_by_name["edit"].trigger()
    assert opened == [_("New forum"), _("Forum {number}").format(number="XII")]


def test_the_edit_menu_acts_on_regions_and_agencies(window: MainWindow, opened: list[str]) -> None:
    page = window.show_page("executors")
    assert page is not None
    assert enabled(window) == {"new", "edit", "delete", "find", "refresh"}
    window.actions_by_name["find"].trigger()
    assert window.focusWidget() is page.search  # type: ignore[attr-defined]
    window.actions_by_name["new"].trigger()
    assert opened == [_("New region or agency")]


def test_on_the_dashboard_new_and_find_go_to_the_decisions(window: MainWindow) -> None:
    window.show_page("dashboard")
    assert enabled(window) == {"new", "find", "refresh"}
    assert window.actions_by_name["new"].text() == _("&New decision…")
    reason = _("The dashboard shows figures, not records: open a page with a list to edit.")
    assert window.actions_by_name["edit"].statusTip() == reason
    window.actions_by_name["find"].trigger()
    assert window.current_page() is window.pages["decisions"]


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_menu_and_menu_action_has_its_own_mnemonic(window: MainWindow, lang: str) -> None:
    switch_language(window.context, lang)
    for key in ("forums", "decisions", "executors", "dashboard"):
        window.show_page(key)
        check_mnemonics(window)


def check_mnemonics(window: MainWindow) -> None:
    menus = [window.file_menu, window.edit_menu, window.view_menu, window.reports_menu, window.help_menu]
    for menu in menus:
        assert "&" in menu.title(), menu.title()
        letters = []
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible() or action.actionGroup() is not None:
                continue
            text = action.text()
            assert "&" in text, text
            letters.append(text[text.index("&") + 1].casefold())
        assert len(letters) == len(set(letters)), (menu.title(), letters)


def test_tab_on_regions_goes_search_list_then_buttons(window: MainWindow) -> None:
    page = window.show_page("executors")
    assert page is not None
    order = [page.search]  # type: ignore[attr-defined]
    for _step in range(4):
        order.append(order[-1].nextInFocusChain())
        while not (order[-1].focusPolicy() & Qt.FocusPolicy.TabFocus) or not order[-1].isVisibleTo(window):
            order[-1] = order[-1].nextInFocusChain()
    assert order == [page.search, page.table, page.new_button, page.edit_button, page.delete_button]  # type: ignore[attr-defined]


def test_enter_in_a_field_of_the_forum_editor_saves_the_forum(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    page = window.show_page("forums")
    assert page is not None
    editor = forums_view.ForumEditor(context, None, page, suggested_number=13)
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.city_ru, "Курган")
    type_text(editor.city_kk, "Қорған")
    qtbot.keyClick(editor.city_kk, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert any(row.number == 13 for row in page.model.rows)  # type: ignore[attr-defined]
