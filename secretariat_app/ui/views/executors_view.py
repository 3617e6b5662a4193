"""The "Regions & agencies" page: the directory of executors, sorted by the interface language's
alphabet, with how many decisions each is assigned, and the editor for one executor."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Country, ExecutorKind
from secretariat_app.core.errors import ValidationError
from secretariat_app.core.i18n import N_, _, get_language, sort_key
from secretariat_app.core.services import directory
from secretariat_app.core.services.changes import Changes
from secretariat_app.core.services.dashboard_data import decisions_per_executor
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.errors import present_error
from secretariat_app.ui.views.common import Column, FieldErrors, RowsModel, add_list_shortcuts, confirm_delete


@dataclass(frozen=True)
class ExecutorRow:
    id: int
    kind: str
    code: str
    country: str
    region_kind: str
    name_ru: str
    name_kk: str
    name_en: str
    is_border: bool
    version: int
    decisions: int

    def name(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        return {"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}.get(lang) or self.name_ru


def load_executor_rows(context: AppContext) -> list[ExecutorRow]:
    """Runs on a worker: the directory with each executor's number of assigned decisions."""
    with context.database.reader() as session:
        counts = decisions_per_executor(session)
        return [
            ExecutorRow(
                e.id, e.kind, e.code or "", e.country or "", e.region_kind, e.name_ru, e.name_kk,
                e.name_en, e.is_border, e.version, counts.get(e.id, 0),
            )
            for e in directory.list_executors(session)
        ]  # fmt: skip


def _country_label(code: str) -> str:
    return Country(code).label() if code in Country.__members__.values() else code


def _by_name(row: ExecutorRow) -> tuple[object, ...]:
    lang = get_language()
    return sort_key(row.name(lang), lang)


EXECUTOR_COLUMNS = (
    Column(N_("Name"), lambda r: r.name(), _by_name),
    Column(N_("Code"), lambda r: r.code, lambda r: (r.code == "", r.code)),
    Column(N_("Country"), lambda r: _country_label(r.country), lambda r: (r.country, _by_name(r))),
    Column(N_("Kind"), lambda r: ExecutorKind(r.kind).label(), lambda r: (r.kind, _by_name(r))),
    Column(N_("Border"), lambda r: _("yes") if r.is_border else "", lambda r: (not r.is_border, _by_name(r))),
    Column(N_("Decisions"), lambda r: str(r.decisions), lambda r: r.decisions, Qt.AlignmentFlag.AlignRight),
    Column(N_("Russian"), lambda r: r.name_ru, lambda r: sort_key(r.name_ru, "ru")),
    Column(N_("Kazakh"), lambda r: r.name_kk, lambda r: sort_key(r.name_kk, "kk")),
    Column(N_("English"), lambda r: r.name_en, lambda r: sort_key(r.name_en, "en")),
)


class ExecutorsView(QWidget):
    """Regions & agencies: find, add, correct, delete."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.all_rows: list[ExecutorRow] = []
        self.model = RowsModel(EXECUTOR_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        add_list_shortcuts(self.table, self.edit_selected, self.delete_selected)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_search)
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.new_button.clicked.connect(self.new_executor)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.search, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.bus.language_changed.connect(self.retranslate)
        context.bus.changed.connect(self._on_changed)
        context.bus.database_replaced.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.title.setText(_("Regions & agencies"))
        self.search.setPlaceholderText(_("Find by name or code…"))
        self.search.setAccessibleName(_("Find a region or agency"))
        self.new_button.setText(_("New…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.table.setAccessibleName(_("Regions & agencies"))
        # names and their alphabet follow the interface language: sort again
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.model.retranslate()
        self.table.resizeColumnsToContents()

    def refresh(self) -> None:
        self.context.runner.run(lambda _handle: load_executor_rows(self.context), self._loaded)

    def _loaded(self, rows: list[ExecutorRow]) -> None:
        self.all_rows = rows
        self._apply_search()
        self.table.resizeColumnsToContents()

    def _apply_search(self) -> None:
        selected = self.selected_executor()
        words = self.search.text().casefold().split()
        rows = [
            r
            for r in self.all_rows
            if all(
                any(w in field.casefold() for field in (r.code, r.name_ru, r.name_kk, r.name_en))
                for w in words
            )
        ]
        self.model.set_rows(rows)
        if selected is not None:
            self.select_executor(selected.id)
        self._update_buttons()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("executor", "assignment", "decision"):
            self.refresh()

    def _update_buttons(self) -> None:
        has = self.selected_executor() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def selected_executor(self) -> ExecutorRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_executor(self, executor_id: int) -> None:
        for row, executor in enumerate(self.model.rows):
            if executor.id == executor_id:
                self.table.selectRow(row)
                return

    def new_executor(self) -> None:
        ExecutorEditor(self.context, None, self).exec()

    def edit_selected(self) -> None:
        executor = self.selected_executor()
        if executor is not None:
            ExecutorEditor(self.context, executor, self).exec()

    def delete_selected(self) -> None:
        executor = self.selected_executor()
        if executor is None or not confirm_delete(
            self, _("Delete “{name}”? This cannot be undone.").format(name=executor.name())
        ):
            return

        def work(_handle: object) -> Changes:
            with self.context.database.session() as session:
                return directory.delete_executor(session, executor.id)

        self.context.runner.run(work, self.context.bus.announce, lambda e: present_error(self, e), write=True)


FIELD_LABELS = {
    "kind": N_("Kind:"),
    "code": N_("ISO code:"),
    "country": N_("Country:"),
    "region_kind": N_("Type of region:"),
    "name_ru": N_("Name in Russian:"),
    "name_kk": N_("Name in Kazakh:"),
    "name_en": N_("Name in English:"),
    "is_border": N_("Border region:"),
}


class ExecutorEditor(QDialog):
    """Add or correct a region or agency; messages appear beside the field they are about."""

    def __init__(
        self, context: AppContext, executor: ExecutorRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.executor = executor
        self.errors = FieldErrors()
        self.kind = QComboBox()
        for kind in ExecutorKind:
            self.kind.addItem("", kind.value)
        self.code = QLineEdit()
        self.code.setPlaceholderText("KZ-63, RU-ORE")
        self.country = QComboBox()
        self.country.addItem("", "")
        for country in Country:
            self.country.addItem("", country.value)
        self.region_kind = QLineEdit()
        self.name_ru = QLineEdit()
        self.name_kk = QLineEdit()
        self.name_en = QLineEdit()
        self.is_border = QCheckBox()
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        editors: dict[str, QWidget] = {
            "kind": self.kind,
            "code": self.code,
            "country": self.country,
            "region_kind": self.region_kind,
            "name_ru": self.name_ru,
            "name_kk": self.name_kk,
            "name_en": self.name_en,
            "is_border": self.is_border,
        }
        for field, editor in editors.items():
            label = QLabel()
            label.setBuddy(editor)
            self.labels[field] = label
            form.addRow(label, editor)
            form.addRow("", self.errors.label_for(field, editor))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if executor is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(executor.kind)))
            self.code.setText(executor.code)
            self.country.setCurrentIndex(max(0, self.country.findData(executor.country)))
            self.region_kind.setText(executor.region_kind)
            self.name_ru.setText(executor.name_ru)
            self.name_kk.setText(executor.name_kk)
            self.name_en.setText(executor.name_en)
            self.is_border.setChecked(executor.is_border)
        context.bus.language_changed.connect(self.retranslate)
        self.retranslate()
        self.resize(520, self.sizeHint().height())

    def retranslate(self) -> None:
        if self.executor is None:
            self.setWindowTitle(_("New region or agency"))
        else:
            self.setWindowTitle(self.executor.name())
        for field, text in FIELD_LABELS.items():
            self.labels[field].setText(_(text))
            self.labels[field].buddy().setAccessibleName(_(text).rstrip(":"))
        for index in range(self.kind.count()):
            self.kind.setItemText(index, ExecutorKind(self.kind.itemData(index)).label())
        self.country.setItemText(0, _("(from the code)"))
        for index in range(1, self.country.count()):
            self.country.setItemText(index, Country(self.country.itemData(index)).label())
        self.is_border.setText(_("borders the other country"))
        self.errors.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def input(self) -> directory.ExecutorInput:
        return directory.ExecutorInput(
            kind=ExecutorKind(self.kind.currentData()),
            name_ru=self.name_ru.text(),
            name_kk=self.name_kk.text(),
            name_en=self.name_en.text(),
            code=self.code.text(),
            country=str(self.country.currentData() or ""),
            region_kind=self.region_kind.text(),
            is_border=self.is_border.isChecked(),
        )

    def save(self) -> None:
        self.errors.clear()
        data = self.input()
        executor = self.executor

        def work(_handle: object) -> Changes:
            with self.context.database.session() as session:
                if executor is None:
                    return directory.create_executor(session, data)[1]
                return directory.update_executor(
                    session, executor.id, data, expected_version=executor.version
                )

        self.buttons.setEnabled(False)
        self.context.runner.run(work, self._saved, self._failed, write=True)

    def _saved(self, changes: Changes) -> None:
        self.buttons.setEnabled(True)
        self.context.bus.announce(changes)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationError) and self.errors.show(error):
            return
        present_error(self, error)
