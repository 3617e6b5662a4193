"""Writing Excel and CSV files from the window: the decisions the Decisions page shows, the empty
import template, and one region's or agency's workbook to be filled in and sent back.

The file is written on a worker into a temporary file beside the chosen one, and only put in
place when the job was not cancelled: Cancel never leaves a half-written file, and a file that was
there before stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.atomic import atomic_write
from secretariat_app.core.i18n import N_, _, get_language, sort_key
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import Choices, ExecutorChoice, load_choices
from secretariat_app.core.services.queries import DecisionFilter
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.jobs import Job, JobCancelled, JobHandle, run_job
from secretariat_app.ui.screen_fit import resize_to_fit

R = TypeVar("R")

XLSX_FILTER = N_("Excel workbook (*.xlsx)")
CSV_FILTER = N_("CSV table, semicolon-separated (*.csv)")


def write_in_place(target: Path, write: Callable[[Path], R], cancelled: Callable[[], bool]) -> R:
    """Call ``write(temporary)`` and move the result onto ``target`` unless the job was cancelled
    (the core's :func:`atomic_write`: a failure or a cancel leaves ``target`` as it was).

    Runs on a worker. The temporary file keeps the target's suffix (it decides the format)."""
    with atomic_write(target) as temporary:
        result = write(temporary)
        if cancelled():
            raise JobCancelled()
    return result


def ask_save_path(parent: QWidget | None, title: str, default: Path, filters: tuple[str, ...]) -> Path | None:
    """Ask where to save; the suffix of the chosen filter is added when the name has none."""
    shown = [_(f) for f in filters]
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(default), ";;".join(shown))
    if not path:
        return None
    target = Path(path)
    suffixes = {".xlsx": XLSX_FILTER, ".csv": CSV_FILTER}
    if target.suffix.lower() not in [s for s, f in suffixes.items() if f in filters]:
        wanted = next((s for s, f in suffixes.items() if _(f) == chosen), None)
        target = target.with_name(target.name + (wanted or ".xlsx"))
    window_state.remember_output_folder(target.parent)
    return target


# --- the three exports -------------------------------------------------------------------------


def export_decisions_dialog(
    context: AppContext, parent: QWidget | None, flt: DecisionFilter, when: dt.date | None = None
) -> Job[Any] | None:
    """File → Export…: the decisions ``flt`` selects (what the Decisions page shows), to XLSX or CSV."""
    target = ask_save_path(
        parent,
        _("Export the decisions shown"),
        window_state.output_folder() / f"decisions-{dt.date.today().isoformat()}.xlsx",
        (XLSX_FILTER, CSV_FILTER),
    )
    if target is None:
        return None
    database = context.database

    def work(job: JobHandle) -> int:
        from secretariat_app.exchange import export_decisions

        return write_in_place(
            target, lambda path: export_decisions(database, path, flt, when=when).decisions, job.cancelled
        )

    def done(count: int) -> None:
        QMessageBox.information(
            parent, _("Export"), _("Exported {count} decision(s) to {path}").format(count=count, path=target)
        )

    return run_job(
        context,
        parent,
        N_("Export"),
        N_("Writing the decisions shown to the file…"),
        work,
        done,
        help_section="exchange",
    )


def save_template_dialog(context: AppContext, parent: QWidget | None) -> Job[Any] | None:
    """File → Save import template…: an empty workbook with instructions and drop-down lists."""
    target = ask_save_path(
        parent,
        _("Save the import template"),
        window_state.output_folder() / "import-template.xlsx",
        (XLSX_FILTER,),
    )
    if target is None:
        return None

    def work(job: JobHandle) -> Path:
        from secretariat_app.exchange import write_template

        write_in_place(target, write_template, job.cancelled)
        return target

    def done(path: Path) -> None:
        QMessageBox.information(
            parent, _("Import template"), _("Import template written: {path}").format(path=path)
        )

    return run_job(
        context,
        parent,
        N_("Import template"),
        N_("Writing the import template…"),
        work,
        done,
        help_section="exchange",
    )


def _file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-.") or "report"


class ExecutorExportDialog(QDialog):
    """File → Export for a region or agency…: its open decisions in a workbook to fill in."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.choices: Choices | None = None
        self.job: Job[Any] | None = None
        self._suggested = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.executor = QComboBox()
        self.executor.setMinimumContentsLength(30)
        self.executor.currentIndexChanged.connect(self._suggest_name)
        self.output = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output, 1)
        output_row.addWidget(self.browse)
        self.executor_label = QLabel()
        self.executor_label.setBuddy(self.executor)
        self.output_label = QLabel()
        self.output_label.setBuddy(self.output)
        form = QFormLayout()
        form.addRow(self.executor_label, self.executor)
        form.addRow(self.output_label, output_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.clicked.connect(self.export)
        self.export_button.setDefault(True)  # Enter exports; the file chooser has its own button
        self.browse.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.executor, self.output)
        self.setTabOrder(self.output, self.browse)
        self.setTabOrder(self.browse, self.export_button)
        context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        resize_to_fit(self, QSize(560, 200))
        context.runner.run(lambda _h: load_choices(context.database), self._choices_loaded)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export for a region or agency"))
        self.intro.setText(
            _(
                "The workbook lists the open decisions assigned to the region or agency, with columns "
                "for its report. Send it to them; when it comes back filled in, import it "
                "(File → Import…)."
            )
        )
        self.executor_label.setText(_("Region or agency:"))
        self.executor.setAccessibleName(_("Region or agency"))
        self.output_label.setText(_("File:"))
        self.output.setAccessibleName(_("File"))
        self.browse.setText(_("Choose…"))
        self.browse.setAccessibleName(_("Choose the file"))
        self.export_button.setText(_("Export"))
        self.export_button.setAccessibleName(_("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self._fill()

    def _choices_loaded(self, choices: Choices) -> None:
        self.choices = choices
        self._fill()

    def _fill(self) -> None:
        if self.choices is None:
            return
        lang = get_language()
        kept = self.executor.currentData()

        def name(entry: ExecutorChoice) -> str:
            return name_in(entry.names, lang)

        regions = sorted((e for e in self.choices.executors if e.code), key=lambda e: sort_key(name(e), lang))
        agencies = sorted(
            (e for e in self.choices.executors if not e.code), key=lambda e: sort_key(name(e), lang)
        )
        self.executor.blockSignals(True)
        self.executor.clear()
        for entry in regions:
            self.executor.addItem(f"{name(entry)} ({entry.code})", entry.code)
        if regions and agencies:
            self.executor.insertSeparator(self.executor.count())
        for entry in agencies:
            self.executor.addItem(name(entry), entry.names["ru"])
        self.executor.setCurrentIndex(max(0, self.executor.findData(kept)) if kept else 0)
        self.executor.blockSignals(False)
        self._suggest_name()

    def select(self, code_or_name: str) -> None:
        self.executor.setCurrentIndex(max(0, self.executor.findData(code_or_name)))

    def _suggest_name(self) -> None:
        value = self.executor.currentData()
        if value is None:
            return
        current = self.output.text().strip()
        if current and current != self._suggested:
            return  # the clerk chose a file: keep it
        folder = Path(current).parent if current else window_state.output_folder()
        suggested = str(folder / f"{_file_name(str(value))}-{dt.date.today().isoformat()}.xlsx")
        self._suggested = suggested
        self.output.setText(suggested)

    def choose_output(self) -> None:
        target = ask_save_path(
            self, _("Save the workbook for the region or agency"), Path(self.output.text()), (XLSX_FILTER,)
        )
        if target is not None:
            self.output.setText(str(target))

    def export(self) -> None:
        value = self.executor.currentData()
        text = self.output.text().strip()
        if value is None or not text:
            return
        target = Path(text).expanduser()
        if not target.is_absolute():
            target = window_state.output_folder() / target
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        window_state.remember_output_folder(target.parent)
        database = self.context.database

        def work(job: JobHandle) -> int:
            from secretariat_app.exchange import export_executor_report

            return write_in_place(
                target,
                lambda path: export_executor_report(database, str(value), path).decisions,
                job.cancelled,
            )

        def done(count: int) -> None:
            QMessageBox.information(
                self,
                _("Export for a region or agency"),
                _(
                    "{count} open decision(s) written to {path}; send it to the executor and import it "
                    "when it returns."
                ).format(count=count, path=target),
            )

        self.job = run_job(
            self.context, self, N_("Export for a region or agency"), N_("Writing the workbook…"), work, done
        )
