"""The decision editor's dialogs: one progress report, and the two versions of a decision when
another clerk saved it first."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Status
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import _, format_date, get_language
from secretariat_app.core.names import name_in
from secretariat_app.core.rules import decision_status
from secretariat_app.core.services.decision_snapshot import DecisionSnapshot, ProgressRow
from secretariat_app.core.services.decisions import DecisionInput
from secretariat_app.core.services.progress import (
    NOTE_PARTS,
    NoteInput,
    ProgressInput,
    check_removal_reason,
    validated_progress,
)
from secretariat_app.ui.confirm import confirm_discard_typed
from secretariat_app.ui.editor.common import (
    RECORDED_STATUS,
    REPORTED_STATUS,
    TEXT_LANGS,
    error_label,
    executor_label,
    language_title,
    show_error,
    status_combo,
)
from secretariat_app.ui.widgets.date_field import DateField


def describe(
    snapshot: DecisionSnapshot | DecisionInput,
    assignments: list[tuple[str, Status]] | None = None,
    pending: list[str] | None = None,
) -> str:
    """A plain summary of one version of a decision, for the conflict dialog: its recorded and
    effective status and each executor with its own status, as they are in that version."""
    lang = get_language()
    if isinstance(snapshot, DecisionSnapshot):
        deadline, own, texts = snapshot.deadline, snapshot.own_status, snapshot.texts
        assigned = [(executor_label(a, lang), a.status) for a in snapshot.assignments]
        code = snapshot.code
    else:
        deadline = snapshot.deadline if isinstance(snapshot.deadline, dt.date) else None
        own, texts, code = Status(snapshot.status), dict(snapshot.texts), snapshot.code
        assigned = assignments or []
    effective = decision_status(own, (status for _name, status in assigned))
    lines = [
        "{label}: {value}".format(label=_("Code"), value=code),
        "{label}: {value}".format(label=_("Deadline"), value=format_date(deadline) or _("no deadline")),
        "{label}: {value}".format(label=_(RECORDED_STATUS), value=f"{own.symbol} {own.label()}"),
        "{label}: {value}".format(label=_(REPORTED_STATUS), value=f"{effective.symbol} {effective.label()}"),
        "{label}:".format(label=_("Assigned to")) + ("" if assigned else " —"),
    ]
    lines += [f"  • {name} — {status.symbol} {status.label()}" for name, status in assigned]
    for text_lang in TEXT_LANGS:
        lines += ["", f"{language_title(text_lang)}:", texts.get(text_lang, "") or "—"]
    if pending:
        lines += ["", _("Also in your version, not saved yet:"), *(f"  • {line}" for line in pending)]
    return "\n".join(lines)


class ConflictChoice(Enum):
    KEEP_MINE = "mine"
    TAKE_THEIRS = "theirs"
    KEEP_EDITING = "editing"


class ConflictDialog(QDialog):
    """Both versions side by side; the clerk keeps theirs, takes the other, or goes on editing."""

    def __init__(self, mine: str, theirs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ConflictChoice.KEEP_EDITING
        self.setWindowTitle(_("Another clerk saved this decision"))
        explanation = QLabel(
            _(
                "Another clerk saved this decision after you opened it. Nothing was overwritten. "
                "Compare the two versions and choose which one to keep."
            )
        )
        explanation.setWordWrap(True)
        self.mine = QPlainTextEdit(mine)
        self.theirs = QPlainTextEdit(theirs)
        columns = QHBoxLayout()
        for title, view in ((_("Your version"), self.mine), (_("Saved by the other clerk"), self.theirs)):
            view.setReadOnly(True)
            view.setAccessibleName(title)
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            box.addWidget(view)
            columns.addLayout(box)
        self.keep_mine = QPushButton(_("Keep my version"))
        self.take_theirs = QPushButton(_("Take the other version"))
        self.keep_editing = QPushButton(_("Go on editing"))
        self.keep_editing.setDefault(True)  # Enter changes nothing
        for button, choice in (
            (self.keep_mine, ConflictChoice.KEEP_MINE),
            (self.take_theirs, ConflictChoice.TAKE_THEIRS),
            (self.keep_editing, ConflictChoice.KEEP_EDITING),
        ):
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda _checked=False, c=choice: self._choose(c))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.take_theirs)
        buttons.addWidget(self.keep_editing)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        self.resize(900, 520)

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()


class ProgressEntryDialog(QDialog):
    """One progress report: date, new status, executor, notes in both languages, source letter.
    Adds a report, or corrects one when ``initial`` is given. The report is checked by the core's
    rules before the dialog closes, so a mistake is shown here, beside what was typed."""

    def __init__(
        self,
        executors: list[tuple[int, dict[str, str]]],
        forum_start: dt.date,
        initial: ProgressRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        lang = get_language()
        self.forum_start = forum_start
        self.assigned = [executor_id for executor_id, _names in executors]
        self.setWindowTitle(_("Correct progress entry") if initial else _("Add progress entry"))
        self.entry_date = DateField()
        self.entry_date.setDate(dt.date.today())
        self.status = status_combo(_("No change of status"))
        self.executor = QComboBox()
        self.executor.addItem(_("The decision as a whole"), None)
        for executor_id, names in executors:
            self.executor.addItem(name_in(names, lang), executor_id)
        # A grid: the Russian and Kazakh columns, rows for what was done, obstacles and next steps.
        self.note_edits: dict[tuple[str, str], QPlainTextEdit] = {}
        notes = QGridLayout()
        for column, text_lang in enumerate(TEXT_LANGS, start=1):
            notes.addWidget(QLabel(f"<b>{language_title(text_lang)}</b>"), 0, column)
            notes.setColumnStretch(column, 1)
        for row, (part, title, accessible) in enumerate(
            (
                ("done", _("What was done:"), _("What was done ({language})")),
                ("obstacles", _("Obstacles:"), _("Obstacles ({language})")),
                ("next_steps", _("Next steps:"), _("Next steps ({language})")),
            ),
            start=1,
        ):
            notes.addWidget(QLabel(title), row, 0, Qt.AlignmentFlag.AlignTop)
            notes.setRowStretch(row, 2 if part == "done" else 1)
            for column, text_lang in enumerate(TEXT_LANGS, start=1):
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setAccessibleName(accessible.format(language=language_title(text_lang)))
                edit.setPlaceholderText(edit.accessibleName())
                self.note_edits[part, text_lang] = edit
                notes.addWidget(edit, row, column)
        #: the "what was done" edits, by language
        self.notes = {lang: self.note_edits["done", lang] for lang in TEXT_LANGS}
        self.obstacles = {lang: self.note_edits["obstacles", lang] for lang in TEXT_LANGS}
        self.next_steps = {lang: self.note_edits["next_steps", lang] for lang in TEXT_LANGS}
        self.letter_number = QLineEdit()
        self.letter_date = DateField(optional=True)
        letter = QHBoxLayout()
        letter.addWidget(self.letter_number, 2)
        letter.addWidget(QLabel(_("dated")), 0, Qt.AlignmentFlag.AlignTop)
        letter.addWidget(self.letter_date, 1)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Date:"), self.entry_date)
        form.addRow(_("New status:"), self.status)
        form.addRow(_("Region or agency:"), self.executor)
        form.addRow(_("Source document No.:"), letter)
        for label, widget in (
            (_("Date"), self.entry_date),
            (_("New status"), self.status),
            (_("Region or agency"), self.executor),
            (_("Source document number"), self.letter_number),
            (_("Source document date"), self.letter_date),
        ):
            widget.setAccessibleName(label)
        buttons = QDialogButtonBox()
        self.main_button = buttons.addButton(
            _("Save correction") if initial else _("Add"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.main_button.setDefault(True)  # Enter in a one-line field adds (or corrects)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        for button in (self.main_button, cancel):
            button.setAccessibleName(button.text())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(notes, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self._initial_text = ""
        if initial is not None:
            self._fill(initial)
        self._initial_text = self._typed_text()

    def _fill(self, row: ProgressRow) -> None:
        self.entry_date.setDate(row.entry_date)
        self.status.setCurrentIndex(max(self.status.findData(row.status.value if row.status else None), 0))
        self.executor.setCurrentIndex(max(self.executor.findData(row.executor_id), 0))
        for lang, parts in row.notes.items():
            for part, text in zip(NOTE_PARTS, parts, strict=True):
                if (part, lang) in self.note_edits:
                    self.note_edits[part, lang].setPlainText(text)
        self.letter_number.setText(row.letter_number)
        self.letter_date.setDate(row.letter_date)

    def _typed_text(self) -> str:
        return "\n".join(
            [edit.toPlainText() for edit in self.note_edits.values()] + [self.letter_number.text()]
        )

    def has_typed_text(self) -> bool:
        """Text typed since the dialog opened (a correction starts with the entry's own text)."""
        return self._typed_text().strip() != self._initial_text.strip()

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: typed notes are not dropped without asking."""
        if self.has_typed_text() and not confirm_discard_typed(self, self.windowTitle()):
            return
        super().reject()

    def accept(self) -> None:
        """Close only with a report the core accepts; otherwise say why, beside what was typed."""
        for field in (self.entry_date, self.letter_date):
            if field.show_problem():
                field.setFocus()
                return
        try:
            validated_progress(self.value(), self.forum_start, self.assigned)
        except ValidationError as error:
            show_error(self.error, str(error))
            if error.field == "entry_date":
                self.entry_date.setFocus()
            return
        super().accept()

    def value(self) -> ProgressInput:
        return ProgressInput(
            entry_date=self.entry_date.date() or self.entry_date.edit.text(),
            status=self.status.currentData(),
            executor_id=self.executor.currentData(),
            notes={
                lang: NoteInput(
                    done=self.notes[lang].toPlainText(),
                    obstacles=self.obstacles[lang].toPlainText(),
                    next_steps=self.next_steps[lang].toPlainText(),
                )
                for lang in TEXT_LANGS
            },
            letter_number=self.letter_number.text(),
            letter_date=self.letter_date.date(),
        )


class RemoveEntryDialog(QDialog):
    """Why a progress entry is removed: the reason is required and stays in the audit log."""

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Remove progress entry"))
        explanation = QLabel(
            _(
                "The entry is removed when you save the decision. Its text and your reason stay in the history."
            )
        )
        explanation.setWordWrap(True)
        shown = QLabel(summary)
        shown.setWordWrap(True)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason for removing the entry"))
        self.reason.setPlaceholderText(_("e.g. entered twice; the letter concerns another decision"))
        self.error = error_label()
        form = QFormLayout()
        form.addRow(_("Reason:"), self.reason)
        buttons = QDialogButtonBox()
        self.main_button = buttons.addButton(_("Remove"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.main_button.setDefault(True)
        cancel = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        for button in (self.main_button, cancel):
            button.setAccessibleName(button.text())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 220)

    def accept(self) -> None:
        try:
            check_removal_reason(self.reason.text())
        except ValidationError as error:
            show_error(self.error, str(error))
            self.reason.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        if self.reason.text().strip() and not confirm_discard_typed(self, self.windowTitle()):
            return
        super().reject()
