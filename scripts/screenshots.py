"""Screenshots of the main views and dialogs on the demo data, in Russian and Kazakh.

    python scripts/screenshots.py OUTPUT_FOLDER
    python scripts/screenshots.py --guide     # the user guide's pictures, in Russian, Kazakh and English

The guide's pictures go to ``secretariat_app/resources/guide/<lang>/images/``; they are reduced to
256 colours, so each stays well under 150 KB.

Runs offscreen (or under ``xvfb-run -a`` with ``QT_QPA_PLATFORM=xcb``) on a fresh demo database in a
temporary folder; the user's own settings and databases are not touched.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_temp = Path(tempfile.mkdtemp(prefix="secretariat-shots-"))
os.environ["SECRETARIAT_CONFIG_DIR"] = str(_temp / "config")
os.environ["SECRETARIAT_LOG_DIR"] = str(_temp / "logs")

import openpyxl  # noqa: E402
from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from secretariat_app.core.i18n import set_language  # noqa: E402
from secretariat_app.core.services.decision_snapshot import load_snapshot  # noqa: E402
from secretariat_app.exchange.columns import EXECUTOR_REPORT  # noqa: E402
from secretariat_app.exchange.executor_report import export_executor_report  # noqa: E402
from secretariat_app.ui.app import open_target  # noqa: E402
from secretariat_app.ui.context import AppContext, ChangeBus  # noqa: E402
from secretariat_app.ui.decisions_page import DecisionsPage  # noqa: E402
from secretariat_app.ui.editor.dialogs import ConflictDialog, ProgressEntryDialog, describe  # noqa: E402
from secretariat_app.ui.editor.window import DecisionEditor  # noqa: E402
from secretariat_app.ui.import_dialog import ImportDialog  # noqa: E402
from secretariat_app.ui.main_window import MainWindow, switch_language  # noqa: E402
from secretariat_app.ui.tasks import TaskRunner  # noqa: E402
from secretariat_app.ui.views.forums_view import ForumEditor, load_forum_rows  # noqa: E402
from secretariat_app.ui.views.report_dialog import ReportDialog  # noqa: E402
from secretariat_app.ui.welcome import WelcomeDialog  # noqa: E402

DEMO_TODAY = dt.date(2026, 11, 25)
GUIDE = Path(__file__).resolve().parent.parent / "secretariat_app" / "resources" / "guide"


def settle(app: QApplication) -> None:
    for _round in range(5):
        app.processEvents()


def save(widget: QWidget, folder: Path, name: str, app: QApplication) -> None:
    widget.show()
    settle(app)
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def save_small(widget: QWidget, folder: Path, name: str, app: QApplication, wait: float = 0.0) -> None:
    """A guide picture: the widget as shown, in 256 colours (plain UI loses nothing visible);
    ``wait`` seconds more for what paints itself later (the PDF preview renders on a timer)."""
    widget.show()
    settle(app)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    image = widget.grab().toImage()
    small = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither)
    path = folder / f"{name}.png"
    small.save(str(path), "PNG", 0)
    print(path, f"{path.stat().st_size // 1024} KB")


def fill_executor_row(path: Path) -> None:
    """Answer the first decision of an executor's workbook, as the region would before sending it back."""
    book = openpyxl.load_workbook(path)
    sheet = book[EXECUTOR_REPORT]
    columns = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(row=3, column=columns["done"], value="Проведено совещание, подготовлен план работ.")
    sheet.cell(row=3, column=columns["letter_number"], value="01-12/345")
    sheet.cell(row=3, column=columns["letter_date"], value=DEMO_TODAY)
    book.save(path)


def fill_progress(dialog: ProgressEntryDialog) -> None:
    """A letter from the region as a clerk would enter it."""
    dialog.entry_date.setDate(DEMO_TODAY)
    dialog.executor.setCurrentIndex(min(1, dialog.executor.count() - 1))
    dialog.status.setCurrentIndex(max(0, dialog.status.findData("in_progress")))
    dialog.letter_number.setText("01-12/345")
    dialog.letter_date.setDate(DEMO_TODAY - dt.timedelta(days=3))
    dialog.notes["ru"].setPlainText("Проведено совещание, подготовлен план работ.")
    dialog.notes["kk"].setPlainText("Кеңес өткізілді, жұмыс жоспары дайындалды.")
    dialog.next_steps["ru"].setPlainText("Согласовать план с министерством.")
    dialog.next_steps["kk"].setPlainText("Жоспарды министрлікпен келісу.")


def guide_pictures(app: QApplication) -> None:
    """The pictures the guide shows, one set per language, from the same demo database."""
    (_temp / "secretariat").mkdir()
    database = open_target(str(_temp / "secretariat" / "secretariat.sqlite3"), demo=True, today=DEMO_TODAY)
    runner = TaskRunner()
    runner.synchronous = True
    context = AppContext(database, runner, ChangeBus())
    set_language("ru")
    window = MainWindow(context)
    window.resize(1100, 680)
    page = window.page("decisions")
    assert isinstance(page, DecisionsPage)
    page.bar.as_of.setDate(QDate(DEMO_TODAY))
    workbook = _temp / "secretariat" / "orenburg.xlsx"
    export_executor_report(database, "RU-ORE", workbook, when=DEMO_TODAY)
    fill_executor_row(workbook)
    for lang in ("ru", "kk", "en"):
        folder = GUIDE / lang / "images"
        folder.mkdir(parents=True, exist_ok=True)
        switch_language(context, lang)
        window.show_page("decisions")
        page.bar.overdue.setChecked(True)
        save_small(window, folder, "decisions", app)
        page.bar.overdue.setChecked(False)
        window.show_page("dashboard")
        save_small(window, folder, "dashboard", app)
        window.show_page("decisions")
        decision_id = page.model.decision_id(0)
        assert decision_id is not None
        editor = DecisionEditor(context, decision_id, window)
        editor.resize(1000, 680)
        save_small(editor, folder, "editor", app)
        snapshot = load_snapshot(database, decision_id)
        progress = ProgressEntryDialog(
            [(a.executor_id, a.names) for a in snapshot.assignments],
            DEMO_TODAY.replace(year=2020),
            None,
            window,
        )
        fill_progress(progress)
        progress.resize(720, 470)
        save_small(progress, folder, "progress", app)
        progress.hide()  # closing asks about the typed text first
        editor.close()
        forum = max(load_forum_rows(context, DEMO_TODAY), key=lambda row: row.number)
        forum_editor = ForumEditor(context, forum, window)
        save_small(forum_editor, folder, "forum", app)
        forum_editor.close()
        report = ReportDialog(context, window)
        report.resize(1000, 660)
        report.form.as_of.setDate(QDate(DEMO_TODAY))
        report.form.output.setText(str(_temp / "secretariat" / f"report-forum-XII-{lang}.pdf"))
        report.form.generate()
        save_small(report, folder, "report", app, wait=2.0)
        report.close()
        importing = ImportDialog(context, window)
        importing.resize(860, 480)
        importing.set_file(workbook)
        importing.check()
        save_small(importing, folder, "import", app)
        importing.close()
    window.close()
    database.dispose()


def main(argv: list[str]) -> int:
    if argv[1:] == ["--guide"]:
        guide_app = QApplication.instance() or QApplication([])
        assert isinstance(guide_app, QApplication)
        guide_pictures(guide_app)
        os._exit(0)  # PySide6 can crash while tearing the widgets down at exit; the files are written
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    database = open_target(str(_temp / "demo.sqlite3"), demo=True, today=DEMO_TODAY)
    runner = TaskRunner()
    runner.synchronous = True
    context = AppContext(database, runner, ChangeBus())
    set_language("ru")
    window = MainWindow(context)
    window.resize(1400, 860)
    page = window.page("decisions")
    assert isinstance(page, DecisionsPage)
    page.bar.as_of.setDate(QDate(DEMO_TODAY))
    for lang in ("ru", "kk"):
        switch_language(context, lang)
        page.bar.overdue.setChecked(False)
        save(window, folder, f"main_window_{lang}", app)
        page.bar.overdue.setChecked(True)
        save(window, folder, f"decisions_overdue_{lang}", app)
        decision_id = page.model.decision_id(0)
        assert decision_id is not None
        editor = DecisionEditor(context, decision_id, window)
        editor.resize(1100, 780)
        save(editor, folder, f"decision_editor_{lang}", app)
        editor.tabs.setCurrentIndex(1)
        save(editor, folder, f"decision_editor_progress_{lang}", app)
        snapshot = load_snapshot(database, decision_id)
        progress = ProgressEntryDialog(
            [(a.executor_id, a.names) for a in snapshot.assignments],
            DEMO_TODAY.replace(year=2020),
            None,
            window,
        )
        save(progress, folder, f"add_progress_{lang}", app)
        progress.hide()  # closing asks about the typed text first
        conflict = ConflictDialog(describe(editor.decision_input()), describe(snapshot), window)
        save(conflict, folder, f"conflict_{lang}", app)
        conflict.close()
        editor.close()
        new_editor = DecisionEditor(context, None, window)
        new_editor.resize(1100, 780)
        save(new_editor, folder, f"new_decision_{lang}", app)
        new_editor.close()
        welcome = WelcomeDialog()
        save(welcome, folder, f"welcome_{lang}", app)
        welcome.close()
        guide = window.open_guide("progress")
        guide.resize(1100, 700)  # as on a 1366×768 screen (the offscreen one is smaller)
        save(guide, folder, f"help_{lang}", app)
        guide.close()
    window.close()
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
