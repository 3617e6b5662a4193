"""A new database guides the clerk: record the first forum, then its decisions."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.core.services.forums import ForumInput, create_forum
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import EMPTY_STATES, DecisionsPage
from secretariat_app.ui.views.forums_view import ForumEditor
from tests.ui_helpers import answer_message_boxes, make_context, type_text

__all__ = ["answer_message_boxes"]


@pytest.fixture
def context(database: Database) -> AppContext:
    return make_context(database)  # an empty database: reference regions and sectors only


def _page(qtbot: QtBot, context: AppContext) -> DecisionsPage:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.forums_known is not None, timeout=10_000)
    return page


def test_an_empty_database_says_to_record_the_first_forum_and_the_button_opens_new_forum(
    qtbot: QtBot, context: AppContext
) -> None:
    page = _page(qtbot, context)
    assert page.list_or_empty.currentWidget() is page.empty
    assert page.empty.message.text() == i18n._(EMPTY_STATES["no_forums"][0])
    page.empty.button.click()
    editor = page.findChild(ForumEditor)
    assert editor is not None and editor.isVisible() and editor.record is None
    type_text(editor.city_ru, "Оренбург")
    type_text(editor.city_kk, "Орынбор")
    editor.save()
    qtbot.waitUntil(lambda: page.empty_state() == "no_decisions", timeout=10_000)
    assert page.empty.message.text() == i18n._("No decisions yet — add the first decision.")


def test_new_decision_without_any_forum_opens_new_forum_instead(qtbot: QtBot, context: AppContext) -> None:
    page = _page(qtbot, context)
    page.new_item()  # Ctrl+N: a decision needs its forum first
    editor = page.findChild(ForumEditor)
    assert editor is not None and editor.isVisible()


def test_a_forum_without_decisions_says_so_when_it_is_chosen(qtbot: QtBot, context: AppContext) -> None:
    with context.database.session() as session:
        create_forum(session, ForumInput(1, "Оренбург", "RU", "2030-09-01", city_kk="Орынбор"))
    page = _page(qtbot, context)
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    assert page.empty.message.text() == i18n._("No decisions yet — add the first decision.")
    index = page.bar.forum.findText("I — Орынбор")  # the host city in the interface language
    assert index > 0
    page.bar.forum.setCurrentIndex(index)
    qtbot.waitUntil(lambda: page.empty_state() == "forum_empty", timeout=10_000)
    assert page.empty.message.text() == i18n._("No decisions in this forum — add the first decision.")
    assert page.empty.message.text() != "No decisions in this forum — add the first decision."  # Kazakh
