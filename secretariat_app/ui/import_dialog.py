"""File → Import…: choose a workbook or a CSV file, see what it would add and update and every
problem with its place, and only then write it — in one transaction, or not at all.

Checking (:func:`plan_import`) and writing (:func:`apply_import`) run on workers with a progress
bar and Cancel; a cancelled import writes nothing. After an import the bus is told once, so every
page refreshes itself.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.errors import SecretariatError
from secretariat_app.core.i18n import N_, _, format_number, ngettext
from secretariat_app.core.services.changes import Changes
from secretariat_app.exchange import (
    Counts,
    CsvOptions,
    ImportPlan,
    ImportProblemsError,
    ImportSummary,
    Problem,
)
from secretariat_app.exchange.preview import OUTCOMES, RowGroup, row_groups
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.jobs import Job, JobHandle
from secretariat_app.ui.screen_fit import resize_to_fit

Index = QModelIndex | QPersistentModelIndex

#: The kinds of record an import counts, in the order they are shown, and the table each touches.
KIND_NAMES = {
    "forums": N_("Forums"),
    "decisions": N_("Decisions"),
    "assignments": N_("Assignments"),
    "progress": N_("Progress entries"),
    "agencies": N_("Agencies"),
}
KIND_TABLES = {
    "forums": "forum",
    "decisions": "decision",
    "assignments": "assignment",
    "progress": "progress_entry",
    "agencies": "executor",
}
FILE_KINDS = {
    "workbook": N_("Workbook of the secretariat"),
    "csv": N_("CSV table of decisions"),
    "executor_report": N_("Report returned by a region or agency"),
}
OPEN_FILTER = N_("Excel, LibreOffice or CSV files (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)")
ENCODINGS = (("", N_("detect")), ("utf-8", "UTF-8"), ("cp1251", "Windows-1251"))
DELIMITERS = (("", N_("detect")), (";", N_("semicolon ;")), (",", N_("comma ,")), ("\t", N_("tab")))
CSV_SUFFIXES = (".csv", ".txt")


def changes_of(counts: dict[str, Counts]) -> Changes:
    """What an import changed, for the bus: the tables touched (the ids are not collected).

    Assignments and progress entries change a decision's effective status, so they touch
    decisions too."""
    changes = Changes()
    for kind, count in counts.items():
        table = KIND_TABLES.get(kind)
        if table is None:
            continue
        if count.added:
            changes.created.setdefault(table, set())
        if count.updated:
            changes.updated.setdefault(table, set())
        if (count.added or count.updated) and kind in ("assignments", "progress"):
            changes.updated.setdefault("decision", set())
    return changes


class _TranslatedTable(QAbstractTableModel):
    """A small table whose headers (marked with ``N_``) and cells are translated when shown, so a
    language switch only has to tell the views to ask again."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.HEADERS[section]) if 0 <= section < len(self.HEADERS) else None
        return None

    def language_changed(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.HEADERS) - 1))


class CountsModel(_TranslatedTable):
    """Per kind of record: how many would be (or were) added, updated, left unchanged."""

    HEADERS = (N_("Records"), N_("New"), N_("Changed"), N_("Unchanged"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, Counts]] = []

    def set_counts(self, counts: dict[str, Counts] | None) -> None:
        self.beginResetModel()
        self.rows = [
            (kind, counts[kind])
            for kind in KIND_NAMES
            if counts
            and kind in counts
            and (counts[kind].added or counts[kind].updated or counts[kind].unchanged)
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind, count = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return _(KIND_NAMES[kind])
            return format_number((count.added, count.updated, count.unchanged)[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ProblemsModel(_TranslatedTable):
    """Every problem of the file with its place: sheet, row, column, and the reason, translated
    when shown (so a language switch rewrites the reasons too)."""

    HEADERS = (N_("Sheet"), N_("Row"), N_("Column"), N_("Problem"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def set_problems(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        """The plan's problems in its order (the file's: sheet, row, column), then its warnings
        (accepted, but worth a look), marked as such."""
        self.beginResetModel()
        self.problems = list(problems)
        self.warnings = list(warnings or [])
        self.endResetModel()

    @property
    def entries(self) -> list[Problem]:
        return self.problems + self.warnings

    def is_warning(self, row: int) -> bool:
        return row >= len(self.problems)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems) + len(self.warnings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entries = self.entries
        if not index.isValid() or not 0 <= index.row() < len(entries):
            return None
        found = entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            try:
                if column == 0:
                    return found.sheet or _("whole file")
                if column == 1:
                    return "" if found.row is None else str(found.row)
                if column == 2:
                    return found.column_title
                if self.is_warning(index.row()):
                    return _("Warning: {message}").format(message=found.message())
                return found.message()
            except Exception:  # a broken translation must not break the list
                return str(found.error.msgid)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            try:
                return found.describe()
            except Exception:
                return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    return view


class ImportDialog(QDialog):
    """Choose a file → check it (the preview) → Import. Nothing is written before Import."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.job: Job[Any] | None = None
        self.stage = ""  # "check" or "import" while a job runs
        self._close_when_done = False
        self._status_text: tuple[str, dict[str, Any]] = ("", {})
        self._status_error: BaseException | None = None

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.textChanged.connect(self._forget_plan)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        file_row.addWidget(self.check_button)
        self.encoding = QComboBox()
        for value, _text in ENCODINGS:
            self.encoding.addItem("", value)
        self.delimiter = QComboBox()
        for value, _text in DELIMITERS:
            self.delimiter.addItem("", value)
        self.encoding.currentIndexChanged.connect(self._forget_plan)
        self.delimiter.currentIndexChanged.connect(self._forget_plan)
        csv_row = QHBoxLayout()
        self.encoding_label = QLabel()
        self.encoding_label.setBuddy(self.encoding)
        self.delimiter_label = QLabel()
        self.delimiter_label.setBuddy(self.delimiter)
        csv_row.addWidget(self.encoding_label)
        csv_row.addWidget(self.encoding)
        csv_row.addSpacing(16)
        csv_row.addWidget(self.delimiter_label)
        csv_row.addWidget(self.delimiter)
        csv_row.addStretch(1)
        self.file_label = QLabel()
        self.file_label.setBuddy(self.path)
        self.csv_label = QLabel()
        form = QFormLayout()
        form.addRow(self.file_label, file_row)
        form.addRow(self.csv_label, csv_row)

        self.kind_label = QLabel()
        self.kind_label.setWordWrap(True)
        self.counts_model = CountsModel(self)
        self.counts_view = _table(self.counts_model)
        #: Which rows of each sheet are new, changed or unchanged; a branch per sheet, collapsed.
        self.rows_view = QTreeWidget()
        self.rows_view.setHeaderHidden(True)
        self.rows_view.setColumnCount(1)
        self.rows_view.setMaximumHeight(160)
        self.row_groups: list[RowGroup] = []
        header = self.counts_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        row_height = self.fontMetrics().height() + 10
        self.counts_view.verticalHeader().setDefaultSectionSize(row_height)
        self.counts_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_model = ProblemsModel(self)
        self.problems_view = _table(self.problems_model)
        header = self.problems_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((110, 60, 110)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.problems_view.verticalHeader().setDefaultSectionSize(row_height)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_problems)
        problems_head = QHBoxLayout()
        problems_head.addWidget(self.problems_label, 1)
        problems_head.addWidget(self.copy_button)

        self.filler = QWidget()  # takes the room the problems list leaves when there is none
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.counts_view)
        layout.addWidget(self.rows_view)
        layout.addLayout(problems_head)
        layout.addWidget(self.problems_view, 1)
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        for first, second in (
            (self.path, self.browse),
            (self.browse, self.check_button),
            (self.check_button, self.encoding),
            (self.encoding, self.delimiter),
            (self.delimiter, self.counts_view),
            (self.counts_view, self.problems_view),
            (self.problems_view, self.copy_button),
            (self.copy_button, self.import_button),
            (self.import_button, self.close_button),
        ):
            self.setTabOrder(first, second)

        context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        self._update_controls()
        resize_to_fit(self, QSize(860, 620))

    # --- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from Excel or CSV"))
        self.intro.setText(
            _(
                "Choose a workbook (XLSX, ODS, XLS) or a CSV file and check it. You will see what it "
                "adds and changes and every problem in it. Nothing is written until you press Import, "
                "and a file with problems is not imported at all."
            )
        )
        self.file_label.setText(_("File:"))
        self.path.setAccessibleName(_("File to import"))
        self.path.setPlaceholderText(_("Choose a file…"))
        self.browse.setText(_("Choose…"))
        self.browse.setAccessibleName(_("Choose the file"))
        self.check_button.setText(_("Check the file"))
        self.check_button.setAccessibleName(_("Check the file"))
        self.csv_label.setText(_("CSV file:"))
        self.encoding_label.setText(_("Encoding:"))
        self.encoding.setAccessibleName(_("Encoding of the CSV file"))
        self.delimiter_label.setText(_("Separator:"))
        self.delimiter.setAccessibleName(_("Separator of the CSV file"))
        for combo, options in ((self.encoding, ENCODINGS), (self.delimiter, DELIMITERS)):
            for index, (_value, text) in enumerate(options):
                combo.setItemText(index, _(text))
        self.counts_view.setAccessibleName(_("What the file adds and changes"))
        self.rows_view.setAccessibleName(_("Which rows are new, changed or unchanged"))
        self._show_rows()
        self.problems_view.setAccessibleName(_("Problems found in the file"))
        self.copy_button.setText(_("Copy the list"))
        self.copy_button.setAccessibleName(_("Copy the list of problems"))
        self.import_button.setText(_("Import"))
        self.import_button.setAccessibleName(_("Import"))
        self.close_button.setText(_("Close"))
        self.close_button.setAccessibleName(_("Close"))
        self.counts_model.language_changed()
        self.problems_model.language_changed()
        self._show_result()
        self._show_status()

    def _set_status(self, msgid: str, error: BaseException | None = None, **params: Any) -> None:
        """Show a message (translated now and again on a language switch), or an error's message."""
        self._status_text, self._status_error = (msgid, params), error
        self._show_status()

    def _show_status(self) -> None:
        msgid, params = self._status_text
        if self._status_error is not None:
            self.status.setText(str(self._status_error))
        else:
            self.status.setText(_(msgid).format(**params) if msgid else "")

    def _show_result(self) -> None:
        """The kind of file and the headline above the tables, for the plan or the summary."""
        plan = self.plan
        if self.summary is not None:
            self.kind_label.setText(_("Imported. What was written:"))
            self.problems_label.setText("")
            return
        if plan is None:
            self.kind_label.setText(_("Choose a file and press Check the file to see what it contains."))
            self.problems_label.setText("")
            return
        kind = _(FILE_KINDS.get(plan.kind, FILE_KINDS["workbook"]))
        if plan.problems:
            self.kind_label.setText(_("{kind}: {name}").format(kind=kind, name=plan.path.name))
            self.problems_label.setText(
                ngettext(
                    "{count} problem found. Correct it in the file, save it and check again; nothing can be imported until then.",
                    "{count} problems found. Correct them in the file, save it and check again; nothing can be imported until then.",
                    len(plan.problems),
                ).format(count=format_number(len(plan.problems)))
            )
        elif not plan.changes_anything:
            self.kind_label.setText(_("{kind}: {name}").format(kind=kind, name=plan.path.name))
            self.problems_label.setText(_("No problems. The database already holds everything in this file."))
        else:
            self.kind_label.setText(
                _("{kind}: {name}. Press Import to write it:").format(kind=kind, name=plan.path.name)
            )
            if plan.warnings:
                self.problems_label.setText(
                    ngettext(
                        "No problems found; {count} warning: look at it before you import.",
                        "No problems found; {count} warnings: look at them before you import.",
                        len(plan.warnings),
                    ).format(count=format_number(len(plan.warnings)))
                )
            else:
                self.problems_label.setText(_("No problems found."))

    # --- choosing and checking ------------------------------------------------------------------

    def choose_file(self) -> None:
        start = self.path.text().strip() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import from Excel or CSV"), start, _(OPEN_FILTER)
        )
        if path:
            self.set_file(path)
            self.check()

    def set_file(self, path: str | Path) -> None:
        self.path.setText(str(path))

    def csv_options(self) -> CsvOptions:
        return CsvOptions(
            encoding=self.encoding.currentData() or None, delimiter=self.delimiter.currentData() or None
        )

    def _forget_plan(self) -> None:
        if self.running:
            return
        self.plan = None
        self.summary = None
        self.counts_model.set_counts(None)
        self._set_rows([])
        self.problems_model.set_problems([])
        self._set_status("")
        self._show_result()
        self._update_controls()

    def check(self) -> None:
        """Read and check the file on a worker: the preview. Nothing is written."""
        text = self.path.text().strip()
        if not text or self.running:
            return
        self._forget_plan()
        path, options, database = Path(text), self.csv_options(), self.context.database

        def work(job: JobHandle) -> ImportPlan:
            from secretariat_app.exchange import plan_import

            return plan_import(
                database,
                path,
                csv_options=options,
                progress=job.progress,
                cancelled=job.cancelled,
                separate_process=True,  # a reader that crashes must not take the window down
            )

        self._start("check", N_("Checking the file…"), work, self._checked, write=False)

    def _checked(self, plan: ImportPlan) -> None:
        self.plan = plan
        # with problems nothing is imported, so counts of the rows that are right would mislead
        self.counts_model.set_counts(None if plan.problems or plan.parsed is None else plan.counts)
        self._set_rows([] if plan.problems or plan.parsed is None else row_groups(plan.counts, plan.kind))
        self.problems_model.set_problems(plan.problems, plan.warnings)
        if plan.problems:
            self._set_status(N_("Nothing was written."))
        else:
            self._set_status("")

    # --- importing ------------------------------------------------------------------------------

    def start_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok or not plan.changes_anything or self.running:
            return
        database = self.context.database

        def work(job: JobHandle) -> ImportSummary:
            from secretariat_app.exchange import apply_import

            return apply_import(
                database,
                plan,
                progress=job.progress,
                cancelled=job.cancelled,
            )

        self._start("import", N_("Importing… (Cancel writes nothing)"), work, self._imported, write=True)

    def _imported(self, summary: ImportSummary) -> None:
        self.plan = None
        self.summary = summary
        self.counts_model.set_counts(summary.counts)
        self._set_rows([])
        self.problems_model.set_problems([])
        self._set_status(N_("The import is complete."))
        self.context.bus.announce(changes_of(summary.counts))

    # --- running --------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return bool(self.stage)

    def _start(self, stage: str, message: str, work: Any, on_done: Any, *, write: bool) -> None:
        """Run a check or the import through the job controller (its dialog has the bar and
        Cancel); the outcome is shown in this dialog's status line."""
        self.stage = stage
        self._set_status(message)
        self._update_controls()

        def done(result: Any) -> None:
            self._stopped()
            on_done(result)
            self._after()

        def cancelled() -> None:
            self._stopped()
            self._set_status(N_("The import was cancelled; nothing was written."))
            self._after()

        def failed(error: BaseException) -> None:
            self._stopped()
            if isinstance(error, ImportProblemsError) and self.plan is not None:
                # another user wrote meanwhile: the records concerned, each at its place
                self.plan = replace(self.plan, problems=error.problems)
                self.counts_model.set_counts(None)
                self.problems_model.set_problems(error.problems)
                self._set_status(N_("Nothing was written."))
            else:
                self._set_status("", error=error if isinstance(error, SecretariatError) else None)
                present_error(self, error)
            self._after()

        self.job = Job(self.context, self, N_("Import from Excel or CSV"), message, write=write)
        self.job.start(work, done, on_error=failed, on_cancelled=cancelled)

    def _stopped(self) -> None:
        self.stage = ""

    def _after(self) -> None:
        self._show_result()
        self._update_controls()
        if self._close_when_done:
            super().reject()

    def cancel(self) -> None:
        if not self.running or self.job is None:
            return
        self._set_status(N_("Cancelling…"))
        self.job.cancel()

    def reject(self) -> None:
        """Close; while a job runs, cancel it first and close when it has stopped."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def _update_controls(self) -> None:
        running = self.running
        plan = self.plan
        has_path = bool(self.path.text().strip())
        is_csv = self.path.text().strip().lower().endswith(CSV_SUFFIXES)
        self.path.setEnabled(not running)
        self.browse.setEnabled(not running)
        self.check_button.setEnabled(has_path and not running)
        for widget in (
            self.encoding,
            self.delimiter,
            self.encoding_label,
            self.delimiter_label,
            self.csv_label,
        ):
            widget.setEnabled(is_csv and not running)
        ready = plan is not None and plan.ok and plan.changes_anything
        self.import_button.setEnabled(ready and not running)
        self.import_button.setDefault(ready)
        self.check_button.setDefault(not ready)
        listed = bool(self.problems_model.entries)
        self.copy_button.setVisible(listed)
        self.problems_view.setVisible(listed)
        self.filler.setVisible(not listed)
        rows = self.counts_model.rowCount()
        self.counts_view.setVisible(rows > 0)
        height = self.counts_view.horizontalHeader().sizeHint().height()
        self.counts_view.setFixedHeight(
            height + rows * self.counts_view.verticalHeader().defaultSectionSize() + 4
        )

    def _set_rows(self, groups: list[RowGroup]) -> None:
        self.row_groups = groups
        self._show_rows()

    def _show_rows(self) -> None:
        """A branch per sheet ("Decisions, sheet decisions"), a leaf per outcome with its rows."""
        self.rows_view.clear()
        branches: dict[tuple[str, str], QTreeWidgetItem] = {}
        for group in self.row_groups:
            branch = branches.get((group.kind, group.sheet))
            if branch is None:
                title = _("{records}, sheet {sheet}").format(
                    records=_(KIND_NAMES[group.kind]), sheet=group.sheet
                )
                branch = QTreeWidgetItem(self.rows_view, [title])
                branches[(group.kind, group.sheet)] = branch
            text = _("{outcome}: rows {rows}").format(outcome=_(OUTCOMES[group.outcome]), rows=group.ranges)
            QTreeWidgetItem(branch, [text])
        self.rows_view.setVisible(bool(self.row_groups))

    def copy_problems(self) -> None:
        """Put every problem, one a line with its place, on the clipboard (to mail or paste)."""
        lines = [found.describe() for found in self.problems_model.entries]
        QGuiApplication.clipboard().setText("\n".join(lines))
