"""One language at a time: places, region types, messages, Qt's own words and dates follow the
interface language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from secretariat_app.core import i18n
from secretariat_app.core.db import Database
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.main_window import switch_language
from secretariat_app.ui.qt_words import apply_qt_words
from secretariat_app.ui.views import report_dialog
from secretariat_app.ui.views.dashboard import DashboardView
from secretariat_app.ui.views.forums_view import ForumsView
from secretariat_app.ui.views.report_dialog import ReportsView
from tests.ui_helpers import make_context

CYRILLIC = re.compile("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


@pytest.fixture
def context(demo_sqlite: Database) -> AppContext:
    return make_context(demo_sqlite)


def _cities(view: ForumsView) -> list[str]:
    return [view.model.data(view.model.index(r, 2)) for r in range(view.model.rowCount())]


def test_host_cities_are_named_in_the_interface_language(qtbot: QtBot, context: AppContext) -> None:
    view = ForumsView(context)
    qtbot.addWidget(view)
    russian = _cities(view)
    assert "Оренбург" in russian
    switch_language(context, "kk")
    assert "Орынбор" in _cities(view) and "Оренбург" not in _cities(view)
    switch_language(context, "en")
    assert "Orenburg" in _cities(view) and not any(CYRILLIC.search(city) for city in _cities(view))


def test_the_dashboard_names_the_next_forums_city_in_english_letters(
    qtbot: QtBot, context: AppContext
) -> None:
    switch_language(context, "en")
    dashboard = DashboardView(context)
    qtbot.addWidget(dashboard)
    title = dashboard.due_title.text()
    assert title.startswith("Due before forum") and not CYRILLIC.search(title), title


def test_date_fields_show_dates_as_the_list_does(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    date = page.bar.as_of_date()
    assert page.bar.as_of.edit.text() == date.strftime("%d.%m.%Y")
    switch_language(context, "en")
    assert page.bar.as_of.edit.text() == date.isoformat() == i18n.format_date(date, style="short")


def test_the_saved_report_message_follows_a_language_switch(
    qtbot: QtBot, context: AppContext, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("secretariat_app.reports")
    monkeypatch.setattr(report_dialog, "present_error", lambda _parent, error: pytest.fail(str(error)))
    view = ReportsView(context)
    qtbot.addWidget(view)
    view.form.output.setText(str(tmp_path / "report.pdf"))
    view.form.generate()
    pages = view.form.last_result.pages
    assert view.form.status.text().startswith("Сохранено")
    switch_language(context, "kk")
    assert view.form.status.text() == i18n.ngettext(
        "Saved {path} ({count} page).", "Saved {path} ({count} pages).", pages
    ).format(path=view.form.last_result.path, count=pages)
    assert view.form.status.text().startswith("Сақталды")


@pytest.mark.parametrize(
    ("lang", "look_in", "types"),
    [
        ("kk", "Қарау орны:", "Файл түрлері:"),
        ("ru", "Папка:", "Типы файлов:"),
        ("en", "Look in:", "Files of type:"),
    ],
)
def test_qt_file_dialog_words_follow_the_interface_language(
    qapp, lang: str, look_in: str, types: str
) -> None:
    try:
        i18n.set_language(lang)
        apply_qt_words(lang)
        assert QCoreApplication.translate("QFileDialog", "Look in:") == look_in
        assert QCoreApplication.translate("QFileDialog", "Files of type:") == types
        others = {"kk": "Файл &аты:", "ru": "&Имя файла:", "en": "File &name:"}  # Qt's own catalog
        assert QCoreApplication.translate("QFileDialog", "File &name:") == others[lang]
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"
    finally:
        i18n.set_language("ru")
        apply_qt_words("ru")


def test_the_region_filter_and_the_executor_column_use_the_interface_language(
    qtbot: QtBot, context: AppContext
) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.bar.executor.count() > 1, timeout=10_000)
    switch_language(context, "kk")
    names = [page.bar.executor.itemText(i) for i in range(page.bar.executor.count())]
    assert "Ақтөбе облысы" in names and "Актюбинская область" not in names
    assert page.bar.forum.itemText(0) == i18n._("All forums")
