"""The decision editor window: composes the form, the assignments, the progress timeline and the
links panel, loads the decision and saves it.

One save model: everything the clerk does here (texts and fields, assignments, progress entries
added, corrected or removed, links added or removed, translations confirmed) is one edit, written
by Save (Ctrl+S) in one transaction or dropped by Cancel (Esc). Closing with unsaved changes asks
first; a save that meets another clerk's newer save (optimistic locking) shows both versions and
lets the clerk choose.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.decision_codes import suggested_next_code
from secretariat_app.core.enums import LinkKind, Status
from secretariat_app.core.errors import ConflictError, NotFoundError, ValidationError
from secretariat_app.core.i18n import _, get_language, roman
from secretariat_app.core.rules import decision_status
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.decision_edit import DecisionEdit, LinkChange, save_decision_edit
from secretariat_app.core.services.decision_snapshot import (
    Choices,
    DecisionSnapshot,
    LinkRow,
    LinkTarget,
    ProgressRow,
    find_link_target,
    load_choices,
    load_snapshot,
)
from secretariat_app.core.services.decisions import AssignmentInput, DecisionInput
from secretariat_app.core.services.progress import ProgressInput
from secretariat_app.core.validation import check_link
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.confirm import UnsavedAnswer, ask_unsaved_changes, confirm_destructive
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.editor.assignments import AssignmentsPanel
from secretariat_app.ui.editor.common import TEXT_LANGS, error_label, executor_label, show_error
from secretariat_app.ui.editor.dialogs import (
    ConflictChoice,
    ConflictDialog,
    ProgressEntryDialog,
    RemoveEntryDialog,
    describe,
)
from secretariat_app.ui.editor.form import DecisionForm
from secretariat_app.ui.editor.keys import EDITOR_KEYS
from secretariat_app.ui.editor.links import LinksPanel, link_text, parse_link_reference
from secretariat_app.ui.editor.timeline import (
    CORRECTED,
    NEW,
    REMOVED,
    SAVED,
    ProgressTimeline,
    TimelineItem,
    entry_heading,
)
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.tasks import TaskHandle

#: the sector a new decision starts with: "other", the core's default, until the clerk picks one
NEW_DECISION_SECTOR = DecisionInput.sector
#: the keys of "Save and close" and "Save and new" (Save is the platform's, Ctrl+S)
SAVE_AND_CLOSE_KEYS = str(next(k.keys for k in EDITOR_KEYS if k.name == "save_and_close"))
SAVE_AND_NEW_KEYS = str(next(k.keys for k in EDITOR_KEYS if k.name == "save_and_new"))
#: room kept for the window's title bar and frame when the editor is fitted to the screen
TITLE_BAR_ROOM = 48


class AfterSave(Enum):
    """What the editor does once a save succeeded."""

    STAY = "stay"
    CLOSE = "close"
    NEW = "new"


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
        self.progress_dialog: ProgressEntryDialog | None = None
        self.remove_dialog: RemoveEntryDialog | None = None
        self._reset_pending()
        self._dirty = False
        self._loading = False
        self._fitted = False
        self._build()
        self.retranslate()
        context.bus.language_changed.connect(self.retranslate)
        window_state.restore_geometry(self, window_state.EDITOR_GEOMETRY)
        window_state.restore_splitter(self.form.texts_splitter, window_state.EDITOR_TEXT_SPLITTER)
        self._load()

    def _reset_pending(self) -> None:
        """Forget what was gathered for the next Save (after a save, a reload or Take theirs)."""
        self.new_progress: list[ProgressInput] = []
        self.corrected_progress: dict[int, ProgressInput] = {}
        self.removed_progress: dict[int, str] = {}
        self.new_links: list[tuple[LinkChange, LinkRow]] = []
        self.removed_links: list[tuple[LinkChange, LinkRow]] = []
        self.translations_checked: set[str] = set()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(1000, 700)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.general_error = error_label()
        self.form = DecisionForm()
        self.form.edited.connect(self._mark_dirty)
        self.form.translation_checked.connect(self._check_translation)
        self.assignments = AssignmentsPanel()
        self.assignments.changed.connect(self._mark_dirty)
        self.timeline = ProgressTimeline()
        self.timeline.add_requested.connect(self.open_add_progress)
        self.timeline.correct_requested.connect(self.open_correct_progress)
        self.timeline.remove_requested.connect(self.open_remove_progress)
        self.timeline.restore_requested.connect(self.keep_progress)
        self.links = LinksPanel()
        self.links.link_requested.connect(self.add_link)
        self.links.remove_requested.connect(self.remove_link)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.assignments, "")
        self.tabs.addTab(self.timeline, "")
        self.tabs.addTab(self.links, "")

        self.buttons = QDialogButtonBox()
        # all three as actions, in this order: an accept-role button would become the default one,
        # and Enter in any field would save
        self.save_button = self._button(AfterSave.STAY)
        self.save_close_button = self._button(AfterSave.CLOSE)
        self.save_new_button = self._button(AfterSave.NEW)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        slots = {
            "save": self.save,
            "save_and_close": lambda: self.save(after=AfterSave.CLOSE),
            "save_and_new": lambda: self.save(after=AfterSave.NEW),
        }
        for key in EDITOR_KEYS:  # Esc is the dialog's own (reject)
            if key.name in slots:
                QShortcut(key.sequence(), self, slots[key.name])

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.form)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setMinimumHeight(480)  # below that the window scrolls rather than squeezing fields
        self.content_scroll = QScrollArea()
        self.content_scroll.setWidgetResizable(True)
        self.content_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.content_scroll.setWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.general_error)
        layout.addWidget(self.content_scroll, 1)
        layout.addWidget(self.buttons)

    def _button(self, after: AfterSave) -> QPushButton:
        button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)  # Enter in a field never saves: Ctrl+S or the button does
        button.setDefault(False)
        button.clicked.connect(lambda _checked=False: self.save(after=after))
        return button

    def retranslate(self) -> None:
        if self.snapshot is not None:
            title = _("Decision {code} of forum {forum}").format(
                code=self.snapshot.code, forum=roman(self.snapshot.forum_number)
            )
        else:
            title = _("New decision")
        self.setWindowTitle(title + "[*]")
        self.heading.setText(title)
        self.form.retranslate()
        self.assignments.retranslate()
        self.timeline.retranslate()
        self.links.retranslate()
        self.tabs.setTabText(0, _("Assignments"))
        self.tabs.setTabText(1, _("Progress"))
        self.tabs.setTabText(2, _("Links and history"))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save everything changed in this window (Ctrl+S)"))
        self.save_close_button.setText(_("Save and close"))
        self.save_close_button.setToolTip(
            _("Save, then close the window ({keys})").format(keys=SAVE_AND_CLOSE_KEYS)
        )
        self.save_new_button.setText(_("Save and new"))
        self.save_new_button.setToolTip(
            _("Save, then start the next decision of the same forum ({keys})").format(keys=SAVE_AND_NEW_KEYS)
        )
        self.cancel_button.setText(_("Cancel"))
        self.cancel_button.setToolTip(_("Close without saving (Esc)"))
        for button in (self.save_button, self.save_close_button, self.save_new_button, self.cancel_button):
            button.setAccessibleName(button.text())
        self._show_history()

    # --- fitting the screen -------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area, with room for the title bar; the content
        scrolls when the window is smaller than it."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        width = min(self.width(), free.width() - 16)
        height = min(self.height(), free.height() - TITLE_BAR_ROOM)
        self.resize(width, height)
        x = min(max(self.x(), free.left()), free.right() - width)
        y = min(max(self.y(), free.top() + TITLE_BAR_ROOM // 2), free.bottom() - height)
        self.move(x, y)

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
            self.start_new(None)

    def populate(self, snapshot: DecisionSnapshot) -> None:
        """Show a saved version of the decision (discarding what was typed and gathered)."""
        self._loading = True
        try:
            self.snapshot = snapshot
            self.decision_id = snapshot.id
            self._reset_pending()
            self.form.show_snapshot(snapshot)
            self.assignments.show_rows(snapshot.assignments)
        finally:
            self._loading = False
        self._set_dirty(False)
        self._clear_errors()
        self.retranslate()

    def _next_code(self, forum_id: int | None) -> str:
        """The code after the one just saved that the forum does not have yet (3.2 -> 3.3)."""
        if forum_id is None:
            return ""
        with self.context.database.reader() as session:
            return suggested_next_code(session, int(forum_id), self.form.code.text())

    def start_new(self, forum_id: int | None, sector: str | None = None, code: str = "") -> None:
        """An empty editor for a new decision of ``forum_id`` (the latest forum when ``None``) in
        ``sector``, the cursor in the code field (``code`` offered, selected so typing replaces it):
        the next decision of a protocol is typed at once."""
        self._loading = True
        try:
            self.snapshot = None
            self.decision_id = None
            self._reset_pending()
            self.form.start_new(sector or NEW_DECISION_SECTOR, forum_id)
            self.form.code.setText(code)
            self.assignments.show_rows([])
            self.assignments.executor_input.clear()
        finally:
            self._loading = False
        self._set_dirty(False)
        self._clear_errors()
        self.retranslate()
        self.tabs.setCurrentIndex(0)
        self.form.code.setFocus()
        self.form.code.selectAll()

    def _show_history(self) -> None:
        """The timeline, the links and the history as they will be once saved."""
        snapshot = self.snapshot
        self.timeline.show_items(self._timeline_items())
        removed = {row for _change, row in self.removed_links}
        shown = [link for link in (snapshot.links if snapshot else []) if link not in removed]
        pending = [row for _change, row in self.new_links]
        self.links.show_links(shown + pending, frozenset(pending))
        self.links.show_history(
            snapshot.deadline_changes if snapshot else [], snapshot.amendments if snapshot else []
        )
        for lang in TEXT_LANGS:
            outdated = (
                bool(snapshot and snapshot.outdated.get(lang)) and lang not in self.translations_checked
            )
            self.form.outdated_banners[lang].setVisible(outdated)

    def _timeline_items(self) -> list[TimelineItem]:
        snapshot = self.snapshot
        amended = {a.entry_id for a in snapshot.amendments} if snapshot else set()
        items = []
        for row in snapshot.progress if snapshot else []:
            key = f"s{row.id}"
            if row.id in self.removed_progress:
                items.append(TimelineItem(key, row, REMOVED, reason=self.removed_progress[row.id]))
            elif row.id in self.corrected_progress:
                items.append(TimelineItem(key, self._row_of(self.corrected_progress[row.id], row), CORRECTED))
            else:
                items.append(TimelineItem(key, row, SAVED, amended=row.id in amended))
        items += [TimelineItem(f"n{i}", self._row_of(data), NEW) for i, data in enumerate(self.new_progress)]
        return items

    def _row_of(self, data: ProgressInput, saved: ProgressRow | None = None) -> ProgressRow:
        """A report typed in the dialog, shown as a saved one would be."""
        names = self._executor_names()
        entry_date = data.entry_date if isinstance(data.entry_date, dt.date) else dt.date.today()
        letter_date = data.letter_date if isinstance(data.letter_date, dt.date) else None
        return ProgressRow(
            entry_date=entry_date,
            status=Status(data.status) if data.status else None,
            executor=names.get(data.executor_id) if data.executor_id is not None else None,
            notes={
                lang: (note.done.strip(), note.obstacles.strip(), note.next_steps.strip())
                for lang, note in data.notes.items()
            },
            letter_number=data.letter_number.strip(),
            letter_date=letter_date,
            entered_by=saved.entered_by if saved else "",
            id=saved.id if saved else None,
            executor_id=data.executor_id,
        )

    def _executor_names(self) -> dict[int | None, dict[str, str]]:
        names: dict[int | None, dict[str, str]] = {c.id: c.names for c in self.choices.executors}
        names.update(dict(self.assignments.names().items()))
        return names

    # --- editing state ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)
            self._show_reported_status()

    def _show_reported_status(self) -> None:
        """The status from the executors' reports as the form now stands (the core's rule)."""
        own = self.form.status.currentData()
        if own is not None:
            statuses = [Status(a.status) for a in self.assignment_inputs()]
            self.form.show_effective_status(decision_status(own, statuses))

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        self._update_enabled()

    def _update_enabled(self) -> None:
        writable = not self.context.database.read_only  # a read-only database is only shown
        self.timeline.add_button.setEnabled(writable)
        self.timeline.editable = writable
        self.links.editable = writable
        self.links.link_button.setEnabled(writable)
        for button in (self.save_button, self.save_close_button, self.save_new_button):
            button.setEnabled(writable and (self._dirty or self.snapshot is None))

    def decision_input(self) -> DecisionInput:
        return self.form.decision_input()

    def assignment_inputs(self) -> list[AssignmentInput]:
        return self.assignments.inputs()

    def edit(self, expected_version: int | None = None) -> DecisionEdit:
        """Everything the next Save writes."""
        snapshot = self.snapshot
        if expected_version is None and snapshot is not None:
            expected_version = snapshot.version
        return DecisionEdit(
            decision=self.decision_input(),
            assignments=self.assignment_inputs(),
            decision_id=self.decision_id,
            expected_version=expected_version,
            loaded_own_status=snapshot.own_status if snapshot else None,
            loaded_statuses={a.executor_id: a.status for a in snapshot.assignments} if snapshot else {},
            new_progress=list(self.new_progress),
            corrected_progress=dict(self.corrected_progress),
            removed_progress=dict(self.removed_progress),
            new_links=[change for change, _row in self.new_links],
            removed_links=[change for change, _row in self.removed_links],
            translations_checked=set(self.translations_checked),
        )

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
        if field in ("assignments", "role"):
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
        elif error.field in ("assignments", "role"):
            self.tabs.setCurrentWidget(self.assignments)
        elif error.field == "link":
            self.tabs.setCurrentWidget(self.links)

    # --- saving -------------------------------------------------------------------------------

    def save(self, expected_version: int | None = None, after: AfterSave = AfterSave.STAY) -> None:
        """Save the whole edit in one transaction; ``expected_version`` overrides the loaded
        version (keep mine); ``after`` says whether to stay, close or start the next decision."""
        if self.context.database.read_only:
            return
        if self.form.deadline.show_problem():
            self.form.deadline.setFocus()
            return
        edit, database = self.edit(expected_version), self.context.database

        def work(_handle: TaskHandle) -> tuple[int, Changes]:
            with database.session() as session:
                return save_decision_edit(session, edit)

        self.context.runner.run(
            work, lambda result: self._saved(result, after), lambda e: self._save_failed(e, after), write=True
        )

    def _saved(self, result: tuple[int, Changes], after: AfterSave) -> None:
        decision_id, changes = result
        forum_id = self.form.forum.currentData()
        self.decision_id = decision_id
        self._set_dirty(False)
        self._clear_errors()
        self.context.bus.announce(changes)
        self.saved.emit(decision_id)
        if after is AfterSave.CLOSE:
            window_state.save_geometry(self, window_state.EDITOR_GEOMETRY)
            self.accept()
        elif after is AfterSave.NEW:  # the same forum and sector; the protocol's next code offered
            self.start_new(forum_id, self.form.sector.currentData(), self._next_code(forum_id))
        else:
            self._reload_snapshot()

    def _reload_snapshot(self, then: object = None) -> None:
        database, decision_id = self.context.database, self.decision_id
        if decision_id is None:
            return
        self.context.runner.run(
            lambda _h: load_snapshot(database, decision_id),
            then if callable(then) else self.populate,
            lambda e: present_error(self, e),
        )

    def _save_failed(self, error: BaseException, after: AfterSave) -> None:
        if isinstance(error, ValidationError):
            self.show_validation(error)
        elif isinstance(error, ConflictError):
            self._reload_snapshot(lambda theirs: self._show_conflict(theirs, after))
        elif isinstance(error, NotFoundError) and self.snapshot is not None:
            show_error(self.general_error, str(error))  # e.g. an entry another clerk removed
        else:
            present_error(self, error)

    def _pending_lines(self) -> list[str]:
        lines = []
        for label, count in (
            (_("Progress entries added: {count}"), len(self.new_progress)),
            (_("Progress entries corrected: {count}"), len(self.corrected_progress)),
            (_("Progress entries removed: {count}"), len(self.removed_progress)),
            (_("Links added: {count}"), len(self.new_links)),
            (_("Links removed: {count}"), len(self.removed_links)),
        ):
            if count:
                lines.append(label.format(count=count))
        return lines

    def _show_conflict(self, theirs: DecisionSnapshot, after: AfterSave) -> None:
        lang = get_language()
        names = {c.id: executor_label(c, lang) for c in self.choices.executors}
        mine = describe(
            self.decision_input(),
            [(names.get(a.executor_id, "?"), Status(a.status)) for a in self.assignment_inputs()],
            self._pending_lines(),
        )
        dialog = ConflictDialog(mine, describe(theirs), self)
        self.conflict_dialog = dialog

        def finished() -> None:
            self.conflict_dialog = None
            if dialog.choice is ConflictChoice.KEEP_MINE:
                self.save(expected_version=theirs.version, after=after)
            elif dialog.choice is ConflictChoice.TAKE_THEIRS:
                self.populate(theirs)

        dialog.finished.connect(finished)
        dialog.open()

    # --- translations -------------------------------------------------------------------------

    def _check_translation(self, lang: str) -> None:
        """The clerk checked an outdated translation: cleared on Save, with the rest."""
        self.translations_checked.add(lang)
        self.form.outdated_banners[lang].hide()
        self._mark_dirty()

    # --- progress entries ---------------------------------------------------------------------

    def _forum_start(self) -> dt.date:
        forum_id = self.form.forum.currentData()
        return next((f.start_date for f in self.choices.forums if f.id == forum_id), dt.date(2000, 1, 1))

    def _open_progress_dialog(self, initial: ProgressRow | None) -> ProgressEntryDialog:
        executors = list(self.assignments.names().items())
        dialog = ProgressEntryDialog(executors, self._forum_start(), initial, self)
        self.progress_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "progress_dialog", None))
        dialog.open()
        return dialog

    def open_add_progress(self) -> None:
        """A new report, for this decision whether it is saved yet or not."""
        dialog = self._open_progress_dialog(None)
        dialog.accepted.connect(lambda: self.add_progress(dialog.value()))

    def add_progress(self, data: ProgressInput) -> None:
        self.new_progress.append(data)
        self._show_status_of(data)
        self._mark_dirty()
        self._show_history()

    def _show_status_of(self, data: ProgressInput) -> None:
        """A new report's status shows at once where it will land (its executor's status, or the
        decision's own), unless a later report with a status is already there."""
        if not data.status or not isinstance(data.entry_date, dt.date):
            return
        reports = [row for row in self.snapshot.progress] if self.snapshot else []
        reports += [self._row_of(other) for other in self.new_progress if other is not data]
        later = [
            row for row in reports if row.status is not None and row.executor_id == data.executor_id
            and row.entry_date > data.entry_date and row.id not in self.removed_progress
        ]  # fmt: skip
        if later:
            return
        if data.executor_id is None:
            self.form.set_own_status(Status(data.status))
        else:
            self.assignments.set_status(data.executor_id, Status(data.status))

    def _find_item(self, key: str) -> TimelineItem | None:
        return next((item for item in self._timeline_items() if item.key == key), None)

    def open_correct_progress(self, key: str) -> None:
        item = self._find_item(key)
        if item is None:
            return
        dialog = self._open_progress_dialog(item.row)
        dialog.accepted.connect(lambda: self.correct_progress(key, dialog.value()))

    def correct_progress(self, key: str, data: ProgressInput) -> None:
        if key.startswith("n"):
            self.new_progress[int(key[1:])] = data
            self._show_status_of(data)
        else:
            self.corrected_progress[int(key[1:])] = data
        self._mark_dirty()
        self._show_history()

    def open_remove_progress(self, key: str) -> None:
        item = self._find_item(key)
        if item is None:
            return
        summary = self.timeline_summary(item)
        if key.startswith("n"):  # typed in this window: nothing to keep a reason for
            if confirm_destructive(
                self, _("Remove progress entry"), _("Remove the new entry “{entry}”?").format(entry=summary)
            ):
                del self.new_progress[int(key[1:])]
                self._mark_dirty()
                self._show_history()
            return
        dialog = RemoveEntryDialog(summary, self)
        self.remove_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "remove_dialog", None))
        dialog.accepted.connect(lambda: self.remove_progress(key, dialog.reason.text()))
        dialog.open()

    def timeline_summary(self, item: TimelineItem) -> str:
        done = next((parts[0] for parts in item.row.notes.values() if parts[0]), "")
        return entry_heading(item.row) + (f": {done}" if done else "")

    def remove_progress(self, key: str, reason: str) -> None:
        entry_id = int(key[1:])
        self.corrected_progress.pop(entry_id, None)
        self.removed_progress[entry_id] = reason.strip()
        self._mark_dirty()
        self._show_history()

    def keep_progress(self, key: str) -> None:
        """Undo a removal not saved yet."""
        self.removed_progress.pop(int(key[1:]), None)
        self._mark_dirty()
        self._show_history()

    # --- links --------------------------------------------------------------------------------

    def add_link(self) -> None:
        reference = parse_link_reference(self.links.link_target.text())
        if reference is None:
            show_error(self.links.error, _("Write the forum and the code, e.g. VI 1.1."))
            return
        kind = LinkKind(self.links.link_kind.currentData())
        database = self.context.database
        number, code = reference

        def found(target: LinkTarget) -> None:
            try:
                check_link(target.id == self.decision_id, self._forum_start(), target.forum_start)
            except ValidationError as error:
                show_error(self.links.error, str(error))
                return
            self.new_links = [(c, row) for c, row in self.new_links if c.target_id != target.id]
            row = LinkRow(kind, True, target.id, target.forum_number, target.code)
            self.new_links.append((LinkChange(None, target.id, kind), row))
            self.links.error.hide()
            self.links.link_target.clear()
            self._mark_dirty()
            self._show_history()

        def failed(error: BaseException) -> None:
            if isinstance(error, NotFoundError | ValidationError):
                show_error(self.links.error, str(error))
            else:
                present_error(self, error)

        self.context.runner.run(lambda _h: find_link_target(database, number, code), found, failed)

    def remove_link(self, link: LinkRow) -> None:
        """Remove a link once the clerk confirms (No is the default); written on Save."""
        question = _("Remove the link “{link}”?").format(link=link_text(link))
        if not confirm_destructive(self, _("Remove link"), question):
            return
        pending = [(c, row) for c, row in self.new_links if row == link]
        if pending:
            self.new_links.remove(pending[0])
        elif link.outgoing:
            self.removed_links.append((LinkChange(None, link.other_id, link.kind), link))
        else:
            self.removed_links.append((LinkChange(link.other_id, self.decision_id or 0, link.kind), link))
        self._mark_dirty()
        self._show_history()

    # --- closing ------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask before losing changes: save (and close once saved), discard, or stay."""
        if not self._dirty:
            return True
        answer = ask_unsaved_changes(
            self, self.windowTitle(), _("The decision has unsaved changes. Save them?")
        )
        if answer is UnsavedAnswer.SAVE:
            self.save(after=AfterSave.CLOSE)  # closes once saved; an error keeps it open to fix
            return False
        return answer is UnsavedAnswer.DISCARD

    def reject(self) -> None:
        if self.confirm_discard():
            window_state.save_geometry(self, window_state.EDITOR_GEOMETRY)
            self._dirty = False
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_discard():
            window_state.save_geometry(self, window_state.EDITOR_GEOMETRY)
            event.accept()
        else:
            event.ignore()
