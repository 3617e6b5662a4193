"""What the directory pages (forums, regions & agencies) share: a list page with New / Edit / Delete
that reloads itself when its records change, and the editor dialog that saves one record.

Each page keeps only what is its own (columns, loader, editor fields, words) in a few hooks; the
loading, the kept selection, the delete confirmation and the save with messages beside the fields
are written once here, so the pages cannot drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _
from secretariat_app.core.services.changes import Changes
from secretariat_app.ui.confirm import UnsavedAnswer, ask_unsaved_changes
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.screen_fit import resize_to_fit
from secretariat_app.ui.views.common import Column, FieldErrors, RowsModel, add_list_shortcuts, confirm_delete
from secretariat_app.ui.widgets.date_field import DateField


class Row(Protocol):
    """A page's row: plain values with the id of the record they show."""

    @property
    def id(self) -> int: ...


class Record(Row, Protocol):
    """What an editor edits: a row with the version it was read at (to notice a concurrent edit)."""

    @property
    def version(self) -> int: ...


RowT = TypeVar("RowT", bound=Row)
RecordT = TypeVar("RecordT", bound=Record)
InputT = TypeVar("InputT")


class DirectoryPage(QWidget, Generic[RowT]):
    """A title, New / Edit / Delete, and a sortable table of plain rows loaded on a worker.

    ``load`` runs on a worker and returns the rows; ``delete`` runs on the writer and deletes the
    record of an id (a ``DependencyError`` explains a refusal). The rows load again whenever a change
    touches one of ``refresh_on`` or another database is opened; the selected row stays selected
    across a reload, and Edit / Delete follow it.
    """

    #: the page's title, also the table's accessible name (marked, translated when shown)
    title_text = ""
    new_text = N_("New…")
    #: Edit → New on this page (marked; with its mnemonic)
    new_action_text = N_("&New")
    #: the kinds of record (see ``Changes.touches``) whose change shows in this page's rows
    refresh_on: tuple[str, ...] = ()
    sort_order = Qt.SortOrder.AscendingOrder

    def __init__(
        self,
        context: AppContext,
        columns: tuple[Column, ...],
        load: Callable[[AppContext], list[RowT]],
        delete: Callable[[Session, int], Changes],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._load = load
        self._delete = delete
        self.model = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, self.sort_order)
        self.table.verticalHeader().hide()
        self.arrange_columns(self.table.horizontalHeader())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        add_list_shortcuts(self.table, self.edit_selected, self.delete_selected)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(self.title)
        self.add_tools(top)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        # Tab goes as the eye does: the page's tools (a search), the list, then its buttons
        for first, second in (
            (self.table, self.new_button),
            (self.new_button, self.edit_button),
            (self.edit_button, self.delete_button),
        ):
            QWidget.setTabOrder(first, second)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(self._on_changed)
        context.bus.database_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    # --- hooks: what each page has of its own ---------------------------------------------------

    def arrange_columns(self, header: QHeaderView) -> None:
        """How the columns share the width (called once, while the page is built)."""

    def add_tools(self, top: QHBoxLayout) -> None:
        """What stands between the title and the buttons (called once, while the page is built)."""
        top.addStretch()

    def show_rows(self, rows: list[RowT]) -> None:
        """Freshly loaded rows; a page that filters them overrides this and calls ``set_rows``."""
        self.set_rows(rows)

    def open_editor(self, row: RowT | None) -> None:
        """The editor for ``row``, or for a new record when ``row`` is ``None``."""
        raise NotImplementedError

    def delete_question(self, row: RowT) -> str:
        """The whole translated question asked before ``row`` is deleted."""
        raise NotImplementedError

    # --- the shared machinery ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(_(self.title_text))
        self.new_button.setText(_(self.new_text))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.table.setAccessibleName(_(self.title_text))
        self.model.retranslate()

    def refresh(self) -> None:
        context, load = self.context, self._load
        context.runner.run(lambda _handle: load(context), self.show_rows)

    def set_rows(self, rows: list[RowT]) -> None:
        """Show ``rows``, keeping the selected record selected if it is still among them."""
        selected = self.selected_row()
        self.model.set_rows(rows)
        if selected is not None:
            self.select_row(selected.id)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*self.refresh_on):
            self.refresh()

    def _update_buttons(self) -> None:
        """Edit opens whatever is selected (a read-only database's records are shown, not saved);
        New and Delete need a database that can be written."""
        has = self.selected_row() is not None
        writable = not self.context.database.read_only
        self.new_button.setEnabled(writable)
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has and writable)

    def selected_row(self) -> RowT | None:
        rows = self.table.selectionModel().selectedRows()
        row: RowT | None = self.model.row_at(rows[0].row()) if rows else None
        return row

    def select_row(self, record_id: int) -> None:
        for index, row in enumerate(self.model.rows):
            if row.id == record_id:
                self.table.selectRow(index)
                return

    # --- the Edit menu's contract with the main window (Ctrl+N, Ctrl+E, Del, F5) -----------------

    def new_item(self) -> None:
        if not self.context.database.read_only:
            self.open_editor(None)

    def edit_item(self) -> None:
        self.edit_selected()

    def delete_item(self) -> None:
        self.delete_selected()

    def reload(self) -> None:
        self.refresh()

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_editor(row)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or not confirm_delete(self, self.delete_question(row)):
            return

        database, delete = self.context.database, self._delete

        def work(_handle: object) -> Changes:
            with database.session() as session:
                return delete(session, row.id)

        self.context.runner.run(work, self.context.bus.announce, lambda e: present_error(self, e), write=True)


class EditorDialog(QDialog, Generic[RecordT, InputT]):
    """A form for ``record`` (a new one when ``None``) with Save / Cancel: ``create`` or ``update``
    runs on the writer and the change is announced on the bus; a ``ValidationError`` is shown beside
    the field it names, anything else by the error presenter.

    A subclass adds its fields with ``add_field``, fills them, then calls ``finish``.
    """

    #: field name -> its label (marked, translated when shown)
    field_labels: dict[str, str] = {}
    #: the ``Changes`` of a save, before the dialog closes
    saved = Signal(object)

    def __init__(
        self,
        context: AppContext,
        record: RecordT | None,
        create: Callable[[Session, InputT], tuple[object, Changes]],
        update: Callable[[Session, int, InputT, int], Changes],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record = record
        self._create = create
        self._update = update
        self.errors = FieldErrors()
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def add_field(self, field: str, editor: QWidget, shown: QWidget | QLayout | None = None) -> None:
        """A labelled row for ``editor`` (``shown`` when the row holds more than the editor), with
        the row for its message under it."""
        label = QLabel()
        label.setBuddy(editor)
        self.labels[field] = label
        if isinstance(shown, QLayout):
            self.form.addRow(label, shown)
        else:
            self.form.addRow(label, shown or editor)
        self.form.addRow("", self.errors.label_for(field, editor))

    def finish(self, width: int) -> None:
        """Lay the form out above the buttons and show it in the interface language."""
        fields = QWidget()
        fields.setLayout(self.form)
        scroll = QScrollArea()  # on a low screen the fields scroll; Save stays in view
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        self._filled = self.input()  # what Esc compares with: nothing typed, nothing to ask
        height = fields.sizeHint().height() + self.buttons.sizeHint().height() + 3 * layout.spacing() + 24
        resize_to_fit(self, QSize(width, height))

    # --- hooks --------------------------------------------------------------------------------

    def window_title(self) -> str:
        raise NotImplementedError

    def input(self) -> InputT:
        """What the form holds, read on the GUI thread before the save."""
        raise NotImplementedError

    # --- the shared save ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.window_title())
        for field, text in self.field_labels.items():
            self.labels[field].setText(_(text))
            editor = self.labels[field].buddy()
            if editor is not None:
                editor.setAccessibleName(_(text).rstrip(":"))
        self.errors.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def has_changes(self) -> bool:
        return self.input() != self._filled

    def reject(self) -> None:
        """Esc, Cancel or the close button: typed changes are saved, dropped or kept on request."""
        if self.has_changes():
            answer = ask_unsaved_changes(self, self.windowTitle())
            if answer is UnsavedAnswer.SAVE:
                self.save()  # closes once saved; a refused value keeps it open, shown by its field
            if answer is not UnsavedAnswer.DISCARD:
                return
        super().reject()

    def _first_bad_date(self) -> DateField | None:
        """A date field (in use) whose text is no date: said under it, and nothing is saved."""
        bad = [field for field in self.findChildren(DateField) if field.isEnabled() and field.show_problem()]
        return bad[0] if bad else None

    def save(self) -> None:
        self.errors.clear()
        bad_date = self._first_bad_date()
        if bad_date is not None:
            bad_date.setFocus()
            return
        data = self.input()
        database, record, create, update = self.context.database, self.record, self._create, self._update

        def work(_handle: object) -> Changes:
            with database.session() as session:
                if record is None:
                    return create(session, data)[1]
                return update(session, record.id, data, record.version)

        self.buttons.setEnabled(False)
        self.context.runner.run(work, self._saved, self._failed, write=True)

    def _saved(self, changes: Changes) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.announce(changes)
        self.saved.emit(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError) and self.errors.show(error):
            return
        present_error(self, error)
