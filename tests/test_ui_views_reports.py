"""The report form (generation with progress, Cancel, preview) and the About dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from secretariat_app.core import i18n
from secretariat_app.ui.jobs import JobDialog
from secretariat_app.ui.views import about_dialog, report_dialog
from secretariat_app.ui.views.about_dialog import AboutDialog
from secretariat_app.ui.views.report_dialog import ReportDialog, ReportsView
from tests.ui_helpers import answer_message_boxes, make_context

__all__ = ["answer_message_boxes"]


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


def test_generating_a_report_shows_it_in_the_preview(context, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("secretariat_app.reports")
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.forum.setCurrentIndex(form.forum.findData(11))
    out = tmp_path / "progress XI.pdf"
    form.output.setText(str(out))
    progressed: list[tuple[int, int]] = []
    original = JobDialog.show_progress

    def record(dialog: JobDialog, done: int, total: int) -> None:
        progressed.append((done, total))
        original(dialog, done, total)

    monkeypatch.setattr(JobDialog, "show_progress", record)
    form.generate()
    assert out.exists() and out.read_bytes().startswith(b"%PDF")
    assert form.preview.page_count == form.last_result.pages > 0
    assert progressed and progressed[-1][0] == progressed[-1][1]
    assert form.generate_button.isEnabled() and not form.running


def test_enter_in_the_report_dialog_generates_and_opens_no_file_chooser(
    context, qtbot, tmp_path, monkeypatch
):
    pytest.importorskip("secretariat_app.reports")
    choosers: list[str] = []
    monkeypatch.setattr(
        report_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: choosers.append("x") or ("", "")
    )
    dialog = ReportDialog(context, forum_number=11)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    out = tmp_path / "by enter.pdf"
    form.output.setText(str(out))
    for field in (form.output, form.browse, form.kind):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Return)
        assert out.exists(), field
        out.unlink()
    assert choosers == [] and dialog.isVisible()


def test_the_word_format_writes_a_docx_and_the_typed_name_follows_it(context, qtbot, tmp_path):
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.forum.setCurrentIndex(form.forum.findData(11))
    form.output.setText(str(tmp_path / "progress XI.pdf"))
    form.generate()
    qtbot.waitUntil(lambda: not form.running and form.preview.page_count > 0, timeout=60_000)
    form.last_result = None
    form.file_format.setCurrentIndex(form.file_format.findData("docx"))
    assert form.output.text() == str(tmp_path / "progress XI.docx")
    assert form.options()["format"] == "docx"
    form.generate()
    qtbot.waitUntil(lambda: not form.running and form.last_result is not None, timeout=60_000)
    out = tmp_path / "progress XI.docx"
    assert out.exists() and out.read_bytes().startswith(b"PK")
    assert form.last_result.pages is None and form.preview.page_count == 0
    assert str(out) in form.status.text()
    # the preview lets the earlier PDF go: Print is off, the caption names the Word file
    assert form.preview.path == out and not form.preview.print_button.isEnabled()
    assert "progress XI.docx" in form.preview.caption.text() and "Word" in form.preview.caption.text()


def test_cancelling_a_report_leaves_no_file(context, qtbot, tmp_path, monkeypatch):
    pytest.importorskip("secretariat_app.reports")
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    out = tmp_path / "cancelled.pdf"
    form.output.setText(str(out))
    original = JobDialog.show_progress

    def press_cancel(dialog: JobDialog, done: int, total: int) -> None:
        original(dialog, done, total)
        dialog.cancel_button.click()

    monkeypatch.setattr(JobDialog, "show_progress", press_cancel)
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


def test_a_resolutions_list_with_missing_texts_asks_before_printing_the_gaps(
    context, qtbot, tmp_path, answer_message_boxes
):
    shown = answer_message_boxes  # answers Yes: print with the gaps marked
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.kind.setCurrentIndex(form.kind.findData("resolutions"))
    assert not form.split.isEnabled() and not form.issue.isEnabled()  # letters only
    form.forum.setCurrentIndex(form.forum.findData(11))
    out = tmp_path / "resolutions XI.pdf"
    form.output.setText(str(out))
    form.generate()
    assert len(shown) == 1 and "kk: 4.1" in shown[0]
    assert out.exists() and form.preview.page_count == form.last_result.pages > 0


def test_split_letters_go_into_a_folder_and_the_first_is_shown(context, qtbot, tmp_path):
    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.kind.setCurrentIndex(form.kind.findData("reminders"))
    form.forum.setCurrentIndex(form.forum.findData(12))
    form.split.setChecked(True)
    folder = tmp_path / "letters"
    form.output.setText(str(folder))
    form.generate()
    files = sorted(folder.iterdir())
    assert len(files) == len(form.last_result.files) > 3
    assert form.preview.page_count >= 1


def test_the_archive_box_adds_the_annex(context, qtbot, tmp_path):
    from tests.report_helpers import outline_titles

    view = ReportsView(context)
    qtbot.addWidget(view)
    form = view.form
    form.forum.setCurrentIndex(form.forum.findData(11))
    assert not form.options()["with_archive"]
    form.with_archive.click()
    assert form.options()["with_archive"]
    out = tmp_path / "archive.pdf"
    form.output.setText(str(out))
    for _ in range(2):  # twice in one form: PySide6 6.12.0 aborted at exit after this (pinned below it)
        form.generate()
        qtbot.waitUntil(lambda: not form.running and out.exists(), timeout=120_000)
    top = [title for level, title in outline_titles(out) if level == 0]
    assert top[-1].startswith("Приложение. Все решения предыдущих форумов")
