"""Small pieces the pages share: validation messages beside fields, delete confirmation,
and a read-only table model over plain row values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QWidget

from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import _, format_date

Index = QModelIndex | QPersistentModelIndex


class FieldErrors:
    """A message label under each form field; a ``ValidationError`` lights up the one it names."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {}
        self._shown: dict[str, ValidationError] = {}

    def label_for(self, field: str, editor: QWidget) -> QLabel:
        label = QLabel()
        label.setObjectName(f"error_{field}")
        label.setWordWrap(True)
        label.setStyleSheet("color: #b00020;")
        label.hide()
        self._labels[field] = label
        self._editors[field] = editor
        return label

    def clear(self) -> None:
        self._shown.clear()
        for label in self._labels.values():
            label.clear()
            label.hide()

    def show(self, error: ValidationError) -> bool:
        """Show the message beside its field; ``False`` when the form has no such field."""
        label = self._labels.get(error.field)
        if label is None:
            return False
        self._shown[error.field] = error
        label.setText("⚠ " + str(error))
        label.show()
        self._editors[error.field].setFocus()
        return True

    def retranslate(self) -> None:
        """Messages are kept as errors, so a language switch re-words them."""
        for field, error in self._shown.items():
            self._labels[field].setText("⚠ " + str(error))

    def message(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


class _DeleteKey(QObject):
    """The Delete key in a list deletes its selected row."""

    def __init__(self, parent: QObject, delete: Callable[[], None]) -> None:
        super().__init__(parent)
        self._delete = delete

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.matches(QKeySequence.StandardKey.Delete) or event.key() == Qt.Key.Key_Delete:
            self._delete()
            return True
        return False


def add_list_shortcuts(
    table: QAbstractItemView, edit: Callable[[], None], delete: Callable[[], None]
) -> None:
    """Enter opens the selected row's editor and Delete deletes it (after confirmation)."""
    table.activated.connect(lambda _index: edit())
    table.installEventFilter(_DeleteKey(table, delete))


def confirm_delete(parent: QWidget, question: str) -> bool:
    """Ask before deleting; ``question`` is the whole translated sentence (grammar differs by
    language, so it is never pieced together from parts)."""
    answer = QMessageBox.question(
        parent,
        _("Delete"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class Column:
    """One column of a :class:`RowsModel`: a header (marked, translated when shown), the text of a
    row, and the key it sorts by."""

    def __init__(
        self,
        header: str,
        text: Callable[[Any], str],
        sort_key: Callable[[Any], Any] | None = None,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        tooltip: Callable[[Any], str] | None = None,
    ) -> None:
        self.header = header
        self.text = text
        self.sort_key = sort_key or text
        self.align = align
        self.tooltip = tooltip or text


class RowsModel(QAbstractTableModel):
    """A read-only model over a list of row values (a directory's few hundred rows at most)."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self._sorted_by is not None:
            self._sort_rows(*self._sorted_by)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            show = column.text if role == Qt.ItemDataRole.DisplayRole else column.tooltip
            try:
                return show(self.rows[index.row()])
            except Exception:  # data() never raises: a bad row shows empty
                return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.columns[section].header)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sorted_by = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        key = self.columns[column].sort_key
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


def stalled_since_text(since: dt.date | None) -> str:
    """«no report since 03.06.2026»: how every screen names the stalled threshold."""
    return _("no report since {date}").format(date=format_date(since, style="short")) if since else ""
