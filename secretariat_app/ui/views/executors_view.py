"""The "Regions & agencies" page: the directory of executors, sorted by the interface language's
alphabet, with how many decisions each is assigned, and the editor for one executor."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QWidget

from secretariat_app.core.enums import Country, ExecutorKind
from secretariat_app.core.i18n import N_, _, get_language, sort_key
from secretariat_app.core.names import name_in
from secretariat_app.core.services import directory
from secretariat_app.core.services.dashboard_data import decisions_per_executor
from secretariat_app.ui.context import AppContext
from secretariat_app.ui.views.common import Column
from secretariat_app.ui.views.directory_page import DirectoryPage, EditorDialog


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
    #: whom letters address: the :data:`directory.ADDRESSEE_FIELDS` by name
    addressee: dict[str, str] = field(default_factory=dict)

    def name(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        return name_in({"ru": self.name_ru, "kk": self.name_kk, "en": self.name_en}, lang)


def load_executor_rows(context: AppContext) -> list[ExecutorRow]:
    """Runs on a worker: the directory with each executor's number of assigned decisions."""
    with context.database.reader() as session:
        counts = decisions_per_executor(session)
        return [
            ExecutorRow(
                e.id, e.kind, e.code or "", e.country or "", e.region_kind, e.name_ru, e.name_kk,
                e.name_en, e.is_border, e.version, counts.get(e.id, 0),
                {name: getattr(e, name) for name, _length in directory.ADDRESSEE_FIELDS},
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


class ExecutorsView(DirectoryPage[ExecutorRow]):
    """Regions & agencies: find, add, correct, delete."""

    title_text = N_("Regions & agencies")
    refresh_on = ("executor", "assignment", "decision")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, EXECUTOR_COLUMNS, load_executor_rows, directory.delete_executor, parent)

    def arrange_columns(self, header: QHeaderView) -> None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

    def add_tools(self, top: QHBoxLayout) -> None:
        self.all_rows: list[ExecutorRow] = []  # as loaded; the model holds those the search finds
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_search)
        top.addWidget(self.search, 1)

    def retranslate(self) -> None:
        super().retranslate()
        self.search.setPlaceholderText(_("Find by name or code…"))
        self.search.setAccessibleName(_("Find a region or agency"))
        # names and their alphabet follow the interface language: sort again
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.table.resizeColumnsToContents()

    def show_rows(self, rows: list[ExecutorRow]) -> None:
        self.all_rows = rows
        self._apply_search()
        self.table.resizeColumnsToContents()

    def _apply_search(self) -> None:
        words = self.search.text().casefold().split()
        self.set_rows(
            [
                r
                for r in self.all_rows
                if all(
                    any(w in field.casefold() for field in (r.code, r.name_ru, r.name_kk, r.name_en))
                    for w in words
                )
            ]
        )

    def selected_executor(self) -> ExecutorRow | None:
        return self.selected_row()

    def open_editor(self, row: ExecutorRow | None) -> None:
        ExecutorEditor(self.context, row, self).exec()

    def delete_question(self, row: ExecutorRow) -> str:
        return _("Delete “{name}”? This cannot be undone.").format(name=row.name())


FIELD_LABELS = {
    "kind": N_("Kind:"),
    "code": N_("ISO code:"),
    "country": N_("Country:"),
    "region_kind": N_("Type of region:"),
    "name_ru": N_("Name in Russian:"),
    "name_kk": N_("Name in Kazakh:"),
    "name_en": N_("Name in English:"),
    "is_border": N_("Border region:"),
    "addressee_position_ru": N_("Letters to, position (Russian):"),
    "addressee_name_ru": N_("Letters to, name (Russian):"),
    "salutation_ru": N_("Salutation (Russian):"),
    "addressee_position_kk": N_("Letters to, position (Kazakh):"),
    "addressee_name_kk": N_("Letters to, name (Kazakh):"),
    "salutation_kk": N_("Salutation (Kazakh):"),
}

#: Examples of the addressee's fields as the letters print them.
ADDRESSEE_EXAMPLES = {
    "addressee_position_ru": "Губернатору Оренбургской области",
    "addressee_name_ru": "Е.В. Солнцеву",
    "salutation_ru": "Уважаемый Евгений Васильевич!",
    "addressee_position_kk": "Орынбор облысының губернаторы",
    "addressee_name_kk": "Е.В. Солнцевке",
    "salutation_kk": "Құрметті Евгений Васильевич!",
}


class ExecutorEditor(EditorDialog[ExecutorRow, directory.ExecutorInput]):
    """Add or correct a region or agency; messages appear beside the field they are about."""

    field_labels = FIELD_LABELS

    def __init__(
        self, context: AppContext, executor: ExecutorRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, executor, directory.create_executor, directory.update_executor, parent)
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
        self.add_field("kind", self.kind)
        self.add_field("code", self.code)
        self.add_field("country", self.country)
        self.add_field("region_kind", self.region_kind)
        self.add_field("name_ru", self.name_ru)
        self.add_field("name_kk", self.name_kk)
        self.add_field("name_en", self.name_en)
        self.add_field("is_border", self.is_border)
        self.addressee: dict[str, QLineEdit] = {}
        for name, example in ADDRESSEE_EXAMPLES.items():
            self.addressee[name] = QLineEdit()
            self.addressee[name].setPlaceholderText(example)
            self.add_field(name, self.addressee[name])
        if executor is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(executor.kind)))
            self.code.setText(executor.code)
            self.country.setCurrentIndex(max(0, self.country.findData(executor.country)))
            self.region_kind.setText(executor.region_kind)
            self.name_ru.setText(executor.name_ru)
            self.name_kk.setText(executor.name_kk)
            self.name_en.setText(executor.name_en)
            self.is_border.setChecked(executor.is_border)
            for name, editor in self.addressee.items():
                editor.setText(executor.addressee.get(name, ""))
        self.finish(520)

    def window_title(self) -> str:
        return _("New region or agency") if self.record is None else self.record.name()

    def retranslate(self) -> None:
        super().retranslate()
        for index in range(self.kind.count()):
            self.kind.setItemText(index, ExecutorKind(self.kind.itemData(index)).label())
        self.country.setItemText(0, _("(from the code)"))
        for index in range(1, self.country.count()):
            self.country.setItemText(index, Country(self.country.itemData(index)).label())
        self.is_border.setText(_("borders the other country"))

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
            **{name: editor.text() for name, editor in self.addressee.items()},
        )
