"""The report form (generation with progress, Cancel, preview) and the About dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from secretariat_app.core import i18n
from secretariat_app.ui.views import about_dialog, report_dialog
from secretariat_app.ui.views.about_dialog import AboutDialog
from secretariat_app.ui.views.report_dialog import ReportDialog, ReportsView
from tests.ui_helpers import make_context


@pytest.fixture
def context(demo_sqlite, qtbot, monkeypatch):
    def fail(_parent, error):  # a modal error box would hang an offscreen test: fail loudly instead
        raise error

    monkeypatch.setattr(report_dialog, "present_error", fail)
    return make_context(demo_sqlite)


def test_report_form_offers_every_forum_and_preselects_the_asked_one(context, qtbot):
    dialog = ReportDialog(context, forum_number=9)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.forum.count() == 7
    assert form.forum.currentData() == 9
    assert form.forum.currentText().startswith("IX — ")
    assert form.region.itemData(0) is None
    assert form.region.findData("KZ-15") > 0


def test_one_language_disables_the_layout_choice(context, qtbot):
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    assert form.langs() == ("ru", "kk") and form.layout_choice.isEnabled()
    form.second_lang.setCurrentIndex(0)
    assert form.langs() == ("ru",) and not form.layout_choice.isEnabled()


def test_generating_a_report_shows_it_in_the_preview(context, qtbot, tmp_path):
    pytest.importorskip("secretariat_app.reports")
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.forum.setCurrentIndex(form.forum.findData(11))
    out = tmp_path / "progress XI.pdf"
    form.output.setText(str(out))
    progressed: list[tuple[int, int]] = []
    original = form._progressed
    form._progressed = lambda done, total: (progressed.append((done, total)), original(done, total))
    form.generate()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert form.preview.page_count == form.last_result.pages > 0
    assert progressed and progressed[-1][0] == progressed[-1][1]
    assert form.generate_button.isEnabled() and not form.cancel_button.isEnabled()


def test_cancelling_a_report_leaves_no_file(context, qtbot, tmp_path):
    pytest.importorskip("secretariat_app.reports")
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    out = tmp_path / "cancelled.pdf"
    form.output.setText(str(out))
    original = form._progressed

    def press_cancel(done: int, total: int) -> None:
        original(done, total)
        form.cancel_button.click()

    form._progressed = press_cancel
    form.generate()
    assert not out.exists()
    assert form.last_result is None
    assert form.status.text() == i18n._("The report was cancelled; no file was changed.")
    assert form.generate_button.isEnabled()


def test_about_shows_versions_and_the_font_licences(context, qtbot, tmp_path, monkeypatch):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "OFL.txt").write_text("SIL OPEN FONT LICENSE Version 1.1 — Noto Sans", encoding="utf-8")
    (fonts / "NotoSans-Regular.ttf").write_bytes(b"not a licence")
    monkeypatch.setattr(about_dialog, "resources_dir", lambda: tmp_path)
    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    assert "SIL OPEN FONT LICENSE" in dialog.licences.toPlainText()
    assert "not a licence" not in dialog.licences.toPlainText()
    heading = dialog.heading.text()
    for name, version in about_dialog.versions():
        assert name in heading and version in heading


def test_about_says_so_when_no_font_licence_is_present(context, qtbot, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(about_dialog, "resources_dir", lambda: tmp_path)
    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.licences.toPlainText() == i18n._(
        "No font licence files were found in the resources/fonts folder."
    )


def test_about_names_the_database_its_schema_and_the_shipped_font_licence(context, qtbot):
    from secretariat_app.core.db import head_revision

    dialog = AboutDialog(context)
    qtbot.addWidget(dialog)
    heading = dialog.heading.text()
    assert context.database.display_name() in heading
    assert head_revision() in heading
    assert "SIL OPEN FONT LICENSE" in dialog.licences.toPlainText()  # the package's own OFL.txt
