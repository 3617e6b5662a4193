"""The decision editor: Russian and Kazakh texts side by side, the decision's particulars, its
assignments, its progress timeline, its links and deadline history.

It never loses what a clerk typed: closing with unsaved changes asks first, and a save that meets
another clerk's newer save (optimistic locking) shows both versions and lets the clerk choose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from enum import Enum

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secretariat_app.core.enums import LinkKind, Role, Status
from secretariat_app.core.errors import ConflictError, ValidationError
from secretariat_app.core.i18n import LANGUAGE_NAMES, _, format_date, get_language, roman
from secretariat_app.core.names import name_in
from secretariat_app.core.rules import decision_status
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    confirm_translation,
    create_decision,
    decision_by_code,
    link_decisions,
    update_decision,
)
from secretariat_app.core.services.progress import NoteInput, ProgressInput, add_progress_entry
from secretariat_app.core.validation import parse_forum_number
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.confirm import confirm_discard_typed
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.decision_data import (
    AssignmentRow,
    Choices,
    DecisionSnapshot,
    ExecutorChoice,
    load_choices,
    load_snapshot,
)
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.icons import status_icon
from secretariat_app.ui.own_saves import OwnVersion, own_write, untouched_from_database
from secretariat_app.ui.tasks import TaskHandle

TEXT_LANGS = ("ru", "kk")
#: the sector a new decision starts with: "other", the core's default, until the clerk picks one
NEW_DECISION_SECTOR = DecisionInput.sector
ERROR_STYLE = "color: #c62828;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def executor_label(choice: ExecutorChoice | AssignmentRow, lang: str) -> str:
    return name_in(choice.names, lang)


def completion_text(choice: ExecutorChoice) -> str:
    """What the completer offers: both languages' names and the code, so either finds it."""
    parts = [choice.names["ru"]]
    if choice.names["kk"] != choice.names["ru"]:
        parts.append(choice.names["kk"])
    text = " / ".join(parts)
    return f"{text} ({choice.code})" if choice.code else text


def find_choice(choices: Choices, typed: str) -> ExecutorChoice | None:
    """The executor a typed text names: the completion text, a name in any language, or a code."""
    wanted = typed.strip().casefold()
    if not wanted:
        return None
    for choice in choices.executors:
        candidates = {completion_text(choice), choice.code, *choice.names.values()}
        if wanted in (c.casefold() for c in candidates if c):
            return choice
    return None


def status_combo(with_none: str | None = None) -> QComboBox:
    combo = QComboBox()
    if with_none is not None:
        combo.addItem(with_none, None)
    for status in Status:
        combo.addItem(status_icon(status), status.label(), status.value)
    return combo


def retranslate_status_combo(combo: QComboBox, none_text: str | None = None) -> None:
    for index in range(combo.count()):
        value = combo.itemData(index)
        combo.setItemText(index, none_text or "" if value is None else Status(value).label())


def describe(
    snapshot: DecisionSnapshot | DecisionInput, assignments: list[tuple[str, Status]] | None = None
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
        "{label}: {value}".format(label=_("Recorded status"), value=f"{own.symbol} {own.label()}"),
        "{label}: {value}".format(
            label=_("Effective status"), value=f"{effective.symbol} {effective.label()}"
        ),
        "{label}:".format(label=_("Assigned to")) + ("" if assigned else " —"),
    ]
    lines += [f"  • {name} — {status.symbol} {status.label()}" for name, status in assigned]
    for text_lang in TEXT_LANGS:
        lines += ["", f"{LANGUAGE_NAMES[text_lang]}:", texts.get(text_lang, "") or "—"]
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


class AddProgressDialog(QDialog):
    """One progress report: date, new status, executor, notes in both languages, source letter."""

    def __init__(
        self, assignments: list[AssignmentRow], earliest: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        lang = get_language()
        self.setWindowTitle(_("Add progress entry"))
        self.entry_date = QDateEdit(QDate.currentDate())
        self.entry_date.setCalendarPopup(True)
        self.entry_date.setDisplayFormat("dd.MM.yyyy")
        self.entry_date.setMinimumDate(QDate(earliest))
        self.status = status_combo(_("No change of status"))
        self.executor = QComboBox()
        self.executor.addItem(_("The decision as a whole"), None)
        for assignment in assignments:
            self.executor.addItem(executor_label(assignment, lang), assignment.executor_id)
        # A grid: the Russian and Kazakh columns, rows for what was done, obstacles and next steps.
        self.note_edits: dict[tuple[str, str], QPlainTextEdit] = {}
        notes = QGridLayout()
        for column, text_lang in enumerate(TEXT_LANGS, start=1):
            notes.addWidget(QLabel(f"<b>{LANGUAGE_NAMES[text_lang]}</b>"), 0, column)
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
                edit.setAccessibleName(accessible.format(language=LANGUAGE_NAMES[text_lang]))
                edit.setPlaceholderText(edit.accessibleName())
                self.note_edits[part, text_lang] = edit
                notes.addWidget(edit, row, column)
        #: the "what was done" edits, by language
        self.notes = {lang: self.note_edits["done", lang] for lang in TEXT_LANGS}
        self.obstacles = {lang: self.note_edits["obstacles", lang] for lang in TEXT_LANGS}
        self.next_steps = {lang: self.note_edits["next_steps", lang] for lang in TEXT_LANGS}
        self.letter_number = QLineEdit()
        self.letter_date = QDateEdit(QDate.currentDate())
        self.letter_date.setCalendarPopup(True)
        self.letter_date.setDisplayFormat("dd.MM.yyyy")
        self.no_letter_date = QCheckBox(_("No date"))
        self.no_letter_date.toggled.connect(lambda on: self.letter_date.setEnabled(not on))
        self.no_letter_date.setChecked(True)
        letter = QHBoxLayout()
        letter.addWidget(self.letter_number, 2)
        letter.addWidget(QLabel(_("dated")))
        letter.addWidget(self.letter_date)
        letter.addWidget(self.no_letter_date)
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
            (_("No date"), self.no_letter_date),
        ):
            widget.setAccessibleName(label)
        buttons = QDialogButtonBox()
        for text, role in (
            (_("Add"), QDialogButtonBox.ButtonRole.AcceptRole),
            (_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole),
        ):
            buttons.addButton(text, role).setAccessibleName(text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(notes, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(760, 560)

    def has_typed_text(self) -> bool:
        return any(edit.toPlainText().strip() for edit in self.note_edits.values()) or bool(
            self.letter_number.text().strip()
        )

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: typed notes are not dropped without asking."""
        if self.has_typed_text() and not confirm_discard_typed(self, self.windowTitle()):
            return
        super().reject()

    def value(self) -> ProgressInput:
        return ProgressInput(
            entry_date=self.entry_date.date().toPython(),  # type: ignore[arg-type]
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
            letter_date=None if self.no_letter_date.isChecked() else self.letter_date.date().toPython(),  # type: ignore[arg-type]
        )


class DecisionEditor(QDialog):
    """Create or edit one decision. ``saved(decision_id)`` after every successful save."""

    saved = Signal(int)

    def __init__(self, context: AppContext, decision_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.decision_id = decision_id
        self.snapshot: DecisionSnapshot | None = None
        self.choices = Choices([], [], [])
        self.conflict_dialog: ConflictDialog | None = None
        self.progress_dialog: AddProgressDialog | None = None
        #: the version Save expects: the one shown, moved along by the editor's own writes
        self.versions = OwnVersion()
        self._dirty = False
        self._loading = False
        self._build()
        self.retranslate()
        context.bus.language_changed.connect(self.retranslate)
        window_state.restore_geometry(self, window_state.EDITOR_GEOMETRY)
        window_state.restore_splitter(self.texts_splitter, window_state.EDITOR_TEXT_SPLITTER)
        self._load()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1000, 720)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.general_error = error_label()

        self.forum = QComboBox()
        self.code = QLineEdit()
        self.code.setMaximumWidth(120)
        self.sector = QComboBox()
        self.deadline = QDateEdit(QDate.currentDate())
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd.MM.yyyy")
        self.no_deadline = QCheckBox()
        self.no_deadline.toggled.connect(lambda on: self.deadline.setEnabled(not on))
        self.deadline_reason = QLineEdit()
        self.deadline_reason_label = QLabel()
        self.status = status_combo()
        self.effective_status = QLabel()
        self.errors: dict[str, QLabel] = {
            name: error_label()
            for name in (
                "forum",
                "code",
                "sector",
                "deadline",
                "deadline_reason",
                "status",
                "assignments",
                "link",
            )
        }
        self.errors.update({f"text_{lang}": error_label() for lang in TEXT_LANGS})
        self.labels: dict[str, QLabel] = {
            name: QLabel() for name in ("forum", "code", "sector", "deadline", "status", "effective")
        }

        grid = QGridLayout()
        grid.addWidget(self.labels["forum"], 0, 0)
        grid.addWidget(self.forum, 0, 1)
        grid.addWidget(self.labels["code"], 0, 2)
        grid.addWidget(self.code, 0, 3)
        grid.addWidget(self.labels["sector"], 0, 4)
        grid.addWidget(self.sector, 0, 5)
        grid.addWidget(self.errors["forum"], 1, 1)
        grid.addWidget(self.errors["code"], 1, 2, 1, 2)
        grid.addWidget(self.errors["sector"], 1, 5)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline)
        deadline_row.addWidget(self.no_deadline)
        grid.addWidget(self.labels["deadline"], 2, 0)
        grid.addLayout(deadline_row, 2, 1)
        grid.addWidget(self.labels["status"], 2, 2)
        grid.addWidget(self.status, 2, 3)
        grid.addWidget(self.labels["effective"], 2, 4)
        grid.addWidget(self.effective_status, 2, 5)
        grid.addWidget(self.errors["deadline"], 3, 1)
        grid.addWidget(self.errors["status"], 3, 3)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.deadline_reason_label)
        reason_row.addWidget(self.deadline_reason, 1)
        grid.addLayout(reason_row, 4, 0, 1, 6)
        grid.addWidget(self.errors["deadline_reason"], 5, 0, 1, 6)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(5, 2)

        self.texts: dict[str, QPlainTextEdit] = {}
        self.text_labels: dict[str, QLabel] = {}
        self.outdated_banners: dict[str, QWidget] = {}
        self.outdated_labels: dict[str, QLabel] = {}
        self.checked_buttons: dict[str, QPushButton] = {}
        self.texts_splitter = QSplitter(Qt.Orientation.Horizontal)
        for lang in TEXT_LANGS:
            pane = QWidget()
            box = QVBoxLayout(pane)
            box.setContentsMargins(0, 0, 0, 0)
            self.text_labels[lang] = QLabel()
            banner = QWidget()
            banner.setStyleSheet("background: #fff3cd;")
            banner_row = QHBoxLayout(banner)
            banner_row.setContentsMargins(6, 2, 6, 2)
            self.outdated_labels[lang] = QLabel()
            self.outdated_labels[lang].setWordWrap(True)
            self.checked_buttons[lang] = QPushButton()
            self.checked_buttons[lang].clicked.connect(
                lambda _c=False, text_lang=lang: self._confirm_translation(text_lang)
            )
            banner_row.addWidget(self.outdated_labels[lang], 1)
            banner_row.addWidget(self.checked_buttons[lang])
            banner.hide()
            self.outdated_banners[lang] = banner
            self.texts[lang] = QPlainTextEdit()
            self.texts[lang].setTabChangesFocus(True)
            box.addWidget(self.text_labels[lang])
            box.addWidget(banner)
            box.addWidget(self.texts[lang], 1)
            box.addWidget(self.errors[f"text_{lang}"])
            self.texts_splitter.addWidget(pane)
        self.texts_splitter.splitterMoved.connect(
            lambda *_: window_state.save_splitter(self.texts_splitter, window_state.EDITOR_TEXT_SPLITTER)
        )

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_assignments(), "")
        self.tabs.addTab(self._build_progress(), "")
        self.tabs.addTab(self._build_links(), "")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.close_button.setAutoDefault(False)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.texts_splitter)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addLayout(grid)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        for widget in (self.forum, self.sector, self.status):
            widget.currentIndexChanged.connect(self._mark_dirty)
        self.code.textEdited.connect(self._mark_dirty)
        self.deadline.dateChanged.connect(self._deadline_edited)
        self.no_deadline.toggled.connect(self._deadline_edited)
        self.deadline_reason.textEdited.connect(self._mark_dirty)
        for edit in self.texts.values():
            edit.textChanged.connect(self._mark_dirty)
        self.setTabOrder(self.forum, self.code)
        self.setTabOrder(self.code, self.sector)
        self.setTabOrder(self.sector, self.deadline)
        self.setTabOrder(self.deadline, self.no_deadline)
        self.setTabOrder(self.no_deadline, self.status)
        self.setTabOrder(self.status, self.texts["ru"])
        self.setTabOrder(self.texts["ru"], self.texts["kk"])

    def _build_assignments(self) -> QWidget:
        pane = QWidget()
        self.assignments = QTableWidget(0, 3)  # a handful of rows at most
        self.assignments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignments.verticalHeader().setVisible(False)
        header = self.assignments.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.executor_input = QLineEdit()
        self.completion_model = QStringListModel(self)
        completer = QCompleter(self.completion_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.executor_input.setCompleter(completer)
        self.executor_input.returnPressed.connect(self.add_assignment_from_input)
        self.add_assignment_button = QPushButton()
        self.add_assignment_button.clicked.connect(self.add_assignment_from_input)
        self.remove_assignment_button = QPushButton()
        self.remove_assignment_button.clicked.connect(self._remove_assignment)
        row = QHBoxLayout()
        row.addWidget(self.executor_input, 1)
        row.addWidget(self.add_assignment_button)
        row.addWidget(self.remove_assignment_button)
        layout = QVBoxLayout(pane)
        layout.addWidget(self.assignments, 1)
        layout.addLayout(row)
        layout.addWidget(self.errors["assignments"])
        return pane

    def _build_progress(self) -> QWidget:
        pane = QWidget()
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.add_progress_button = QPushButton()
        self.add_progress_button.clicked.connect(self.open_add_progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_progress_button)
        layout = QVBoxLayout(pane)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(row)
        return pane

    def _build_links(self) -> QWidget:
        pane = QWidget()
        self.links = QListWidget()
        self.link_kind = QComboBox()
        for kind in LinkKind:
            self.link_kind.addItem(kind.label(), kind.value)
        self.link_target = QLineEdit()
        self.link_button = QPushButton()
        self.link_button.clicked.connect(self._link)
        row = QHBoxLayout()
        row.addWidget(self.link_kind)
        row.addWidget(self.link_target, 1)
        row.addWidget(self.link_button)
        self.history_label = QLabel()
        self.deadline_history = QListWidget()
        layout = QVBoxLayout(pane)
        layout.addWidget(self.links, 1)
        layout.addLayout(row)
        layout.addWidget(self.errors["link"])
        layout.addWidget(self.history_label)
        layout.addWidget(self.deadline_history, 1)
        return pane

    def retranslate(self) -> None:
        lang = get_language()
        if self.snapshot is not None:
            title = _("Decision {code} of forum {forum}").format(
                code=self.snapshot.code, forum=roman(self.snapshot.forum_number)
            )
        else:
            title = _("New decision")
        self.setWindowTitle(title)
        self.heading.setText(title)
        for name, text in (
            ("forum", _("Forum:")),
            ("code", _("Code:")),
            ("sector", _("Sector:")),
            ("deadline", _("Deadline:")),
            ("status", _("Recorded status:")),
            ("effective", _("Effective status:")),
        ):
            self.labels[name].setText(text)
        self.labels["forum"].setBuddy(self.forum)
        self.labels["code"].setBuddy(self.code)
        self.labels["sector"].setBuddy(self.sector)
        self.labels["deadline"].setBuddy(self.deadline)
        self.labels["status"].setBuddy(self.status)
        self.no_deadline.setText(_("No deadline"))
        self.deadline_reason_label.setText(_("Why does the deadline change?"))
        for widget, name in (
            (self.forum, _("Forum")),
            (self.code, _("Code")),
            (self.sector, _("Sector")),
            (self.deadline, _("Deadline")),
            (self.no_deadline, _("No deadline")),
            (self.deadline_reason, _("Reason for the deadline change")),
            (self.status, _("Recorded status")),
            (self.effective_status, _("Effective status")),
            (self.assignments, _("Assignments")),
            (self.executor_input, _("Region or agency to assign")),
            (self.timeline, _("Progress history")),
            (self.links, _("Links to other decisions")),
            (self.link_kind, _("Kind of link")),
            (self.link_target, _("Earlier decision")),
            (self.deadline_history, _("Deadline changes")),
        ):
            widget.setAccessibleName(name)
        for text_lang in TEXT_LANGS:
            name = _("Text in {language}").format(language=LANGUAGE_NAMES[text_lang])
            self.text_labels[text_lang].setText(f"<b>{name}</b>")
            self.texts[text_lang].setAccessibleName(name)
            self.outdated_labels[text_lang].setText(
                "⚠ " + _("The translation may be outdated: the text in the other language was changed.")
            )
            self.checked_buttons[text_lang].setText(_("Translation checked"))
            self.checked_buttons[text_lang].setAccessibleName(
                _("Translation checked ({language})").format(language=LANGUAGE_NAMES[text_lang])
            )
        self.tabs.setTabText(0, _("Assignments"))
        self.tabs.setTabText(1, _("Progress"))
        self.tabs.setTabText(2, _("Links and deadline history"))
        self.assignments.setHorizontalHeaderLabels([_("Region or agency"), _("Role"), _("Own status")])
        self.executor_input.setPlaceholderText(
            _("Type a region or agency, in Russian or Kazakh, or its code")
        )
        self.add_assignment_button.setText(_("Assign"))
        self.remove_assignment_button.setText(_("Remove"))
        self.add_progress_button.setText(_("Add progress entry…"))
        self.link_target.setPlaceholderText(_("Earlier decision, e.g. VI 1.1"))
        self.link_button.setText(_("Link"))
        self.history_label.setText(_("Deadline changes:"))
        self.save_button.setText(_("Save"))
        self.close_button.setText(_("Close"))
        for button in (
            self.add_assignment_button,
            self.remove_assignment_button,
            self.add_progress_button,
            self.link_button,
            self.save_button,
            self.close_button,
        ):
            button.setAccessibleName(button.text())
        retranslate_status_combo(self.status)
        for index in range(self.link_kind.count()):
            self.link_kind.setItemText(index, LinkKind(self.link_kind.itemData(index)).label())
        self._fill_choices(keep=True)
        for row in range(self.assignments.rowCount()):
            self._retranslate_assignment_row(row, lang)
        self._size_assignment_columns()
        if self.snapshot is not None:
            self._show_history(self.snapshot)

    # --- loading ------------------------------------------------------------------------------

    def _load(self) -> None:
        database, decision_id = self.context.database, self.decision_id

        def work(_handle: TaskHandle) -> tuple[Choices, DecisionSnapshot | None]:
            choices = load_choices(database)
            return choices, load_snapshot(database, decision_id) if decision_id is not None else None

        self.context.runner.run(work, self._loaded, lambda e: present_error(self, e))

    def _loaded(self, result: tuple[Choices, DecisionSnapshot | None]) -> None:
        self.choices, snapshot = result
        self._fill_choices(keep=False)
        if snapshot is not None:
            self.populate(snapshot)
        else:
            self._loading = True
            self.no_deadline.setChecked(True)
            if self.forum.count():
                self.forum.setCurrentIndex(self.forum.count() - 1)  # the latest forum
            self.sector.setCurrentIndex(max(self.sector.findData(NEW_DECISION_SECTOR), 0))
            self.effective_status.setText("—")
            self._loading = False
            self._update_enabled()

    def _fill_choices(self, keep: bool) -> None:
        lang = get_language()
        was_loading, self._loading = self._loading, True
        try:
            forum_id, sector_code = self.forum.currentData(), self.sector.currentData()
            self.forum.clear()
            for forum in self.choices.forums:
                self.forum.addItem(
                    f"{roman(forum.number)} — {forum.city}, {forum.start_date.year}",
                    forum.id,
                )
            self.sector.clear()
            for code, names in self.choices.sectors:
                self.sector.addItem(name_in(names, lang), code)
            if keep:
                self.forum.setCurrentIndex(max(self.forum.findData(forum_id), 0))
                self.sector.setCurrentIndex(max(self.sector.findData(sector_code), 0))
            self.completion_model.setStringList([completion_text(c) for c in self.choices.executors])
        finally:
            self._loading = was_loading

    def populate(self, snapshot: DecisionSnapshot) -> None:
        """Show a saved version of the decision (discarding what was typed)."""
        self._loading = True
        try:
            self.snapshot = snapshot
            self.versions.reset(snapshot.version)
            self.decision_id = snapshot.id
            self.forum.setCurrentIndex(max(self.forum.findData(snapshot.forum_id), 0))
            self.code.setText(snapshot.code)
            self.sector.setCurrentIndex(max(self.sector.findData(snapshot.sector_code), 0))
            self.no_deadline.setChecked(snapshot.deadline is None)
            if snapshot.deadline is not None:
                self.deadline.setDate(QDate(snapshot.deadline))
            self.deadline_reason.clear()
            self.status.setCurrentIndex(max(self.status.findData(snapshot.own_status.value), 0))
            self.effective_status.setText(f"{snapshot.status.symbol} {snapshot.status.label()}")
            for lang in TEXT_LANGS:
                self.texts[lang].setPlainText(snapshot.texts.get(lang, ""))
                self.outdated_banners[lang].setVisible(snapshot.outdated.get(lang, False))
            self.assignments.setRowCount(0)
            for assignment in snapshot.assignments:
                self._append_assignment(
                    assignment.executor_id, assignment.names, assignment.role, assignment.status
                )
            self._show_history(snapshot)
        finally:
            self._loading = False
        self._set_dirty(False)
        self._clear_errors()
        self._update_enabled()
        self.retranslate()

    def _show_history(self, snapshot: DecisionSnapshot) -> None:
        lang = get_language()
        self.timeline.clear()
        for entry in reversed(snapshot.progress):  # newest first
            head = [format_date(entry.entry_date, style="short")]
            if entry.status is not None:
                head.append(f"{entry.status.symbol} {entry.status.label()}")
            head.append(
                executor_label_names(entry.executor, lang) if entry.executor else _("the decision as a whole")
            )
            lines = [" · ".join(head)]
            for note_lang in TEXT_LANGS:
                done, obstacles, next_steps = entry.notes.get(note_lang, ("", "", ""))
                for text in (
                    done,
                    _("Obstacles: {text}").format(text=obstacles) if obstacles else "",
                    _("Next steps: {text}").format(text=next_steps) if next_steps else "",
                ):
                    if text:
                        lines.append(f"[{note_lang.upper()}] {text}")
            if entry.letter_number or entry.letter_date:
                lines.append(
                    _("Source: No. {number} of {date}").format(
                        number=entry.letter_number or "—",
                        date=format_date(entry.letter_date, style="short") or "—",
                    )
                )
            self.timeline.addItem("\n".join(lines))
        self.links.clear()
        for link in snapshot.links:
            relation = link.kind.label() if link.outgoing else link.kind.inverse_label()
            self.links.addItem(
                "{relation} {code} ({forum})".format(
                    relation=relation,
                    code=link.code,
                    forum=_("forum {number}").format(number=roman(link.forum_number)),
                )
            )
        self.deadline_history.clear()
        for change in snapshot.deadline_changes:
            self.deadline_history.addItem(
                _("{date}: {old} → {new}. {reason}").format(
                    date=format_date(change.changed_at.date(), style="short"),
                    old=format_date(change.old, style="short") or _("no deadline"),
                    new=format_date(change.new, style="short") or _("no deadline"),
                    reason=change.reason,
                )
            )

    # --- assignments --------------------------------------------------------------------------

    def _append_assignment(self, executor_id: int, names: dict[str, str], role: Role, status: Status) -> None:
        row = self.assignments.rowCount()
        self.assignments.insertRow(row)
        item = QTableWidgetItem(name_in(names, get_language()))
        item.setData(Qt.ItemDataRole.UserRole, executor_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, names)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.assignments.setItem(row, 0, item)
        role_box = QComboBox()
        for each in Role:
            role_box.addItem(each.label(), each.value)
        role_box.setCurrentIndex(role_box.findData(role.value))
        role_box.setAccessibleName(_("Role"))
        role_box.currentIndexChanged.connect(self._mark_dirty)
        self.assignments.setCellWidget(row, 1, role_box)
        status_box = status_combo()
        status_box.setCurrentIndex(status_box.findData(status.value))
        status_box.setAccessibleName(_("Own status"))
        status_box.currentIndexChanged.connect(self._mark_dirty)
        self.assignments.setCellWidget(row, 2, status_box)

    def _size_assignment_columns(self) -> None:
        """The role and status columns as wide as their combo boxes need for the longest value in
        the current language (cell widgets do not count for ResizeToContents); the name stretches."""
        header = self.assignments.horizontalHeader()
        role_box = QComboBox()
        for each in Role:
            role_box.addItem(each.label(), each.value)
        for column, probe in ((1, role_box), (2, status_combo())):
            probe.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            title = self.assignments.horizontalHeaderItem(column)
            title_width = header.fontMetrics().horizontalAdvance(title.text() if title else "") + 24
            header.resizeSection(column, max(probe.sizeHint().width() + 4, title_width))
            probe.deleteLater()
        self.assignments.verticalHeader().setDefaultSectionSize(role_box.sizeHint().height() + 2)

    def _retranslate_assignment_row(self, row: int, lang: str) -> None:
        item = self.assignments.item(row, 0)
        names = item.data(Qt.ItemDataRole.UserRole + 1) if item else None
        if item is not None and names:
            item.setText(name_in(names, lang))
        role_box = self.assignments.cellWidget(row, 1)
        if isinstance(role_box, QComboBox):
            for index in range(role_box.count()):
                role_box.setItemText(index, Role(role_box.itemData(index)).label())
            role_box.setAccessibleName(_("Role"))
        status_box = self.assignments.cellWidget(row, 2)
        if isinstance(status_box, QComboBox):
            retranslate_status_combo(status_box)
            status_box.setAccessibleName(_("Own status"))

    def assigned_ids(self) -> list[int]:
        ids = []
        for row in range(self.assignments.rowCount()):
            item = self.assignments.item(row, 0)
            if item is not None:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def add_assignment_from_input(self) -> None:
        choice = find_choice(self.choices, self.executor_input.text())
        if choice is None:
            self._show_error(
                "assignments",
                _("Unknown region or agency: {value}.").format(value=self.executor_input.text()),
            )
            return
        if choice.id in self.assigned_ids():
            self._show_error(
                "assignments",
                _("{name} is assigned already.").format(name=executor_label(choice, get_language())),
            )
            return
        role = Role.LEAD if not self.assigned_ids() else Role.CO_EXECUTOR
        self._append_assignment(choice.id, choice.names, role, Status.NOT_STARTED)
        self.errors["assignments"].hide()
        self.executor_input.clear()
        self._mark_dirty()

    def _remove_assignment(self) -> None:
        row = self.assignments.currentRow()
        if row >= 0:
            self.assignments.removeRow(row)
            self._mark_dirty()

    def assignment_inputs(self) -> list[AssignmentInput]:
        result = []
        for row in range(self.assignments.rowCount()):
            item = self.assignments.item(row, 0)
            role_box, status_box = self.assignments.cellWidget(row, 1), self.assignments.cellWidget(row, 2)
            if item is None or not isinstance(role_box, QComboBox) or not isinstance(status_box, QComboBox):
                continue
            result.append(
                AssignmentInput(
                    executor_id=int(item.data(Qt.ItemDataRole.UserRole)),
                    role=role_box.currentData(),
                    status=status_box.currentData(),
                )
            )
        return result

    # --- editing state ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        self._update_enabled()

    def _deadline_edited(self, *_args: object) -> None:
        self._mark_dirty()
        self._update_enabled()

    def _deadline_value(self) -> dt.date | None:
        return None if self.no_deadline.isChecked() else self.deadline.date().toPython()  # type: ignore[return-value]

    def _update_enabled(self) -> None:
        saved = self.snapshot is not None
        changed = (
            saved
            and self.snapshot is not None
            and self.snapshot.deadline is not None
            and (self._deadline_value() != self.snapshot.deadline)
        )
        self.deadline_reason.setVisible(bool(changed))
        self.deadline_reason_label.setVisible(bool(changed))
        writable = not self.context.database.read_only  # a read-only database is only shown
        self.add_progress_button.setEnabled(saved and writable)
        self.link_button.setEnabled(saved and writable)
        self.save_button.setEnabled(writable and (self._dirty or not saved))

    def decision_input(self) -> DecisionInput:
        return DecisionInput(
            forum_id=self.forum.currentData() or 0,
            code=self.code.text(),
            texts={lang: self.texts[lang].toPlainText() for lang in TEXT_LANGS},
            sector=self.sector.currentData() or "other",
            deadline=self._deadline_value(),
            status=self.status.currentData(),
            deadline_reason=self.deadline_reason.text(),
        )

    # --- errors -------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.hide()

    def _show_error(self, field: str, message: str) -> None:
        label = self.errors.get(
            {"texts": "text_ru", "role": "assignments", "executor": "assignments"}.get(field, field)
        )
        label = label or self.general_error
        label.setText("⚠ " + message)
        label.show()

    def show_validation(self, error: ValidationError) -> None:
        self._clear_errors()
        self._show_error(error.field, str(error))
        widget = {
            "code": self.code,
            "text_ru": self.texts["ru"],
            "texts": self.texts["ru"],
            "text_kk": self.texts["kk"],
            "deadline": self.deadline,
            "deadline_reason": self.deadline_reason,
        }.get(error.field)
        if widget is not None:
            widget.setFocus()

    # --- saving -------------------------------------------------------------------------------

    def save(self, expected_version: int | None = None) -> None:
        """Save what is shown; ``expected_version`` overrides the loaded version (keep mine)."""
        data, assignments = self.decision_input(), self.assignment_inputs()
        decision_id, versions, snapshot = self.decision_id, self.versions, self.snapshot
        database = self.context.database

        def work(_handle: TaskHandle) -> tuple[int, Changes]:
            with database.session() as session:
                if decision_id is None:
                    decision, changes = create_decision(session, data, assignments)
                    return decision.id, changes
                # read when the job runs: an own write queued before this Save has moved it
                version = expected_version if expected_version is not None else versions.current
                merged, merged_assignments = data, list(assignments)
                if snapshot is not None:
                    loaded = {a.executor_id: a.status for a in snapshot.assignments}
                    merged, merged_assignments = untouched_from_database(
                        session, decision_id, data, assignments, snapshot.own_status, loaded
                    )
                return decision_id, update_decision(
                    session, decision_id, merged, expected_version=version, assignments=merged_assignments
                )

        self.context.runner.run(work, self._saved, self._save_failed, write=True)

    def _saved(self, result: tuple[int, Changes]) -> None:
        decision_id, changes = result
        self.decision_id = decision_id
        self._set_dirty(False)
        self._clear_errors()
        self.context.bus.announce(changes)
        self.saved.emit(decision_id)
        self._reload_snapshot()

    def _reload_snapshot(self, then: Callable[[DecisionSnapshot], None] | None = None) -> None:
        database, decision_id = self.context.database, self.decision_id
        if decision_id is None:
            return
        self.context.runner.run(
            lambda _h: load_snapshot(database, decision_id),
            then or self.populate,
            lambda e: present_error(self, e),
        )

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.show_validation(error)
        elif isinstance(error, ConflictError):
            self._reload_snapshot(self._show_conflict)
        else:
            present_error(self, error)

    def _show_conflict(self, theirs: DecisionSnapshot) -> None:
        lang = get_language()
        names = {c.id: executor_label(c, lang) for c in self.choices.executors}
        mine = describe(
            self.decision_input(),
            [(names.get(a.executor_id, "?"), Status(a.status)) for a in self.assignment_inputs()],
        )
        dialog = ConflictDialog(mine, describe(theirs), self)
        self.conflict_dialog = dialog

        def finished() -> None:
            self.conflict_dialog = None
            if dialog.choice is ConflictChoice.KEEP_MINE:
                self.save(expected_version=theirs.version)
            elif dialog.choice is ConflictChoice.TAKE_THEIRS:
                self.populate(theirs)

        dialog.finished.connect(finished)
        dialog.open()

    # --- actions on a saved decision ----------------------------------------------------------

    def _confirm_translation(self, lang: str) -> None:
        database, decision_id = self.context.database, self.decision_id
        if decision_id is None:
            return

        def write(session: Session) -> Changes:
            return confirm_translation(session, decision_id, lang)

        def done(changes: Changes) -> None:
            self.outdated_banners[lang].hide()
            self.context.bus.announce(changes)
            self._after_own_write()

        work = own_write(database, decision_id, self.versions, write)
        self.context.runner.run(work, done, lambda e: present_error(self, e), write=True)

    def _after_own_write(self) -> None:
        """Show what an own write changed (history, links, statuses). Typed edits are kept: the
        reload replaces the form only if nothing was typed when it arrives; otherwise it fills
        in the history and the statuses the clerk has not touched. The expected version was
        moved by the write itself (:class:`OwnVersion`), never by this reload, which could carry
        another clerk's save."""

        def take(fresh: DecisionSnapshot) -> None:
            if not self._dirty or self.snapshot is None:
                self.populate(fresh)  # all shown is what is stored now: expect its version
                return
            self._take_statuses(self.snapshot, fresh)
            self.snapshot = replace(
                self.snapshot,
                status=fresh.status,
                assignments=fresh.assignments,
                progress=fresh.progress,
                links=fresh.links,
                outdated=fresh.outdated,
            )
            self.effective_status.setText(f"{fresh.status.symbol} {fresh.status.label()}")
            self._show_history(self.snapshot)

        self._reload_snapshot(take)

    def _take_statuses(self, shown: DecisionSnapshot, fresh: DecisionSnapshot) -> None:
        """Status boxes still showing the loaded value take the stored one."""
        before = {a.executor_id: a.status for a in shown.assignments}
        after = {a.executor_id: a.status for a in fresh.assignments}
        was_loading, self._loading = self._loading, True
        try:
            if self.status.currentData() == shown.own_status.value:
                self.status.setCurrentIndex(max(self.status.findData(fresh.own_status.value), 0))
            for row in range(self.assignments.rowCount()):
                item, box = self.assignments.item(row, 0), self.assignments.cellWidget(row, 2)
                if item is None or not isinstance(box, QComboBox):
                    continue
                executor_id = int(item.data(Qt.ItemDataRole.UserRole))
                if (
                    executor_id in after
                    and box.currentData() == before.get(executor_id, after[executor_id]).value
                ):
                    box.setCurrentIndex(box.findData(after[executor_id].value))
        finally:
            self._loading = was_loading

    def open_add_progress(self) -> None:
        if self.snapshot is None:
            return
        if self._dirty:
            QMessageBox.information(self, self.windowTitle(), _("Save your changes first."))
            return
        earliest = next(
            (f.start_date for f in self.choices.forums if f.id == self.snapshot.forum_id), dt.date(2000, 1, 1)
        )
        dialog = AddProgressDialog(self.snapshot.assignments, earliest, self)
        self.progress_dialog = dialog
        dialog.accepted.connect(lambda: self.add_progress(dialog.value(), dialog))
        dialog.open()

    def add_progress(self, data: ProgressInput, dialog: AddProgressDialog | None = None) -> None:
        database, decision_id = self.context.database, self.decision_id
        if decision_id is None:
            return

        def write(session: Session) -> Changes:
            return add_progress_entry(session, decision_id, data)[1]

        def done(changes: Changes) -> None:
            self.progress_dialog = None
            self.context.bus.announce(changes)
            self._after_own_write()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError) and dialog is not None:
                dialog.error.setText("⚠ " + str(error))
                dialog.error.show()
                dialog.open()  # keep what was typed; let the clerk correct it
            else:
                present_error(self, error)

        work = own_write(database, decision_id, self.versions, write)
        self.context.runner.run(work, done, failed, write=True)

    def _link(self) -> None:
        database, decision_id = self.context.database, self.decision_id
        kind = self.link_kind.currentData()
        reference = parse_link_reference(self.link_target.text())
        if decision_id is None or reference is None:
            self._show_error("link", _("Write the forum and the code, e.g. VI 1.1."))
            return
        number, code = reference

        def write(session: Session) -> Changes:
            target = decision_by_code(session, number, code)
            return link_decisions(session, decision_id, target.id, kind)

        def done(changes: Changes) -> None:
            self.errors["link"].hide()
            self.link_target.clear()
            self.context.bus.announce(changes)
            self._after_own_write()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError | ConflictError) or hasattr(error, "msgid"):
                self._show_error("link", str(error))
            else:
                present_error(self, error)

        work = own_write(database, decision_id, self.versions, write)
        self.context.runner.run(work, done, failed, write=True)

    # --- closing ------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask before losing typed changes: save, discard, or stay."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            _("The decision has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,  # Enter neither discards nor saves by surprise
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save()
            return False  # closes when the save succeeds? keep open so errors stay visible
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.confirm_discard():
            window_state.save_geometry(self, window_state.EDITOR_GEOMETRY)
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_discard():
            window_state.save_geometry(self, window_state.EDITOR_GEOMETRY)
            event.accept()
        else:
            event.ignore()


def executor_label_names(names: dict[str, str], lang: str) -> str:
    return name_in(names, lang)


def parse_link_reference(text: str) -> tuple[int, str] | None:
    """The forum number and code of a typed reference such as ``VI 1.1`` or ``6 1.1``; the number
    is read by the core's parser, so the editor refuses what the core refuses (``VX``, ``IIII``, 0)."""
    parts = text.split()
    if len(parts) != 2:
        return None
    try:
        return parse_forum_number("link", parts[0]), parts[1]
    except ValidationError:
        return None
