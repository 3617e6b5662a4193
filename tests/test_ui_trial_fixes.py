"""What the first Kazakh keyboard-only trial found in the clerk's window (issue 11 follow-up):
typed dates keep their month everywhere, Esc asks before typed text is lost, the calendar speaks
the interface language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from secretariat_app.core.models import Executor, Forum
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decisions_page import DecisionsPage
from secretariat_app.ui.main_window import switch_language
from secretariat_app.ui.views.executors_view import ExecutorEditor
from secretariat_app.ui.views.forums_view import ForumEditor
from secretariat_app.ui.views.report_dialog import ReportsView
from secretariat_app.ui.widgets.date_field import DateField
from tests.ui_helpers import answer_message_boxes, clear_and_type, make_context, type_text

__all__ = ["answer_message_boxes"]


@pytest.fixture
def context(demo_sqlite: Any, qtbot: QtBot) -> AppContext:
    return make_context(demo_sqlite)


@pytest.fixture(autouse=True)
def default_locale_restored() -> Iterator[None]:
    """A language switch sets Qt's default locale; the next test starts from the one it had."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def _forum_editor(qtbot: QtBot, context: AppContext) -> ForumEditor:
    editor = ForumEditor(context, None, suggested_number=13)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _save(qtbot: QtBot, editor: ForumEditor) -> None:
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


# --- 1. typed dates --------------------------------------------------------------------------------


def test_forum_dates_typed_with_dots_keep_their_month(qtbot: QtBot, context: AppContext) -> None:
    editor = _forum_editor(qtbot, context)
    type_text(editor.city_ru, "Оренбург")
    type_text(editor.city_kk, "Орынбор")
    clear_and_type(editor.start_date.edit, "14.10.2026")
    clear_and_type(editor.end_date.edit, "16.10.2026")
    editor.has_protocol_date.setChecked(True)
    clear_and_type(editor.protocol_date.edit, "16102026")
    _save(qtbot, editor)
    assert editor.result() == ForumEditor.DialogCode.Accepted
    with context.database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.number == 13)).one()
        assert (forum.start_date, forum.end_date, forum.protocol_date) == (
            dt.date(2026, 10, 14),
            dt.date(2026, 10, 16),
            dt.date(2026, 10, 16),
        )
        assert (forum.year, forum.city_kk) == (2026, "Орынбор")


def test_an_impossible_forum_date_is_explained_and_nothing_is_saved(
    qtbot: QtBot, context: AppContext
) -> None:
    editor = _forum_editor(qtbot, context)
    type_text(editor.city_ru, "Оренбург")
    clear_and_type(editor.end_date.edit, "31.02.2027")
    _save(qtbot, editor)
    assert editor.result() != ForumEditor.DialogCode.Accepted and editor.isVisible()
    assert not editor.end_date.error.isHidden() and editor.end_date.error.text().startswith("⚠")
    with context.database.reader() as session:
        assert session.scalars(select(Forum).where(Forum.number == 13)).first() is None


def test_the_status_as_of_filter_takes_a_date_typed_without_dots(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    assert isinstance(page.bar.as_of, DateField)
    clear_and_type(page.bar.as_of.edit, "13022028")
    assert page.bar.as_of_date() == dt.date(2028, 2, 13) == page.model.as_of_date
    assert page.bar.as_of_follows.pinned


def test_the_report_as_of_date_is_typed_like_every_other_date(qtbot: QtBot, context: AppContext) -> None:
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    assert isinstance(form.as_of, DateField)
    clear_and_type(form.as_of.edit, "2028-02-13")
    assert form.options()["as_of"] == dt.date(2028, 2, 13)


# --- 2. Esc asks before typed text is lost ---------------------------------------------------------


class Answers:
    """Stands in for the question box: records what was asked and gives the chosen button."""

    def __init__(self, answer: QMessageBox.StandardButton) -> None:
        self.answer = answer
        self.asked: list[tuple[Any, ...]] = []

    def __call__(self, *args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        self.asked.append(args)
        return self.answer


def test_esc_in_new_forum_asks_with_cancel_as_default_and_keeps_the_text(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _forum_editor(qtbot, context)
    type_text(editor.city_kk, "Орынбор")
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1
    buttons, default = answers.asked[0][3], answers.asked[0][4]
    Button = QMessageBox.StandardButton
    assert buttons == Button.Save | Button.Discard | Button.Cancel and default == Button.Cancel
    assert editor.isVisible() and editor.city_kk.text() == "Орынбор"
    answers.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    with context.database.reader() as session:
        assert session.scalars(select(Forum).where(Forum.number == 13)).first() is None


def test_save_in_the_esc_question_saves_the_forum(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _forum_editor(qtbot, context)
    type_text(editor.city_ru, "Оренбург")
    type_text(editor.city_kk, "Орынбор")
    monkeypatch.setattr(QMessageBox, "question", Answers(QMessageBox.StandardButton.Save))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.result() == ForumEditor.DialogCode.Accepted
    with context.database.reader() as session:
        assert session.scalars(select(Forum.city_kk).where(Forum.number == 13)).one() == "Орынбор"


def test_esc_with_nothing_typed_closes_without_a_question(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _forum_editor(qtbot, context)
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and answers.asked == []


def test_esc_in_the_region_editor_asks_too(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    with context.database.reader() as session:
        executor = session.scalars(select(Executor).where(Executor.code == "KZ-63")).one()
        executor_id = executor.id
    from secretariat_app.ui.views.executors_view import load_executor_rows

    row = next(r for r in load_executor_rows(context) if r.id == executor_id)
    editor = ExecutorEditor(context, row)
    qtbot.addWidget(editor)
    editor.show()
    clear_and_type(editor.name_kk, "Шығыс Қазақстан облысы (түзету)")
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and editor.isVisible()


# --- 3. the calendar in the interface language -----------------------------------------------------


def test_the_calendar_names_kazakh_months_in_the_kazakh_window(qtbot: QtBot, context: AppContext) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setDate(dt.date(2026, 12, 1))
    switch_language(context, "kk")
    field.show()
    field.open_calendar()
    assert field.calendar is not None
    locale = field.calendar.locale()
    assert locale.language() == QLocale.Language.Kazakh
    assert locale.standaloneMonthName(12).lower() == "желтоқсан"
    assert locale.firstDayOfWeek() == Qt.DayOfWeek.Monday
    field.calendar.close()
    switch_language(context, "ru")
    field.open_calendar()
    assert field.calendar.locale().standaloneMonthName(12) == "декабрь"


def test_esc_in_settings_asks_once_something_was_typed(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from secretariat_app.ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    answers = Answers(QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "question", answers)
    type_text(dialog.clerk_name, "Әлия Қасымқызы")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(answers.asked) == 1 and dialog.isVisible()
    answers.answer = QMessageBox.StandardButton.Discard
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# --- 7. language names in the interface language ---------------------------------------------------


def test_the_report_languages_are_named_in_the_interface_language(qtbot: QtBot, context: AppContext) -> None:
    switch_language(context, "kk")
    view = ReportsView(context)
    qtbot.addWidget(view)
    names = [view.form.first_lang.itemText(i) for i in range(view.form.first_lang.count())]
    assert names == ["Орысша", "Қазақша", "Ағылшынша"]
    switch_language(context, "en")
    assert view.form.first_lang.itemText(0) == "Russian"


# --- 11. the dashboard's empty chart ---------------------------------------------------------------


def test_the_empty_overdue_regions_chart_says_none_in_the_interface_language(
    qtbot: QtBot, database: Any
) -> None:
    from secretariat_app.ui.views.dashboard import DashboardView

    switch_language(make_context(database), "kk")
    empty = DashboardView(make_context(database))
    qtbot.addWidget(empty)
    assert empty.region_stack.currentWidget() is empty.region_none
    assert "Жоқ" in empty.region_none.text() and "өңір" in empty.region_none.text()


def test_the_overdue_regions_chart_shows_when_regions_are_late(qtbot: QtBot, context: AppContext) -> None:
    from secretariat_app.ui.views.dashboard import DashboardView
    from tests.conftest import DEMO_TODAY

    late = DashboardView(context, as_of=DEMO_TODAY)
    qtbot.addWidget(late)
    assert late.region_stack.currentWidget() is late.region_view  # the demo has regions late


# --- 5. after Save and close, the saved decision is the current row ---------------------------------


def test_save_and_close_selects_the_saved_decision_and_ctrl_e_on_nothing_says_why(
    qtbot: QtBot, context: AppContext
) -> None:
    from PySide6.QtWidgets import QMainWindow

    from secretariat_app.core.services.decisions import decision_by_code
    from secretariat_app.ui.editor.window import AfterSave, DecisionEditor

    window = QMainWindow()
    qtbot.addWidget(window)
    page = DecisionsPage(context)
    window.setCentralWidget(page)
    window.show()
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, 0))
    assert page.current_decision_id() is None
    page.edit_item()  # Ctrl+E with nothing selected
    assert "Ctrl+E" in window.statusBar().currentMessage()
    with context.database.reader() as session:
        decision_id = decision_by_code(session, 6, "3.1").id
    page._open_editor(decision_id)
    editor = page.findChild(DecisionEditor)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.snapshot is not None)
    type_text(editor.form.texts["kk"], " Қосымша.")
    editor.save(after=AfterSave.CLOSE)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert page.current_decision_id() == decision_id


# --- 6. printing with no printer says so -----------------------------------------------------------


def test_print_with_no_printer_says_so_in_the_interface_language(
    qtbot: QtBot,
    context: AppContext,
    tmp_path: Any,
    monkeypatch: pytest.MonkeyPatch,
    answer_message_boxes: list[str],
) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo
    from reportlab.pdfgen.canvas import Canvas

    from secretariat_app.ui.views import pdf_preview

    pdf = tmp_path / "one-page.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Forum XII")
    canvas.save()
    switch_language(context, "kk")
    monkeypatch.setattr(pdf_preview.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    assert pdf_preview.QPrinterInfo is QPrinterInfo
    preview = pdf_preview.PdfPreview()
    qtbot.addWidget(preview)
    assert preview.load(pdf) and preview.print_button.isEnabled()
    preview.print_button.click()
    assert answer_message_boxes and "принтер" in answer_message_boxes[-1]


# --- 4. pages and keys from the keyboard ------------------------------------------------------------


def test_ctrl_and_a_digit_opens_each_page_and_the_shortcut_list_names_them_and_the_editors_keys(
    qtbot: QtBot, context: AppContext
) -> None:
    from PySide6.QtGui import QKeySequence

    from secretariat_app.ui.main_window import MainWindow
    from secretariat_app.ui.shortcuts_dialog import ShortcutsDialog

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    switch_language(context, "kk")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for row, spec in enumerate(reversed(window.specs[:5])):
        row = 4 - row  # from the last page back, so each chord has to move the sidebar
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1.value + row), Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == row, spec.key
    assert window.pages_menu.menuAction() in window.view_menu.actions()
    dialog = ShortcutsDialog([window.view_menu], window)
    qtbot.addWidget(dialog)
    rows = [tuple(dialog.table.item(r, c).text() for c in range(3)) for r in range(dialog.table.rowCount())]
    keys = {row[2] for row in rows}
    assert {f"Ctrl+{n}" for n in range(1, 6)} <= keys
    save = QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)
    editor_rows = {(action, key) for place, action, key in rows if place == "Шешім редакторы"}
    assert editor_rows == {
        ("Сақтау", save),
        ("Сақтап, жабу", "Ctrl+Return"),
        ("Сақтап, жаңасын қосу", "Ctrl+Shift+N"),
        ("Болдырмау", "Esc"),
    }


def test_down_from_the_search_field_moves_into_the_list(qtbot: QtBot, context: AppContext) -> None:
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.bar.search.setFocus()
    qtbot.keyClick(page.bar.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or page.focusWidget() is page.table
    assert page.current_decision_id() is not None


# --- 8. the date hint is read whole ------------------------------------------------------------------


def test_the_date_hint_fits_its_field_in_kazakh(qtbot: QtBot, context: AppContext) -> None:
    switch_language(context, "kk")
    field = DateField()
    qtbot.addWidget(field)
    hint = field.edit.placeholderText()
    assert hint.startswith("мысалы")
    # however tight the form, a layout cannot squeeze the field below what the hint needs
    assert field.edit.minimumWidth() > field.edit.fontMetrics().horizontalAdvance(hint)
