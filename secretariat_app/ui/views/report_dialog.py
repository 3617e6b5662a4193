"""Printing reports: the form (kind, forum, languages, layout, date, region, file), generation on
a worker through the job controller (progress bar and Cancel), and the result in an in-app preview.

The same :class:`ReportForm` is the Reports page and the body of the Report dialog. The reports
package is imported inside the job, so the window starts without loading ReportLab.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
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
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import ExecutorKind
from secretariat_app.core.i18n import (
    N_,
    _,
    format_date,
    get_language,
    ngettext,
    roman,
    sort_key,
)
from secretariat_app.core.names import place_name
from secretariat_app.core.services import directory, forums
from secretariat_app.core.services.changes import Changes
from secretariat_app.reports import MissingTextsError
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.editor.common import language_title
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.jobs import Job, JobHandle
from secretariat_app.ui.screen_fit import resize_to_fit
from secretariat_app.ui.today import FollowsToday
from secretariat_app.ui.views.pdf_preview import PdfPreview
from secretariat_app.ui.widgets.date_field import DateField

KINDS = {
    "progress": N_("Progress report"),
    "resolutions": N_("Decisions adopted at the forum"),
    "reminders": N_("Reminder letters to executors"),
}
LAYOUTS = {"parallel": N_("Side by side"), "sequential": N_("One language after the other")}
#: File formats with their labels and the file chooser's filter (reports.FORMATS, in that order).
FORMATS = {
    "pdf": (N_("PDF, to hand out"), N_("PDF documents (*.pdf)")),
    "docx": (N_("Word (DOCX), to edit before signing"), N_("Word documents (*.docx)")),
}
REPORT_LANGUAGES = ("ru", "kk", "en")


@dataclass(frozen=True)
class Choices:
    """What the form offers, read on a worker: forums (number, city) and executors."""

    forums: list[tuple[int, str, str, dt.date]]
    executors: list[tuple[str, str, str, str, str]]  # value, kind, name ru, kk, en
    next_forum: int | None


def load_choices(context: AppContext) -> Choices:
    with context.database.reader() as session:
        forum_rows = [(f.number, f.city_ru, f.city_kk, f.start_date) for f in forums.list_forums(session)]
        upcoming = forums.next_forum(session, dt.date.today())
        next_number = upcoming.number if upcoming else None
        executors = [
            (e.code or e.name_ru, e.kind.value, e.name_ru, e.name_kk, e.name_en)
            for e in directory.list_executors(session)
        ]
    return Choices(forum_rows, executors, next_number)


class ReportForm(QWidget):
    """The report's options, the Generate/Cancel controls and the preview."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, forum_number: int | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.wanted_forum = forum_number
        self.choices: Choices | None = None
        self.job: Job[Any] | None = None
        self.last_result: Any = None

        self.kind = QComboBox()
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # names in full
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.forum = QComboBox()
        self.first_lang = QComboBox()
        self.second_lang = QComboBox()
        self.second_lang.addItem("", "")
        for lang in REPORT_LANGUAGES:
            self.first_lang.addItem(language_title(lang), lang)
            self.second_lang.addItem(language_title(lang), lang)
        self.first_lang.setCurrentIndex(self.first_lang.findData("ru"))
        self.second_lang.setCurrentIndex(self.second_lang.findData("kk"))
        self.second_lang.currentIndexChanged.connect(self._update_layout_choice)
        self.layout_choice = QComboBox()
        for arrangement in LAYOUTS:
            self.layout_choice.addItem("", arrangement)
        self.as_of = DateField()
        self.as_of_follows = FollowsToday(self.as_of, context.today)
        self.region = QComboBox()
        self.region.setEditable(False)
        self.file_format = QComboBox()
        for name in FORMATS:
            self.file_format.addItem("", name)
        self.file_format.currentIndexChanged.connect(self._format_changed)
        self.output = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_output)
        self.where = QLabel()  # the full path the report goes to, so nobody has to guess
        self.where.setWordWrap(True)
        self.where.setStyleSheet("color: #555;")
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.output.textChanged.connect(self._update_where)
        output_line = QHBoxLayout()
        output_line.addWidget(self.output, 1)
        output_line.addWidget(self.browse)
        output_row = QVBoxLayout()
        output_row.setSpacing(2)
        output_row.addLayout(output_line)
        output_row.addWidget(self.where)
        languages_row = QHBoxLayout()
        languages_row.addWidget(self.first_lang)
        languages_row.addWidget(self.second_lang)
        # letters only: one file per addressee; issued (numbered) rather than a draft
        self.split = QCheckBox()
        self.issue = QCheckBox()
        letters_row = QVBoxLayout()
        letters_row.addWidget(self.split)
        letters_row.addWidget(self.issue)
        self.kind.currentIndexChanged.connect(self._update_letter_choices)

        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, field in (
            ("kind", self.kind),
            ("forum", self.forum),
            ("langs", languages_row),
            ("layout", self.layout_choice),
            ("as_of", self.as_of),
            ("region", self.region),
            ("format", self.file_format),
            ("letters", letters_row),
            ("out", output_row),
        ):
            label = QLabel()
            self.labels[key] = label
            form.addRow(label, field)
        self.with_archive = QCheckBox()  # the progress report's annex: every decision, closed ones too
        form.insertRow(form.rowCount() - 1, self.with_archive)
        self.labels["kind"].setBuddy(self.kind)
        self.labels["forum"].setBuddy(self.forum)
        self.labels["langs"].setBuddy(self.first_lang)
        self.labels["layout"].setBuddy(self.layout_choice)
        self.labels["as_of"].setBuddy(self.as_of)
        self.labels["region"].setBuddy(self.region)
        self.labels["format"].setBuddy(self.file_format)
        self.labels["out"].setBuddy(self.output)

        self.generate_button = QPushButton()
        self.generate_button.setDefault(True)
        self.generate_button.clicked.connect(self.generate)
        self.browse.setAutoDefault(False)  # Enter anywhere in the form means Generate (keyPressEvent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.generate_button)
        run_row.addStretch(1)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")

        options = QWidget()
        left = QVBoxLayout(options)
        left.addWidget(self.title)
        left.addLayout(form)
        left.addLayout(run_row)
        left.addWidget(self.status)
        left.addStretch()
        self.preview = PdfPreview()
        self.options_pane = options
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(options)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([460, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(self._on_changed)
        context.bus.database_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    # --- choices --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.context.runner.run(lambda _handle: load_choices(self.context), self._choices_loaded)

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("forum", "executor"):
            self.refresh()

    def _choices_loaded(self, choices: Choices) -> None:
        current = self.forum.currentData()
        self.choices = choices
        self._fill_choices()
        wanted = current or self.wanted_forum or choices.next_forum
        if wanted is None and choices.forums:
            wanted = choices.forums[-1][0]
        index = self.forum.findData(wanted)
        if index >= 0:
            self.forum.setCurrentIndex(index)

    def _fill_choices(self) -> None:
        if self.choices is None:
            return
        lang = get_language()
        forum = self.forum.currentData()
        region = self.region.currentData()
        self.forum.clear()
        for number, city_ru, city_kk, start in self.choices.forums:
            city = place_name({"ru": city_ru, "kk": city_kk}, lang)
            self.forum.addItem(
                _("{number} — {city}, {date}").format(
                    number=roman(number), city=city, date=format_date(start)
                ),
                number,
            )
        self.region.clear()
        self.region.addItem(_("All regions and agencies"), None)
        names = {"ru": 2, "kk": 3, "en": 4}
        for kind in (ExecutorKind.REGION, ExecutorKind.AGENCY):
            entries = [e for e in self.choices.executors if e[1] == kind.value]
            entries.sort(key=lambda e: sort_key(str(e[names[lang]] or e[2]), lang))
            for entry in entries:
                name = entry[names[lang]] or entry[2]
                self.region.addItem(f"{name} ({entry[0]})" if kind is ExecutorKind.REGION else name, entry[0])
        if forum is not None:
            self.forum.setCurrentIndex(max(0, self.forum.findData(forum)))
        if region is not None:
            self.region.setCurrentIndex(max(0, self.region.findData(region)))

    # --- words ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_("Reports"))
        self.as_of.retranslate()
        for key, text in FIELD_LABELS.items():
            self.labels[key].setText(_(text))
            buddy = self.labels[key].buddy()
            if buddy is not None:
                buddy.setAccessibleName(_(text).rstrip(":"))
        self.second_lang.setAccessibleName(_("Second language"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, _(KINDS[self.kind.itemData(index)]))
        for index in range(self.layout_choice.count()):
            self.layout_choice.setItemText(index, _(LAYOUTS[self.layout_choice.itemData(index)]))
        for index in range(self.file_format.count()):
            self.file_format.setItemText(index, _(FORMATS[self.file_format.itemData(index)][0]))
        self.second_lang.setItemText(0, _("(only one language)"))
        for combo in (self.first_lang, self.second_lang):
            for index in range(combo.count()):
                if combo.itemData(index):
                    combo.setItemText(index, language_title(str(combo.itemData(index))))
        self.split.setText(_("one file per addressee, into a folder"))
        self.issue.setText(_("issue: give the letters outgoing numbers"))
        self.output.setPlaceholderText(_("default name"))
        self.browse.setText(_("Choose…"))
        self.with_archive.setText(_("Add the annex with every decision (progress report)"))
        self.browse.setAccessibleName(_("Choose…"))
        self.where.setAccessibleName(_("Where the report is saved"))
        self._update_where()
        self._show_saved()
        self._fit_options()
        self.generate_button.setText(_("Generate"))
        self.preview.retranslate()
        self._fill_choices()
        self._update_layout_choice()
        self._update_letter_choices()

    def _fit_options(self) -> None:
        """The options as wide as their longest words in this language: no cut report names."""
        sizes, needed = self.splitter.sizes(), self.options_pane.sizeHint().width()
        if len(sizes) == 2 and sizes[0] < needed:
            self.splitter.setSizes([needed, max(sum(sizes) - needed, 1)])

    def _update_layout_choice(self) -> None:
        self.layout_choice.setEnabled(bool(self.second_lang.currentData()))

    def _update_letter_choices(self) -> None:
        letters = self.kind.currentData() == "reminders"
        self.split.setEnabled(letters)
        self.issue.setEnabled(letters)

    # --- running --------------------------------------------------------------------------------

    def target(self) -> pathlib.Path | None:
        """The file typed (a bare name goes into the output folder), or ``None`` for the default
        name, which the job puts into :meth:`folder`."""
        typed = self.output.text().strip()
        if not typed:
            return None
        path = pathlib.Path(typed).expanduser()
        return path if path.is_absolute() else self.folder() / path

    @staticmethod
    def folder() -> pathlib.Path:
        return window_state.output_folder()

    def _update_where(self) -> None:
        target = self.target()
        if target is None:
            text = _("Will be saved into {folder} under the default name.").format(folder=self.folder())
        else:
            text = _("Will be saved as {path}").format(path=target)
        self.where.setText(text)

    def choose_output(self) -> None:
        target = self.target()
        start = str(target) if target is not None else str(self.folder())
        chosen = str(self.file_format.currentData())
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as"), start, _(FORMATS[chosen][1])
        )
        if path:
            self.output.setText(path if path.lower().endswith("." + chosen) else path + "." + chosen)

    def _format_changed(self) -> None:
        """A typed file name follows the chosen format (report.pdf becomes report.docx)."""
        typed = self.output.text().strip()
        chosen = str(self.file_format.currentData())
        suffix = pathlib.Path(typed).suffix.lower().lstrip(".")
        if typed and suffix in FORMATS and suffix != chosen:
            self.output.setText(typed[: -len(suffix)] + chosen)

    def langs(self) -> tuple[str, ...]:
        first, second = str(self.first_lang.currentData()), str(self.second_lang.currentData() or "")
        return (first, second) if second and second != first else (first,)

    def options(self) -> dict[str, Any]:
        """The options as plain values (the job turns them into ``ReportOptions``)."""
        out = self.target()
        return {
            "forum_number": self.forum.currentData(),
            "kind": self.kind.currentData(),
            "langs": self.langs(),
            "layout": self.layout_choice.currentData(),
            "as_of": self.as_of_follows.date(),
            "region": self.region.currentData(),
            "out": out,
            "format": self.file_format.currentData(),
            "with_archive": self.with_archive.isChecked(),
            "split": self.split.isEnabled() and self.split.isChecked(),
            "issue": self.issue.isEnabled() and self.issue.isChecked(),
        }

    def generate(self, allow_missing: bool = False) -> None:
        options = self.options() | {"allow_missing": allow_missing}
        if options["forum_number"] is None:
            self.status.setText(_("Record a forum first: a report is about one forum."))
            return
        if self.running:
            return
        database = self.context.database
        folder = self.folder()

        def work(job: JobHandle) -> Any:
            from secretariat_app.reports import ReportOptions, generate_report
            from secretariat_app.reports.generate import default_path

            report_options = ReportOptions(**options)
            if report_options.out is None:  # the default name, in the output folder
                name = default_path(report_options, options["as_of"]).name
                if report_options.split:  # a folder of letters, named as the file would be
                    name = pathlib.Path(name).stem
                report_options = replace(report_options, out=folder / name)
            return generate_report(
                database,
                report_options,
                progress=job.progress,
                cancelled=job.cancelled,
            )

        self.status.setText("")
        self.generate_button.setEnabled(False)
        self.job = Job(self.context, self, N_("Print a report"), N_("Preparing the report…"))
        self.job.start(work, self._done, on_error=self._failed, on_cancelled=self._cancelled)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in any field of the form (that did not use it itself) generates the report, on
        the Reports page as in the dialog; the file chooser is opened only by its own button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.generate_button.isEnabled():
            event.accept()
            self.generate()
            return
        super().keyPressEvent(event)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def _done(self, result: Any) -> None:
        self.generate_button.setEnabled(True)
        self.last_result = result
        window_state.remember_output_folder(pathlib.Path(result.path).parent)
        shown = pathlib.Path(result.files[0] if result.files else result.path)
        self._update_where()
        self._show_saved()
        if result.pages is None:  # a Word document: Word paginates it, the preview shows PDFs only
            self.preview.show_unpreviewed(shown)
        else:
            self.preview.load(shown)

    def _show_saved(self) -> None:
        """ "Saved … (28 pages)" in the interface language, again after a language switch."""
        result = self.last_result
        if result is None:
            return
        if result.pages is None:
            self.status.setText(_("Saved {path}.").format(path=result.path))
            return
        self.status.setText(
            ngettext("Saved {path} ({count} page).", "Saved {path} ({count} pages).", result.pages).format(
                path=result.path, count=result.pages
            )
        )

    def _cancelled(self) -> None:
        self.generate_button.setEnabled(True)
        self.status.setText(_("The report was cancelled; no file was changed."))

    def _failed(self, error: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.status.setText("")
        if isinstance(error, MissingTextsError):
            self._ask_to_print_gaps(error)
            return
        present_error(self, error)

    def _ask_to_print_gaps(self, error: MissingTextsError) -> None:
        """The command's refusal as a question: the list of decisions without a text, and whether
        to print them with the gap marked."""
        question = "\n".join(
            [
                str(error),
                *error.codes(),
                "",
                _("Print the list with these gaps marked? It is not ready to sign until they are filled."),
            ]
        )
        answer = QMessageBox.question(
            self,
            _("Texts are missing"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.generate(allow_missing=True)


FIELD_LABELS = {
    "kind": N_("Report:"),
    "forum": N_("Forum:"),
    "langs": N_("Languages:"),
    "layout": N_("Layout:"),
    "as_of": N_("As of:"),
    "region": N_("Region or agency:"),
    "format": N_("Format:"),
    "letters": N_("Letters:"),
    "out": N_("File:"),
}


class ReportsView(QWidget):
    """The Reports page: the report form on a page of its own."""

    actions_elsewhere = {"new": "decisions", "find": "decisions"}
    new_action_text = N_("&New decision…")
    no_edit_reason = N_("Reports are printed from the data, not edited: change the records on their pages.")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = ReportForm(context, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        context.bus.language_changed.connect(self.retranslate)

    def reload(self) -> None:
        self.form.refresh()

    def retranslate(self) -> None:
        """The form retranslates itself; nothing else on this page shows words."""


class ReportDialog(QDialog):
    """The same form in a dialog (menu Reports → Progress report…)."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        forum_number: int | None = None,
        kind: str = "progress",
    ) -> None:
        super().__init__(parent)
        self.form = ReportForm(context, self, forum_number=forum_number)
        self.form.kind.setCurrentIndex(max(0, self.form.kind.findData(kind)))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        resize_to_fit(self, QSize(1000, 700))

    def retranslate(self) -> None:
        self.setWindowTitle(_("Print a report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))

    def reject(self) -> None:
        if self.form.running:
            self.form.cancel()
        super().reject()
