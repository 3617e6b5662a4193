"""The decision's own fields: forum, code, sector, deadline (and why it changes), the status the
secretariat recorded beside the one that follows from the executors, and the texts in Russian and
Kazakh side by side."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from secretariat_app.core.enums import Status
from secretariat_app.core.i18n import _, get_language, roman
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import Choices, DecisionSnapshot
from secretariat_app.core.services.decisions import DecisionInput
from secretariat_app.ui import settings as window_state
from secretariat_app.ui.editor.common import (
    RECORDED_STATUS,
    REPORTED_STATUS,
    TEXT_LANGS,
    error_label,
    language_title,
    retranslate_status_combo,
    status_combo,
)
from secretariat_app.ui.widgets.date_field import DateField

FIELDS = ("forum", "code", "sector", "deadline", "deadline_reason", "status")


class DecisionForm(QWidget):
    """The fields; ``edited`` whenever the clerk changes one, ``translation_checked(lang)`` when
    the clerk confirms a translation flagged as outdated."""

    edited = Signal()
    translation_checked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forum = QComboBox()
        self.code = QLineEdit()
        self.code.setMaximumWidth(120)
        self.sector = QComboBox()
        self.deadline = DateField(optional=True)  # empty: no deadline
        self.deadline_reason = QLineEdit()
        self.deadline_reason_label = QLabel()
        self.status = status_combo()
        self.effective_status = QLabel()
        self.errors: dict[str, QLabel] = {name: error_label() for name in FIELDS}
        self.errors.update({f"text_{lang}": error_label() for lang in TEXT_LANGS})
        self.labels: dict[str, QLabel] = {
            name: QLabel() for name in ("forum", "code", "sector", "deadline", "status", "effective")
        }
        self.choices = Choices([], [], [])
        #: the deadline as saved; a different one needs a reason
        self.saved_deadline: dt.date | None = None

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
        grid.addWidget(self.labels["deadline"], 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.deadline, 2, 1)
        grid.addWidget(self.errors["deadline"], 3, 1, 1, 5)
        # the two statuses on a row of their own: their labels are long in every language
        statuses = QHBoxLayout()
        statuses.addWidget(self.labels["status"])
        statuses.addWidget(self.status)
        statuses.addSpacing(24)
        statuses.addWidget(self.labels["effective"])
        statuses.addWidget(self.effective_status, 1)
        grid.addLayout(statuses, 4, 0, 1, 6)
        grid.addWidget(self.errors["status"], 5, 0, 1, 6)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.deadline_reason_label)
        reason_row.addWidget(self.deadline_reason, 1)
        grid.addLayout(reason_row, 6, 0, 1, 6)
        grid.addWidget(self.errors["deadline_reason"], 7, 0, 1, 6)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(5, 2)

        self.texts: dict[str, QPlainTextEdit] = {}
        self.text_labels: dict[str, QLabel] = {}
        self.outdated_banners: dict[str, QWidget] = {}
        self.outdated_labels: dict[str, QLabel] = {}
        self.checked_buttons: dict[str, QPushButton] = {}
        self.texts_splitter = QSplitter(Qt.Orientation.Horizontal)
        for lang in TEXT_LANGS:
            self.texts_splitter.addWidget(self._text_pane(lang))
        self.texts_splitter.splitterMoved.connect(
            lambda *_: window_state.save_splitter(self.texts_splitter, window_state.EDITOR_TEXT_SPLITTER)
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.texts_splitter, 1)

        for widget in (self.forum, self.sector, self.status):
            widget.currentIndexChanged.connect(self.edited)
        self.code.textEdited.connect(self.edited)
        self.deadline.dateChanged.connect(self._deadline_edited)
        self.deadline_reason.textEdited.connect(self.edited)
        for edit in self.texts.values():
            edit.textChanged.connect(self.edited)
        self.setTabOrder(self.forum, self.code)
        self.setTabOrder(self.code, self.sector)
        self.setTabOrder(self.sector, self.deadline)
        self.setTabOrder(self.deadline, self.status)
        self.setTabOrder(self.status, self.texts["ru"])
        self.setTabOrder(self.texts["ru"], self.texts["kk"])
        self.update_reason()

    def _text_pane(self, lang: str) -> QWidget:
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
        self.checked_buttons[lang].clicked.connect(lambda _c=False: self.translation_checked.emit(lang))
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
        return pane

    def _deadline_edited(self, *_args: object) -> None:
        self.update_reason()
        self.edited.emit()

    def deadline_value(self) -> dt.date | None:
        return self.deadline.date()

    def update_reason(self) -> None:
        """The reason field shows when a saved deadline is being changed."""
        changed = self.saved_deadline is not None and self.deadline_value() != self.saved_deadline
        self.deadline_reason.setVisible(changed)
        self.deadline_reason_label.setVisible(changed)

    def retranslate(self) -> None:
        for name, text in (
            ("forum", _("Forum:")),
            ("code", _("Code:")),
            ("sector", _("Sector:")),
            ("deadline", _("Deadline:")),
            ("status", _("Status as recorded by the secretariat:")),
            ("effective", _("Status from the executors' reports:")),
        ):
            self.labels[name].setText(text)
        closing = {
            "implemented": Status.IMPLEMENTED.label(),
            "cancelled": Status.CANCELLED.label(),
            "information": Status.FOR_INFORMATION.label(),
        }
        recorded_rule = _(
            "What the secretariat records for the decision as a whole. “{implemented}”, “{cancelled}” "
            "and “{information}” recorded here decide the decision's status whatever the executors "
            "report; any other value counts only while nobody is assigned."
        ).format(**closing)
        reported_rule = _(
            "The status that counts in the lists, the dashboard and the reports. It follows the "
            "executors' own statuses: all implemented — implemented; some implemented, fully or "
            "partly — partially implemented; any in progress — in progress; executors whose part "
            "is cancelled are left out. “{implemented}”, “{cancelled}” or “{information}” recorded "
            "by the secretariat comes first."
        ).format(**closing)
        for widget, rule in (
            (self.labels["status"], recorded_rule),
            (self.status, recorded_rule),
            (self.labels["effective"], reported_rule),
            (self.effective_status, reported_rule),
        ):
            widget.setToolTip(rule)
        self.labels["forum"].setBuddy(self.forum)
        self.labels["code"].setBuddy(self.code)
        self.labels["sector"].setBuddy(self.sector)
        self.labels["deadline"].setBuddy(self.deadline)
        self.labels["status"].setBuddy(self.status)
        self.deadline.retranslate()
        self.deadline_reason_label.setText(_("Why does the deadline change?"))
        named: tuple[tuple[QWidget, str], ...] = (
            (self.forum, _("Forum")),
            (self.code, _("Code")),
            (self.sector, _("Sector")),
            (self.deadline, _("Deadline (empty: no deadline)")),
            (self.deadline_reason, _("Reason for the deadline change")),
            (self.status, _(RECORDED_STATUS)),
            (self.effective_status, _(REPORTED_STATUS)),
        )
        for named_widget, name in named:
            named_widget.setAccessibleName(name)
        for text_lang in TEXT_LANGS:
            name = _("Text in {language}").format(language=language_title(text_lang))
            self.text_labels[text_lang].setText(f"<b>{name}</b>")
            self.texts[text_lang].setAccessibleName(name)
            self.outdated_labels[text_lang].setText(
                "⚠ " + _("The translation may be outdated: the text in the other language was changed.")
            )
            self.checked_buttons[text_lang].setText(_("Translation checked"))
            self.checked_buttons[text_lang].setAccessibleName(
                _("Translation checked ({language})").format(language=language_title(text_lang))
            )
        retranslate_status_combo(self.status)
        self.fill_choices(self.choices, keep=True)

    def fill_choices(self, choices: Choices, keep: bool) -> None:
        """The forums and sectors offered (signals held: filling is not an edit)."""
        self.choices = choices
        lang = get_language()
        forum_id, sector_code = self.forum.currentData(), self.sector.currentData()
        for box in (self.forum, self.sector):
            box.blockSignals(True)
        try:
            self.forum.clear()
            for forum in choices.forums:
                self.forum.addItem(
                    f"{roman(forum.number)} — {forum.city_in(lang)}, {forum.start_date.year}", forum.id
                )
            metrics = self.forum.fontMetrics()
            longest = max(
                (metrics.horizontalAdvance(self.forum.itemText(i)) for i in range(self.forum.count())),
                default=0,
            )
            self.forum.setMinimumWidth(longest + 48)  # room for the arrow: the city is never cut
            self.sector.clear()
            for code, names in choices.sectors:
                self.sector.addItem(name_in(names, lang), code)
            if keep:
                self.forum.setCurrentIndex(max(self.forum.findData(forum_id), 0))
                self.sector.setCurrentIndex(max(self.sector.findData(sector_code), 0))
        finally:
            for box in (self.forum, self.sector):
                box.blockSignals(False)

    def show_snapshot(self, snapshot: DecisionSnapshot) -> None:
        """A saved version of the decision, replacing what was typed."""
        self.saved_deadline = snapshot.deadline
        self.forum.setCurrentIndex(max(self.forum.findData(snapshot.forum_id), 0))
        self.code.setText(snapshot.code)
        self.sector.setCurrentIndex(max(self.sector.findData(snapshot.sector_code), 0))
        self.deadline.setDate(snapshot.deadline)
        self.deadline_reason.clear()
        self.set_own_status(snapshot.own_status)
        self.show_effective_status(snapshot.status)
        for lang in TEXT_LANGS:
            self.texts[lang].setPlainText(snapshot.texts.get(lang, ""))
            self.outdated_banners[lang].setVisible(snapshot.outdated.get(lang, False))
        self.update_reason()

    def start_new(self, sector: str, forum_id: int | None = None) -> None:
        """An empty form for a new decision of ``forum_id`` (the latest forum if none)."""
        self.saved_deadline = None
        position = self.forum.findData(forum_id) if forum_id is not None else -1
        self.forum.setCurrentIndex(position if position >= 0 else self.forum.count() - 1)
        self.code.clear()
        self.deadline.setDate(None)
        self.deadline_reason.clear()
        self.sector.setCurrentIndex(max(self.sector.findData(sector), 0))
        self.set_own_status(Status.NOT_STARTED)
        self.effective_status.setText("—")
        for lang in TEXT_LANGS:
            self.texts[lang].clear()
            self.outdated_banners[lang].hide()
        self.update_reason()

    def set_own_status(self, status: Status) -> None:
        self.status.setCurrentIndex(max(self.status.findData(status.value), 0))

    def show_effective_status(self, status: Status) -> None:
        self.effective_status.setText(f"{status.symbol} {status.label()}")

    def decision_input(self) -> DecisionInput:
        return DecisionInput(
            forum_id=self.forum.currentData() or 0,
            code=self.code.text(),
            texts={lang: self.texts[lang].toPlainText() for lang in TEXT_LANGS},
            sector=self.sector.currentData() or "other",
            deadline=self.deadline_value(),
            status=self.status.currentData(),
            deadline_reason=self.deadline_reason.text(),
        )

    def field_widget(self, field: str) -> QWidget | None:
        """The widget a validation error of ``field`` is about (it takes the focus)."""
        return {
            "code": self.code,
            "text_ru": self.texts["ru"],
            "texts": self.texts["ru"],
            "text_kk": self.texts["kk"],
            "deadline": self.deadline,
            "deadline_reason": self.deadline_reason,
        }.get(field)
