"""Small pieces every part of the decision editor uses: the text languages, error labels under
fields, status boxes and executor names."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from secretariat_app.core.enums import Status
from secretariat_app.core.i18n import N_, _
from secretariat_app.core.names import name_in
from secretariat_app.core.services.decision_snapshot import AssignmentRow, ExecutorChoice
from secretariat_app.ui.icons import status_icon

#: the languages a decision's text is written in, side by side
TEXT_LANGS = ("ru", "kk")
ERROR_STYLE = "color: #c62828;"
#: the text languages named in the interface language (Орысша in Kazakh, Russian in English)
LANGUAGE_TITLES = {"ru": N_("Russian"), "kk": N_("Kazakh"), "en": N_("English")}
#: the two statuses of a decision, in the clerk's words (the rule: core.rules.decision_status)
RECORDED_STATUS = N_("Status as recorded by the secretariat")
REPORTED_STATUS = N_("Status from the executors' reports")


def error_label() -> QLabel:
    """A red message under a field, hidden until there is something to say."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText("⚠ " + message)
    label.show()


def executor_label(choice: ExecutorChoice | AssignmentRow, lang: str) -> str:
    return name_in(choice.names, lang)


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


def language_title(lang: str) -> str:
    """A text language's name in the interface language."""
    return _(LANGUAGE_TITLES[lang])
