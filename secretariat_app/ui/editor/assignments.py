"""The decision's assignments: a table model of executors with their role and own status, and the
panel that adds them from a typed name or code and removes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Role, Status
from secretariat_app.core.i18n import _, get_language
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import AssignmentRow, Choices, ExecutorChoice
from secretariat_app.core.services.decisions import AssignmentInput
from secretariat_app.ui.editor.common import error_label, executor_label, show_error, status_combo

NAME, ROLE, STATUS = range(3)
Index = QModelIndex | QPersistentModelIndex


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


@dataclass(frozen=True)
class AssignedExecutor:
    """One row of the table: who, as what, and how far they are."""

    executor_id: int
    names: dict[str, str]
    role: Role
    status: Status


class AssignmentsModel(QAbstractTableModel):
    """The assignments being edited; role and status are edited in place (as combo boxes).
    ``edited`` when the clerk changed a role or a status."""

    edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AssignedExecutor] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Region or agency"), _("Role"), _("Own status"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in (ROLE, STATUS) else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return name_in(row.names, get_language())
            return row.role.label() if column == ROLE else f"{row.status.symbol} {row.status.label()}"
        if role == Qt.ItemDataRole.EditRole:
            return row.role.value if column == ROLE else row.status.value if column == STATUS else None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in (ROLE, STATUS):
            return False
        row = self.rows[index.row()]
        changed = (
            replace(row, role=Role(value)) if index.column() == ROLE else replace(row, status=Status(value))
        )
        if changed == row:
            return False
        self.rows[index.row()] = changed
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def set_rows(self, rows: list[AssignedExecutor]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append(self, row: AssignedExecutor) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def remove(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self.rows[position]
        self.endRemoveRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 2))


def role_combo() -> QComboBox:
    combo = QComboBox()
    for each in Role:
        combo.addItem(each.label(), each.value)
    return combo


class ChoiceDelegate(QStyledItemDelegate):
    """Role and status as combo boxes that write to the model as soon as another value is chosen."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = role_combo() if index.column() == ROLE else status_combo()
        combo.setParent(parent)
        combo.setAccessibleName(_("Role") if index.column() == ROLE else _("Own status"))
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.blockSignals(True)
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
            editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())


class AssignmentsPanel(QWidget):
    """The table and the field to assign a region or agency. ``changed`` after every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = Choices([], [], [])
        self.model = AssignmentsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        self.model.edited.connect(self.changed)
        self.model.rowsInserted.connect(lambda _parent, first, last: self._open_editors(first, last))
        self.model.modelReset.connect(lambda: self._open_editors(0, self.model.rowCount() - 1))
        self.executor_input = QLineEdit()
        self.completion_model = QStringListModel(self)
        completer = QCompleter(self.completion_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.executor_input.setCompleter(completer)
        self.executor_input.installEventFilter(self)
        # a name picked from the list is assigned at once (Down, Enter — not Enter twice)
        completer.activated.connect(lambda _text: QTimer.singleShot(0, self.add_from_input))
        popup = completer.popup()
        assert popup is not None  # a completer always has its list view
        self.suggestions = popup
        popup.installEventFilter(self)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_from_input)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_current)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.executor_input, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the field assigns what it names and goes no further (never Save). Deferred, so
        a name just picked from the completer's list is in the field when it is read. Enter while
        the list is open with nothing picked in it assigns the one executor the typed text
        matches, or picks the first of several (a second Enter assigns it)."""
        if not (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            return super().eventFilter(watched, event)
        if watched is self.executor_input:
            QTimer.singleShot(0, self.add_from_input)
            return True
        completer = self.executor_input.completer()
        if watched is self.suggestions and not self.suggestions.currentIndex().isValid():
            named = find_choice(self.choices, self.executor_input.text()) is not None
            if not named and completer.completionCount() > 1:
                self.suggestions.setCurrentIndex(completer.completionModel().index(0, 0))
                return True
            if not named and completer.completionCount() == 1:
                completer.setCurrentRow(0)
                self.executor_input.setText(completer.currentCompletion())
            self.suggestions.hide()
            QTimer.singleShot(0, self.add_from_input)
            return True
        return super().eventFilter(watched, event)

    def _open_editors(self, first: int, last: int) -> None:
        """Role and status shown as combo boxes in the rows ``first``..``last``."""
        for row in range(first, last + 1):
            for column in (ROLE, STATUS):
                self.table.openPersistentEditor(self.model.index(row, column))

    def combo(self, row: int, column: int) -> QComboBox | None:
        """The role or status box shown in a cell."""
        widget = self.table.indexWidget(self.model.index(row, column))
        return widget if isinstance(widget, QComboBox) else None

    def set_choices(self, choices: Choices) -> None:
        self.choices = choices
        self.completion_model.setStringList([completion_text(c) for c in choices.executors])

    def show_rows(self, rows: list[AssignmentRow]) -> None:
        self.model.set_rows([AssignedExecutor(r.executor_id, r.names, r.role, r.status) for r in rows])

    def assigned_ids(self) -> list[int]:
        return [row.executor_id for row in self.model.rows]

    def inputs(self) -> list[AssignmentInput]:
        return [AssignmentInput(r.executor_id, r.role, r.status) for r in self.model.rows]

    def names(self) -> dict[int, dict[str, str]]:
        return {row.executor_id: row.names for row in self.model.rows}

    def add_from_input(self) -> None:
        typed = self.executor_input.text()
        if not typed.strip():
            return
        choice = find_choice(self.choices, typed)
        if choice is None:
            show_error(self.error, _("Unknown region or agency: {value}.").format(value=typed))
            return
        if choice.id in self.assigned_ids():
            show_error(
                self.error,
                _("“{name}” is already among the executors.").format(
                    name=executor_label(choice, get_language())
                ),
            )
            return
        role = Role.LEAD if not self.model.rows else Role.CO_EXECUTOR
        self.model.append(AssignedExecutor(choice.id, choice.names, role, Status.NOT_STARTED))
        self.error.hide()
        self.executor_input.clear()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            self.model.remove(row)
            self.changed.emit()

    def set_status(self, executor_id: int, status: Status) -> None:
        """Show an executor's status as a new progress entry sets it."""
        for position, row in enumerate(self.model.rows):
            if row.executor_id == executor_id:
                self.model.setData(self.model.index(position, STATUS), status.value)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.executor_input.setPlaceholderText(
            _("Type a region or agency, in Russian or Kazakh, or its code")
        )
        self.add_button.setText(_("Assign"))
        self.remove_button.setText(_("Remove"))
        self.table.setAccessibleName(_("Assignments"))
        self.executor_input.setAccessibleName(_("Region or agency to assign"))
        for button in (self.add_button, self.remove_button):
            button.setAccessibleName(button.text())
        for row in range(self.model.rowCount()):  # the open combo boxes take the new language
            for column in (ROLE, STATUS):
                combo = self.combo(row, column)
                if combo is None:
                    continue
                for index in range(combo.count()):
                    value = combo.itemData(index)
                    combo.setItemText(index, Role(value).label() if column == ROLE else Status(value).label())
        self.size_columns()

    def size_columns(self) -> None:
        """The role and status columns as wide as their combo boxes need for the longest value in
        the current language (cell widgets do not count for ResizeToContents); the name stretches."""
        header = self.table.horizontalHeader()
        role_box = role_combo()
        for column, probe in ((ROLE, role_box), (STATUS, status_combo())):
            probe.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            title_width = header.fontMetrics().horizontalAdvance(title) + 24
            header.resizeSection(column, max(probe.sizeHint().width() + 4, title_width))
            probe.deleteLater()
        self.table.verticalHeader().setDefaultSectionSize(role_box.sizeHint().height() + 2)
