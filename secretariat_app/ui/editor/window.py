"""The decision editor window: composes the form, the assignments, the progress timeline and the
links panel, loads the decision and saves it.

It never loses what a clerk typed: closing with unsaved changes asks first, and a save that meets
another clerk's newer save (optimistic locking) shows both versions and lets the clerk choose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secretariat_app.core.enums import Status
from secretariat_app.core.errors import ConflictError, ValidationError
from secretariat_app.core.i18n import _, get_language, roman
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decision_snapshot import (
    Choices,
    DecisionSnapshot,
    load_choices,
    load_snapshot,
)
from secretariat_app.core.services.decisions import (
    AssignmentInput,
    DecisionInput,
    confirm_translation,
    create_decision,
    decision_by_code,
    link_decisions,
    update_decision,
)
from secretariat_app.core.services.progress import ProgressInput, add_progress_entry
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.editor.assignments import AssignmentsPanel
from secretariat_app.ui.editor.common import error_label, executor_label, show_error
from secretariat_app.ui.editor.dialogs import AddProgressDialog, ConflictChoice, ConflictDialog, describe
from secretariat_app.ui.editor.form import DecisionForm
from secretariat_app.ui.editor.links import LinksPanel, parse_link_reference
from secretariat_app.ui.editor.own_saves import OwnVersion, own_write, untouched_from_database
from secretariat_app.ui.editor.timeline import ProgressTimeline
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import TaskHandle

#: the sector a new decision starts with: "other", the core's default, until the clerk picks one
NEW_DECISION_SECTOR = DecisionInput.sector


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
        window_state.restore_splitter(self.form.texts_splitter, window_state.EDITOR_TEXT_SPLITTER)
        self._load()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1000, 720)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.general_error = error_label()
        self.form = DecisionForm()
        self.form.edited.connect(self._mark_dirty)
        self.form.translation_checked.connect(self._confirm_translation)
        self.assignments = AssignmentsPanel()
        self.assignments.changed.connect(self._mark_dirty)
        self.timeline = ProgressTimeline()
        self.timeline.add_requested.connect(self.open_add_progress)
        self.links = LinksPanel()
        self.links.link_requested.connect(self._link)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.assignments, "")
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(self.links, "")

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
        splitter.addWidget(self.form)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def retranslate(self) -> None:
        if self.snapshot is not None:
            title = _("Decision {code} of forum {forum}").format(
                code=self.snapshot.code, forum=roman(self.snapshot.forum_number)
            )
        else:
            title = _("New decision")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.form.retranslate()
        self.assignments.retranslate()
        self.timeline.retranslate()
        self.links.retranslate()
        self.tabs.setTabText(0, _("Assignments"))
        self.tabs.setTabText(1, _("Progress"))
        self.tabs.setTabText(2, _("Links and deadline history"))
        self.save_button.setText(_("Save"))
        self.close_button.setText(_("Close"))
        for button in (self.save_button, self.close_button):
            button.setAccessibleName(button.text())
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
        self.form.fill_choices(self.choices, keep=False)
        self.assignments.set_choices(self.choices)
        if snapshot is not None:
            self.populate(snapshot)
        else:
            self._loading = True
            self.form.start_new(NEW_DECISION_SECTOR)
            self._loading = False
            self._update_enabled()

    def populate(self, snapshot: DecisionSnapshot) -> None:
        """Show a saved version of the decision (discarding what was typed)."""
        self._loading = True
        try:
            self.snapshot = snapshot
            self.versions.reset(snapshot.version)
            self.decision_id = snapshot.id
            self.form.show_snapshot(snapshot)
            self.assignments.show_rows(snapshot.assignments)
            self._show_history(snapshot)
        finally:
            self._loading = False
        self._set_dirty(False)
        self._clear_errors()
        self._update_enabled()
        self.retranslate()

    def _show_history(self, snapshot: DecisionSnapshot) -> None:
        self.timeline.show_entries(snapshot.progress)
        self.links.show_links(snapshot.links, snapshot.deadline_changes)

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

    def _update_enabled(self) -> None:
        saved = self.snapshot is not None
        writable = not self.context.database.read_only  # a read-only database is only shown
        self.timeline.add_button.setEnabled(saved and writable)
        self.links.link_button.setEnabled(saved and writable)
        self.save_button.setEnabled(writable and (self._dirty or not saved))

    def decision_input(self) -> DecisionInput:
        return self.form.decision_input()

    def assignment_inputs(self) -> list[AssignmentInput]:
        return self.assignments.inputs()

    # --- errors -------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in (
            *self.form.errors.values(),
            self.assignments.error,
            self.links.error,
            self.general_error,
        ):
            label.hide()

    def _error_label(self, field: str) -> QLabel:
        if field in ("assignments", "role", "executor"):
            return self.assignments.error
        if field == "link":
            return self.links.error
        return self.form.errors.get("text_ru" if field == "texts" else field, self.general_error)

    def show_validation(self, error: ValidationError) -> None:
        self._clear_errors()
        show_error(self._error_label(error.field), str(error))
        widget = self.form.field_widget(error.field)
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
            self.form.outdated_banners[lang].hide()
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
            self.form.show_effective_status(fresh.status)
            self._show_history(self.snapshot)

        self._reload_snapshot(take)

    def _take_statuses(self, shown: DecisionSnapshot, fresh: DecisionSnapshot) -> None:
        """Status boxes still showing the loaded value take the stored one."""
        was_loading, self._loading = self._loading, True
        try:
            if self.form.status.currentData() == shown.own_status.value:
                self.form.set_own_status(fresh.own_status)
            self.assignments.take_statuses(
                {a.executor_id: a.status for a in shown.assignments},
                {a.executor_id: a.status for a in fresh.assignments},
            )
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
                show_error(dialog.error, str(error))
                dialog.open()  # keep what was typed; let the clerk correct it
            else:
                present_error(self, error)

        work = own_write(database, decision_id, self.versions, write)
        self.context.runner.run(work, done, failed, write=True)

    def _link(self) -> None:
        database, decision_id = self.context.database, self.decision_id
        kind = self.links.link_kind.currentData()
        reference = parse_link_reference(self.links.link_target.text())
        if decision_id is None or reference is None:
            show_error(self.links.error, _("Write the forum and the code, e.g. VI 1.1."))
            return
        number, code = reference

        def write(session: Session) -> Changes:
            target = decision_by_code(session, number, code)
            return link_decisions(session, decision_id, target.id, kind)

        def done(changes: Changes) -> None:
            self.links.error.hide()
            self.links.link_target.clear()
            self.context.bus.announce(changes)
            self._after_own_write()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationError | ConflictError) or hasattr(error, "msgid"):
                show_error(self.links.error, str(error))
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
