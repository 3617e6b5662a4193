"""The dashboard, forums and regions & agencies pages on the demo database, offscreen."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from secretariat_app.core import i18n
from secretariat_app.core.enums import Country, ExecutorKind, Status
from secretariat_app.core.models import AuditEntry, Executor, Forum
from secretariat_app.core.services.queries import DecisionFilter, as_of
from secretariat_app.core.services.summary import summarize
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.main_window import MainWindow, switch_language
from secretariat_app.ui.views.dashboard import DashboardView
from secretariat_app.ui.views.executors_view import ExecutorEditor, ExecutorsView
from secretariat_app.ui.views.forums_view import ForumEditor, ForumsView
from secretariat_app.ui.views.report_dialog import ReportsView
from tests.conftest import DEMO_TODAY
from tests.ui_helpers import clear_and_type, make_context, type_text


@pytest.fixture
def context(demo_sqlite, qtbot):
    return make_context(demo_sqlite)


@pytest.fixture
def dashboard(context, qtbot):
    view = DashboardView(context, as_of=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


# --- dashboard ----------------------------------------------------------------------------------


def test_dashboard_numbers_equal_the_cores_summary(dashboard, demo_sqlite):
    with demo_sqlite.reader() as session:
        summary = summarize(session, DecisionFilter(), as_of(session, DEMO_TODAY))
    overall = summary.overall
    assert dashboard.total_tile.text().startswith(f"{overall.total}\n")
    assert dashboard.overdue_tile.text().startswith(f"{overall.overdue}\n")
    assert dashboard.stalled_tile.text().startswith(f"{overall.stalled}\n")
    assert dashboard.implemented_tile.text().startswith(i18n.format_share(overall.implemented_share))
    kz = summary.by_side[Country.KZ].implemented_share
    assert dashboard.kz_tile.text().startswith(i18n.format_share(kz))
    shown = {
        status: dashboard.status_set.at(index) for index, status in enumerate(dashboard.status_categories)
    }
    assert shown == {status: count for status, count in overall.by_status.items() if count}
    assert dashboard.forum_numbers == sorted(summary.by_forum)
    for index, number in enumerate(dashboard.forum_numbers):
        for status, bar_set in dashboard.forum_sets.items():
            assert bar_set.at(index) == summary.by_forum[number].by_status[status]


def test_dashboard_lists_what_falls_due_before_the_next_forum(dashboard, demo_sqlite):
    data = dashboard.data
    assert data is not None and data.next_forum is not None
    assert data.next_forum.start_date > DEMO_TODAY
    assert data.due_before_next, "the demo history has decisions due before forum XII"
    assert dashboard.due_list.count() == len(data.due_before_next)
    for fact in data.due_before_next:
        assert DEMO_TODAY <= fact.deadline <= data.next_forum.start_date
        assert fact.status.value not in ("implemented", "cancelled", "for_information")


def test_dashboard_ranks_regions_by_overdue_decisions(dashboard):
    regions = dashboard.data.top_overdue_regions
    assert 0 < len(regions) <= 10
    counts = [r.overdue for r in regions]
    assert counts == sorted(counts, reverse=True)
    assert all(r.code for r in regions), "only regions (with ISO codes) are ranked"


def _click_bar(qtbot, view, chart, series, point: QPointF) -> None:
    scene_point = chart.mapToPosition(point, series)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_point))


def test_clicking_a_status_bar_asks_for_decisions_with_that_status(dashboard, qtbot):
    index = dashboard.status_categories.index(Status.IN_PROGRESS)
    value = dashboard.status_set.at(index)
    with qtbot.waitSignal(dashboard.filter_requested) as signal:
        _click_bar(
            qtbot,
            dashboard.status_view,
            dashboard.status_chart,
            dashboard.status_series,
            QPointF(value / 2, index),
        )
    assert signal.args[0] == DecisionFilter(statuses=("in_progress",))


def test_clicking_a_region_bar_asks_for_its_overdue_decisions(dashboard, qtbot):
    top = len(dashboard.region_ids) - 1  # the worst region is drawn at the top
    value = dashboard.region_set.at(top)
    with qtbot.waitSignal(dashboard.filter_requested) as signal:
        _click_bar(
            qtbot,
            dashboard.region_view,
            dashboard.region_chart,
            dashboard.region_series,
            QPointF(value / 2, top),
        )
    worst = dashboard.data.top_overdue_regions[0]
    assert signal.args[0] == DecisionFilter(executor_ids=(worst.executor_id,), overdue_only=True)


def test_clicking_a_forum_segment_asks_for_that_forum_and_status(dashboard, qtbot):
    index = dashboard.forum_numbers.index(9)
    implemented = dashboard.forum_sets[Status.IMPLEMENTED].at(index)
    assert implemented > 0
    with qtbot.waitSignal(dashboard.filter_requested) as signal:
        _click_bar(
            qtbot,
            dashboard.forum_view,
            dashboard.forum_chart,
            dashboard.forum_series,
            QPointF(index, implemented / 2),
        )
    assert signal.args[0] == DecisionFilter(statuses=("implemented",), forum_numbers=(9,))


def test_overdue_tile_asks_for_overdue_decisions(dashboard, qtbot):
    with qtbot.waitSignal(dashboard.filter_requested) as signal:
        qtbot.mouseClick(dashboard.overdue_tile, Qt.MouseButton.LeftButton)
    assert signal.args[0] == DecisionFilter(overdue_only=True)


def test_dashboard_refreshes_when_a_forum_is_added(dashboard, context):
    from secretariat_app.core.services.forums import ForumInput, create_forum

    with context.database.session() as session:
        _forum, changes = create_forum(
            session,
            ForumInput(number=13, city_ru="Туркестан", country="KZ", start_date=dt.date(2026, 12, 10)),
        )
    context.bus.announce(changes)
    assert dashboard.data.next_forum.number == 13


# --- forums -------------------------------------------------------------------------------------


@pytest.fixture
def forums_view(context, qtbot):
    view = ForumsView(context)
    qtbot.addWidget(view)
    return view


def _select_forum(view: ForumsView, number: int) -> None:
    row = next(i for i, f in enumerate(view.model.rows) if f.number == number)
    view.table.selectRow(row)


def test_forums_page_lists_every_forum_with_its_decision_count(forums_view, demo_sqlite):
    with demo_sqlite.reader() as session:
        numbers = sorted(session.scalars(select(Forum.number)))
    assert sorted(r.number for r in forums_view.model.rows) == numbers
    first = forums_view.model.index(0, 0)
    assert forums_view.model.data(first) == i18n.roman(max(numbers))  # newest first
    eleven = next(r for r in forums_view.model.rows if r.number == 11)
    assert eleven.counts.total == 10


def test_creating_a_forum_with_kazakh_text_typed_on_the_keyboard(context, forums_view, qtbot):
    editor = ForumEditor(context, None, forums_view, suggested_number=13)
    qtbot.addWidget(editor)
    assert editor.roman.text() == "XIII"
    type_text(editor.city_ru, "Туркестан")
    type_text(editor.city_kk, "Түркістан")
    clear_and_type(editor.start_date.edit, "14.09.2027")
    type_text(editor.theme_kk, "Өңіраралық ынтымақтастық және сауда")
    editor.country.setCurrentIndex(editor.country.findData("KZ"))
    qtbot.mouseClick(editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert editor.result() == ForumEditor.DialogCode.Accepted
    with context.database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.number == 13)).one()
        assert (forum.city_kk, forum.theme_kk) == ("Түркістан", "Өңіраралық ынтымақтастық және сауда")
        assert (forum.year, forum.end_date) == (2027, dt.date(2027, 9, 14))
    assert any(r.number == 13 for r in forums_view.model.rows), "the page refreshed after the save"


def test_editing_a_forum_saves_the_corrected_city(context, forums_view, qtbot):
    _select_forum(forums_view, 11)
    editor = ForumEditor(context, forums_view.selected_forum(), forums_view)
    qtbot.addWidget(editor)
    clear_and_type(editor.city_kk, "Атырау қаласы")
    editor.save()
    with context.database.reader() as session:
        forum = session.scalars(select(Forum).where(Forum.number == 11)).one()
        assert forum.city_kk == "Атырау қаласы"
        assert forum.version == 2


def test_a_taken_forum_number_is_explained_next_to_the_number(context, forums_view, qtbot):
    editor = ForumEditor(context, None, forums_view, suggested_number=11)
    qtbot.addWidget(editor)
    type_text(editor.city_ru, "Омск")
    editor.save()
    assert editor.result() != ForumEditor.DialogCode.Accepted
    message = editor.errors.message("number")
    assert "XI" in message and message.startswith("⚠")
    assert editor.errors.message("city_ru") == ""


def test_a_missing_city_is_explained_next_to_the_city(context, forums_view, qtbot):
    editor = ForumEditor(context, None, forums_view, suggested_number=14)
    qtbot.addWidget(editor)
    editor.save()
    assert editor.errors.message("city_ru")


def test_deleting_a_forum_with_decisions_is_refused_with_the_reason(context, forums_view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    _select_forum(forums_view, 11)
    forums_view.delete_selected()
    assert len(shown) == 1 and "XI" in shown[0] and "10" in shown[0]
    with context.database.reader() as session:
        assert session.scalars(select(Forum).where(Forum.number == 11)).first() is not None


def test_deleting_an_empty_forum_after_confirmation_is_audited(context, forums_view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _select_forum(forums_view, 12)
    forum_id = forums_view.selected_forum().id
    forums_view.delete_selected()
    assert all(r.number != 12 for r in forums_view.model.rows)
    with context.database.reader() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "forum", AuditEntry.record_id == forum_id)
        ).all()
        assert any(entry.action == "delete" for entry in audit)


def test_declining_the_confirmation_keeps_the_forum(context, forums_view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    _select_forum(forums_view, 12)
    forums_view.delete_selected()
    assert any(r.number == 12 for r in forums_view.model.rows)


# --- regions & agencies ---------------------------------------------------------------------------


@pytest.fixture
def executors_view(context, qtbot):
    view = ExecutorsView(context)
    qtbot.addWidget(view)
    return view


def test_directory_shows_how_many_decisions_each_executor_is_assigned(executors_view, dashboard):
    worst = dashboard.data.top_overdue_regions[0]
    row = next(r for r in executors_view.model.rows if r.id == worst.executor_id)
    assert row.decisions >= worst.overdue > 0


def test_directory_is_sorted_by_the_interface_languages_alphabet(context, executors_view):
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    names = [
        executors_view.model.data(executors_view.model.index(r, 0))
        for r in range(executors_view.model.rowCount())
    ]
    assert names == sorted(names, key=lambda n: i18n.sort_key(n, "kk"))
    assert "Ақтөбе облысы" in names
    ru_name = next(r.name_ru for r in executors_view.model.rows if r.name_kk == "Ақтөбе облысы")
    assert ru_name not in names


def test_search_finds_a_region_by_its_kazakh_name(executors_view):
    type_text(executors_view.search, "ақтөбе")
    assert [r.code for r in executors_view.model.rows] == ["KZ-15"]


def test_a_region_without_its_iso_code_is_refused_next_to_the_code(context, executors_view, qtbot):
    editor = ExecutorEditor(context, None, executors_view)
    qtbot.addWidget(editor)
    editor.kind.setCurrentIndex(editor.kind.findData(ExecutorKind.REGION.value))
    type_text(editor.name_ru, "Туркестанская область")
    editor.save()
    assert editor.errors.message("code")
    type_text(editor.code, "TURK")
    editor.save()
    assert "TURK" in editor.errors.message("code")


def test_a_new_agency_is_saved_and_listed(context, executors_view, qtbot):
    editor = ExecutorEditor(context, None, executors_view)
    qtbot.addWidget(editor)
    editor.kind.setCurrentIndex(editor.kind.findData(ExecutorKind.AGENCY.value))
    editor.country.setCurrentIndex(editor.country.findData("KZ"))
    type_text(editor.name_ru, "Министерство цифрового развития")
    type_text(editor.name_kk, "Цифрлық даму министрлігі")
    editor.save()
    assert editor.result() == ExecutorEditor.DialogCode.Accepted
    assert any(r.name_kk == "Цифрлық даму министрлігі" for r in executors_view.model.rows)


def test_deleting_an_assigned_region_is_refused_with_the_reason(context, executors_view, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text))
    row = next(i for i, r in enumerate(executors_view.model.rows) if r.decisions > 0)
    executors_view.table.selectRow(row)
    executor = executors_view.selected_executor()
    executors_view.delete_selected()
    assert len(shown) == 1 and str(executor.decisions) in shown[0]
    with context.database.reader() as session:
        assert session.get(Executor, executor.id) is not None


# --- language -----------------------------------------------------------------------------------


def test_switching_the_language_changes_the_visible_words(context, forums_view, executors_view, dashboard):
    before = (forums_view.title.text(), forums_view.new_button.text(), executors_view.title.text())
    status_axis = list(dashboard.status_axis.categories())
    header = forums_view.model.headerData(2, Qt.Orientation.Horizontal)
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    after = (forums_view.title.text(), forums_view.new_button.text(), executors_view.title.text())
    assert after == (
        i18n.tr("Forums", "kk"),
        i18n.tr("New forum…", "kk"),
        i18n.tr("Regions & agencies", "kk"),
    )
    assert all(b != a for b, a in zip(before, after, strict=True))
    assert forums_view.model.headerData(2, Qt.Orientation.Horizontal) != header
    assert list(dashboard.status_axis.categories()) != status_axis
    assert Status.IMPLEMENTED.label("kk") in " ".join(dashboard.status_axis.categories())
    assert "қараша" in dashboard.title.text()


def test_pages_load_their_data_on_worker_threads(demo_sqlite, qtbot):
    context = make_context(demo_sqlite)
    context.runner.synchronous = False
    forums_page = ForumsView(context)
    dashboard_page = DashboardView(context, as_of=DEMO_TODAY)
    qtbot.addWidget(forums_page)
    qtbot.addWidget(dashboard_page)
    qtbot.waitUntil(
        lambda: forums_page.model.rowCount() == 7 and dashboard_page.data is not None, timeout=10_000
    )
    with demo_sqlite.reader() as session:
        total = summarize(session, DecisionFilter(), as_of(session, DEMO_TODAY)).overall.total
    assert dashboard_page.total_tile.text().startswith(f"{total}\n")
    assert context.runner.wait()


def test_the_delete_key_deletes_the_selected_forum_after_confirmation(
    context, forums_view, qtbot, monkeypatch
):
    asked: list[str] = []

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    forums_view.show()
    qtbot.waitExposed(forums_view)
    _select_forum(forums_view, 12)
    forums_view.table.setFocus()
    qtbot.keyClick(forums_view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and "XII" in asked[0]
    assert all(r.number != 12 for r in forums_view.model.rows)


def test_a_validation_message_follows_the_interface_language(context, forums_view, qtbot):
    editor = ForumEditor(context, None, forums_view, suggested_number=11)
    qtbot.addWidget(editor)
    type_text(editor.city_ru, "Омск")
    editor.save()
    russian = editor.errors.message("number")
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    kazakh = editor.errors.message("number")
    assert kazakh and kazakh != russian
    assert editor.labels["number"].text() == i18n.tr("Number:", "kk")


def test_a_long_status_on_the_chart_axis_is_wrapped_not_cut(context, dashboard):
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    cancelled = dashboard.status_categories.index(Status.CANCELLED)
    label = dashboard.status_axis.categories()[cancelled]
    assert "<br>" in label
    words = re.sub(r"<[^>]+>", " ", label).split()
    assert words == f"{Status.CANCELLED.symbol} {Status.CANCELLED.label('kk')}".split()
    short = dashboard.status_axis.categories()[dashboard.status_categories.index(Status.IMPLEMENTED)]
    assert short == f"{Status.IMPLEMENTED.symbol} {Status.IMPLEMENTED.label('kk')}"


# --- where files go -----------------------------------------------------------------------------


def test_a_report_under_the_default_name_goes_to_documents_and_its_folder_is_remembered(
    context, qtbot, tmp_path, monkeypatch
):
    pytest.importorskip("secretariat_app.reports")
    documents, started_in, chosen = tmp_path / "Documents", tmp_path / "started-here", tmp_path / "chosen"
    for folder in (documents, started_in, chosen):
        folder.mkdir()
    monkeypatch.setattr(window_state, "documents_folder", lambda: documents)
    monkeypatch.chdir(started_in)
    # forum XI lacks a Kazakh text: the form asks whether to print the list with the gap marked
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.kind.setCurrentIndex(form.kind.findData("resolutions"))
    form.forum.setCurrentIndex(form.forum.findData(11))
    assert str(documents) in form.where.text()  # the clerk sees where it goes before generating
    assert form.where.accessibleName()
    form.generate()
    saved = Path(form.last_result.path)
    assert saved.parent == documents and saved.read_bytes().startswith(b"%PDF")
    assert not list(started_in.iterdir())

    form.output.setText(str(chosen / "resolutions XI.pdf"))
    assert str(chosen / "resolutions XI.pdf") in form.where.text()
    form.generate()
    assert (chosen / "resolutions XI.pdf").exists()
    again = ReportsView(context)
    qtbot.addWidget(again)
    assert str(chosen) in again.form.where.text()
    assert window_state.output_folder() == chosen


def test_the_navigation_list_fills_its_side_of_the_window(context, qtbot):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    for lang in ("ru", "kk"):
        switch_language(context, lang)
        assert window.navigation.width() == window.splitter.sizes()[0]
        titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
        widest = max(window.navigation.fontMetrics().horizontalAdvance(t) for t in titles)
        assert widest < window.navigation.width() < widest + 120


def test_the_stalled_setting_is_the_databases_and_the_tile_and_the_list_it_opens_agree(
    context, demo_sqlite, qtbot
):

    from secretariat_app.core.services.shared_settings import stalled_days
    from secretariat_app.ui.decisions_page import DecisionsPage
    from secretariat_app.ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    dialog.stalled_days.setValue(90)
    dialog.accept()
    with demo_sqlite.reader() as session:
        assert stalled_days(session) == 90
        since = as_of(session, DEMO_TODAY).stalled_since
        today_since = as_of(session).stalled_since
    assert today_since.strftime("%d.%m.%Y") in dialog.stalled_note.text()  # the note speaks of today
    view = DashboardView(context, as_of=DEMO_TODAY)
    qtbot.addWidget(view)
    assert since.strftime("%d.%m.%Y") in view.stalled_tile.text()
    page = DecisionsPage(context)
    qtbot.addWidget(page)
    page.bar.as_of.setDate(DEMO_TODAY)
    for flt, expected in [
        (DecisionFilter(stalled_only=True), view.data.summary.overall.stalled),
        *(
            (DecisionFilter(executor_ids=(region.executor_id,), overdue_only=True), region.overdue)
            for region in view.data.top_overdue_regions
        ),
    ]:
        page.show_filter(flt)
        qtbot.waitUntil(lambda expected=expected: page.model.rowCount() == expected)
    assert since.strftime("%d.%m.%Y") in page.bar.stalled.toolTip()


def test_regions_show_one_name_column_in_the_interface_language_and_their_type_translated(
    context, executors_view
):
    i18n.set_language("kk")
    context.bus.language_changed.emit()
    model = executors_view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers.count(i18n._("Name")) == 1 and i18n._("Russian") not in headers
    row = next(r for r, e in enumerate(model.rows) if e.code == "KZ-15")
    assert model.data(model.index(row, 0)) == "Ақтөбе облысы"
    assert model.data(model.index(row, 3)) == "облыс"
    assert "Актюбинская область" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    executors_view.resize(1000, 600)
    executors_view.show()
    header = executors_view.table.horizontalHeader()
    assert header.length() <= executors_view.table.viewport().width()  # no sideways scrolling
